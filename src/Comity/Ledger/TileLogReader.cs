using System.Buffers.Binary;
using Comity.Ledger.Internal;

namespace Comity.Ledger;

/// <summary>
/// Reads a log published as C2SP tlog-tiles and trusts nothing it has not authenticated: the
/// checkpoint by the log's key; the rightmost (partial) tile of each level by recomputing the
/// checkpoint's root from them; every other tile by its hash in the authenticated tile above;
/// entry bundles by their level-0 tile. A tile that fails is reported by its path.
/// </summary>
public sealed class TileLogReader
{
    private readonly Func<string, byte[]> fetch;
    private readonly Dictionary<(int Level, long Index), byte[]> authenticated = [];

    private TileLogReader(Func<string, byte[]> fetch, Checkpoint checkpoint)
    {
        this.fetch = fetch;
        Checkpoint = checkpoint;
    }

    public Checkpoint Checkpoint { get; }

    /// <summary>Opens the tiles in a folder (what <see cref="TransparencyLog.ExportTiles"/> writes).</summary>
    public static TileLogReader Open(string directory, NoteVerifier logKey) =>
        Open(path => File.ReadAllBytes(Path.Combine([directory, .. path.Split('/')])), logKey);

    /// <summary>Opens tiles from any source (<paramref name="fetch"/> maps a tile path such as <c>tile/0/001</c> to its bytes).</summary>
    public static TileLogReader Open(Func<string, byte[]> fetch, NoteVerifier logKey)
    {
        var checkpoint = Ledger.Checkpoint.Open(System.Text.Encoding.UTF8.GetString(fetch("checkpoint")), logKey);
        var reader = new TileLogReader(fetch, checkpoint);
        reader.AuthenticateRightEdge();
        return reader;
    }

    /// <summary>The authenticated leaf hash of entry <paramref name="index"/>.</summary>
    public byte[] LeafHash(long index)
    {
        CheckIndex(index);
        var tile = Tile(0, index / TilePath.Width);
        return tile.AsSpan((int)(index % TilePath.Width) * Merkle.HashSize, Merkle.HashSize).ToArray();
    }

    /// <summary>The authenticated leaf data of entry <paramref name="index"/>: the 32-byte commitment to its entry document.</summary>
    public byte[] Commitment(long index)
    {
        CheckIndex(index);
        var n = index / TilePath.Width;
        var hashes = Tile(0, n);
        var width = hashes.Length / Merkle.HashSize;
        var path = TilePath.Entries(n, width);
        var bundle = fetch(path);
        byte[]? found = null;
        var at = 0;
        Span<byte> leaf = stackalloc byte[Merkle.HashSize];
        for (var i = 0; i < width; i++)
        {
            if (at + 2 > bundle.Length)
                throw new LedgerException($"{path} holds {i} entries, not {width}");
            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at));
            if (at + 2 + length > bundle.Length)
                throw new LedgerException($"{path}: entry {i} runs past the end of the bundle");
            var data = bundle.AsSpan(at + 2, length);
            Merkle.LeafHash(data, leaf);
            if (!leaf.SequenceEqual(hashes.AsSpan(i * Merkle.HashSize, Merkle.HashSize)))
                throw new LedgerException($"{path}: entry {n * TilePath.Width + i} does not hash to its leaf in the authenticated level-0 tile");
            if (i == index % TilePath.Width)
                found = data.ToArray();
            at += 2 + length;
        }
        if (at != bundle.Length)
            throw new LedgerException($"{path} has bytes after its {width} entries");
        return found!;
    }

    private void CheckIndex(long index)
    {
        if (index < 0 || index >= Checkpoint.Size)
            throw new LedgerException($"entry {index} is not in the checkpointed tree of {Checkpoint.Size} entries");
    }

    /// <summary>Hashes at tile level <paramref name="level"/> (each the root of 256^level leaves) in the checkpointed tree.</summary>
    private long Count(int level) => level >= 8 ? 0 : Checkpoint.Size >> (TilePath.Height * level);

    private byte[] Tile(int level, long index)
    {
        if (authenticated.TryGetValue((level, index), out var known))
            return known;
        // Not the rightmost tile of its level (those were authenticated at open), so it is full and its hash is in the tile above.
        var path = TilePath.Hashes(level, index, TilePath.Width);
        var data = Fetch(path, TilePath.Width);
        var parent = Tile(level + 1, index / TilePath.Width);
        var slot = (int)(index % TilePath.Width);
        if (!parent.AsSpan(slot * Merkle.HashSize, Merkle.HashSize).SequenceEqual(SubtreeRoot(data, 0, TilePath.Width)))
            throw new LedgerException($"{path} does not hash to its entry in the tile above: the tile was altered");
        authenticated[(level, index)] = data;
        return data;
    }

    private void AuthenticateRightEdge()
    {
        var size = Checkpoint.Size;
        if (size == 0)
        {
            if (!Checkpoint.RootHash.AsSpan().SequenceEqual(Merkle.EmptyRoot()))
                throw new LedgerException("the checkpoint of an empty tree has the wrong root");
            return;
        }
        var edges = new Dictionary<int, byte[]>();
        for (var level = 0; Count(level) > 0; level++)
        {
            var width = (int)(Count(level) % TilePath.Width);
            if (width > 0)
                edges[level] = Fetch(TilePath.Hashes(level, Count(level) / TilePath.Width, width), width);
        }
        // The root is the fold of one complete subtree per bit of the size, highest first; the
        // subtree for bit j lies in the rightmost tile of level j / 8.
        var parts = new List<byte[]>();
        for (var bit = 62; bit >= 0; bit--)
        {
            if ((size & (1L << bit)) == 0)
                continue;
            var level = bit / TilePath.Height;
            var within = bit % TilePath.Height;
            var width = (int)(Count(level) % TilePath.Width);
            var start = (width >> (within + 1)) << (within + 1);
            parts.Add(SubtreeRoot(edges[level], start, 1 << within));
        }
        var root = parts[^1];
        for (var i = parts.Count - 2; i >= 0; i--)
            root = Merkle.NodeHash(parts[i], root);
        if (!root.AsSpan().SequenceEqual(Checkpoint.RootHash))
            throw new LedgerException("the rightmost tiles do not hash to the checkpoint's root: a tile was altered");
        foreach (var (level, data) in edges)
            authenticated[(level, Count(level) / TilePath.Width)] = data;
    }

    private byte[] Fetch(string path, int width)
    {
        byte[] data;
        try
        {
            data = fetch(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerException($"{path} cannot be read: {e.Message}", e);
        }
        if (data.Length != width * Merkle.HashSize)
            throw new LedgerException($"{path} is {data.Length} bytes, not {width * Merkle.HashSize}");
        return data;
    }

    /// <summary>The root of the complete subtree over <paramref name="count"/> (a power of two) consecutive hashes.</summary>
    private static byte[] SubtreeRoot(byte[] hashes, int start, int count)
    {
        var level = hashes.AsSpan(start * Merkle.HashSize, count * Merkle.HashSize).ToArray();
        for (var n = count; n > 1; n /= 2)
            for (var i = 0; i < n / 2; i++)
                Merkle.NodeHash(level.AsSpan(2 * i * Merkle.HashSize, Merkle.HashSize), level.AsSpan((2 * i + 1) * Merkle.HashSize, Merkle.HashSize), level.AsSpan(i * Merkle.HashSize, Merkle.HashSize));
        return level[..Merkle.HashSize];
    }
}
