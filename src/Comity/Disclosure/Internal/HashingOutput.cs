using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Comity.Disclosure.Internal;

/// <summary>
/// The export being written: buffered, counted and hashed (SHA-256) as it goes. The buffer is small
/// enough (with the input's pieces, see InputWindow) to be hashed and written from the core's cache.
/// </summary>
internal sealed class HashingOutput(Stream output, int size = 256 << 10) : IDisposable
{
    private readonly byte[] _buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _used;

    public long Length { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            WriteSlow(bytes);
            return;
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte b)
    {
        if (_used == _buffer.Length)
            Drain();
        _buffer[_used++] = b;
    }

    private void WriteSlow(ReadOnlySpan<byte> bytes)
    {
        Drain();
        if (bytes.Length > _buffer.Length)
        {
            _hash.AppendData(bytes);
            output.Write(bytes);
            Length += bytes.Length;
            return;
        }
        bytes.CopyTo(_buffer);
        _used = bytes.Length;
    }

    private void Drain()
    {
        _hash.AppendData(_buffer, 0, _used);
        output.Write(_buffer, 0, _used);
        Length += _used;
        _used = 0;
    }

    /// <summary>Writes what is buffered and returns the SHA-256 of everything written.</summary>
    public byte[] Finish()
    {
        Drain();
        output.Flush();
        return _hash.GetCurrentHash();
    }

    public void Dispose()
    {
        _hash.Dispose();
        System.Buffers.ArrayPool<byte>.Shared.Return(_buffer);
    }
}
