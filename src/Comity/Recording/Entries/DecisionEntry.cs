using System.Buffers;
using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// A <c>decision</c> entry, the first of every case: <c>{"answer":...,"identity":"sha256:...",
/// "recordedBy":...,"request":...,"stackDigest":"sha256:...","stackEntry":N}</c>: the answer as
/// sent without its receipt, the commitment of who the case is about (only when the request named
/// the person: the case database keeps the identity, see <see cref="CaseIdentity"/>), who recorded
/// it, the request as received without its <c>subject.identity</c>, the digest of the stack that
/// decided and the <c>stack</c> entry that holds that law (<see cref="StackEntry"/>; decisions
/// recorded before stack versions were kept have none). Every door
/// (HTTP, the web app, <c>comity decide --record</c>, <c>--batch --record</c>) writes this one shape.
/// </summary>
/// <param name="RequestJson">The request as recorded (UTF-8 JSON).</param>
public sealed record DecisionEntry(byte[] RequestJson, JsonElement Answer, string StackDigest, string RecordedBy, string? Identity = null)
{
    /// <summary>The index of the <c>stack</c> entry holding the law that decided; null for a decision recorded before stack versions were kept.</summary>
    public long? StackEntry { get; init; }

    public const string Kind = CaseEventKinds.Decision;

    /// <summary>Where the answer starts in a body <see cref="Write"/> wrote: right after <c>{"answer":</c>.</summary>
    private static ReadOnlySpan<byte> AnswerProperty => "{\"answer\":"u8;

    /// <summary>
    /// The body of a decision entry. <paramref name="answerJson"/> (one compact JSON object, no
    /// receipt) is copied in as it is; <paramref name="answerAt"/> is where it lies in the body, so
    /// that the door answering can send these bytes rather than write the answer again.
    /// </summary>
    public static byte[] Write(ReadOnlySpan<byte> requestJson, ReadOnlySpan<byte> answerJson, string stackDigest, string recordedBy, out Range answerAt, string? identity = null) =>
        Write(requestJson, answerJson, stackDigest, null, recordedBy, out answerAt, identity);

    /// <inheritdoc cref="Write(ReadOnlySpan{byte}, ReadOnlySpan{byte}, string, string, out Range, string?)"/>
    public static byte[] Write(ReadOnlySpan<byte> requestJson, ReadOnlySpan<byte> answerJson, string stackDigest, long? stackEntry, string recordedBy, out Range answerAt, string? identity = null)
    {
        // The properties after the answer, written as an object of their own whose opening brace
        // becomes the comma that follows the answer.
        var rest = new ArrayBufferWriter<byte>(requestJson.Length + 256);
        using (var w = new Utf8JsonWriter(rest, AnswerWriter.Compact))
        {
            w.WriteStartObject();
            if (identity is not null)
                w.WriteString("identity"u8, identity);
            w.WriteString(EntryActor.Property, recordedBy);
            w.WritePropertyName("request"u8);
            w.WriteRawValue(ByteOrderMark.Strip(requestJson), skipInputValidation: true);
            w.WriteString("stackDigest"u8, stackDigest);
            if (stackEntry is { } index)
                w.WriteNumber("stackEntry"u8, index);
            w.WriteEndObject();
        }
        var body = new byte[AnswerProperty.Length + answerJson.Length + rest.WrittenCount];
        AnswerProperty.CopyTo(body);
        answerJson.CopyTo(body.AsSpan(AnswerProperty.Length));
        answerAt = AnswerProperty.Length..(AnswerProperty.Length + answerJson.Length);
        var tail = body.AsSpan(answerAt.End.Value);
        rest.WrittenSpan.CopyTo(tail);
        tail[0] = (byte)',';
        return body;
    }

    /// <summary>Reads a decision entry's body, in the current shape or an old one (see <see cref="EntryActor"/>).</summary>
    /// <exception cref="FormatException">when the body is not a decision's.</exception>
    public static DecisionEntry Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("answer", out var answer) || answer.ValueKind != JsonValueKind.Object)
            throw new FormatException("a decision entry's body has an answer and a request");
        return new DecisionEntry(Encoding.UTF8.GetBytes(request.GetRawText()), answer, EntryJson.String(body, "stackDigest"), EntryActor.Of(body),
            EntryJson.OptionalString(body, "identity"))
        {
            StackEntry = body.TryGetProperty("stackEntry", out _) ? EntryJson.Int64(body, "stackEntry") : null,
        };
    }

    /// <summary>The answer's outcome.</summary>
    public Outcome Outcome => Vocabularies.Outcomes.TryParse(EntryJson.String(Answer, "outcome"), out var o)
        ? o
        : throw new FormatException($"the answer's outcome is not one of {Vocabularies.Outcomes.Expected}");

    /// <summary>The stack that decided (the answer's <c>policy.stack</c>).</summary>
    public string Stack => Answer.TryGetProperty("policy", out var p) ? EntryJson.String(p, "stack") : throw new FormatException("the answer has no policy");

    /// <summary>The obligations the answer listed.</summary>
    public IReadOnlyList<Obligation> Obligations => Answer.TryGetProperty("obligations", out var list) && list.ValueKind == JsonValueKind.Array
        ? [.. list.EnumerateArray().Select(o => new Obligation(EntryJson.String(o, "rule"),
            [.. o.GetProperty("citations").EnumerateArray().Select(c => c.GetString()!)], EntryJson.String(o, "text")))]
        : [];
}
