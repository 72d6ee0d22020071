using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// An <c>obligation</c> entry: the duty of rule <paramref name="Rule"/> in case <paramref name="Case"/>
/// was met, at <paramref name="ServedAt"/> (as the officer gave it) by <paramref name="ServedBy"/>.
/// </summary>
public sealed record ObligationEntry(long Case, long Decision, string Rule, string ServedAt, string ServedBy, string RecordedBy)
{
    public const string Kind = CaseEventKinds.Obligation;

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteNumber("case"u8, Case);
        w.WriteNumber("decision"u8, Decision);
        w.WriteString("rule"u8, Rule);
        w.WriteString("servedAt"u8, ServedAt);
        w.WriteString("servedBy"u8, ServedBy);
        w.WriteString(EntryActor.Property, RecordedBy);
    });

    /// <exception cref="FormatException">when the body is not an obligation's.</exception>
    public static ObligationEntry Read(JsonElement body) =>
        new(EntryJson.Int64(body, "case"), EntryJson.Int64(body, "decision"), EntryJson.String(body, "rule"),
            EntryJson.String(body, "servedAt"), EntryJson.String(body, "servedBy"), EntryActor.Of(body));
}
