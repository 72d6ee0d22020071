using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Comity.Disclosure.Internal;

/// <summary>
/// Splits RFC 4180 CSV into records and fields without copying them: after <see cref="Next"/>,
/// field k of the record is <c>Window.Span(Start(k), End(k) - Start(k))</c>, raw (a quoted field keeps its quotes
/// and doubled quotes). It looks only at the four bytes that matter (, " CR LF), found 64 at a
/// time with vector compares; everything between them is skipped. Only quotes and line ends are
/// handled one at a time: the commas before them are taken all at once, and inside quotes it jumps
/// from quote to quote. Strict, because a firewall must not guess where a field ends: a quote
/// inside an unquoted field, anything but a separator after a closing quote, a carriage return
/// without a line feed, and a quoted field still open at the end of the file are errors with line
/// and column.
/// </summary>
internal sealed class CsvScanner
{
    private const int Block = 64;

    private readonly InputWindow _window;
    private int[] _ends = new int[64];
    private int _count;
    private int _recordStart;
    private int _next;          // where the next record starts
    private int _scan;          // where the next block load starts
    private int _block;         // where the block of _mask starts
    private ulong _mask;        // specials of the current block not yet handled
    private ulong _stops;       // the current block's quotes, CRs and LFs
    private ulong _quotes;      // the current block's quotes
    private int _skipTo;        // positions below this were consumed as the second byte of "" or CR LF
    private int _limit;         // specials at or after this are not handled yet: one byte of lookahead must be read
    private bool _inQuotes;
    private int _quoteOpen;

    public CsvScanner(InputWindow window)
    {
        _window = window;
        _next = _scan = _skipTo = window.TextStart;
        _limit = Limit();
    }

    public InputWindow Window => _window;

    /// <summary>Fields in the current record.</summary>
    public int Count => _count;

    /// <summary>Where the current record starts in the window.</summary>
    public int RecordStart => _recordStart;

    /// <summary>The current record's terminator: 2 for CR LF, 1 for LF, 0 at the end of the file.</summary>
    public int Terminator { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Start(int field) => field == 0 ? _recordStart : _ends[field - 1] + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int End(int field) => _ends[field];

    /// <summary>Reads the next record; false at the end of the file.</summary>
    /// <exception cref="DisclosureException">when the CSV is malformed or not UTF-8 text.</exception>
    // Compiled fully optimized at once: through tiering, the first seconds of a cut ran unoptimized
    // code (and the vector compares as calls) while the background compile waited for the one core.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next()
    {
        _recordStart = _next;
        // The hot state lives in locals while the loop runs and goes back to the fields only when
        // the loop leaves it (a record found, more input needed, an error).
        ref var buffer = ref _window.Data;
        var mask = _mask;
        var stops = _stops;
        var quotes = _quotes;
        var block = _block;
        var scan = _scan;
        var limit = _limit;
        var ends = _ends;
        var count = 0;
        var inQuotes = false;
        while (true)
        {
            if (!inQuotes)
            {
                // Every special before the first quote, CR or LF is a comma: all end fields, taken
                // at once (most of a record's specials are commas; a branch on each one's kind cost
                // more than the rest of the loop).
                var first = mask & stops;
                var commas = mask & ((first & (0 - first)) - 1);
                if (commas != 0)
                {
                    if (ends.Length - count < Block)
                        _ends = ends = Grow(ends);
                    count = Positions(commas, block, ref MemoryMarshal.GetArrayDataReference(ends), count);
                    mask ^= commas;
                }
            }
            else
            {
                // Separators and line ends inside quotes are content: skip to the next quote.
                var quote = mask & quotes;
                mask = quote == 0 ? 0 : mask & (0 - (quote & (0 - quote)));
            }
            if (mask == 0)
            {
                if (scan >= limit)
                {
                    (_count, _scan, _inQuotes, _mask) = (count, scan, inQuotes, 0UL);
                    if (!More())
                        return AtEnd();
                    buffer = ref _window.Data;
                    (scan, limit) = (_scan, _limit);
                    continue;
                }
                block = scan;
                mask = Specials(ref Unsafe.Add(ref buffer, block), out stops, out quotes);
                if (limit - block < Block)
                {
                    mask &= (1UL << (limit - block)) - 1;
                    scan = limit;
                }
                else
                {
                    scan = block + Block;
                }
                if (_skipTo > block)
                    mask &= ~((1UL << (_skipTo - block)) - 1);
                continue;
            }
            var i = block + BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            if (inQuotes)
            {
                // A quote: inside quotes, the mask starts at the next quote.
                var after = Unsafe.Add(ref buffer, i + 1);
                if (after == '"')
                {
                    mask = Skip(i + 1, block, mask); // a doubled quote is a quote in the content
                    continue;
                }
                inQuotes = false;
                if (after is not ((byte)',' or (byte)'\n' or (byte)'\r') && !(i + 1 == _window.End && _window.Eof))
                    throw _window.Fail(i + 1, "expected a comma or the end of the line after the closing quote of a quoted field (a quote inside a quoted field is written twice: \"\")");
                continue;
            }
            var c = Unsafe.Add(ref buffer, i);
            if (c == '"')
            {
                if (i != (count == 0 ? _recordStart : ends[count - 1] + 1))
                    throw _window.Fail(i, "a quote inside an unquoted field; a field holding quotes must be quoted, with each quote written twice (\"a \"\"b\"\" c\")");
                inQuotes = true;
                _quoteOpen = i;
                continue;
            }
            var terminator = 1;
            if (c == '\r')
            {
                if (Unsafe.Add(ref buffer, i + 1) != '\n')
                    throw _window.Fail(i, "a carriage return not followed by a line feed outside quotes; lines end with LF or CR LF");
                mask = Skip(i + 1, block, mask);
                terminator = 2;
            }
            if (count == ends.Length)
                _ends = ends = Grow(ends);
            ends[count++] = i;
            (_count, _mask, _stops, _quotes, _block, _scan) = (count, mask, stops, quotes, block, scan);
            _next = i + terminator;
            Terminator = terminator;
            return true;
        }
    }

    /// <summary>
    /// Writes the position of each bit of <paramref name="bits"/> (relative to <paramref name="block"/>) at
    /// <c>ends[count..]</c>, returns the new count. Eight at a time, unconditionally (up to seven past
    /// the last, never past <c>count + 64</c>), so that the loop's exit is the only branch and is rarely mispredicted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Positions(ulong bits, int block, ref int ends, int count)
    {
        var total = count + BitOperations.PopCount(bits);
        ref var at = ref Unsafe.Add(ref ends, count);
        do
        {
            Unsafe.Add(ref at, 0) = block + BitOperations.TrailingZeroCount(bits); bits &= bits - 1;
            Unsafe.Add(ref at, 1) = block + BitOperations.TrailingZeroCount(bits); bits &= bits - 1;
            Unsafe.Add(ref at, 2) = block + BitOperations.TrailingZeroCount(bits); bits &= bits - 1;
            Unsafe.Add(ref at, 3) = block + BitOperations.TrailingZeroCount(bits); bits &= bits - 1;
            Unsafe.Add(ref at, 4) = block + BitOperations.TrailingZeroCount(bits); bits &= bits - 1;
            Unsafe.Add(ref at, 5) = block + BitOperations.TrailingZeroCount(bits); bits &= bits - 1;
            Unsafe.Add(ref at, 6) = block + BitOperations.TrailingZeroCount(bits); bits &= bits - 1;
            Unsafe.Add(ref at, 7) = block + BitOperations.TrailingZeroCount(bits); bits &= bits - 1;
            at = ref Unsafe.Add(ref at, 8);
        }
        while (bits != 0);
        return total;
    }

    /// <summary>
    /// A bit for each , " LF or CR among the <see cref="Block"/> bytes at <paramref name="at"/>; of
    /// those, the bits of " LF and CR in <paramref name="stops"/> and of " in <paramref name="quotes"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Specials(ref byte at, out ulong stops, out ulong quotes)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.LoadUnsafe(ref at);
            var q = Vector512.Equals(v, Vector512.Create((byte)'"'));
            var s = q | Vector512.Equals(v, Vector512.Create((byte)'\n')) | Vector512.Equals(v, Vector512.Create((byte)'\r'));
            quotes = q.ExtractMostSignificantBits();
            stops = s.ExtractMostSignificantBits();
            return (s | Vector512.Equals(v, Vector512.Create((byte)','))).ExtractMostSignificantBits();
        }
        var lo = Vector256.LoadUnsafe(ref at);
        var hi = Vector256.LoadUnsafe(ref Unsafe.Add(ref at, 32));
        var (sLo, qLo, aLo) = Half(lo);
        var (sHi, qHi, aHi) = Half(hi);
        quotes = qLo | ((ulong)qHi << 32);
        stops = sLo | ((ulong)sHi << 32);
        return aLo | ((ulong)aHi << 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (uint Stops, uint Quotes, uint All) Half(Vector256<byte> v)
    {
        var q = Vector256.Equals(v, Vector256.Create((byte)'"'));
        var s = q | Vector256.Equals(v, Vector256.Create((byte)'\n')) | Vector256.Equals(v, Vector256.Create((byte)'\r'));
        return (s.ExtractMostSignificantBits(), q.ExtractMostSignificantBits(), (s | Vector256.Equals(v, Vector256.Create((byte)','))).ExtractMostSignificantBits());
    }

    private static int[] Grow(int[] ends)
    {
        Array.Resize(ref ends, ends.Length * 2);
        return ends;
    }

    /// <summary>The byte at <paramref name="position"/> is consumed; its bit must not be handled.</summary>
    private ulong Skip(int position, int block, ulong mask)
    {
        _skipTo = position + 1;
        var bit = position - block;
        return bit < Block ? mask & ~(1UL << bit) : mask;
    }

    /// <summary>Reads more of the file, keeping the current record; false when there is no more.</summary>
    private bool More()
    {
        if (_window.Eof)
            return false;
        var shift = _window.Fill(_recordStart, TooLong);
        _recordStart -= shift;
        _next -= shift;
        _scan -= shift;
        _skipTo = Math.Max(_skipTo - shift, 0);
        _quoteOpen -= shift;
        for (var k = 0; k < _count; k++)
            _ends[k] -= shift;
        _limit = Limit();
        return true;
    }

    /// <summary>Specials are handled only where the byte after them has been read, or the file has ended.</summary>
    private int Limit() => _window.Eof ? _window.End : Math.Max(_window.End - 1, _window.TextStart);

    private bool AtEnd()
    {
        if (_inQuotes)
            throw _window.Fail(_quoteOpen, "this quoted field never closes: the file ends inside it (an unbalanced quote?)");
        if (_recordStart == _window.End && _count == 0)
            return false;
        // The last record, without a line end.
        if (_count == _ends.Length)
            _ends = Grow(_ends);
        _ends[_count++] = _window.End;
        _next = _window.End;
        Terminator = 0;
        return true;
    }

    private DisclosureError TooLong() => _inQuotes
        ? _window.ErrorAt(_quoteOpen, $"this quoted field does not close within {_window.MaxRecord:N0} bytes, the longest record taken (an unbalanced quote?)")
        : _window.ErrorAt(_recordStart, $"a record longer than {_window.MaxRecord:N0} bytes, the longest taken");
}
