using System.Buffers;
using System.Text;
using Comity.Cases;
using Comity.Contract;
using Comity.Engine;
using Comity.Ledger;

namespace Comity.Server.Recording;

/// <summary>What became of an attempt to record: done, or why not (the path names the field at fault).</summary>
public sealed record Recorded<T>(T? Value, RecordError? Error)
{
    public static implicit operator Recorded<T>(T value) => new(value, null);
    public static implicit operator Recorded<T>(RecordError error) => new(default, error);
}

/// <summary>Why not: the input (400), what it names (404), the state of the case (409), or the law in force, which does not load (503).</summary>
public enum RecordErrorKind { Invalid, NotFound, Conflict, Unavailable }

public sealed record RecordError(RecordErrorKind Kind, string Message, string? Path = null, IReadOnlyList<ContractError>? ContractErrors = null);

/// <summary>A recorded decision: its case, the answer, the answer's compact JSON and the receipt's.</summary>
public sealed record RecordedDecision(long CaseId, DecisionAnswer Answer, ReadOnlyMemory<byte> AnswerJson, ReadOnlyMemory<byte> ReceiptJson)
{
    private static ReadOnlySpan<byte> ReceiptProperty => ",\"receipt\":"u8;

    /// <summary>The length of the answer as sent (<see cref="WriteSent"/>).</summary>
    public int SentLength => AnswerJson.Length + ReceiptProperty.Length + ReceiptJson.Length;

    /// <summary>
    /// Writes the answer as sent: its compact JSON with <c>"receipt"</c> added as the last property
    /// (as <see cref="DecisionRecord.AppendWithReceipt"/> does), straight to <paramref name="output"/>.
    /// </summary>
    public void WriteSent(IBufferWriter<byte> output)
    {
        var answer = AnswerJson.Span;
        var close = answer.LastIndexOf((byte)'}');
        output.Write(answer[..close]);
        output.Write(ReceiptProperty);
        output.Write(ReceiptJson.Span);
        output.Write(answer[close..]);
    }
}

/// <summary>
/// The flow of one request through the server (architecture.md): validate against the contract,
/// decide with the stack in force, record in the ledger (durable and signed before anything is
/// answered), keep the case, answer. Reviews, referrals and obligations served are new ledger
/// entries that point at the decision; nothing recorded is edited.
/// </summary>
public sealed class Recorder(StackCatalog catalog, TransparencyLog ledger, CaseStore cases, TimeProvider time)
{
    public const int MinimumJustificationLength = 20;

    // Changes after a decision are checked against the case and then recorded, one at a time, so
    // that two people cannot both serve the same notice or review on a stale view.
    private readonly SemaphoreSlim _caseChanges = new(1, 1);

    public async Task<Recorded<RecordedDecision>> DecideAsync(ReadOnlyMemory<byte> requestJson, string by)
    {
        // The reader is given the body as received, so that it alone takes off one byte-order
        // mark: a second one is content, and breaks the contract (a body stripped here first
        // would have read as valid and been recorded with the mark inside, which the ledger refuses).
        var decided = RequestDecider.Decide(catalog, requestJson.Span);
        if (decided.Error is { } error)
            return error;
        var json = WithoutByteOrderMark(requestJson);
        var (request, answer) = decided.Value!;
        var at = time.GetUtcNow();
        var body = EntryBodies.Decision(json.Span, answer, by, out var answerJson);
        // Not cancellable: once the ledger has it, the case is kept whether or not the caller still listens.
        var receipt = await ledger.AppendAsync(new LedgerEntry(CaseEventKinds.Decision, body, at)).ConfigureAwait(false);
        var receiptJson = ReceiptJson.Of(receipt);
        var id = await cases.AddAsync(new NewCase(request, answer.Outcome, answer.Policy.Stack, answer.Obligations,
            body, receiptJson, by, at, receipt.Index)).ConfigureAwait(false);
        return new RecordedDecision(id, answer, body.AsMemory(answerJson), receiptJson);
    }

    /// <summary>
    /// Decides a request exactly as <see cref="DecideAsync"/> does and records nothing: no ledger
    /// entry, no case, no receipt (for what-if questions and training). Returns the answer's JSON.
    /// </summary>
    public Recorded<ReadOnlyMemory<byte>> Evaluate(ReadOnlyMemory<byte> requestJson)
    {
        var decided = RequestDecider.Decide(catalog, requestJson.Span);
        return decided.Error is { } error ? error : (ReadOnlyMemory<byte>)Compact(decided.Value!.Answer);
    }

    private static ReadOnlyMemory<byte> WithoutByteOrderMark(ReadOnlyMemory<byte> json) =>
        json.Span.StartsWith("\uFEFF"u8) ? json[3..] : json;

    public Task<Recorded<CaseEvent>> ReferAsync(long caseId, string? note, string by) => Change(caseId, c =>
    {
        if (c.Summary.Status == CaseStatus.AwaitingCounsel)
            return new RecordError(RecordErrorKind.Conflict, $"case {caseId} is already waiting for counsel");
        return new CaseChange(CaseEventKinds.Referral, null, EntryBodies.Referral(c.Summary, note?.Trim() ?? "", by),
            e => cases.AddReferral(caseId, e));
    }, by);

    public Task<Recorded<CaseEvent>> ReviewAsync(long caseId, ReviewVerdict verdict, Outcome? outcome, string? justification, string by) => Change(caseId, c =>
    {
        var text = justification?.Trim() ?? "";
        if (text.Length < MinimumJustificationLength)
            return new RecordError(RecordErrorKind.Invalid, $"write a justification of at least {MinimumJustificationLength} characters: it stays in the ledger with the verdict", "justification");
        Vocabularies.Outcomes.TryParse(c.Summary.Outcome, out var current);
        Outcome settled;
        if (verdict == ReviewVerdict.Confirm)
        {
            if (outcome is { } o && o != current)
                return new RecordError(RecordErrorKind.Invalid, $"a confirmation keeps the outcome in force ({c.Summary.Outcome}); to change it, override", "outcome");
            settled = current;
        }
        else
        {
            if (outcome is not { } o)
                return new RecordError(RecordErrorKind.Invalid, "an override names the outcome that replaces the decision's: " + Vocabularies.Outcomes.Expected, "outcome");
            if (o == current)
                return new RecordError(RecordErrorKind.Invalid, $"the outcome in force is already {c.Summary.Outcome}; confirm it instead", "outcome");
            settled = o;
        }
        // An override is a correction of the decision in the ledger's own terms; a confirmation only points at it.
        return new CaseChange(CaseEventKinds.Review, verdict == ReviewVerdict.Override ? c.Summary.LedgerIndex : null,
            EntryBodies.Review(c.Summary, verdict, settled, text, by),
            e => cases.AddReview(caseId, e, verdict, settled, text));
    }, by);

    public Task<Recorded<CaseEvent>> ServeObligationAsync(long caseId, string rule, string? servedAt, string? servedBy, string by) => Change(caseId, c =>
    {
        var obligation = c.Obligations.FirstOrDefault(o => o.Rule == rule);
        if (obligation is null)
            return new RecordError(RecordErrorKind.NotFound, $"case {caseId} has no obligation {rule}");
        if (obligation.ServedAt is not null)
            return new RecordError(RecordErrorKind.Conflict, $"obligation {rule} of case {caseId} was already recorded as served at {obligation.ServedAt} by {obligation.ServedBy}");
        if (!ServedTime.TryParse(servedAt, out var when))
            return new RecordError(RecordErrorKind.Invalid, "give the time the notice was served as an ISO 8601 date-time with its offset, such as 2025-06-02T09:15-07:00", "servedAt");
        if (when > time.GetUtcNow().AddMinutes(5))
            return new RecordError(RecordErrorKind.Invalid, "the time served is in the future", "servedAt");
        var person = servedBy?.Trim() ?? "";
        if (person.Length == 0)
            return new RecordError(RecordErrorKind.Invalid, "name the person who served the notice", "servedBy");
        var servedText = servedAt!.Trim();
        return new CaseChange(CaseEventKinds.Obligation, null, EntryBodies.ObligationServed(c.Summary, rule, servedText, person, by),
            e => cases.AddObligationServed(caseId, e, rule, servedText, person));
    }, by);

    /// <summary>
    /// Checks a change against the case as it stands, records its ledger entry, then keeps it in the
    /// case database, holding the case lock throughout.
    /// </summary>
    private async Task<Recorded<CaseEvent>> Change(long caseId, Func<CaseDetail, Recorded<CaseChange>> plan, string by)
    {
        await _caseChanges.WaitAsync().ConfigureAwait(false);
        try
        {
            var c = cases.Find(caseId);
            if (c is null)
                return new RecordError(RecordErrorKind.NotFound, $"there is no case {caseId}");
            var planned = plan(c);
            if (planned.Error is { } error)
                return error;
            var (kind, corrects, body, keep) = planned.Value!;
            var at = time.GetUtcNow();
            var receipt = await ledger.AppendAsync(new LedgerEntry(kind, body, at, corrects)).ConfigureAwait(false);
            var e = new CaseEvent(receipt.Index, kind, by, at, Encoding.UTF8.GetString(body), Encoding.UTF8.GetString(ReceiptJson.Of(receipt)));
            keep(e);
            return e;
        }
        finally
        {
            _caseChanges.Release();
        }
    }

    /// <summary>A change planned against a case: the entry's kind, the entry it corrects, its body, and how the case keeps it.</summary>
    private sealed record CaseChange(string Kind, long? Corrects, byte[] Body, Action<CaseEvent> Keep);

    private static byte[] Compact(DecisionAnswer answer)
    {
        var w = JsonScratch.Start(out var buffer);
        AnswerWriter.Write(w, answer);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
