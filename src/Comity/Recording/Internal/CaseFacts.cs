using Comity.Cases;
using Comity.Contract;

namespace Comity.Recording.Internal;

/// <summary>
/// Compares what the case database shows staff (the case list's columns, the obligations, the
/// reviews, the history) with the case as the ledger tells it, fact by fact.
/// </summary>
internal static class CaseFacts
{
    public static IReadOnlyList<FactVerification> Compare(CaseDetail c, LedgerCase ledger)
    {
        var s = c.Summary;
        var r = ledger.Request;
        return
        [
            Fact("request", "the reference, time received, unit, requester, act and document are those of the recorded request",
                Differ("reference", s.Reference, r.Id),
                Differ("received at", s.ReceivedAt, r.ReceivedAt),
                Differ("unit", s.Unit, r.Actor.Unit),
                Differ("requester", s.Agency, Vocabularies.Agencies.Name(r.Requester.Agency)),
                Differ("act", s.Act, Vocabularies.Acts.Name(r.Act)),
                Differ("document", s.DocumentType, Vocabularies.DocumentTypes.Name(r.Document.Type))),
            Fact("recorded", $"recorded by {s.RecordedBy} at {s.RecordedAt:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}, as the decision entry {s.LedgerIndex} says",
                Differ("recorded by", s.RecordedBy, ledger.Decision.RecordedBy),
                Differ("recorded at", Millis(s.RecordedAt), Millis(ledger.Recorded.RecordedAt))),
            Fact("decided outcome", $"{s.DecidedOutcome}, as the recorded answer in force says",
                Differ("decided outcome", s.DecidedOutcome, Vocabularies.Outcomes.Name(ledger.Current.Outcome))),
            Fact("outcome in force", ledger.Reviews.Count == 0
                    ? $"{s.Outcome}: the decision's, no review has changed it"
                    : $"{s.Outcome}, as the last review (entry {ledger.Reviews[^1].LedgerIndex}) settled it",
                Differ("outcome in force", s.Outcome, ledger.Outcome)),
            Fact("status", $"{CaseVocabularies.Statuses.Name(s.Status)}, as the ledger's entries for the case leave it",
                Differ("status", CaseVocabularies.Statuses.Name(s.Status), CaseVocabularies.Statuses.Name(ledger.Status))),
            Fact("obligations", $"{c.Obligations.Count} obligation(s) as the answer (or counsel's last verdict that changed them) listed them, {c.Obligations.Count(o => o.ServedAt is not null)} served as obligation entries record",
                Obligations(c.Obligations, ledger)),
            Fact("reviews", $"{c.Reviews.Count} review(s), each as its review entry says",
                Reviews(c.Reviews, ledger.Reviews)),
            Fact("person", c.Identity is null ? "no identity given, and the entry in force commits none" : "the identity kept hashes, with its salt, to the commitment of the entry in force",
                Identity(c.Identity, ledger.Identity)),
            Fact("actions", $"{c.Actions.Count} action(s), each as its action entry says, judged against the decision in force when it was recorded",
                Actions(c.Actions, ledger.Actions)),
            Fact("documents", $"{c.Documents.Count} document(s) attached, each as its document entry says (hash, kind, size)",
                Documents(c.Documents, ledger.Documents)),
            Fact("history", $"{c.Events.Count} later entr{(c.Events.Count == 1 ? "y" : "ies")}: every referral, review, obligation, correction, void, action, notice and document entry the ledger holds for this case",
                Differ("history", string.Join(", ", c.Events.Select(e => $"{e.LedgerIndex} {e.Kind}")), string.Join(", ", ledger.Events.Select(e => $"{e.Index} {e.Kind}")))),
        ];
    }

    private static FactVerification Fact(string fact, string verified, params IEnumerable<string?> differences)
    {
        var found = differences.Where(d => d is not null).ToList();
        return found.Count == 0 ? new FactVerification(fact, true, verified) : new FactVerification(fact, false, string.Join("; ", found));
    }

    /// <summary>Null when the case shows what the ledger says; otherwise both, in a phrase.</summary>
    private static string? Differ(string what, string? shown, string? recorded) =>
        shown == recorded ? null : $"the case shows {what} {Quote(shown)}, the ledger says {Quote(recorded)}";

    private static string Quote(string? text) => text is null ? "(none)" : $"\"{text}\"";

    private static string Millis(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string?> Obligations(IReadOnlyList<CaseObligation> shown, LedgerCase ledger)
    {
        var listed = ledger.Duties;
        yield return Differ("obligations", string.Join(", ", shown.Select(o => o.Rule)), string.Join(", ", listed.Select(o => o.Rule)));
        foreach (var o in shown)
        {
            if (listed.FirstOrDefault(l => l.Rule == o.Rule) is { } l)
            {
                yield return Differ($"the text of {o.Rule}", o.Text, l.Text);
                yield return Differ($"the citations of {o.Rule}", string.Join(" | ", o.Citations), string.Join(" | ", l.Citations));
            }
            var served = ledger.Served.TryGetValue(o.Rule, out var x) ? x : ((string, string, long)?)null;
            yield return Differ($"{o.Rule} served", Served(o.ServedAt, o.ServedBy, o.ServedLedgerIndex),
                served is { } v ? Served(v.Item1, v.Item2, v.Item3) : Served(null, null, null));
        }
    }

    private static IEnumerable<string?> Identity(CaseIdentity? kept, string? committed)
    {
        yield return Differ("identity commitment", kept?.Commitment, committed);
        if (kept is not null && !kept.Holds)
            yield return "the identity kept does not hash to its commitment: it was changed after it was recorded";
    }

    private static IEnumerable<string?> Actions(IReadOnlyList<CaseAction> shown, IReadOnlyList<CaseAction> recorded)
    {
        static string Describe(CaseAction a) =>
            $"entry {a.LedgerIndex}: {CaseVocabularies.Actions.Name(a.Action)} at {a.TakenAt} to {a.ReceivingAgency ?? "-"} attorney {a.AttorneyPresent?.ToString() ?? "-"} by {a.RecordedBy}: {a.AgainstDecision ?? "allowed"}";
        yield return Differ("actions", string.Join(" / ", shown.Select(Describe)), string.Join(" / ", recorded.Select(Describe)));
    }

    private static IEnumerable<string?> Documents(IReadOnlyList<CaseDocument> shown, IReadOnlyList<CaseDocument> recorded)
    {
        static string Describe(CaseDocument d) => $"entry {d.LedgerIndex}: {d.Sha256} {d.MediaType} {d.Bytes} bytes by {d.RecordedBy}";
        yield return Differ("documents", string.Join(" / ", shown.Select(Describe)), string.Join(" / ", recorded.Select(Describe)));
    }

    private static string Served(string? at, string? by, long? index) =>
        at is null && by is null && index is null ? "outstanding" : $"at {at ?? "?"} by {by ?? "?"} (entry {index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";

    private static IEnumerable<string?> Reviews(IReadOnlyList<CaseReview> shown, IReadOnlyList<CaseReview> recorded)
    {
        static string Describe(CaseReview r) =>
            $"entry {r.LedgerIndex}: {CaseVocabularies.Verdicts.Name(r.Verdict)} {r.Outcome}{(r.Items is { } items ? " (" + string.Join(", ", items.Select(i => $"{Vocabularies.DataItems.Name(i.Item)} {Vocabularies.Outcomes.Name(i.Outcome)}").Order(StringComparer.Ordinal)) + ")" : "")} by {r.Reviewer}: {r.Justification}";
        yield return Differ("reviews", string.Join(" / ", shown.Select(Describe)), string.Join(" / ", recorded.Select(Describe)));
    }
}
