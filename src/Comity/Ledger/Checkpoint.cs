using System.Globalization;

namespace Comity.Ledger;

/// <summary>
/// A C2SP tlog-checkpoint: origin, tree size and root hash, signed as a C2SP signed note.
/// <see cref="Note"/> is the whole signed note, byte for byte what was signed and published.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash, string Note)
{
    /// <summary>The note text a log signs for this tree head (no extension lines).</summary>
    public static string Body(string origin, long size, ReadOnlySpan<byte> root) =>
        $"{origin}\n{size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(root)}\n";

    /// <summary>Opens a signed checkpoint: the signature must verify under <paramref name="verifier"/> and the origin must be the key's name.</summary>
    public static Checkpoint Open(string note, NoteVerifier verifier)
    {
        var text = SignedNote.Open(note, verifier);
        var checkpoint = ParseText(text, note);
        if (checkpoint.Origin != verifier.Name)
            throw new LedgerException($"the checkpoint's origin \"{checkpoint.Origin}\" is not the log key's name \"{verifier.Name}\"");
        return checkpoint;
    }

    private static Checkpoint ParseText(string text, string note)
    {
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
            throw new FormatException("a checkpoint has an origin, a tree size and a root hash, one per line");
        if (lines.Any(l => l.Length == 0))
            throw new FormatException("a checkpoint has no empty lines");
        var size = lines[1];
        if (!long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || (size.Length > 1 && size[0] == '0'))
            throw new FormatException($"checkpoint tree size \"{size}\" is not a decimal number without leading zeros");
        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw new FormatException("checkpoint root hash is not base64");
        }
        if (root.Length != Merkle.HashSize)
            throw new FormatException($"checkpoint root hash is {root.Length} bytes, not 32");
        return new Checkpoint(lines[0], n, root, note);
    }

    public override string ToString() => Note;
}
