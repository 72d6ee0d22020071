using System.Text;

namespace Comity.Contract;

/// <summary>
/// Text that many requests repeat (the jurisdiction, offence codes), kept as strings so that
/// reading a request finds the string it had before instead of decoding and allocating a new one.
/// A fixed number of slots, each holding the last text that hashed to it: bounded whatever the
/// input, and safe to share between threads because an entry is never changed, only replaced.
/// Only plain ASCII is kept, whose string is the bytes as they stand.
/// </summary>
internal sealed class RecentStrings
{
    private sealed class Entry(byte[] utf8, string text)
    {
        public readonly byte[] Utf8 = utf8;
        public readonly string Text = text;
    }

    private const int Slots = 256;
    private const int Longest = 64;
    private readonly Entry?[] _slots = new Entry?[Slots];

    /// <summary>The string of <paramref name="ascii"/>, or null when it is not short plain ASCII.</summary>
    public string? Get(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > Longest || !Ascii.IsValid(ascii))
            return null;
        var hash = new HashCode();
        hash.AddBytes(ascii);
        var slot = hash.ToHashCode() & (Slots - 1);
        var entry = _slots[slot];
        if (entry is not null && ascii.SequenceEqual(entry.Utf8))
            return entry.Text;
        var text = Encoding.ASCII.GetString(ascii);
        _slots[slot] = new Entry(ascii.ToArray(), text);
        return text;
    }
}
