using System.Buffers;
using System.Text.Unicode;

namespace Comity.Contract;

/// <summary>
/// Where text stops being UTF-8. System.Text.Json's reader does not check the UTF-8 inside
/// strings it only walks over, so every door that takes JSON bytes checks them first: a request
/// or a ledger entry with a broken byte is refused with its place, not recorded or crashed on.
/// </summary>
internal static class Utf8Validation
{
    /// <summary>The index of the first byte that is not part of valid UTF-8, or -1 when all is valid.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> span)
    {
        if (Utf8.IsValid(span))
            return -1;
        Span<char> scratch = stackalloc char[256];
        var at = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(span[at..], scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            at += read;
            if (status != OperationStatus.DestinationTooSmall)
                return at;
        }
    }

    /// <summary>The 1-based line and byte column of <paramref name="index"/>, as the JSON reader's errors count them.</summary>
    public static (int Line, int Column) Position(ReadOnlySpan<byte> span, int index)
    {
        var before = span[..index];
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, index - lastNewline);
    }
}
