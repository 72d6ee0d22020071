using System.Buffers;
using System.Text.Json;
using Comity.Contract;

namespace Comity.Server.Recording;

/// <summary>
/// A compact JSON writer over a buffer kept by the thread, for the JSON the server writes with every
/// decision (the entry body, the receipt): a fresh buffer per document, grown as it filled, was a
/// large share of what each decision allocated. Callers copy out what they keep before the thread
/// writes anything else, and never hold the writer across an await.
/// </summary>
internal static class JsonScratch
{
    /// <summary>A buffer grown past this (a request near the size limit) is not kept.</summary>
    private const int KeptCapacity = 64 * 1024;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>The thread's writer, emptied, in <see cref="AnswerWriter.Compact"/> form; <paramref name="buffer"/> receives what it writes once flushed.</summary>
    public static Utf8JsonWriter Start(out ArrayBufferWriter<byte> buffer)
    {
        if (t_buffer is not { Capacity: <= KeptCapacity })
            t_buffer = new ArrayBufferWriter<byte>(8192);
        buffer = t_buffer;
        buffer.ResetWrittenCount();
        if (t_writer is null)
            t_writer = new Utf8JsonWriter(buffer, AnswerWriter.Compact);
        else
            t_writer.Reset(buffer);
        return t_writer;
    }
}
