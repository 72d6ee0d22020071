using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Comity.Ledger;

/// <summary>
/// How a decision is recorded: a <c>decision</c> entry whose body is
/// <c>{"answer":...,"request":...,"stackDigest":"sha256:..."}</c> (canonicalized with the rest of
/// the entry), and how its receipt appears in the answer:
/// <c>"receipt": { "index", "leafHash", "checkpoint", "proof" }</c>, where <c>proof</c> is the
/// C2SP tlog-proof text. Works on JSON bytes, so the ledger needs nothing of the engine.
/// </summary>
public static class DecisionRecord
{
    public const string Kind = "decision";

    /// <param name="request">The request as received (JSON).</param>
    /// <param name="answer">The answer as written, without a receipt (JSON).</param>
    /// <param name="stackDigest">The digest of the stack that decided (the answer's <c>policy.digest</c>).</param>
    /// <param name="corrects">For a correction, the index of the decision entry it corrects.</param>
    public static LedgerEntry Entry(ReadOnlySpan<byte> request, ReadOnlySpan<byte> answer, string stackDigest, DateTimeOffset recordedAt, long? corrects = null)
    {
        if (request.StartsWith("\uFEFF"u8))
            request = request[3..]; // a byte-order mark is not content
        var body = new ArrayBufferWriter<byte>(request.Length + answer.Length + 128);
        body.Write("{\"answer\":"u8);
        body.Write(answer);
        body.Write(",\"request\":"u8);
        body.Write(request);
        body.Write(",\"stackDigest\":"u8);
        JsonCanonicalizer.WriteString(stackDigest, body);
        body.Write("}"u8);
        return new LedgerEntry(Kind, body.WrittenMemory, recordedAt, corrects);
    }

    /// <summary>Writes the <c>receipt</c> property (name and value) into an answer being written.</summary>
    public static void WriteReceipt(Utf8JsonWriter writer, Receipt receipt)
    {
        var encoder = writer.Options.Encoder;
        var note = EscapedNote(receipt.Checkpoint, encoder);
        writer.WriteStartObject("receipt"u8);
        writer.WriteNumber("index"u8, receipt.Index);
        writer.WriteBase64String("leafHash"u8, receipt.LeafHash);
        writer.WriteString("checkpoint"u8, note);
        // The proof is its head (header, index, audit path) and the same note: written as the
        // escaped head and the escaped note already at hand, it is the string
        // WriteString(receipt.TlogProof) would write, without building or escaping the note again.
        // (JSON escaping goes character by character, and the head ends with a line feed.)
        var notes = note.EncodedUtf8Bytes;
        var headMax = TlogProof.MaxHeadBytes(receipt.AuditPath);
        // The head's raw bytes, then the quoted value: escaping makes a byte at most six ("\u002B").
        var buffer = ArrayPool<byte>.Shared.Rent(headMax + 1 + headMax * 6 + notes.Length + 1);
        try
        {
            var head = buffer.AsSpan(0, TlogProof.WriteHead(receipt.Index, receipt.AuditPath, buffer));
            var value = buffer.AsSpan(headMax);
            value[0] = (byte)'"';
            if ((encoder ?? JavaScriptEncoder.Default).EncodeUtf8(head, value[1..], out _, out var escaped) != OperationStatus.Done)
                throw new InvalidOperationException("the receipt's proof did not fit where it was measured to fit");
            notes.CopyTo(value[(1 + escaped)..]);
            var length = 1 + escaped + notes.Length;
            value[length++] = (byte)'"';
            writer.WritePropertyName("proof"u8);
            writer.WriteRawValue(value[..length], skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        writer.WriteEndObject();
    }

    /// <summary>The checkpoint note escaped for JSON, kept for the latest checkpoint: every receipt of a commit group shares it.</summary>
    private static JsonEncodedText EscapedNote(Checkpoint checkpoint, JavaScriptEncoder? encoder)
    {
        var last = lastNote;
        if (last is not null && ReferenceEquals(last.Checkpoint, checkpoint) && ReferenceEquals(last.Encoder, encoder))
            return last.Escaped;
        last = new NoteCache(checkpoint, encoder, JsonEncodedText.Encode(checkpoint.Note, encoder));
        lastNote = last;
        return last.Escaped;
    }

    private sealed record NoteCache(Checkpoint Checkpoint, JavaScriptEncoder? Encoder, JsonEncodedText Escaped);

    private static volatile NoteCache? lastNote;

    /// <summary>
    /// Appends <paramref name="answer"/> (one compact JSON object) with the receipt added as its
    /// last property: the answer's bytes are kept as they are, the receipt goes before the final brace.
    /// </summary>
    public static void AppendWithReceipt(ReadOnlySpan<byte> answer, Receipt receipt, IBufferWriter<byte> output, JsonWriterOptions options)
    {
        var close = answer.LastIndexOf((byte)'}');
        if (close < 0)
            throw new ArgumentException("the answer is not a JSON object", nameof(answer));
        output.Write(answer[..close]);
        output.Write(","u8);
        using (var writer = new Utf8JsonWriter(output, options with { Indented = false, SkipValidation = true }))
        {
            WriteReceipt(writer, receipt);
            writer.Flush();
        }
        output.Write(answer[close..]);
    }
}
