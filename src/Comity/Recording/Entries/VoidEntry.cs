using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// A <c>void</c> entry: case <paramref name="Case"/> (decided in entry <paramref name="Decision"/>)
/// was entered by mistake or twice. The case and its entries stay; reports count it as void.
/// </summary>
public sealed record VoidEntry(long Case, long Decision, CorrectionReason Reason, string Note, string RecordedBy)
{
    public const string Kind = CaseEventKinds.Void;

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteNumber("case"u8, Case);
        w.WriteNumber("decision"u8, Decision);
        w.WriteString("note"u8, Note);
        w.WriteString("reason"u8, CaseVocabularies.Reasons.Name(Reason));
        w.WriteString(EntryActor.Property, RecordedBy);
    });

    /// <exception cref="FormatException">when the body is not a void's.</exception>
    public static VoidEntry Read(JsonElement body) =>
        new(EntryJson.Int64(body, "case"), EntryJson.Int64(body, "decision"), EntryJson.Reason(body), EntryJson.String(body, "note"), EntryActor.Of(body));
}
