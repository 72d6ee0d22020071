using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// A <c>law-file</c> entry: one file of a stack, recorded once by the SHA-256 of its bytes, however
/// many stack versions contain it: <c>{"recordedBy":...,"sha256":"HEX","text":"..."}</c>, or
/// <c>"base64"</c> in place of <c>"text"</c> for bytes that are not UTF-8 text (so that every
/// file comes back byte for byte). Law is public text: the entry holds no personal data.
/// </summary>
public sealed record LawFileEntry(string Sha256, byte[] Bytes, string RecordedBy)
{
    public const string Kind = "law-file";

    /// <summary>The ledger key of the file with this content hash (<see cref="LedgerEntry.Key"/>).</summary>
    public static string KeyOf(string sha256) => Kind + ":" + sha256;

    public static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteString(EntryActor.Property, RecordedBy);
        w.WriteString("sha256"u8, Sha256);
        if (AsText(Bytes) is { } text)
            w.WriteString("text"u8, text);
        else
            w.WriteBase64String("base64"u8, Bytes);
    });

    /// <summary>Reads a law-file entry and checks that its content hashes to the SHA-256 it names.</summary>
    /// <exception cref="FormatException">when the body is not a law file's, or its content does not match its hash.</exception>
    public static LawFileEntry Read(JsonElement body)
    {
        var sha256 = EntryJson.String(body, "sha256");
        byte[] bytes;
        if (body.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            bytes = Encoding.UTF8.GetBytes(text.GetString()!);
        else if (body.TryGetProperty("base64", out var b64) && b64.ValueKind == JsonValueKind.String && b64.TryGetBytesFromBase64(out var decoded))
            bytes = decoded;
        else
            throw new FormatException("a law-file entry's body has its content as \"text\" or \"base64\"");
        if (HashOf(bytes) != sha256)
            throw new FormatException($"the law file's content does not hash to the sha256 it names ({sha256})");
        return new LawFileEntry(sha256, bytes, EntryActor.Of(body));
    }

    /// <summary>The bytes as a string when they are UTF-8 text that comes back as the same bytes; null otherwise.</summary>
    private static string? AsText(byte[] bytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            return null;
        var text = Encoding.UTF8.GetString(bytes);
        return Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(bytes) ? text : null;
    }
}
