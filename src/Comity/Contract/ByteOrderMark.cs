namespace Comity.Contract;

/// <summary>
/// The UTF-8 byte-order mark (EF BB BF) is not content (RFC 8259 §8.1 lets a parser ignore it):
/// every door that reads JSON or records what it read drops it here, in one place.
/// </summary>
public static class ByteOrderMark
{
    /// <summary><paramref name="utf8"/> without one leading byte-order mark.</summary>
    public static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> utf8) => utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;

    /// <inheritdoc cref="Strip(ReadOnlySpan{byte})"/>
    public static ReadOnlyMemory<byte> Strip(ReadOnlyMemory<byte> utf8) => utf8.Span.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;
}
