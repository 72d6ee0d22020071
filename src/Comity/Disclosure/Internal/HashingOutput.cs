using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Comity.Disclosure.Internal;

/// <summary>
/// The export being written: buffered, counted and hashed (SHA-256) as it goes. The buffer is small
/// enough (with the input's pieces, see InputWindow) to be hashed and written from the core's cache.
/// Written to a <see cref="PieceFile"/> (a <see cref="PendingFile"/>'s stream), the buffer is the
/// file's own piece, filled in place and handed over whole; to any other stream, a buffer of its own.
/// </summary>
internal sealed unsafe class HashingOutput : IDisposable
{
    private readonly Stream _output;
    private readonly PieceFile? _pieces;
    private readonly byte[]? _own;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte* _buffer;
    private int _capacity;
    private int _used;

    public HashingOutput(Stream output, int size = PieceFile.PieceBytes)
    {
        _output = output;
        _pieces = output as PieceFile;
        if (_pieces is null)
            _own = GC.AllocateUninitializedArray<byte>(size, pinned: true);
        Next();
    }

    public long Length { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _capacity - _used)
        {
            WriteSlow(bytes);
            return;
        }
        bytes.CopyTo(new Span<byte>(_buffer + _used, bytes.Length));
        _used += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte b)
    {
        if (_used == _capacity)
            Drain();
        _buffer[_used++] = b;
    }

    /// <summary>Fills the buffer to the brim before each drain: a file's pieces are written whole.</summary>
    private void WriteSlow(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > _capacity - _used)
        {
            var room = _capacity - _used;
            bytes[..room].CopyTo(new Span<byte>(_buffer + _used, room));
            _used = _capacity;
            bytes = bytes[room..];
            Drain();
        }
        bytes.CopyTo(new Span<byte>(_buffer + _used, bytes.Length));
        _used += bytes.Length;
    }

    private void Drain()
    {
        var written = new ReadOnlySpan<byte>(_buffer, _used);
        _hash.AppendData(written);
        Length += _used;
        if (_pieces is null)
            _output.Write(written);
        else
            _pieces.Advance(_used);
        _used = 0;
        Next();
    }

    /// <summary>Where the next bytes go: the file's current piece, or the own buffer again.</summary>
    private void Next()
    {
        if (_pieces is null)
        {
            _buffer = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_own!));
            _capacity = _own!.Length;
            return;
        }
        var free = _pieces.Free;
        _buffer = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(free));
        _capacity = free.Length;
    }

    /// <summary>
    /// Writes what is buffered and returns the SHA-256 of everything written. Into a file's pieces,
    /// waits until all are written: a write that fails fails the cut, before anything is recorded.
    /// </summary>
    public byte[] Finish()
    {
        Drain();
        if (_pieces is null)
            _output.Flush();
        else
            _pieces.WriteAll();
        return _hash.GetCurrentHash();
    }

    public void Dispose() => _hash.Dispose();
}
