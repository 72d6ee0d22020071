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
        var output = scratch ??= new ArrayBufferWriter<byte>(4096);
        output.ResetWrittenCount();
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
        Advance(output, System.Buffers.Text.Base64.EncodeToUtf8(NextSalt(), output.GetSpan(24), out _, out var salt) == OperationStatus.Done, salt);
        output.Write("\",\"v\":1}"u8);
        // The scratch buffer stays with the thread; the document gets an array of its exact size.
        var document = output.WrittenSpan.ToArray();
        if (output.Capacity > 1 << 20)
            scratch = null;
        return document;
    }

    /// <summary>UTC with milliseconds, e.g. 2025-03-14T16:30:00.000Z: one spelling per instant.</summary>
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    [ThreadStatic]
    private static byte[]? salts;

    [ThreadStatic]
    private static int saltsUsed;

    /// <summary>
    /// 16 fresh random bytes. The system's generator is asked for 256 salts at a time: each call
    /// costs about a microsecond whatever its size. Every salt is used once, by this thread only.
    /// </summary>
    private static ReadOnlySpan<byte> NextSalt()
    {
        if (salts is null || saltsUsed == salts.Length)
        {
            salts ??= new byte[256 * SaltBytes];
            RandomNumberGenerator.Fill(salts);
            saltsUsed = 0;
        }
        var salt = salts.AsSpan(saltsUsed, SaltBytes);
        saltsUsed += SaltBytes;
        return salt;
    }

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

    private static void Ascii(ArrayBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
            span[i] = (byte)text[i];
        output.Advance(text.Length);
    }
}
