using System.Buffers;

namespace Comity.Disclosure.Internal;

/// <summary>
/// Splits RFC 4180 CSV into records and fields without copying them: after <see cref="Next"/>,
/// field k of the record is <c>Window.Span(Start(k), End(k) - Start(k))</c>, raw (a quoted field keeps its quotes
/// and doubled quotes). Between the four bytes that matter (, " CR LF) it skips with
/// <see cref="SearchValues{T}"/> (the library's own vectorized search); inside quotes it jumps from
/// quote to quote. Strict, because a firewall must not guess where a field ends: a quote inside an
/// unquoted field, anything but a separator after a closing quote, a carriage return without a
/// line feed, and a quoted field still open at the end of the file are errors with line and column.
/// </summary>
internal sealed class CsvScanner(InputWindow window)
{
    private static readonly SearchValues<byte> Specials = SearchValues.Create(",\"\r\n"u8);

    private int[] _ends = new int[64];
    private int _count;
    private int _recordStart;
    private int _next = window.TextStart;     // where the next record starts
    private int _position;                    // where scanning goes on within the current record
    private bool _inQuotes;
    private int _quoteOpen;

    public InputWindow Window => window;

    /// <summary>Fields in the current record.</summary>
    public int Count => _count;

    /// <summary>Where the current record starts in the window.</summary>
    public int RecordStart => _recordStart;

    /// <summary>The current record's terminator: 2 for CR LF, 1 for LF, 0 at the end of the file.</summary>
    public int Terminator { get; private set; }

    public int Start(int field) => field == 0 ? _recordStart : _ends[field - 1] + 1;

    public int End(int field) => _ends[field];

    /// <summary>Reads the next record; false at the end of the file.</summary>
    /// <exception cref="DisclosureException">when the CSV is malformed or not UTF-8 text.</exception>
    public bool Next()
    {
        _recordStart = _position = _next;
        _count = 0;
        _inQuotes = false;
        while (true)
        {
            // A special byte is handled only once the byte after it has been read (a doubled quote,
            // CR LF), or the file has ended.
            var limit = window.Eof ? window.End : Math.Max(window.End - 1, window.TextStart);
            var rest = window.Span(_position, Math.Max(limit - _position, 0));
            var found = _inQuotes ? rest.IndexOf((byte)'"') : rest.IndexOfAny(Specials);
            if (found < 0)
            {
                _position = Math.Max(limit, _position);
                if (!More())
                    return AtEnd();
                continue;
            }
            var i = _position + found;
            if (_inQuotes)
            {
                var after = At(i + 1);
                if (after == '"')
                {
                    _position = i + 2; // a doubled quote is a quote in the content
                    continue;
                }
                if (after is not ((byte)',' or (byte)'\n' or (byte)'\r') && !(i + 1 == window.End && window.Eof))
                    throw window.Fail(i + 1, "expected a comma or the end of the line after the closing quote of a quoted field (a quote inside a quoted field is written twice: \"\")");
                _inQuotes = false;
                _position = i + 1;
                continue;
            }
            switch (At(i))
            {
                case (byte)',':
                    Add(i);
                    _position = i + 1;
                    continue;
                case (byte)'"':
                    if (i != Start(_count))
                        throw window.Fail(i, "a quote inside an unquoted field; a field holding quotes must be quoted, with each quote written twice (\"a \"\"b\"\" c\")");
                    _inQuotes = true;
                    _quoteOpen = i;
                    _position = i + 1;
                    continue;
                case (byte)'\r' when At(i + 1) != '\n':
                    throw window.Fail(i, "a carriage return not followed by a line feed outside quotes; lines end with LF or CR LF");
                default:
                    Terminator = At(i) == '\r' ? 2 : 1;
                    Add(i);
                    _next = i + Terminator;
                    return true;
            }
        }
    }

    /// <summary>The byte at a position, or 0 past the end of what was read.</summary>
    private byte At(int position) => position < window.End ? window.Span(position, 1)[0] : (byte)0;

    private void Add(int end)
    {
        if (_count == _ends.Length)
            Array.Resize(ref _ends, _ends.Length * 2);
        _ends[_count++] = end;
    }

    /// <summary>Reads more of the file, keeping the current record; false when there is no more.</summary>
    private bool More()
    {
        if (window.Eof)
            return false;
        var shift = window.Fill(_recordStart, TooLong);
        _recordStart -= shift;
        _next -= shift;
        _position -= shift;
        _quoteOpen -= shift;
        for (var k = 0; k < _count; k++)
            _ends[k] -= shift;
        return true;
    }

    private bool AtEnd()
    {
        if (_inQuotes)
            throw window.Fail(_quoteOpen, "this quoted field never closes: the file ends inside it (an unbalanced quote?)");
        if (_recordStart == window.End && _count == 0)
            return false;
        // The last record, without a line end.
        Add(window.End);
        _next = window.End;
        Terminator = 0;
        return true;
    }

    private DisclosureError TooLong() => _inQuotes
        ? window.ErrorAt(_quoteOpen, $"this quoted field does not close within {window.MaxRecord:N0} bytes, the longest record taken (an unbalanced quote?)")
        : window.ErrorAt(_recordStart, $"a record longer than {window.MaxRecord:N0} bytes, the longest taken");
}
