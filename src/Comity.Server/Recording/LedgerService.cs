using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Comity.Server.Recording;

/// <summary>What the ledger gives back for an entry once it is durable: contract v1's <c>receipt</c>.</summary>
public sealed record LedgerReceipt(long Index, string LeafHash, string Checkpoint, string? Proof)
{
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("index"u8, Index);
            w.WriteString("leafHash"u8, LeafHash);
            w.WriteString("checkpoint"u8, Checkpoint);
            if (Proof is not null)
                w.WriteString("proof"u8, Proof);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}

/// <summary>
/// TEMPORARY stand-in, in memory, until the ledger (issue 5) is merged: the server's one door onto the
/// ledger. Replaced by the real, durable, signed ledger before this branch is done.
/// </summary>
public sealed class LedgerService : IDisposable
{
    private readonly List<(string Kind, byte[] Body, byte[] Leaf)> _entries = [];
    private readonly Lock _lock = new();

    public LedgerService(string dataFolder) => DataFolder = dataFolder;

    public string DataFolder { get; }

    public Task<LedgerReceipt> AppendAsync(string kind, byte[] body, long? corrects)
    {
        lock (_lock)
        {
            var leaf = SHA256.HashData([0, .. Encoding.UTF8.GetBytes(kind), .. body]);
            _entries.Add((kind, body, leaf));
            return Task.FromResult(new LedgerReceipt(_entries.Count - 1, Convert.ToBase64String(leaf), Checkpoint(), null));
        }
    }

    public long Size
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    public string Checkpoint()
    {
        lock (_lock)
            return $"comity.invalid/temporary\n{_entries.Count}\n{Convert.ToBase64String(SHA256.HashData(_entries.SelectMany(e => e.Leaf).ToArray()))}\n";
    }

    /// <summary>Whether the entry at <paramref name="index"/> holds exactly this kind and body.</summary>
    public bool Verify(long index, string kind, byte[] body)
    {
        lock (_lock)
            return index < _entries.Count && _entries[(int)index].Kind == kind && _entries[(int)index].Body.AsSpan().SequenceEqual(body);
    }

    public void Dispose()
    {
    }
}
