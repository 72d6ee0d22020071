using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// A <c>notice</c> entry: notice <paramref name="Notice"/> of case <paramref name="Case"/> was printed
/// to be handed over, in <paramref name="Language"/>, from the template of that version and digest
/// (<paramref name="Template"/>, <c>sha256:HEX</c> of its file) with its review status, as a document
/// whose bytes hash to <paramref name="Document"/>; <paramref name="EnglishBeside"/> when the English
/// text was printed beside an unreviewed translation. It names no person: the ledger never holds one.
/// </summary>
public sealed record NoticeEntry(long Case, long Decision, string Notice, string Language, string Version, string Template,
    string Review, bool EnglishBeside, string Format, string Document, string RecordedBy)
{
    public const string Kind = CaseEventKinds.Notice;

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteNumber("case"u8, Case);
        w.WriteNumber("decision"u8, Decision);
        w.WriteString("notice"u8, Notice);
        w.WriteString("language"u8, Language);
        w.WriteString("version"u8, Version);
        w.WriteString("template"u8, Template);
        w.WriteString("review"u8, Review);
        w.WriteBoolean("englishBeside"u8, EnglishBeside);
        w.WriteString("format"u8, Format);
        w.WriteString("document"u8, Document);
        w.WriteString(EntryActor.Property, RecordedBy);
    });

    /// <exception cref="FormatException">when the body is not a notice's.</exception>
    public static NoticeEntry Read(JsonElement body) =>
        new(EntryJson.Int64(body, "case"), EntryJson.Int64(body, "decision"), EntryJson.String(body, "notice"),
            EntryJson.String(body, "language"), EntryJson.String(body, "version"), EntryJson.String(body, "template"),
            EntryJson.String(body, "review"), body.TryGetProperty("englishBeside", out var b) && b.ValueKind == JsonValueKind.True,
            EntryJson.String(body, "format"), EntryJson.String(body, "document"), EntryActor.Of(body));
}
