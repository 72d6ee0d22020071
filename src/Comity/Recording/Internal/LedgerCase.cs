using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;
using Comity.Recording.Entries;

namespace Comity.Recording.Internal;

/// <summary>
/// A case as the ledger alone tells it: its decision entry, replayed with every later entry that
/// points at that decision (referral, review, obligation, correction, void, action, notice, document), in ledger
/// order, by the rules the case database follows when it keeps them (<see cref="CaseStore"/>).
/// </summary>
internal sealed class LedgerCase
{
    private static readonly byte[][] CaseKinds =
        [.. new[] { ReferralEntry.Kind, ReviewEntry.Kind, ObligationEntry.Kind, CorrectionEntry.Kind, VoidEntry.Kind, ActionEntry.Kind, NoticeEntry.Kind, DocumentEntry.Kind }
            .Select(k => System.Text.Encoding.UTF8.GetBytes($"\"kind\":\"{k}\""))];

    private LedgerCase(RecordedEntry recorded, DecisionEntry decision, DecisionRequest request)
    {
        Recorded = recorded;
        Decision = decision;
        Current = decision;
        Request = request;
        Outcome = Vocabularies.Outcomes.Name(decision.Outcome);
        Status = decision.Outcome == Contract.Outcome.ReferToCounsel || CaseDuties.ReferredItems(decision.Answer).Count > 0 ? CaseStatus.AwaitingCounsel : CaseStatus.Open;
        Identity = decision.Identity;
        Duties = decision.Obligations;
    }

    /// <summary>The duties in force: the decision's in force, or those the last review that changed them lists.</summary>
    public IReadOnlyList<Obligation> Duties { get; private set; }

    public RecordedEntry Recorded { get; }

    /// <summary>The first decision of the case.</summary>
    public DecisionEntry Decision { get; }

    /// <summary>The decision in force: the first, or the latest correction's.</summary>
    public DecisionEntry Current { get; private set; }

    /// <summary>The request in force (the decision's, or the latest correction's).</summary>
    public DecisionRequest Request { get; private set; }

    /// <summary>The outcome in force: the decision's, or the last review's that still stands.</summary>
    public string Outcome { get; private set; }

    public CaseStatus Status { get; private set; }

    /// <summary>The commitment of the identity in force, as the latest decision or correction names it.</summary>
    public string? Identity { get; private set; }

    public List<(long Index, string Kind)> Events { get; } = [];
    public List<CaseReview> Reviews { get; } = [];
    public List<CaseAction> Actions { get; } = [];
    public List<CaseDocument> Documents { get; } = [];

    /// <summary>Obligations served, by rule: the first entry for a rule is the one that counts.</summary>
    public Dictionary<string, (string ServedAt, string ServedBy, long LedgerIndex)> Served { get; } = [];

    /// <exception cref="FormatException">when the entry at <paramref name="decisionIndex"/> is not a decision that reads.</exception>
    public static LedgerCase Replay(TransparencyLog ledger, long decisionIndex)
    {
        var recorded = ledger.Read(decisionIndex);
        if (recorded.Kind != DecisionEntry.Kind)
            throw new FormatException($"the ledger's entry {decisionIndex} is a {recorded.Kind}, not a decision");
        var decision = DecisionEntry.Read(recorded.Body);
        var replayed = new LedgerCase(recorded, decision, ReadRequest(decision.RequestJson, decisionIndex));
        foreach (var entry in ledger.ReadFrom(decisionIndex + 1))
        {
            // Most entries are other cases' decisions: only those that can be this case's events are parsed.
            if (!CaseKinds.Any(k => entry.Canonical.AsSpan().IndexOf(k) >= 0))
                continue;
            var body = entry.Body;
            if (!CaseProjection.IsCaseEvent(entry.Kind)
                || !body.TryGetProperty("decision", out var d) || !d.TryGetInt64(out var pointsAt) || pointsAt != decisionIndex)
                continue;
            replayed.Apply(entry);
        }
        return replayed;
    }

    private static DecisionRequest ReadRequest(byte[] json, long index)
    {
        var read = RequestReader.Read(json);
        return read.Ok ? read.Request! : throw new FormatException($"the request of the ledger's entry {index} no longer reads: {string.Join("; ", read.Errors)}");
    }

    private void Apply(RecordedEntry entry)
    {
        Events.Add((entry.Index, entry.Kind));
        switch (entry.Kind)
        {
            case ReferralEntry.Kind:
                ReferralEntry.Read(entry.Body);
                Status = CaseStatus.AwaitingCounsel;
                break;
            case ReviewEntry.Kind:
                var review = ReviewEntry.Read(entry.Body);
                Outcome = Vocabularies.Outcomes.Name(review.Outcome);
                Status = CaseStatus.Reviewed;
                Reviews.Add(new CaseReview(entry.Index, review.Verdict, Outcome, review.Justification, review.RecordedBy, entry.RecordedAt) { Items = review.Items });
                if (review.Obligations is { } duties)
                    Duties = duties;
                break;
            case CorrectionEntry.Kind:
                var correction = CorrectionEntry.Read(entry.Body).AsDecision;
                var needsCounsel = correction.Outcome == Contract.Outcome.ReferToCounsel || CaseDuties.ReferredItems(correction.Answer).Count > 0;
                if (correction.Outcome != Current.Outcome)
                {
                    Outcome = Vocabularies.Outcomes.Name(correction.Outcome);
                    Status = needsCounsel || Status == CaseStatus.AwaitingCounsel ? CaseStatus.AwaitingCounsel : CaseStatus.Open;
                }
                else if (needsCounsel && Status == CaseStatus.Open)
                    Status = CaseStatus.AwaitingCounsel;
                Current = correction;
                Duties = correction.Obligations;
                Request = ReadRequest(correction.RequestJson, entry.Index);
                Identity = correction.Identity;
                break;
            case VoidEntry.Kind:
                VoidEntry.Read(entry.Body);
                Status = CaseStatus.Void;
                break;
            case ActionEntry.Kind:
                var action = ActionEntry.Read(entry.Body);
                Vocabularies.Outcomes.TryParse(Outcome, out var outcome);
                Actions.Add(new CaseAction(entry.Index, action.Action, action.At, action.ReceivingAgency, action.AttorneyPresent,
                    ActionAllowance.AgainstDecision(action.Action, Request.Act, outcome, Request.Subject.InterviewConsent), action.RecordedBy, entry.RecordedAt));
                break;
            case NoticeEntry.Kind:
                NoticeEntry.Read(entry.Body);
                break;
            case DocumentEntry.Kind:
                var document = DocumentEntry.Read(entry.Body);
                Documents.Add(new CaseDocument(entry.Index, document.Document, document.MediaType, document.Bytes, document.RecordedBy, entry.RecordedAt));
                break;
            default:
                var served = ObligationEntry.Read(entry.Body);
                Served.TryAdd(served.Rule, (served.ServedAt, served.ServedBy, entry.Index));
                break;
        }
    }
}
