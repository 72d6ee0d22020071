using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Comity.Ledger;

namespace Comity.Recording.Entries;

/// <summary>
/// An <c>access</c> entry (reports.md P8): a staff read of a case, a search of the case list, an
/// export or a report fetch, whatever door it came through:
/// <c>{"action":"identity-search","door":"api","fields":["q"],"purpose":"case-work","read":"2026-12-07:9f0c...",
/// "recordedBy":"maria","records":3,"roles":["intake"],"route":"/api/v1/cases","searched":"sha256:..."}</c>.
/// <paramref name="Case"/> is the case shown (a read of one case); <paramref name="Fields"/> the
/// parameters a search used, whose values the entry never holds: <paramref name="Searched"/> commits
/// them by salted hash (<see cref="Comity.Cases.CaseIdentity.Commit"/>, as a decision commits the
/// identity), under a salt that is not kept, so no one can confirm a guessed name against it.
/// <paramref name="Records"/> is how many case records the read returned (null when it returned
/// none, such as a report file). <paramref name="ReadId"/> names the read: its UTC day and a random
/// part; the entry is kept under the key <c>access:</c> and that id, so that the access audit finds
/// a day's entries without reading the rest of the ledger (and <c>ledger verify</c> checks the key).
/// </summary>
public sealed record AccessEntry(
    string ReadId,
    string Action,
    string Door,
    string Route,
    long? Case,
    IReadOnlyList<string> Fields,
    string? Searched,
    AccessPurpose? Purpose,
    string? Note,
    long? Records,
    IReadOnlyList<string> Roles,
    string RecordedBy)
{
    public const string Kind = "access";

    /// <summary>Every access entry's key starts so, then its UTC day (<c>access:2026-12-07:</c>), then a random part.</summary>
    public const string KeyPrefix = "access:";

    /// <summary>The key prefix of the access entries recorded on <paramref name="day"/> (UTC).</summary>
    public static string DayKey(DateOnly day) => KeyPrefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ":";

    /// <summary>A new read's id: its UTC day and a random part (<c>2026-12-07:9f0c...</c>).</summary>
    public static string NewReadId(DateTimeOffset at) =>
        DateOnly.FromDateTime(at.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ":" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>The ledger entry to append: the body, the time, and its key (<c>access:</c> and the read's id).</summary>
    public LedgerEntry ToLedgerEntry(DateTimeOffset at) => new(Kind, Write(), at) { Key = KeyPrefix + ReadId };

    public byte[] Write() => EntryJson.Object(w =>
    {
        w.WriteString("action"u8, Action);
        if (Case is { } id)
            w.WriteNumber("case"u8, id);
        w.WriteString("door"u8, Door);
        if (Fields.Count > 0)
        {
            w.WriteStartArray("fields"u8);
            foreach (var f in Fields)
                w.WriteStringValue(f);
            w.WriteEndArray();
        }
        if (Note is not null)
            w.WriteString("note"u8, Note);
        if (Purpose is { } p)
            w.WriteString("purpose"u8, AccessPurposes.Names.Name(p));
        w.WriteString("read"u8, ReadId);
        w.WriteString(EntryActor.Property, RecordedBy);
        if (Records is { } n)
            w.WriteNumber("records"u8, n);
        w.WriteStartArray("roles"u8);
        foreach (var r in Roles)
            w.WriteStringValue(r);
        w.WriteEndArray();
        w.WriteString("route"u8, Route);
        if (Searched is not null)
            w.WriteString("searched"u8, Searched);
    });

    /// <exception cref="FormatException">when the body is not an access entry's.</exception>
    public static AccessEntry Read(JsonElement body)
    {
        AccessPurpose? purpose = null;
        if (EntryJson.OptionalString(body, "purpose") is { } name)
            purpose = AccessPurposes.Names.TryParse(name, out var p) ? p : throw new FormatException($"the purpose is not {AccessPurposes.Names.Expected}");
        return new AccessEntry(EntryJson.String(body, "read"), EntryJson.String(body, "action"), EntryJson.String(body, "door"), EntryJson.String(body, "route"),
            body.TryGetProperty("case", out _) ? EntryJson.Int64(body, "case") : null, Strings(body, "fields"), EntryJson.OptionalString(body, "searched"),
            purpose, EntryJson.OptionalString(body, "note"), body.TryGetProperty("records", out _) ? EntryJson.Int64(body, "records") : null,
            Strings(body, "roles"), EntryActor.Of(body));
    }

    private static string[] Strings(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var list) ? []
        : list.ValueKind == JsonValueKind.Array && list.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. list.EnumerateArray().Select(e => e.GetString()!)]
            : throw new FormatException($"the entry's \"{name}\" is not a list of strings");
}
