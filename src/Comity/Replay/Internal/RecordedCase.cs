using System.Runtime.InteropServices;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;

namespace Comity.Replay.Internal;

/// <summary>
/// A decision as the ledger recorded it, read for deciding again: a <c>decision</c> entry or a
/// <c>correction</c> (a case's request as it should have been, decided then), with the request
/// and the answer as the canonical bytes the ledger holds, and the answer's outcome and stack.
/// </summary>
internal sealed class RecordedCase
{
    private RecordedCase(long entry, string kind, byte[] request, byte[] answer, string stackDigest, long? stackEntry, string stack, Outcome outcome)
    {
        Entry = entry;
        Kind = kind;
        Request = request;
        Answer = answer;
        StackDigest = stackDigest;
        StackEntry = stackEntry;
        Stack = stack;
        Outcome = outcome;
    }

    public long Entry { get; }
    public string Kind { get; }
    public byte[] Request { get; }

    /// <summary>The answer as recorded (RFC 8785 canonical JSON, as the ledger stores every body).</summary>
    public byte[] Answer { get; }
    public string StackDigest { get; }
    public long? StackEntry { get; }

    /// <summary>The stack that decided, as the answer names it (<c>policy.stack</c>).</summary>
    public string Stack { get; }

    /// <summary>The outcome the answer recorded.</summary>
    public Outcome Outcome { get; }

    /// <summary>The decision in an entry document; null for an entry of another kind.</summary>
    /// <exception cref="FormatException">when a decision's or a correction's body lacks its parts.</exception>
    public static RecordedCase? Read(long index, byte[] document)
    {
        using var parsed = JsonDocument.Parse(document);
        return Read(index, parsed.RootElement);
    }

    /// <inheritdoc cref="Read(long, byte[])"/>
    public static RecordedCase? Read(long index, JsonElement root)
    {
        var kind = root.GetProperty("kind").GetString();
        if (kind is not (CaseEventKinds.Decision or CaseEventKinds.Correction))
            return null;
        var body = root.GetProperty("body");
        if (!body.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("answer", out var answer) || answer.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("stackDigest", out var digest) || digest.ValueKind != JsonValueKind.String)
            throw new FormatException($"entry {index} is a {kind} without its request, answer and stackDigest");
        if (!answer.TryGetProperty("outcome", out var outcome) || outcome.ValueKind != JsonValueKind.String
            || !Vocabularies.Outcomes.TryParse(outcome.GetString()!, out var o)
            || !answer.TryGetProperty("policy", out var policy) || policy.ValueKind != JsonValueKind.Object
            || !policy.TryGetProperty("stack", out var stack) || stack.ValueKind != JsonValueKind.String)
            throw new FormatException($"entry {index} is a {kind} whose answer has no outcome or policy.stack");
        long? stackEntry = body.TryGetProperty("stackEntry", out var s) && s.TryGetInt64(out var n) ? n : null;
        return new RecordedCase(index, kind!, JsonMarshal.GetRawUtf8Value(request).ToArray(), JsonMarshal.GetRawUtf8Value(answer).ToArray(),
            digest.GetString()!, stackEntry, stack.GetString()!, o);
    }
}
