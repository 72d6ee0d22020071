using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;
using Comity.Recording.Entries;

namespace Comity.Recording.Internal;

/// <summary>
/// A case as the ledger alone tells it: its decision entry, replayed with every referral, review
/// and obligation entry that points at that decision, in ledger order, by the rules the case
/// database follows when it keeps them (<see cref="CaseStore"/>).
/// </summary>
internal sealed class LedgerCase
{
    private static readonly byte[][] CaseKinds =
        [.. new[] { ReferralEntry.Kind, ReviewEntry.Kind, ObligationEntry.Kind }.Select(k => System.Text.Encoding.UTF8.GetBytes($"\"kind\":\"{k}\""))];

    private LedgerCase(RecordedEntry recorded, DecisionEntry decision, DecisionRequest request)
    {
        Recorded = recorded;
        Decision = decision;
        Request = request;
        Outcome = Vocabularies.Outcomes.Name(decision.Outcome);
        Status = decision.Outcome == Contract.Outcome.ReferToCounsel ? CaseStatus.AwaitingCounsel : CaseStatus.Open;
    }

    public RecordedEntry Recorded { get; }
    public DecisionEntry Decision { get; }
    public DecisionRequest Request { get; }

    /// <summary>The outcome in force: the decision's, or the last review's.</summary>
    public string Outcome { get; private set; }

    public CaseStatus Status { get; private set; }
    public List<(long Index, string Kind)> Events { get; } = [];
    public List<CaseReview> Reviews { get; } = [];

    /// <summary>Obligations served, by rule: the first entry for a rule is the one that counts.</summary>
    public Dictionary<string, (string ServedAt, string ServedBy, long LedgerIndex)> Served { get; } = [];

    /// <exception cref="FormatException">when the entry at <paramref name="decisionIndex"/> is not a decision that reads.</exception>
    public static LedgerCase Replay(TransparencyLog ledger, long decisionIndex)
    {
        var recorded = ledger.Read(decisionIndex);
        if (recorded.Kind != DecisionEntry.Kind)
            throw new FormatException($"the ledger's entry {decisionIndex} is a {recorded.Kind}, not a decision");
        var decision = DecisionEntry.Read(recorded.Body);
        var read = RequestReader.Read(decision.RequestJson);
        if (!read.Ok)
            throw new FormatException($"the request of the ledger's entry {decisionIndex} no longer reads: {string.Join("; ", read.Errors)}");
        var replayed = new LedgerCase(recorded, decision, read.Request!);
        foreach (var entry in ledger.ReadFrom(decisionIndex + 1))
        {
            // Most entries are other cases' decisions: only those that can be this case's events are parsed.
            if (!CaseKinds.Any(k => entry.Canonical.AsSpan().IndexOf(k) >= 0))
                continue;
            var body = entry.Body;
            if (entry.Kind is not (ReferralEntry.Kind or ReviewEntry.Kind or ObligationEntry.Kind)
                || !body.TryGetProperty("decision", out var d) || !d.TryGetInt64(out var pointsAt) || pointsAt != decisionIndex)
                continue;
            replayed.Apply(entry);
        }
        return replayed;
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
                Reviews.Add(new CaseReview(entry.Index, review.Verdict, Outcome, review.Justification, review.RecordedBy, entry.RecordedAt));
                break;
            default:
                var served = ObligationEntry.Read(entry.Body);
                Served.TryAdd(served.Rule, (served.ServedAt, served.ServedBy, entry.Index));
                break;
        }
    }
}
