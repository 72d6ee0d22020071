using System.Text;
using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;
using Comity.Recording.Entries;
using Comity.Recording.Internal;

namespace Comity.Recording;

/// <summary>
/// What follows a decision, with its rules: a case is sent to counsel once at a time; counsel
/// confirms or overrides with a written justification, and a confirmation cannot change the
/// outcome; an obligation is served once, at a time not in the future, by a named person. Each
/// change is a new ledger entry that points at the decision; nothing recorded is edited.
/// </summary>
public sealed class CaseWorkflow(TransparencyLog ledger, CaseStore cases, TimeProvider time)
{
    public const int MinimumJustificationLength = 20;

    /// <summary>How far in the future a time served may lie (clocks at the desk and the server differ).</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // Changes are checked against the case and then recorded, one at a time, so that two people
    // cannot both serve the same notice or review on a stale view.
    private readonly SemaphoreSlim _caseChanges = new(1, 1);

    public Task<Recorded<CaseEvent>> ReferAsync(long caseId, string? note, string recordedBy) => Change(caseId, c =>
    {
        if (c.Summary.Status == CaseStatus.AwaitingCounsel)
            return new RecordError(RecordErrorKind.Conflict, $"case {caseId} is already waiting for counsel");
        var entry = new ReferralEntry(caseId, c.Summary.LedgerIndex, note?.Trim() ?? "", recordedBy);
        return new CaseChange(ReferralEntry.Kind, null, entry.Write(), e => cases.AddReferral(caseId, e));
    }, recordedBy);

    public Task<Recorded<CaseEvent>> ReviewAsync(long caseId, ReviewVerdict verdict, Outcome? outcome, string? justification, string recordedBy) => Change(caseId, c =>
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
        var entry = new ReviewEntry(caseId, c.Summary.LedgerIndex, verdict, settled, text, recordedBy);
        // An override is a correction of the decision in the ledger's own terms; a confirmation only points at it.
        return new CaseChange(ReviewEntry.Kind, verdict == ReviewVerdict.Override ? c.Summary.LedgerIndex : null, entry.Write(),
            e => cases.AddReview(caseId, e, verdict, settled, text));
    }, recordedBy);

    public Task<Recorded<CaseEvent>> ServeObligationAsync(long caseId, string rule, string? servedAt, string? servedBy, string recordedBy) => Change(caseId, c =>
    {
        var obligation = c.Obligations.FirstOrDefault(o => o.Rule == rule);
        if (obligation is null)
            return new RecordError(RecordErrorKind.NotFound, $"case {caseId} has no obligation {rule}");
        if (obligation.ServedAt is not null)
            return new RecordError(RecordErrorKind.Conflict, $"obligation {rule} of case {caseId} was already recorded as served at {obligation.ServedAt} by {obligation.ServedBy}");
        if (!ServedTime.TryParse(servedAt, out var when))
            return new RecordError(RecordErrorKind.Invalid, "give the time the notice was served as an ISO 8601 date-time with its offset, such as 2025-06-02T09:15-07:00", "servedAt");
        if (when > time.GetUtcNow() + ClockSkew)
            return new RecordError(RecordErrorKind.Invalid, "the time served is in the future", "servedAt");
        var person = servedBy?.Trim() ?? "";
        if (person.Length == 0)
            return new RecordError(RecordErrorKind.Invalid, "name the person who served the notice", "servedBy");
        var servedText = servedAt!.Trim();
        var entry = new ObligationEntry(caseId, c.Summary.LedgerIndex, rule, servedText, person, recordedBy);
        return new CaseChange(ObligationEntry.Kind, null, entry.Write(), e => cases.AddObligationServed(caseId, e, rule, servedText, person));
    }, recordedBy);

    /// <summary>
    /// Checks a change against the case as it stands, records its ledger entry, then keeps it in the
    /// case database, holding the case lock throughout.
    /// </summary>
    private async Task<Recorded<CaseEvent>> Change(long caseId, Func<CaseDetail, Recorded<CaseChange>> plan, string recordedBy)
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
            var e = new CaseEvent(receipt.Index, kind, recordedBy, at, Encoding.UTF8.GetString(body), Encoding.UTF8.GetString(ReceiptJson.Of(receipt)));
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
}
