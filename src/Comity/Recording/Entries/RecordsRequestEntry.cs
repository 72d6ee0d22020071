using System.Globalization;
using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// A <c>records-request</c> entry: a request for copies of records about ICE access was received by
/// <paramref name="Unit"/> at <paramref name="ReceivedAt"/> (as given). Who asked and what for are
/// not in it: <paramref name="Particulars"/> commits them (<see cref="RecordsParticulars"/>), the
/// case database keeps them. The determination is due at <paramref name="DueAt"/> (UTC; null
/// where the stack's law sets no time) by the law <paramref name="Cites"/> cites, in the stack
/// <paramref name="StackDigest"/>: recorded, so that a rebuild from the ledger needs no law.
/// </summary>
public sealed record RecordsRequestEntry(string Jurisdiction, string Unit, string ReceivedAt, string Particulars, DateTimeOffset? DueAt,
    IReadOnlyList<string> Cites, string StackDigest, string RecordedBy)
{
    public const string Kind = RecordsEntryKinds.Request;

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteStartArray("cites"u8);
        foreach (var c in Cites)
            w.WriteStringValue(c);
        w.WriteEndArray();
        if (DueAt is { } due)
            w.WriteString("dueAt"u8, Time(due));
        w.WriteString("jurisdiction"u8, Jurisdiction);
        w.WriteString("particulars"u8, Particulars);
        w.WriteString("receivedAt"u8, ReceivedAt);
        w.WriteString(EntryActor.Property, RecordedBy);
        w.WriteString("stackDigest"u8, StackDigest);
        w.WriteString("unit"u8, Unit);
    });

    /// <exception cref="FormatException">when the body is not a records request's.</exception>
    public static RecordsRequestEntry Read(JsonElement body)
    {
        if (!body.TryGetProperty("cites", out var cites) || cites.ValueKind != JsonValueKind.Array)
            throw new FormatException("the entry's body has no list \"cites\"");
        return new RecordsRequestEntry(EntryJson.String(body, "jurisdiction"), EntryJson.String(body, "unit"), EntryJson.String(body, "receivedAt"),
            EntryJson.String(body, "particulars"), ParseTime(EntryJson.OptionalString(body, "dueAt")),
            [.. cites.EnumerateArray().Select(c => c.GetString() ?? throw new FormatException("a citation is not a string"))],
            EntryJson.String(body, "stackDigest"), EntryActor.Of(body));
    }

    /// <summary>A due time as entries write it: UTC, to the second.</summary>
    internal static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset? ParseTime(string? text) => text is null ? null
        : DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
        : throw new FormatException($"the due time \"{text}\" is not yyyy-MM-ddTHH:mm:ssZ");
}

/// <summary>
/// A <c>records-extension</c> entry: in unusual circumstances (<paramref name="Reason"/>, with a
/// public <paramref name="Note"/>), the determination on records request <paramref name="Request"/>
/// is now expected by the end of <paramref name="ExpectedBy"/> in the unit's time zone, due at <paramref name="DueAt"/> (UTC).
/// </summary>
public sealed record RecordsExtensionEntry(long Request, RecordsExtensionReason Reason, string Note, DateOnly ExpectedBy, DateTimeOffset DueAt, string RecordedBy)
{
    public const string Kind = RecordsEntryKinds.Extension;

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteString("dueAt"u8, RecordsRequestEntry.Time(DueAt));
        w.WriteString("expectedBy"u8, ExpectedBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("note"u8, Note);
        w.WriteString("reason"u8, RecordsVocabularies.ExtensionReasons.Name(Reason));
        w.WriteString(EntryActor.Property, RecordedBy);
        w.WriteNumber("request"u8, Request);
    });

    /// <exception cref="FormatException">when the body is not an extension's.</exception>
    public static RecordsExtensionEntry Read(JsonElement body) => new(
        EntryJson.Int64(body, "request"),
        RecordsVocabularies.ExtensionReasons.TryParse(EntryJson.String(body, "reason"), out var reason) ? reason
            : throw new FormatException($"the reason is not {RecordsVocabularies.ExtensionReasons.Expected}"),
        EntryJson.String(body, "note"),
        DateOnly.ParseExact(EntryJson.String(body, "expectedBy"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        RecordsRequestEntry.ParseTime(EntryJson.String(body, "dueAt"))!.Value,
        EntryActor.Of(body));
}

/// <summary>
/// A <c>records-determination</c> entry: what the agency determined on records request
/// <paramref name="Request"/>, its public <paramref name="Reasons"/>, and, when the records are
/// disclosable (in whole or part), the <paramref name="EstimatedAvailableAt"/> date and time given. It closes the request.
/// </summary>
public sealed record RecordsDeterminationEntry(long Request, RecordsDetermination Determination, string Reasons, string? EstimatedAvailableAt, string RecordedBy)
{
    public const string Kind = RecordsEntryKinds.Determination;

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteString("determination"u8, RecordsVocabularies.Determinations.Name(Determination));
        if (EstimatedAvailableAt is not null)
            w.WriteString("estimatedAvailableAt"u8, EstimatedAvailableAt);
        w.WriteString("reasons"u8, Reasons);
        w.WriteString(EntryActor.Property, RecordedBy);
        w.WriteNumber("request"u8, Request);
    });

    /// <exception cref="FormatException">when the body is not a determination's.</exception>
    public static RecordsDeterminationEntry Read(JsonElement body) => new(
        EntryJson.Int64(body, "request"),
        RecordsVocabularies.Determinations.TryParse(EntryJson.String(body, "determination"), out var d) ? d
            : throw new FormatException($"the determination is not {RecordsVocabularies.Determinations.Expected}"),
        EntryJson.String(body, "reasons"), EntryJson.OptionalString(body, "estimatedAvailableAt"), EntryActor.Of(body));
}
