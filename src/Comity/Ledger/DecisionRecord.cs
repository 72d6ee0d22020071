using System.Buffers;
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
        writer.WriteStartObject("receipt"u8);
        writer.WriteNumber("index"u8, receipt.Index);
        writer.WriteBase64String("leafHash"u8, receipt.LeafHash);
        writer.WriteString("checkpoint"u8, receipt.Checkpoint.Note);
        writer.WriteString("proof"u8, receipt.TlogProof);
        writer.WriteEndObject();
    }

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
