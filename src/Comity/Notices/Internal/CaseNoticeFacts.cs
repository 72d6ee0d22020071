using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Engine;
using Comity.Recording.Entries;

namespace Comity.Notices.Internal;

/// <summary>The facts of a kept case as a notice reads them: the decision in force, the person, the unit's title.</summary>
internal static class CaseNoticeFacts
{
    /// <exception cref="FormatException">when the case's decision entry does not read.</exception>
    public static NoticeFacts Of(CaseDetail c, StackCatalog catalog)
    {
        using var body = JsonDocument.Parse(c.Current.BodyJson);
        var decision = DecisionOf(c.Current.Kind, body.RootElement);
        var read = RequestReader.Read(decision.RequestJson);
        if (!read.Ok)
            throw new FormatException($"the request of case {c.Summary.Id} no longer reads: {string.Join("; ", read.Errors)}");
        var request = read.Request!;
        Vocabularies.Outcomes.TryParse(c.Summary.Outcome, out var inForce);
        return NoticeFacts.From(c.Summary.Id, c.Summary.LedgerIndex, request, decision.Answer.Clone(), decision.StackDigest,
            inForce, c.Reviews.Count > 0, PersonOf(c), UnitTitle(catalog, request));
    }

    /// <summary>The decision in force: the decision entry's, or the latest correction's.</summary>
    public static DecisionEntry DecisionOf(string kind, JsonElement body) =>
        kind == CorrectionEntry.Kind ? CorrectionEntry.Read(body).AsDecision : DecisionEntry.Read(body);

    /// <summary>
    /// Who the case is about, as the case keeps it (the ledger holds only its salted commitment).
    /// An identity whose kept bytes no longer hash to the commitment is not printed on a notice.
    /// </summary>
    /// <exception cref="FormatException">when the kept identity was altered.</exception>
    public static SubjectIdentity? PersonOf(CaseDetail c) => c.Identity switch
    {
        null => null,
        { Holds: true } i => i.Identity,
        _ => throw new FormatException($"the person kept with case {c.Summary.Id} no longer matches what its ledger entry commits to: verify the case before printing"),
    };

    private static string? UnitTitle(StackCatalog catalog, DecisionRequest request)
    {
        try
        {
            return catalog.Find(request, out _)?.Stack.Units.FirstOrDefault(u => u.Id == request.Actor.Unit)?.Title;
        }
        catch (Law.LawException)
        {
            // The stack no longer loads: the unit's own name is printed.
            return null;
        }
    }
}
