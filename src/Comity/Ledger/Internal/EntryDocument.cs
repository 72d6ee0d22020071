using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace Comity.Ledger.Internal;

/// <summary>
/// Builds an entry's canonical document (see <see cref="RecordedEntry"/>) directly in RFC 8785
/// form: the envelope's properties are written already sorted, the body is canonicalized.
/// </summary>
internal static class EntryDocument
{
    public const int SaltBytes = 16;

    /// <summary>The entry's canonical document, with its leaf hash SHA-256(0x00 || SHA-256(document)) written to <paramref name="leaf"/>.</summary>
    public static byte[] Prepare(LedgerEntry entry, Span<byte> leaf)
    {
        var document = Build(entry);
        Span<byte> commitment = stackalloc byte[Merkle.HashSize];
        Sha256.Hash(document, commitment);
        Merkle.LeafHashOf32(commitment, leaf);
        return document;
    }

    public static byte[] Build(LedgerEntry entry)
    {
        CheckKind(entry.Kind);
        if (entry.Corrects is < 0)
            throw new ArgumentOutOfRangeException(nameof(entry), $"an entry corrects an earlier index, not {entry.Corrects}");
        var output = new ArrayBufferWriter<byte>(entry.Body.Length + 160);
        output.Write("{\"body\":"u8);
        try
        {
            JsonCanonicalizer.Canonicalize(entry.Body.Span, output);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw new ArgumentException($"the {entry.Kind} entry's body is not I-JSON: {e.Message}", nameof(entry), e);
        }
        if (entry.Corrects is { } corrects)
            Ascii(output, ",\"corrects\":" + corrects.ToString(CultureInfo.InvariantCulture));
        Ascii(output, ",\"kind\":\"" + entry.Kind + "\"");
        Ascii(output, ",\"recordedAt\":\"" + FormatTime(entry.RecordedAt) + "\"");
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        Ascii(output, ",\"salt\":\"" + Convert.ToBase64String(salt) + "\",\"v\":1}");
        return output.WrittenSpan.ToArray();
    }

    /// <summary>UTC with milliseconds, e.g. 2025-03-14T16:30:00.000Z: one spelling per instant.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void CheckKind(string kind)
    {
        var ok = kind.Length is > 0 and <= 64 && kind[0] is >= 'a' and <= 'z';
        foreach (var c in kind)
            ok &= c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';
        if (!ok)
            throw new ArgumentException($"entry kind \"{kind}\" must be lower-case letters, digits and hyphens, starting with a letter", nameof(kind));
    }

    private static void Ascii(ArrayBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
            span[i] = (byte)text[i];
        output.Advance(text.Length);
    }
}
