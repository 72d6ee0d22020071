using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// A <c>correction</c> entry: the request of case <paramref name="Case"/> (decided in entry
/// <paramref name="Decision"/>) as it should have been recorded, decided again:
/// <c>{"answer":...,"case":N,"corrects":N,"decision":N,"identity":"sha256:...","note":...,
/// "reason":...,"recordedBy":...,"request":...,"stackDigest":...,"stackEntry":N}</c>. <paramref name="Corrects"/>
/// is the entry it replaces (the decision, or the previous correction; the ledger entry's own
/// <c>corrects</c> says the same). The identity in force is committed as in a decision entry;
/// the note is public (checked for personal data before it is recorded). <c>stackEntry</c> is the
/// <c>stack</c> entry holding the law that decided it, as in a decision entry (absent in
/// corrections recorded before corrections recorded their law).
/// </summary>
public sealed record CorrectionEntry(long Case, long Decision, long Corrects, CorrectionReason Reason, string Note,
    byte[] RequestJson, JsonElement Answer, string StackDigest, string RecordedBy, string? Identity)
{
    public const string Kind = CaseEventKinds.Correction;

    /// <summary>The index of the <c>stack</c> entry holding the law that decided; null in a correction recorded before corrections recorded it.</summary>
    public long? StackEntry { get; init; }

    /// <summary>The body of a correction entry; <paramref name="answerJson"/> is the new answer, compact, without a receipt.</summary>
    public static byte[] Write(long caseId, long decision, long corrects, CorrectionReason reason, string note,
        ReadOnlySpan<byte> requestJson, ReadOnlySpan<byte> answerJson, string stackDigest, string recordedBy, string? identity, long? stackEntry = null)
    {
        var request = requestJson.ToArray();
        var answer = answerJson.ToArray();
        return EntryJson.Object(w =>
        {
            w.WritePropertyName("answer"u8);
            w.WriteRawValue(answer, skipInputValidation: true);
            w.WriteNumber("case"u8, caseId);
            w.WriteNumber("corrects"u8, corrects);
            w.WriteNumber("decision"u8, decision);
            if (identity is not null)
                w.WriteString("identity"u8, identity);
            w.WriteString("note"u8, note);
            w.WriteString("reason"u8, CaseVocabularies.Reasons.Name(reason));
            w.WriteString(EntryActor.Property, recordedBy);
            w.WritePropertyName("request"u8);
            w.WriteRawValue(request, skipInputValidation: true);
            w.WriteString("stackDigest"u8, stackDigest);
            if (stackEntry is { } index)
                w.WriteNumber("stackEntry"u8, index);
        });
    }

    /// <exception cref="FormatException">when the body is not a correction's.</exception>
    public static CorrectionEntry Read(JsonElement body)
    {
        if (!body.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("answer", out var answer) || answer.ValueKind != JsonValueKind.Object)
            throw new FormatException("a correction entry's body has an answer and a request");
        return new CorrectionEntry(EntryJson.Int64(body, "case"), EntryJson.Int64(body, "decision"), EntryJson.Int64(body, "corrects"),
            EntryJson.Reason(body), EntryJson.String(body, "note"), Encoding.UTF8.GetBytes(request.GetRawText()), answer,
            EntryJson.String(body, "stackDigest"), EntryActor.Of(body), EntryJson.OptionalString(body, "identity"))
        {
            StackEntry = body.TryGetProperty("stackEntry", out _) ? EntryJson.Int64(body, "stackEntry") : null,
        };
    }

    /// <summary>The new decision, read as a decision entry reads (its outcome, stack and obligations).</summary>
    public DecisionEntry AsDecision => new(RequestJson, Answer, StackDigest, RecordedBy, Identity) { StackEntry = StackEntry };
}
