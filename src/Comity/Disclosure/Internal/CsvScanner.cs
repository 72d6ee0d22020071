using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Comity.Disclosure.Internal;

/// <summary>
/// Splits RFC 4180 CSV into records and fields without copying them: after <see cref="Next"/>,
/// field k of the record is <c>Buffer[Start(k)..End(k))</c>, raw (a quoted field keeps its quotes
/// and doubled quotes). It looks only at the four bytes that matter (, " CR LF), found 32 at a
/// time with vector compares; everything between them is skipped. Strict, because a firewall must
/// not guess where a field ends: a quote inside an unquoted field, anything but a separator after
/// a closing quote, a carriage return without a line feed, and a quoted field still open at the end
/// of the file are errors with line and column.
/// </summary>
internal sealed class CsvScanner
{
    private const int Block = 32;
    private static readonly Vector256<byte> Comma = Vector256.Create((byte)',');
    private static readonly Vector256<byte> Quote = Vector256.Create((byte)'"');
    private static readonly Vector256<byte> Lf = Vector256.Create((byte)'\n');
    private static readonly Vector256<byte> Cr = Vector256.Create((byte)'\r');

    private readonly InputWindow _window;
    private int[] _ends = new int[64];
    private int _count;
    private int _recordStart;
    private int _fieldStart;
    private int _next;          // where the next record starts
    private int _scan;          // where the next block load starts
    private int _block;         // where the block of _mask starts
    private uint _mask;         // specials of the current block not yet handled
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

    public byte[] Buffer => _window.Buffer;

    /// <summary>Fields in the current record.</summary>
    public int Count => _count;

    /// <summary>Where the current record starts in <see cref="Buffer"/>.</summary>
    public int RecordStart => _recordStart;

    /// <summary>The current record's terminator: 2 for CR LF, 1 for LF, 0 at the end of the file.</summary>
    public int Terminator { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Start(int field) => field == 0 ? _recordStart : _ends[field - 1] + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int End(int field) => _ends[field];

    /// <summary>Reads the next record; false at the end of the file.</summary>
    /// <exception cref="DisclosureException">when the CSV is malformed or not UTF-8 text.</exception>
    public bool Next()
    {
        _count = 0;
        _recordStart = _fieldStart = _next;
        ref var buffer = ref MemoryMarshal.GetArrayDataReference(_window.Buffer);
        while (true)
        {
            while (_mask == 0)
            {
                if (_scan >= _limit)
                {
                    if (!More())
                        return AtEnd();
                    buffer = ref MemoryMarshal.GetArrayDataReference(_window.Buffer);
                    continue;
                }
                _block = _scan;
                var v = Vector256.LoadUnsafe(ref buffer, (nuint)_block);
                var mask = (Vector256.Equals(v, Comma) | Vector256.Equals(v, Quote) | Vector256.Equals(v, Lf) | Vector256.Equals(v, Cr)).ExtractMostSignificantBits();
                if (_limit - _block < Block)
                {
                    mask &= (1u << (_limit - _block)) - 1;
                    _scan = _limit;
                }
                else
                {
                    _scan += Block;
                }
                if (_skipTo > _block)
                    mask &= ~((1u << (_skipTo - _block)) - 1);
                _mask = mask;
            }
            var i = _block + BitOperations.TrailingZeroCount(_mask);
            _mask &= _mask - 1;
            var c = Unsafe.Add(ref buffer, i);
            if (_inQuotes)
            {
                if (c != '"')
                    continue; // separators and line ends inside quotes are content
                var after = Unsafe.Add(ref buffer, i + 1);
                if (after == '"')
                {
                    Skip(i + 1); // a doubled quote is a quote in the content
                    continue;
                }
                _inQuotes = false;
                if (after is not ((byte)',' or (byte)'\n' or (byte)'\r') && !(i + 1 == _window.End && _window.Eof))
                    throw _window.Fail(i + 1, "expected a comma or the end of the line after the closing quote of a quoted field (a quote inside a quoted field is written twice: \"\")");
                continue;
            }
            switch (c)
            {
                case (byte)',':
                    Add(i);
                    _fieldStart = i + 1;
                    break;
                case (byte)'"':
                    if (i != _fieldStart)
                        throw _window.Fail(i, "a quote inside an unquoted field; a field holding quotes must be quoted, with each quote written twice (\"a \"\"b\"\" c\")");
                    _inQuotes = true;
                    _quoteOpen = i;
                    break;
                case (byte)'\n':
                    Add(i);
                    _next = i + 1;
                    Terminator = 1;
                    return true;
                default: // '\r'
                    if (Unsafe.Add(ref buffer, i + 1) != '\n')
                        throw _window.Fail(i, "a carriage return not followed by a line feed outside quotes; lines end with LF or CR LF");
                    Add(i);
                    Skip(i + 1);
                    _next = i + 2;
                    Terminator = 2;
                    return true;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(int end)
    {
        if (_count == _ends.Length)
            Array.Resize(ref _ends, _ends.Length * 2);
        _ends[_count++] = end;
    }

    /// <summary>The byte at <paramref name="position"/> is consumed; its bit must not be handled.</summary>
    private void Skip(int position)
    {
        _skipTo = position + 1;
        var bit = position - _block;
        if (bit < Block)
            _mask &= ~(1u << bit);
    }

    /// <summary>Reads more of the file, keeping the current record; false when there is no more.</summary>
    private bool More()
    {
        if (_window.Eof)
            return false;
        var shift = _window.Fill(_recordStart, TooLong);
        _recordStart -= shift;
        _fieldStart -= shift;
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
        Add(_window.End);
        _next = _window.End;
        Terminator = 0;
        return true;
    }

    private DisclosureError TooLong() => _inQuotes
        ? _window.ErrorAt(_quoteOpen, $"this quoted field does not close within {_window.Buffer.Length - InputWindow.Padding:N0} bytes, the longest record taken (an unbalanced quote?)")
        : _window.ErrorAt(_recordStart, $"a record longer than {_window.Buffer.Length - InputWindow.Padding:N0} bytes, the longest taken");
}
