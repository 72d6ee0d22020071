using System.Globalization;
using System.Text.Json;
using Comity.Contract;

namespace Comity.Notices;

/// <summary>A reason of the decision as the decision copy prints it: the stack's words and their citations.</summary>
public sealed record NoticeReason(string Text, IReadOnlyList<string> Citations);

/// <summary>
/// The facts of a case a notice is filled from: the request as recorded, the person (the case's
/// identity, never in the ledger), the outcome in force and the decision's reasons. Values that
/// are words (an agency, an act, an outcome) are kept as the contract spells them and put in the
/// notice's language by its phrase book; a fact not recorded prints as such, never as a guess.
/// </summary>
public sealed record NoticeFacts
{
    /// <summary>Every placeholder a template may use.</summary>
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string>(StringComparer.Ordinal)
    {
        "person.name", "person.dateOfBirth", "person.bookingNumber", "person.aNumber", "person.attorney",
        "request.reference", "request.receivedOn", "request.receivedAt", "request.agency", "request.act", "request.actAbout",
        "request.document", "request.purpose", "unit", "release.at",
        "decision.intent", "decision.outcome", "decision.reviewed",
        "case.id", "case.ledgerIndex", "case.stack", "case.stackDigest",
    };

    public required long CaseId { get; init; }
    public required long LedgerIndex { get; init; }
    public required string Stack { get; init; }
    public required string StackDigest { get; init; }
    public required DecisionRequest Request { get; init; }

    /// <summary>Who the case is about; null when the case keeps no identity.</summary>
    public SubjectIdentity? Person { get; init; }

    /// <summary>The unit's title as the stack declares it; null to print the unit's name.</summary>
    public string? UnitTitle { get; init; }

    /// <summary>The outcome in force: the decision's, or counsel's after a review.</summary>
    public required Outcome Outcome { get; init; }

    /// <summary>Whether counsel reviewed the decision (the decision copy says so).</summary>
    public bool Reviewed { get; init; }

    public IReadOnlyList<NoticeReason> Reasons { get; init; } = [];

    /// <summary>
    /// The facts of a recorded decision: <paramref name="answer"/> is the answer as recorded, whose
    /// reasons that decided are the ones the decision copy prints (all its reasons when none is named).
    /// </summary>
    public static NoticeFacts From(long caseId, long ledgerIndex, DecisionRequest request, JsonElement answer, string stackDigest,
        Outcome outcomeInForce, bool reviewed, SubjectIdentity? person, string? unitTitle)
    {
        var decidedBy = answer.TryGetProperty("decidedBy", out var d) && d.ValueKind == JsonValueKind.Array
            ? d.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var reasons = new List<NoticeReason>();
        if (answer.TryGetProperty("reasons", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in list.EnumerateArray())
            {
                var rule = r.TryGetProperty("rule", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "";
                if (decidedBy.Count > 0 && !decidedBy.Contains(rule))
                    continue;
                var text = r.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                var cites = r.TryGetProperty("citations", out var c) && c.ValueKind == JsonValueKind.Array
                    ? c.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                    : [];
                reasons.Add(new NoticeReason(text, cites));
            }
        }
        var stack = answer.TryGetProperty("policy", out var p) && p.TryGetProperty("stack", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        return new NoticeFacts
        {
            CaseId = caseId,
            LedgerIndex = ledgerIndex,
            Stack = stack,
            StackDigest = stackDigest,
            Request = request,
            Person = person,
            UnitTitle = unitTitle,
            Outcome = outcomeInForce,
            Reviewed = reviewed,
            Reasons = reasons,
        };
    }

    /// <summary>
    /// The value of a placeholder: a literal (<c>Literal</c>) or the key of a phrase in the notice's
    /// language (<c>Phrase</c>, with the contract's spelling as the last resort); null when not recorded.
    /// </summary>
    internal (string? Literal, string? Phrase, string? Fallback) Value(string placeholder)
    {
        var r = Request;
        var i = Person;
        return placeholder switch
        {
            "person.name" => (Blank(i?.Name), null, null),
            "person.dateOfBirth" => (i?.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null),
            "person.bookingNumber" => (Blank(i?.BookingNumber), null, null),
            "person.aNumber" => (Blank(i?.ANumber), null, null),
            "person.attorney" => (Blank(string.Join(", ", new[] { i?.Attorney?.Name, i?.Attorney?.Contact }.Where(x => !string.IsNullOrWhiteSpace(x)))), null, null),
            "request.reference" => (Blank(r.Id), null, null),
            "request.receivedOn" => (r.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null),
            "request.receivedAt" => (r.ReceivedAt, null, null),
            "request.agency" => Word("agency.", Vocabularies.Agencies.Name(r.Requester.Agency)),
            "request.act" => Word("act.", Vocabularies.Acts.Name(r.Act)),
            // The act told to someone other than the person (the decision copy is the attorney's): "the person", never "you".
            "request.actAbout" => Word("act-about.", Vocabularies.Acts.Name(r.Act)),
            "request.document" => Word("document.", Vocabularies.DocumentTypes.Name(r.Document.Type)),
            "request.purpose" => Word("purpose.", Vocabularies.Purposes.Name(r.Purpose)),
            "unit" => (UnitTitle ?? r.Actor.Unit, null, null),
            "release.at" => (Blank(r.Subject.Custody?.EligibleForReleaseAt), null, null),
            "decision.intent" => (null, Outcome switch
            {
                Outcome.MustComply => "intent.comply",
                Outcome.Deny => "intent.not-comply",
                Outcome.Permit => "intent.permit",
                _ => "intent.undecided",
            }, null),
            "decision.outcome" => Word("outcome.", Vocabularies.Outcomes.Name(Outcome)),
            "decision.reviewed" => Reviewed ? (null, "reviewed", null) : ("", null, null),
            "case.id" => (caseId(), null, null),
            "case.ledgerIndex" => (LedgerIndex.ToString(CultureInfo.InvariantCulture), null, null),
            "case.stack" => (Stack, null, null),
            "case.stackDigest" => (StackDigest, null, null),
            _ => throw new ArgumentOutOfRangeException(nameof(placeholder), placeholder, "not a placeholder of a notice"),
        };

        string caseId() => CaseId.ToString(CultureInfo.InvariantCulture);
    }

    private static (string?, string?, string?) Word(string prefix, string name) => (null, prefix + name, name);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
