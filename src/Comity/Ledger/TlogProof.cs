using System.Globalization;
using System.Text;

namespace Comity.Ledger;

/// <summary>
/// A C2SP tlog-proof (<c>c2sp.org/tlog-proof@v1</c>): the entry's index, its inclusion proof and
/// the signed checkpoint it leads to. This is the receipt to hand a court: with the entry itself
/// and the log's verifier key, anyone can check it offline.
/// </summary>
public sealed record TlogProof(long Index, IReadOnlyList<byte[]> AuditPath, string Checkpoint, byte[]? Extra = null)
{
    public const string Header = "c2sp.org/tlog-proof@v1";

    public string Format()
    {
        var text = new StringBuilder(Header).Append('\n');
        if (Extra is not null)
            text.Append("extra ").Append(Convert.ToBase64String(Extra)).Append('\n');
        text.Append("index ").Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in AuditPath)
            text.Append(Convert.ToBase64String(hash)).Append('\n');
        return text.Append('\n').Append(Checkpoint).ToString();
    }

    public override string ToString() => Format();

    /// <summary>Reads a tlog-proof; a FormatException names the line that is wrong.</summary>
    public static TlogProof Parse(string text)
    {
        var position = 0;
        var number = 0;
        string NextLine()
        {
            var end = text.IndexOf('\n', position);
            if (end < 0)
                throw new FormatException($"line {number + 1}: the proof ends before its checkpoint");
            var line = text[position..end];
            position = end + 1;
            number++;
            return line;
        }

        if (NextLine() != Header)
            throw new FormatException($"line 1: a tlog proof starts with \"{Header}\"");
        var line = NextLine();
        byte[]? extra = null;
        if (line.StartsWith("extra ", StringComparison.Ordinal))
        {
            extra = Base64(line["extra ".Length..], number, "extra data");
            line = NextLine();
        }
        if (!line.StartsWith("index ", StringComparison.Ordinal))
            throw new FormatException($"line {number}: expected \"index N\"");
        var digits = line["index ".Length..];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || (digits.Length > 1 && digits[0] == '0'))
            throw new FormatException($"line {number}: index \"{digits}\" is not a decimal number without leading zeros");
        var path = new List<byte[]>();
        while ((line = NextLine()).Length > 0)
        {
            var hash = Base64(line, number, "inclusion proof hash");
            if (hash.Length != Merkle.HashSize)
                throw new FormatException($"line {number}: an inclusion proof hash is 32 bytes, not {hash.Length}");
            path.Add(hash);
        }
        return new TlogProof(index, path, text[position..], extra);
    }

    /// <summary>
    /// Checks the proof against the log's key and a leaf hash computed from the entry: the
    /// checkpoint must be signed by the key and the proof must lead from the leaf to its root.
    /// Returns the opened checkpoint; throws a LedgerException that says what failed.
    /// </summary>
    public Checkpoint Verify(NoteVerifier logKey, ReadOnlySpan<byte> leafHash)
    {
        var checkpoint = Ledger.Checkpoint.Open(Checkpoint, logKey);
        if (Index >= checkpoint.Size)
            throw new LedgerException($"entry {Index} is not in the checkpointed tree of {checkpoint.Size} entries");
        if (!Merkle.VerifyInclusion(Index, checkpoint.Size, leafHash, AuditPath, checkpoint.RootHash))
            throw new LedgerException($"the inclusion proof does not lead from this entry at index {Index} to the checkpoint's root: the entry or the proof differs from what the log recorded");
        return checkpoint;
    }

    private static byte[] Base64(string value, int line, string what)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new FormatException($"line {line}: the {what} is not base64");
        }
    }
}
