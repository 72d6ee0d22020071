using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>A <c>referral</c> entry: case <paramref name="Case"/> (decided in entry <paramref name="Decision"/>) was sent to counsel, with a note.</summary>
public sealed record ReferralEntry(long Case, long Decision, string Note, string RecordedBy)
{
    public const string Kind = CaseEventKinds.Referral;

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteNumber("case"u8, Case);
        w.WriteNumber("decision"u8, Decision);
        w.WriteString("note"u8, Note);
        w.WriteString(EntryActor.Property, RecordedBy);
    });

    /// <exception cref="FormatException">when the body is not a referral's.</exception>
    public static ReferralEntry Read(JsonElement body) =>
        new(EntryJson.Int64(body, "case"), EntryJson.Int64(body, "decision"), EntryJson.String(body, "note"), EntryActor.Of(body));
}
