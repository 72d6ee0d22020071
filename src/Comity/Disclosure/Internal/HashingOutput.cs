using System.Security.Cryptography;

namespace Comity.Disclosure.Internal;

/// <summary>
/// The export being written: buffered, counted and hashed (SHA-256) as it goes. The buffer is small
/// enough (with the input's pieces, see InputWindow) to be hashed and written from the core's cache.
/// </summary>
internal sealed class HashingOutput : IDisposable
{
    public const int BufferBytes = 256 << 10;

    private readonly Stream _output;
    private readonly byte[] _buffer;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _used;

    public HashingOutput(Stream output, int size = BufferBytes)
    {
        _output = output;
        _buffer = new byte[size];
    }

    public long Length { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > _buffer.Length - _used)
        {
            var room = _buffer.Length - _used;
            bytes[..room].CopyTo(_buffer.AsSpan(_used));
            _used = _buffer.Length;
            bytes = bytes[room..];
            Drain();
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    public void WriteByte(byte b)
    {
        if (_used == _buffer.Length)
            Drain();
        _buffer[_used++] = b;
    }

    private void Drain()
    {
        var written = _buffer.AsSpan(0, _used);
        _hash.AppendData(written);
        _output.Write(written);
        Length += _used;
        _used = 0;
    }

    /// <summary>
    /// Writes what is buffered and returns the SHA-256 of everything written. Returns only once the
    /// stream has taken every byte: a write that fails fails the cut, before anything is recorded.
    /// </summary>
    public byte[] Finish()
    {
        Drain();
        _output.Flush();
        return _hash.GetCurrentHash();
    }

    public void Dispose() => _hash.Dispose();
}
