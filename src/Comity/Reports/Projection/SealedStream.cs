using System.Security.Cryptography;

namespace Comity.Reports.Projection;

/// <summary>
/// A stream that passes bytes through to another and feeds every byte into a MAC, so that the
/// kept projection is sealed as it is written and checked as it is read, in one pass over a file
/// too large to hold twice in memory. Reading stops at <paramref name="length"/> (the seal follows).
/// </summary>
internal sealed class SealedStream(Stream inner, IncrementalHash mac, long length = long.MaxValue) : Stream
{
    private long position;

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, length - position);
        if (wanted <= 0)
            return 0;
        var n = inner.Read(buffer[..wanted]);
        mac.AppendData(buffer[..n]);
        position += n;
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        mac.AppendData(buffer);
        inner.Write(buffer);
        position += buffer.Length;
    }

    public override void Flush() => inner.Flush();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
