using System.Buffers.Binary;
using System.Text;

namespace Comity.Ledger;

/// <summary>
/// A C2SP signed note: text ending in a newline, a blank line, then lines
/// <c>— name base64(keyID || signature)</c>. <see cref="Open"/> checks the note the way
/// golang.org/x/mod/sumdb/note's Open does: signatures by unknown keys are ignored, a signature by
/// the known key must verify, and at least one must.
/// </summary>
public static class SignedNote
{
    private const string SignaturePrefix = "\u2014 ";

    /// <summary>The signature line for <paramref name="text"/> (which must end in a newline).</summary>
    internal static string SignatureLine(string name, uint keyId, ReadOnlySpan<byte> signature)
    {
        var bytes = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, keyId);
        signature.CopyTo(bytes.AsSpan(4));
        return $"{SignaturePrefix}{name} {Convert.ToBase64String(bytes)}\n";
    }

    /// <summary>
    /// The verified text of <paramref name="note"/>, or an error that says what is wrong: malformed,
    /// not signed by the key, or a signature by the key that does not verify.
    /// </summary>
    public static string Open(string note, NoteVerifier verifier)
    {
        foreach (var c in note)
            if (c < 0x20 && c != '\n')
                throw new FormatException("a signed note has no control characters other than newline");
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
            throw new FormatException("a signed note has a blank line between its text and its signatures");
        var text = note[..(split + 1)];
        var signatures = note[(split + 2)..];
        if (signatures.Length == 0 || signatures[^1] != '\n')
            throw new FormatException("a signed note ends with signature lines, each ending in a newline");
        var textBytes = Encoding.UTF8.GetBytes(text);
        var verified = false;
        foreach (var line in signatures[..^1].Split('\n'))
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
                throw new FormatException($"signature line \"{line}\" does not start with an em dash and a space");
            var rest = line[SignaturePrefix.Length..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            var name = space < 0 ? rest : rest[..space];
            var base64 = space < 0 ? "" : rest[(space + 1)..];
            byte[] signature;
            try
            {
                signature = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                throw new FormatException($"the signature by {name} is not base64");
            }
            if (!NoteVerifier.IsValidName(name) || base64.Length == 0 || signature.Length < 5)
                throw new FormatException($"signature line \"{line}\" is malformed");
            if (Convert.ToBase64String(signature) != base64)
                throw new FormatException($"the signature by {name} is not in canonical base64"); // else two spellings of one note would both pass
            if (name != verifier.Name || BinaryPrimitives.ReadUInt32BigEndian(signature) != verifier.KeyId)
                continue; // another key's signature (a witness, a rotated key): not ours to judge
            if (!verifier.Verify(textBytes, signature.AsSpan(4)))
                throw new LedgerException($"the signature by {name}+{verifier.KeyId:x8} does not verify: the note was altered or signed by another key");
            verified = true;
        }
        if (!verified)
            throw new LedgerException($"the note is not signed by {verifier.Name}+{verifier.KeyId:x8}");
        return text;
    }
}
