using System.Text;
using System.Text.Json;
using Comity.Engine;
using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;
using Comity.Recording.Entries;
using Comity.Recording.Internal;

namespace Comity.Recording;

/// <summary>
/// What follows a decision, with its rules: a case is sent to counsel once at a time; counsel
/// confirms or overrides with a written justification, and a confirmation cannot change the
/// outcome; an obligation is served once, at a time not in the future, by a named person; a
/// wrong fact is corrected by deciding the corrected request again; a case entered by mistake is
/// voided; what the unit did is recorded as an action, flagged when the decision did not allow
/// it. Each change is a new ledger entry that points at the decision; nothing recorded is edited,
/// and nothing more is done on a void case.
/// </summary>
public sealed class CaseWorkflow(TransparencyLog ledger, CaseStore cases, StackCatalog catalog, TimeProvider time)
{
    /// <summary>The longest receiving agency an action names.</summary>
    public const int MaxAgencyLength = 200;

    /// <summary>The reasons a correction may give; <c>duplicate</c> and <c>opened-by-mistake</c> void a case instead.</summary>
    public static readonly IReadOnlyList<CorrectionReason> CorrectionReasons = [CorrectionReason.DataEntryError, CorrectionReason.LateRecorded, CorrectionReason.ReclassifiedAct];

    /// <summary>The reasons a void may give.</summary>
    public static readonly IReadOnlyList<CorrectionReason> VoidReasons = [CorrectionReason.Duplicate, CorrectionReason.OpenedByMistake, CorrectionReason.DataEntryError];

    public const int MinimumJustificationLength = 20;

    /// <summary>How far in the future a time served may lie (clocks at the desk and the server differ).</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // Changes are checked against the case and then recorded, one at a time, so that two people
    // cannot both serve the same notice or review on a stale view.
    private readonly SemaphoreSlim _caseChanges = new(1, 1);

    /// <summary>The law that decides a correction, recorded in the ledger the first time, as a decision's is.</summary>
    private readonly StackVersions _stacks = new(ledger, time);

    public Task<Recorded<CaseEvent>> ReferAsync(long caseId, string? note, string recordedBy) => Change(caseId, c =>
    {
        if (c.Summary.Status == CaseStatus.AwaitingCounsel)
            return new RecordError(RecordErrorKind.Conflict, $"case {caseId} is already waiting for counsel");
        var entry = new ReferralEntry(caseId, c.Summary.LedgerIndex, note?.Trim() ?? "", recordedBy);
        return new CaseChange(ReferralEntry.Kind, null, entry.Write(), e => cases.AddReferral(caseId, e));
    }, recordedBy);

    /// <summary>
    /// Counsel's verdict. A confirmation keeps the outcome in force, and cannot settle a referral:
    /// a decision that refers (the request, or some of its data items) is settled by an override to
    /// <c>permit</c>, <c>deny</c> or <c>must-comply</c>. An override names the new outcome of the
    /// whole request (every data item takes it), or, with <paramref name="items"/>, of data items
    /// one by one: every item referred to counsel must be among them, and the request's outcome
    /// becomes the most restrictive of its items'. When the settled outcome changes which duties
    /// hold (a consent form before an interview counsel denied), the duties follow it: each duty's
    /// condition is checked again under the settled outcome, and the review entry lists the duties
    /// in force after it.
    /// </summary>
    public Task<Recorded<CaseEvent>> ReviewAsync(long caseId, ReviewVerdict verdict, Outcome? outcome, string? justification, string recordedBy,
        IReadOnlyList<ItemOutcome>? items = null) => Change(caseId, c =>
    {
        var text = justification?.Trim() ?? "";
        if (text.Length < MinimumJustificationLength)
            return new RecordError(RecordErrorKind.Invalid, $"write a justification of at least {MinimumJustificationLength} characters: it stays in the ledger with the verdict", "justification");
        Vocabularies.Outcomes.TryParse(c.Summary.Outcome, out var current);
        var request = CaseRequest.Current(c);
        var inForce = ItemsInForce(c);
        var referred = inForce.Where(i => i.Outcome == Outcome.ReferToCounsel).Select(i => Vocabularies.DataItems.Name(i.Item)).ToArray();
        Outcome settled;
        IReadOnlyList<ItemOutcome> settledItems = inForce;
        IReadOnlyList<ItemOutcome>? named = null;
        if (verdict == ReviewVerdict.Confirm)
        {
            if (items is { Count: > 0 })
                return new RecordError(RecordErrorKind.Invalid, "a confirmation keeps every item's outcome; to change one, override", "items");
            if (outcome is { } o && o != current)
                return new RecordError(RecordErrorKind.Invalid, $"a confirmation keeps the outcome in force ({c.Summary.Outcome}); to change it, override", "outcome");
            if (referred.Length > 0)
                return new RecordError(RecordErrorKind.Invalid,
                    $"the decision refers {string.Join(", ", referred)} to counsel: settle {(referred.Length == 1 ? "it" : "each")} by an override to permit, deny or must-comply", "items");
            if (current == Outcome.ReferToCounsel)
                return new RecordError(RecordErrorKind.Invalid, "the decision refers the request to counsel: settle it by an override to permit, deny or must-comply", "outcome");
            settled = current;
        }
        else if (items is { Count: > 0 })
        {
            if (request.Data.Count == 0)
                return new RecordError(RecordErrorKind.Invalid, "this request asks for no data items: override its outcome instead", "items");
            foreach (var i in items)
            {
                var name = Vocabularies.DataItems.Name(i.Item);
                if (!request.Data.Contains(i.Item))
                    return new RecordError(RecordErrorKind.Invalid, $"the request does not ask for {name}; it asks for {string.Join(", ", request.Data.Select(Vocabularies.DataItems.Name))}", $"items.{name}");
                if (items.Count(x => x.Item == i.Item) > 1)
                    return new RecordError(RecordErrorKind.Invalid, $"{name} is given more than once", $"items.{name}");
                if (i.Outcome == Outcome.ReferToCounsel)
                    return new RecordError(RecordErrorKind.Invalid, $"counsel settles {name}: permit, deny or must-comply", $"items.{name}");
            }
            var unsettled = referred.Where(r => !items.Any(i => Vocabularies.DataItems.Name(i.Item) == r)).ToArray();
            if (unsettled.Length > 0)
                return new RecordError(RecordErrorKind.Invalid, $"settle every item referred to counsel: {string.Join(", ", unsettled)} is not settled", "items");
            IReadOnlyList<ItemOutcome> given = items;
            ItemOutcome? Given(DataItem d)
            {
                foreach (var x in given)
                    if (x.Item == d)
                        return x;
                return null;
            }
            settledItems = [.. inForce.Select(i => Given(i.Item) ?? i)];
            if (settledItems.SequenceEqual(inForce))
                return new RecordError(RecordErrorKind.Invalid, "every item keeps its outcome in force: confirm instead", "items");
            settled = settledItems.Min(i => i.Outcome);
            if (outcome is { } o && o != settled)
                return new RecordError(RecordErrorKind.Invalid,
                    $"the items settle the request's outcome as {Vocabularies.Outcomes.Name(settled)} (the most restrictive of its items'), not {Vocabularies.Outcomes.Name(o)}", "outcome");
            named = [.. request.Data.Select(Given).OfType<ItemOutcome>()];
        }
        else
        {
            if (outcome is not { } o)
                return new RecordError(RecordErrorKind.Invalid, "an override names the outcome that replaces the decision's: permit, deny or must-comply", "outcome");
            if (o == Outcome.ReferToCounsel)
                return new RecordError(RecordErrorKind.Invalid, "counsel settles a decision: override to permit, deny or must-comply", "outcome");
            if (o == current && referred.Length == 0)
                return new RecordError(RecordErrorKind.Invalid, $"the outcome in force is already {c.Summary.Outcome}; confirm it instead", "outcome");
            settled = o;
            settledItems = [.. inForce.Select(i => i with { Outcome = o })];
        }
        var duties = verdict == ReviewVerdict.Override ? DutiesAfter(c, request, current, inForce, settled, settledItems) : null;
        var entry = new ReviewEntry(caseId, c.Summary.LedgerIndex, verdict, settled, text, recordedBy) { Items = named, Obligations = duties?.Obligations };
        // An override is a correction of the decision in the ledger's own terms; a confirmation only points at it.
        return new CaseChange(ReviewEntry.Kind, verdict == ReviewVerdict.Override ? c.Summary.LedgerIndex : null, entry.Write(),
            e => cases.AddReview(caseId, e, verdict, settled, text, named, duties));
    }, recordedBy);

    /// <summary>
    /// The outcome of each data item in force: the answer in force's, then each override recorded
    /// after it, in order (an override of the whole request gives every item its outcome).
    /// </summary>
    public static IReadOnlyList<ItemOutcome> ItemsInForce(CaseDetail c)
    {
        var items = new List<ItemOutcome>();
        using (var body = JsonDocument.Parse(c.Current.BodyJson))
            if (body.RootElement.TryGetProperty("answer", out var answer) && answer.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
                foreach (var p in data.EnumerateObject())
                    if (Vocabularies.DataItems.TryParse(p.Name, out var item) && Vocabularies.Outcomes.TryParse(p.Value.GetString() ?? "", out var o))
                        items.Add(new ItemOutcome(item, o));
        foreach (var review in c.Reviews.Where(r => r.LedgerIndex > c.Current.LedgerIndex && r.Verdict == ReviewVerdict.Override))
        {
            if (review.Items is { } settled)
            {
                for (var i = 0; i < items.Count; i++)
                    foreach (var s in settled)
                        if (s.Item == items[i].Item)
                            items[i] = s;
            }
            else if (Vocabularies.Outcomes.TryParse(review.Outcome, out var whole))
                for (var i = 0; i < items.Count; i++)
                    items[i] = items[i] with { Outcome = whole };
        }
        return items;
    }

    /// <summary>
    /// The duties in force once the outcome is settled, when settling it changes them: the duties
    /// whose conditions hold under the old outcomes and not the new are withdrawn, those that hold
    /// only under the new are added (both checked with the law in force for the request). Null when
    /// nothing changes, or when the law no longer loads (the duties then stay as they are).
    /// </summary>
    private SettledDuties? DutiesAfter(CaseDetail c, DecisionRequest request, Outcome before, IReadOnlyList<ItemOutcome> itemsBefore, Outcome after, IReadOnlyList<ItemOutcome> itemsAfter)
    {
        DecisionEngine? engine;
        try
        {
            engine = catalog.Find(request, out _);
        }
        catch (Law.LawException)
        {
            return null;
        }
        if (engine is null)
            return null;
        var was = engine.DutiesUnder(request, before, itemsBefore).Select(o => o.Rule).ToHashSet(StringComparer.Ordinal);
        var now = engine.DutiesUnder(request, after, itemsAfter);
        var inForce = c.Obligations.Select(o => new Obligation(o.Rule, o.Citations, o.Text)).ToList();
        var result = inForce.Where(o => !was.Contains(o.Rule) || now.Any(n => n.Rule == o.Rule))
            .Concat(now.Where(n => !was.Contains(n.Rule) && !inForce.Any(o => o.Rule == n.Rule)))
            .ToList();
        if (result.Select(o => o.Rule).SequenceEqual(inForce.Select(o => o.Rule)))
            return null;
        return new SettledDuties(result, CaseDuties.Plan(result, request, engine.Stack));
    }

    public Task<Recorded<CaseEvent>> ServeObligationAsync(long caseId, string rule, string? servedAt, string? servedBy, string recordedBy) => Change(caseId, c =>
    {
        var obligation = c.Obligations.FirstOrDefault(o => o.Rule == rule);
        if (obligation is null)
            return new RecordError(RecordErrorKind.NotFound, $"case {caseId} has no obligation {rule}");
        if (obligation.Agency)
            return new RecordError(RecordErrorKind.Conflict, $"{rule} is the agency's duty (a report, a forum, a policy): it goes to the reports and is not served on a case");
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
    /// Corrects the request of a case: <paramref name="requestJson"/> is the whole request as it
    /// should have been recorded; it is decided again under the law in force on its date, and
    /// recorded as a <c>correction</c> entry that points at the entry it replaces. Without a
    /// <c>subject.identity</c>, the identity on record stays; with one, it replaces it.
    /// </summary>
    public async Task<Recorded<RecordedCorrection>> CorrectAsync(long caseId, ReadOnlyMemory<byte> requestJson, CorrectionReason reason, string? note, string recordedBy)
    {
        var decided = RequestDecider.Decide(catalog, requestJson.Span);
        if (decided.Error is { } error)
            return error;
        var (request, answer) = decided.Value!;
        var answerJson = Recorder.Compact(answer);
        var law = catalog.Loaded(answer.Policy.Digest)
            ?? throw new InvalidOperationException($"the stack that decided ({answer.Policy.Digest}) is not loaded, so its law cannot be recorded");
        RecordedCorrection? result = null;
        var recorded = await Change(caseId, c =>
        {
            if (!CorrectionReasons.Contains(reason))
                return new RecordError(RecordErrorKind.Invalid,
                    $"a correction gives one of {string.Join(", ", CorrectionReasons.Select(CaseVocabularies.Reasons.Name))}; a duplicate or a case opened by mistake is voided instead", "reason");
            var text = note?.Trim() ?? "";
            var newIdentity = request.Subject.Identity is { } given ? CaseIdentity.Seal(given) : null;
            if ((PublicNote.Problem(text, SubjectIdentityWords.Of(c.Identity)) ?? PublicNote.Problem(text, SubjectIdentityWords.Of(newIdentity))) is { } noteProblem)
                return new RecordError(RecordErrorKind.Invalid, noteProblem, "note");
            var current = CaseRequest.Current(c);
            if (newIdentity is null && RequestWriter.ToJsonWithoutIdentity(current) == RequestWriter.ToJsonWithoutIdentity(request))
                return new RecordError(RecordErrorKind.Invalid, "the corrected request is the same as the one in force: there is nothing to correct", "request");
            if (newIdentity is not null)
                cases.KeepIdentity(newIdentity);
            var identity = newIdentity?.Commitment ?? c.Identity?.Commitment;
            var requestJson = System.Text.Encoding.UTF8.GetBytes(RequestWriter.ToJsonWithoutIdentity(request));
            return new CaseChange(CorrectionEntry.Kind, c.Current.LedgerIndex, [], e =>
            {
                cases.AddCorrection(caseId, e, new CorrectedCase(request, answer.Outcome, answer.Policy.Stack, answer.Obligations, identity,
                    CaseDuties.Plan(answer.Obligations, request, CaseDuties.StackOf(catalog, request)), CaseDuties.ReferredItems(answer)));
                var body = System.Text.Encoding.UTF8.GetBytes(e.BodyJson);
                result = new RecordedCorrection(e, answer, body.AsMemory(AnswerRange(body, answerJson.Length)), System.Text.Encoding.UTF8.GetBytes(e.ReceiptJson));
            })
            {
                // The law that decided goes into the ledger (the first time) once the correction is accepted, just before it.
                Law = law,
                BodyWith = stackEntry => CorrectionEntry.Write(caseId, c.Summary.LedgerIndex, c.Current.LedgerIndex, reason, text,
                    requestJson, answerJson, answer.Policy.Digest, recordedBy, identity, stackEntry),
            };
        }, recordedBy);
        return recorded.Error is { } failed ? failed : result!;
    }

    /// <summary>Where the answer lies in a correction's body: it is the first property, <c>{"answer":</c> then the answer.</summary>
    private static Range AnswerRange(byte[] body, int length) => "{\"answer\":".Length..("{\"answer\":".Length + length);

    /// <summary>Voids a case entered by mistake or twice: a <c>void</c> entry; the case stays, and nothing more is recorded on it.</summary>
    public Task<Recorded<CaseEvent>> VoidAsync(long caseId, CorrectionReason reason, string? note, string recordedBy) => Change(caseId, c =>
    {
        if (!VoidReasons.Contains(reason))
            return new RecordError(RecordErrorKind.Invalid,
                $"a void gives one of {string.Join(", ", VoidReasons.Select(CaseVocabularies.Reasons.Name))}; a late or reclassified request is corrected instead", "reason");
        var text = note?.Trim() ?? "";
        if (PublicNote.Problem(text, SubjectIdentityWords.Of(c.Identity)) is { } problem)
            return new RecordError(RecordErrorKind.Invalid, problem, "note");
        var entry = new VoidEntry(caseId, c.Summary.LedgerIndex, reason, text, recordedBy);
        return new CaseChange(VoidEntry.Kind, c.Summary.LedgerIndex, entry.Write(), e => cases.AddVoid(caseId, e));
    }, recordedBy);

    /// <summary>
    /// Records what the unit did on a case, when (<paramref name="at"/>, ISO 8601 with its offset,
    /// not in the future): a transfer names the receiving agency, an interview says whether an
    /// attorney was present. An action the decision in force did not allow is recorded all the
    /// same, and flagged (<see cref="ActionAllowance"/>).
    /// </summary>
    public Task<Recorded<CaseEvent>> RecordActionAsync(long caseId, CaseActionKind action, string? at, string? receivingAgency, bool? attorneyPresent, string recordedBy) => Change(caseId, c =>
    {
        if (!ServedTime.TryParse(at, out var when))
            return new RecordError(RecordErrorKind.Invalid, "give the time of the action as an ISO 8601 date-time with its offset, such as 2025-06-02T09:15-07:00", "at");
        if (when > time.GetUtcNow() + ClockSkew)
            return new RecordError(RecordErrorKind.Invalid, "the time of the action is in the future", "at");
        var agency = receivingAgency?.Trim();
        if (action == CaseActionKind.Transferred)
        {
            if (string.IsNullOrEmpty(agency))
                return new RecordError(RecordErrorKind.Invalid, "a transfer names the receiving agency", "receivingAgency");
            if (agency.Length > MaxAgencyLength || agency.Any(char.IsControl))
                return new RecordError(RecordErrorKind.Invalid, $"the receiving agency is one line of at most {MaxAgencyLength} characters", "receivingAgency");
        }
        else if (receivingAgency is not null)
            return new RecordError(RecordErrorKind.Invalid, "only a transfer names a receiving agency", "receivingAgency");
        if (action == CaseActionKind.InterviewHeld && attorneyPresent is null)
            return new RecordError(RecordErrorKind.Invalid, "say whether an attorney was present at the interview", "attorneyPresent");
        if (action != CaseActionKind.InterviewHeld && attorneyPresent is not null)
            return new RecordError(RecordErrorKind.Invalid, "only an interview says whether an attorney was present", "attorneyPresent");
        var entry = new ActionEntry(caseId, c.Summary.LedgerIndex, action, at!.Trim(), agency is { Length: > 0 } ? agency : null, attorneyPresent, recordedBy);
        var against = Against(c, action);
        return new CaseChange(ActionEntry.Kind, null, entry.Write(), e => cases.AddAction(caseId, e,
            new CaseAction(e.LedgerIndex, action, entry.At, entry.ReceivingAgency, attorneyPresent, against, recordedBy, e.RecordedAt), when));
    }, recordedBy);

    /// <summary>Whether the decision in force on <paramref name="c"/> allows <paramref name="action"/> (null) or why not.</summary>
    internal static string? Against(CaseDetail c, CaseActionKind action)
    {
        Vocabularies.Outcomes.TryParse(c.Summary.Outcome, out var outcome);
        var request = CaseRequest.Current(c);
        return ActionAllowance.AgainstDecision(action, request.Act, outcome, request.Subject.InterviewConsent);
    }

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
            if (c.IsVoid)
                return new RecordError(RecordErrorKind.Conflict, $"case {caseId} is void: nothing more is recorded on it");
            var planned = plan(c);
            if (planned.Error is { } error)
                return error;
            var (kind, corrects, body, keep) = planned.Value!;
            if (planned.Value!.Law is { } law && planned.Value.BodyWith is { } bodyWith)
                body = bodyWith(await _stacks.RecordAsync(law, recordedBy).ConfigureAwait(false));
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
    /// <remarks>
    /// A change decided under the law (a correction) names it in <see cref="Law"/>: that stack
    /// version is recorded (the first time) after the change is accepted and before its entry, whose
    /// body <see cref="BodyWith"/> writes with the stack entry's index.
    /// </remarks>
    private sealed record CaseChange(string Kind, long? Corrects, byte[] Body, Action<CaseEvent> Keep)
    {
        public Comity.Law.Stack? Law { get; init; }
        public Func<long, byte[]>? BodyWith { get; init; }
    }
}
