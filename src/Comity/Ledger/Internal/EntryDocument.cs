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
        SHA256.HashData(document, commitment);
        Merkle.LeafHashOf32(commitment, leaf);
        return document;
    }

    public static byte[] Build(LedgerEntry entry)
    {
        CheckKind(entry.Kind);
        if (entry.Corrects is < 0)
            throw new ArgumentOutOfRangeException(nameof(entry), $"an entry corrects an earlier index, not {entry.Corrects}");
        var output = new ArrayBufferWriter<byte>(entry.Body.Length + 128);
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
        {
            output.Write(",\"corrects\":"u8);
            Advance(output, corrects.TryFormat(output.GetSpan(20), out var n, default, CultureInfo.InvariantCulture), n);
        }
        output.Write(",\"kind\":\""u8);
        Advance(output, System.Text.Encoding.ASCII.TryGetBytes(entry.Kind, output.GetSpan(entry.Kind.Length), out var kind), kind);
        output.Write("\",\"recordedAt\":\""u8);
        Advance(output, entry.RecordedAt.UtcDateTime.TryFormat(output.GetSpan(24), out var time, TimeFormat, CultureInfo.InvariantCulture), time);
        output.Write("\",\"salt\":\""u8);
        Advance(output, System.Buffers.Text.Base64.EncodeToUtf8(RandomNumberGenerator.GetBytes(SaltBytes), output.GetSpan(24), out _, out var salt) == OperationStatus.Done, salt);
        output.Write("\",\"v\":1}"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>UTC with milliseconds, e.g. 2025-03-14T16:30:00.000Z: one spelling per instant.</summary>
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static void Advance(ArrayBufferWriter<byte> output, bool written, int count)
    {
        if (!written)
            throw new InvalidOperationException("an entry's envelope did not fit where it was measured to fit");
        output.Advance(count);
    }

    private static void CheckKind(string kind)
    {
        var ok = kind.Length is > 0 and <= 64 && kind[0] is >= 'a' and <= 'z';
        foreach (var c in kind)
            ok &= c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';
        if (!ok)
            throw new ArgumentException($"entry kind \"{kind}\" must be lower-case letters, digits and hyphens, starting with a letter", nameof(kind));
    }
}
