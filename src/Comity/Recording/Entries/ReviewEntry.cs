using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// A <c>review</c> entry: counsel's verdict on the decision of case <paramref name="Case"/>, the
/// outcome it settles on (the decision's, for a confirmation) and the written justification.
/// </summary>
/// <remarks>
/// Since the case database's version 4, an override may settle each data item on its own
/// (<see cref="Items"/>: <c>"items":{"immigration-status":"permit"}</c>, the outcome then being the
/// most restrictive of the items'), and when the settled outcome changes which duties hold, the
/// entry lists the duties in force after it (<see cref="Obligations"/>, in the answer's shape).
/// Entries written before have neither and read as before: the whole request settled, the duties
/// the decision's.
/// </remarks>
public sealed record ReviewEntry(long Case, long Decision, ReviewVerdict Verdict, Outcome Outcome, string Justification, string RecordedBy)
{
    public const string Kind = CaseEventKinds.Review;

    /// <summary>Counsel's outcome for each data item it settled; null for a verdict on the whole request.</summary>
    public IReadOnlyList<ItemOutcome>? Items { get; init; }

    /// <summary>The duties in force after the verdict, when it changed them; null when it left the decision's.</summary>
    public IReadOnlyList<Obligation>? Obligations { get; init; }

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteNumber("case"u8, Case);
        w.WriteNumber("decision"u8, Decision);
        w.WriteString("verdict"u8, CaseVocabularies.Verdicts.Name(Verdict));
        w.WriteString("outcome"u8, Vocabularies.Outcomes.Name(Outcome));
        if (Items is { } items)
        {
            w.WriteStartObject("items"u8);
            foreach (var i in items)
                w.WriteString(Vocabularies.DataItems.Name(i.Item), Vocabularies.Outcomes.Name(i.Outcome));
            w.WriteEndObject();
        }
        if (Obligations is { } obligations)
        {
            w.WriteStartArray("obligations"u8);
            foreach (var o in obligations)
            {
                w.WriteStartObject();
                w.WriteString("rule"u8, o.Rule);
                w.WriteStartArray("citations"u8);
                foreach (var c in o.Citations)
                    w.WriteStringValue(c);
                w.WriteEndArray();
                w.WriteString("text"u8, o.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
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
        List<ItemOutcome>? items = null;
        if (body.TryGetProperty("items", out var given))
        {
            if (given.ValueKind != JsonValueKind.Object)
                throw new FormatException("the review's items are not an object of data items and outcomes");
            items = [];
            foreach (var p in given.EnumerateObject())
            {
                if (!Vocabularies.DataItems.TryParse(p.Name, out var item) || p.Value.ValueKind != JsonValueKind.String
                    || !Vocabularies.Outcomes.TryParse(p.Value.GetString()!, out var itemOutcome))
                    throw new FormatException($"the review's item \"{p.Name}\" is not a data item with an outcome");
                items.Add(new ItemOutcome(item, itemOutcome));
            }
        }
        List<Obligation>? obligations = null;
        if (body.TryGetProperty("obligations", out var listed))
        {
            if (listed.ValueKind != JsonValueKind.Array)
                throw new FormatException("the review's obligations are not a list");
            obligations = [.. listed.EnumerateArray().Select(o => new Obligation(EntryJson.String(o, "rule"),
                [.. o.GetProperty("citations").EnumerateArray().Select(c => c.GetString() ?? throw new FormatException("a citation is not a string"))],
                EntryJson.String(o, "text")))];
        }
        return new ReviewEntry(EntryJson.Int64(body, "case"), EntryJson.Int64(body, "decision"), verdict, outcome,
            EntryJson.String(body, "justification"), EntryActor.Of(body))
        { Items = items, Obligations = obligations };
    }
}
