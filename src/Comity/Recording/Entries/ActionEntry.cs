using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// An <c>action</c> entry: what the unit did on case <paramref name="Case"/> and when
/// (<paramref name="At"/>, as staff gave it): <c>notified</c>, <c>information-given</c>,
/// <c>transferred</c> (with the receiving agency), <c>interview-held</c> (with whether an
/// attorney was present), <c>declined</c>, <c>released</c>. Whether the decision allowed it is not
/// recorded here: it follows from the case's entries (reports.md section 1).
/// </summary>
public sealed record ActionEntry(long Case, long Decision, CaseActionKind Action, string At, string? ReceivingAgency, bool? AttorneyPresent, string RecordedBy)
{
    public const string Kind = CaseEventKinds.Action;

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteString("action"u8, CaseVocabularies.Actions.Name(Action));
        w.WriteString("at"u8, At);
        if (AttorneyPresent is { } present)
            w.WriteBoolean("attorneyPresent"u8, present);
        w.WriteNumber("case"u8, Case);
        w.WriteNumber("decision"u8, Decision);
        if (ReceivingAgency is not null)
            w.WriteString("receivingAgency"u8, ReceivingAgency);
        w.WriteString(EntryActor.Property, RecordedBy);
    });

    /// <exception cref="FormatException">when the body is not an action's.</exception>
    public static ActionEntry Read(JsonElement body)
    {
        if (!CaseVocabularies.Actions.TryParse(EntryJson.String(body, "action"), out var action))
            throw new FormatException($"the action is not {CaseVocabularies.Actions.Expected}");
        return new ActionEntry(EntryJson.Int64(body, "case"), EntryJson.Int64(body, "decision"), action, EntryJson.String(body, "at"),
            EntryJson.OptionalString(body, "receivingAgency"), EntryJson.OptionalBoolean(body, "attorneyPresent"), EntryActor.Of(body));
    }
}
