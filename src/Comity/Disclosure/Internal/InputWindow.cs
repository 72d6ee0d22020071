using System.Buffers;
using System.Security.Cryptography;
using Comity.Contract;

namespace Comity.Disclosure.Internal;

/// <summary>
/// A sliding window over an input stream, sized to hold one record, never the file: the scanner
/// works on <c>Buffer[0..End)</c>, and when it needs more it says where the first byte it still
/// needs is (<see cref="Fill"/>); everything before is dropped. Every byte read is hashed
/// (SHA-256 of the file exactly as given) and checked as UTF-8 text (no invalid sequence, no NUL)
/// before the scanner sees it. Keeping that first byte at a line start lets any later position be
/// named as line:column. Any stream is read the same way: a file, standard input, a request body.
/// </summary>
internal sealed class InputWindow : IDisposable
{
    /// <summary>
    /// The most read at once. Each byte read is passed over several times (hashed, checked, scanned,
    /// copied out, and the copy hashed): in pieces this size, input and output stay in the core's
    /// own cache (L2, 1.25 MB here) between passes; a whole 1 MB window did not, and each pass
    /// after the first went to memory.
    /// </summary>
    private const int ReadBytes = 256 << 10;

    private readonly Stream _input;
    private readonly string _name;
    private readonly int _maxRecord;
    private int _capacity;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _checkedTo;
    private long _linesBefore;
    private int _linesChecked;  // line feeds in [0, _checkedTo), counted by the check that passes over them anyway
    private long _offsetBefore;
    private bool _started;

    public InputWindow(Stream input, string name, int initialSize, int maxRecord)
    {
        _input = input;
        _name = name;
        _maxRecord = maxRecord;
        _capacity = Math.Min(initialSize, maxRecord);
        Buffer = ArrayPool<byte>.Shared.Rent(_capacity);
        // Read until the start of the file is known (a byte-order mark takes up to four bytes to
        // tell), so that TextStart holds before any scanner starts.
        while (!_started)
            Fill(0, () => new DisclosureError(_name, 1, 1, "the start of the file does not fit the window"));
    }

    /// <summary>The buffer read into: <c>Buffer[0..End)</c> holds the bytes read.</summary>
    private byte[] Buffer { get; set; }

    /// <summary>The window's bytes [start, start + length).</summary>
    public Span<byte> Span(int start, int length) => Buffer.AsSpan(start, length);

    /// <summary>The longest record taken, in bytes.</summary>
    public int MaxRecord => _maxRecord;

    /// <summary>The end of the bytes read and checked.</summary>
    public int End { get; private set; }

    /// <summary>Where the text starts in the first buffer: after a UTF-8 byte-order mark, if any.</summary>
    public int TextStart { get; private set; }

    /// <summary>No more bytes will come.</summary>
    public bool Eof { get; private set; }

    /// <summary>Bytes read from the stream so far.</summary>
    public long Length { get; private set; }

    /// <summary>The file's SHA-256, once <see cref="Eof"/>.</summary>
    public byte[] Sha256() => _hash.GetCurrentHash();

    /// <summary>
    /// Drops the bytes before <paramref name="keep"/> (which must be a line start), moves the rest to
    /// the front and reads more. Returns how far everything moved (subtract it from positions held).
    /// Reads at least one byte unless the stream has ended.
    /// </summary>
    /// <exception cref="DisclosureException">when the bytes read are not UTF-8 text, or one record would exceed the limit.</exception>
    public int Fill(int keep, Func<DisclosureError> tooLong)
    {
        var shift = 0;
        if (keep > 0)
        {
            // The lines dropped: those checked less those in the kept tail (keep is at most
            // _checkedTo, since a line start follows a checked line feed), which is short, where
            // counting the dropped piece itself passed over all of it once more.
            var dropped = _linesChecked - Span(keep, _checkedTo - keep).Count((byte)'\n');
            _linesBefore += dropped;
            _linesChecked -= dropped;
            _offsetBefore += keep;
            Buffer.AsSpan(keep, End - keep).CopyTo(Buffer);
            End -= keep;
            _checkedTo -= keep;
            shift = keep;
        }
        var read = Read(tooLong);
        if (read == 0)
            Eof = true;
        _hash.AppendData(Span(End, read));
        Length += read;
        End += read;
        if (!_started)
            Start();
        Check();
        return shift;
    }

    /// <summary>Reads the next piece into the buffer; returns how many bytes.</summary>
    private int Read(Func<DisclosureError> tooLong)
    {
        if (End == _capacity)
            Grow(tooLong);
        var read = _input.Read(Buffer, End, Math.Min(_capacity - End, ReadBytes));
        return read;
    }

    /// <summary>Where a buffer position is in the file: 1-based physical line and character column.</summary>
    public (long Line, long Column) Locate(int index)
    {
        var before = Span(0, index);
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = _linesBefore + before.Count((byte)'\n') + 1;
        // Characters, not bytes: count every byte that is not a UTF-8 continuation byte.
        var tail = before[Math.Max(lineStart, _offsetBefore == 0 ? TextStart : 0)..];
        long column = 1;
        foreach (var b in tail)
            if ((b & 0xC0) != 0x80)
                column++;
        return (line, column);
    }

    public DisclosureError ErrorAt(int index, string message)
    {
        var (line, column) = Locate(index);
        return new DisclosureError(_name, line, column, message);
    }

    public DisclosureException Fail(int index, string message) => new(ErrorAt(index, message));

    private void Grow(Func<DisclosureError> tooLong)
    {
        if (_capacity >= _maxRecord)
            throw new DisclosureException(tooLong());
        _capacity = (int)Math.Min((long)_capacity * 2, _maxRecord);
        var bigger = ArrayPool<byte>.Shared.Rent(_capacity);
        Buffer.AsSpan(0, End).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(Buffer);
        Buffer = bigger;
    }

    /// <summary>The first bytes: a UTF-8 byte-order mark is skipped; a UTF-16 one is refused by name (UTF-16 without one fails on its NUL bytes).</summary>
    private void Start()
    {
        if (End < 4 && !Eof)
            return; // too few bytes to tell yet; the next fill looks again
        _started = true;
        var head = Span(0, End);
        if (head.StartsWith([(byte)0xEF, (byte)0xBB, (byte)0xBF]))
            TextStart = _checkedTo = 3;
        else if (head.StartsWith([(byte)0xFF, (byte)0xFE]) || head.StartsWith([(byte)0xFE, (byte)0xFF]))
            throw new DisclosureException(new DisclosureError(_name, 0, 0, "the file is UTF-16 (it starts with a UTF-16 byte-order mark); expected UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)"));
    }

    /// <summary>
    /// Checks the bytes read since the last check, up to a boundary no UTF-8 sequence crosses, or to
    /// the end when the stream has ended.
    /// </summary>
    private void Check()
    {
        if (!_started)
            return;
        var end = End;
        if (!Eof)
        {
            // Leave a trailing lead byte and its continuation bytes for the next check: the rest of
            // its sequence may still be unread. Only those (at most three) bytes wait; none of them
            // is a byte the scanners look for, so no record ends before they are checked.
            var i = End - 1;
            var stop = Math.Max(_checkedTo, End - 4);
            while (i >= stop && (Buffer[i] & 0xC0) == 0x80)
                i--;
            if (i >= stop && Buffer[i] >= 0xC0)
                end = i;
        }
        CheckPrecisely(end);
    }

    /// <summary>Checks <c>[_checkedTo, end)</c> for invalid UTF-8 and NUL bytes, counting its line feeds; the first error found is thrown.</summary>
    private void CheckPrecisely(int end)
    {
        var span = Span(_checkedTo, end - _checkedTo);
        _linesChecked += span.Count((byte)'\n');
        var nul = span.IndexOf((byte)0);
        var invalid = Utf8Validation.FirstInvalid(span);
        if (invalid >= 0)
        {
            var bad = _checkedTo + invalid;
            if (nul < 0 || _checkedTo + nul > bad)
                throw Fail(bad, $"byte 0x{Buffer[bad]:X2} is not valid UTF-8 here; expected UTF-8 text (is the file in another encoding, such as Windows-1252 or Latin-1? convert it first: iconv -f WINDOWS-1252 -t UTF-8)");
        }
        if (nul >= 0)
            throw Fail(_checkedTo + nul, "a NUL byte: expected UTF-8 text (is this file UTF-16 without a byte-order mark, or binary?)");
        _checkedTo = end;
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(Buffer);
        Buffer = [];
    }
}
