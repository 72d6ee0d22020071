using System.Text;
using CsCheck;

namespace Comity.Tests.Fuzz.Support;

/// <summary>
/// Mutated text files (rule files, exports): a seed changed by up to four edits, by bytes (flips,
/// truncations, deletions, insertions from a list of troublemakers) and by lines (duplicated,
/// swapped, dropped). Places are fractions of the input, so that shrinking keeps failures small.
/// </summary>
public sealed class TextMutants(IReadOnlyList<byte[]> seeds, IReadOnlyList<string> insertions, Gen<int>? choose = null)
{
    /// <summary>Troublemakers for any text format: byte-order marks, broken UTF-8, controls, line ends.</summary>
    public static readonly string[] Common =
    [
        "\uFEFF", "\uFEFF\uFEFF", "\r", "\n", "\r\n", "\t", "\0", "\"", "\\", "\u00e9", "\uFFFD", "\U0001F600", " ",
        new string('a', 70_000),
    ];

    /// <summary>Bytes no UTF-8 text holds: a lead byte alone, 0xFF, an overlong, an encoded surrogate, beyond U+10FFFF.</summary>
    private static readonly byte[][] Broken = [[0xC3], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];

    private abstract record Edit(double Where);
    private sealed record FlipByte(double Where, byte To) : Edit(Where);
    private sealed record Truncate(double Where) : Edit(Where);
    private sealed record Delete(double Where, int Length) : Edit(Where);
    private sealed record Insert(double Where, int What) : Edit(Where);
    private sealed record InsertBroken(double Where, int What) : Edit(Where);
    private sealed record DuplicateLine(double Where, double To) : Edit(Where);
    private sealed record SwapLines(double Where, double With) : Edit(Where);
    private sealed record DropLine(double Where) : Edit(Where);

    private static readonly Gen<double> Where = Gen.Double[0, 1];

    private Gen<Edit> Edits => Gen.Frequency(
        (2, Gen.Select(Where, Gen.Byte, (w, b) => (Edit)new FlipByte(w, b))),
        (1, Where.Select(w => (Edit)new Truncate(w))),
        (1, Gen.Select(Where, Gen.Int[1, 60], (w, n) => (Edit)new Delete(w, n))),
        (4, Gen.Select(Where, Gen.Int[0, insertions.Count + Common.Length - 1], (w, i) => (Edit)new Insert(w, i))),
        (1, Gen.Select(Where, Gen.Int[0, Broken.Length - 1], (w, i) => (Edit)new InsertBroken(w, i))),
        (1, Gen.Select(Where, Where, (w, t) => (Edit)new DuplicateLine(w, t))),
        (1, Gen.Select(Where, Where, (w, t) => (Edit)new SwapLines(w, t))),
        (1, Where.Select(w => (Edit)new DropLine(w))));

    /// <summary>Which seed (any alike, unless told how to choose), and its mutated bytes.</summary>
    public Gen<(int Seed, byte[] Text)> Files => Gen.Select(choose ?? Gen.Int[0, seeds.Count - 1], Edits.Array[0, 4],
        (seed, edits) => (seed, Apply(seeds[seed], edits)));

    private static int At(double where, int count) => ByteEdits.At(where, count);

    private byte[] Apply(byte[] seed, Edit[] edits)
    {
        var text = seed.ToList();
        foreach (var edit in edits)
        {
            if (text.Count == 0)
                break;
            switch (edit)
            {
                case FlipByte f:
                    ByteEdits.Replace(text, f.Where, f.To);
                    break;
                case Truncate t:
                    ByteEdits.Truncate(text, t.Where);
                    break;
                case Delete d:
                    ByteEdits.Delete(text, d.Where, d.Length);
                    break;
                case Insert i:
                    var what = i.What < insertions.Count ? insertions[i.What] : Common[i.What - insertions.Count];
                    text.InsertRange(i.Where < 0.05 ? 0 : At(i.Where, text.Count), Encoding.UTF8.GetBytes(what));
                    break;
                case InsertBroken b:
                    text.InsertRange(At(b.Where, text.Count), Broken[b.What]);
                    break;
                default:
                    text = EditLines(text, edit);
                    break;
            }
        }
        return [.. text];
    }

    private static List<byte> EditLines(List<byte> text, Edit edit)
    {
        var lines = Encoding.UTF8.GetString([.. text]).Split('\n').ToList();
        var line = At(edit.Where, lines.Count);
        switch (edit)
        {
            case DuplicateLine d:
                lines.Insert(At(d.To, lines.Count), lines[line]);
                break;
            case SwapLines s:
                var other = At(s.With, lines.Count);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                break;
            case DropLine:
                lines.RemoveAt(line);
                break;
        }
        return [.. Encoding.UTF8.GetBytes(string.Join('\n', lines))];
    }
}
