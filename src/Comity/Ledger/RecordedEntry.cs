using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Comity.Ledger;

/// <summary>
/// An entry as the ledger holds it. <see cref="Canonical"/> is the entry document, RFC 8785 JSON
/// <c>{"body":...,"corrects":N,"kind":"...","recordedAt":"...","salt":"...","v":1}</c>; it holds
/// personal data and stays in the local store. The log publishes only
/// <see cref="Commitment"/> = SHA-256(Canonical), whose leaf hash is
/// <see cref="LeafHash"/> = SHA-256(0x00 || Commitment). The random salt inside the document means
/// a guessed request cannot be confirmed by hashing it.
/// </summary>
public sealed class RecordedEntry
{
    private readonly Lazy<JsonDocument> document;

    public RecordedEntry(long index, byte[] canonical)
    {
        Index = index;
        Canonical = canonical;
        Commitment = SHA256.HashData(canonical);
        LeafHash = Merkle.LeafHash(Commitment);
        document = new Lazy<JsonDocument>(() => JsonDocument.Parse(Canonical));
    }

    public long Index { get; }
    public byte[] Canonical { get; }
    public byte[] Commitment { get; }
    public byte[] LeafHash { get; }

    public string Kind => Root.GetProperty("kind").GetString()!;
    public DateTimeOffset RecordedAt => DateTimeOffset.Parse(Root.GetProperty("recordedAt").GetString()!, CultureInfo.InvariantCulture);
    public long? Corrects => Root.TryGetProperty("corrects", out var c) ? c.GetInt64() : null;
    public JsonElement Body => Root.GetProperty("body");

    private JsonElement Root => document.Value.RootElement;
}
