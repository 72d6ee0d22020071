using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// A <c>review</c> entry: counsel's verdict on the decision of case <paramref name="Case"/>, the
/// outcome it settles on (the decision's, for a confirmation) and the written justification.
/// </summary>
public sealed record ReviewEntry(long Case, long Decision, ReviewVerdict Verdict, Outcome Outcome, string Justification, string RecordedBy)
{
    public const string Kind = CaseEventKinds.Review;

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteNumber("case"u8, Case);
        w.WriteNumber("decision"u8, Decision);
        w.WriteString("verdict"u8, CaseVocabularies.Verdicts.Name(Verdict));
        w.WriteString("outcome"u8, Vocabularies.Outcomes.Name(Outcome));
        w.WriteString("justification"u8, Justification);
        w.WriteString(EntryActor.Property, RecordedBy);
    });

    /// <exception cref="FormatException">when the body is not a review's.</exception>
    public static ReviewEntry Read(JsonElement body)
    {
        if (!CaseVocabularies.Verdicts.TryParse(EntryJson.String(body, "verdict"), out var verdict))
            throw new FormatException($"the review's verdict is not one of {CaseVocabularies.Verdicts.Expected}");
        if (!Vocabularies.Outcomes.TryParse(EntryJson.String(body, "outcome"), out var outcome))
            throw new FormatException($"the review's outcome is not one of {Vocabularies.Outcomes.Expected}");
        return new ReviewEntry(EntryJson.Int64(body, "case"), EntryJson.Int64(body, "decision"), verdict, outcome,
            EntryJson.String(body, "justification"), EntryActor.Of(body));
    }
}
