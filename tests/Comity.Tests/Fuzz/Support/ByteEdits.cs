namespace Comity.Tests.Fuzz.Support;

/// <summary>
/// The byte-level edits both mutators make (a position drawn as a fraction of the length, a byte
/// replaced, the text cut short or a run deleted), written once.
/// </summary>
internal static class ByteEdits
{
    /// <summary>The position a fraction in [0, 1] points at, in a list of <paramref name="count"/> (at least one).</summary>
    public static int At(double where, int count) => Math.Min(count - 1, (int)(where * count));

    public static void Replace(List<byte> text, double where, byte to) => text[At(where, text.Count)] = to;

    public static void Truncate(List<byte> text, double where)
    {
        var from = At(where, text.Count);
        text.RemoveRange(from, text.Count - from);
    }

    public static void Delete(List<byte> text, double where, int length)
    {
        var from = At(where, text.Count);
        text.RemoveRange(from, Math.Min(length, text.Count - from));
    }
}
