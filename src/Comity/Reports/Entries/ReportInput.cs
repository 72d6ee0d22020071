using System.Text.Json;
using Comity.Ledger;

namespace Comity.Reports;

/// <summary>
/// A <c>report-input</c> entry: figures that are not requests, imported and signed by whoever
/// recorded them (reports.md section 1). <see cref="Type"/> is <c>denominator</c> (bookings and
/// releases of a unit in a month, from the jail management system), <c>cost-basis</c> (minutes per
/// request type, hourly cost, forum preparation hours) or <c>task-force-return</c> (a task force's
/// name, purpose, agencies and arrests). <see cref="Data"/> is the figures' JSON object as recorded.
/// </summary>
public sealed record ReportInput(long Index, string Type, JsonElement Data, string RecordedBy, DateTimeOffset RecordedAt)
{
    public const string Kind = "report-input";
    public static readonly string[] Types = ["denominator", "cost-basis", "task-force-return"];

    public static byte[] Write(string type, JsonElement data, string recordedBy)
    {
        if (!Types.Contains(type))
            throw new ReportException($"a report input is one of {string.Join(", ", Types)}, not \"{type}\"");
        Validate(type, data);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WritePropertyName("data");
            data.WriteTo(w);
            w.WriteString(EntryActor.Property, recordedBy);
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    public static ReportInput Read(RecordedEntry entry)
    {
        var body = entry.Body;
        var type = body.GetProperty("type").GetString() ?? throw new FormatException("a report input has a type");
        return new ReportInput(entry.Index, type, body.GetProperty("data").Clone(), EntryActor.Of(body), entry.RecordedAt);
    }

    /// <summary>Each type's required figures, said with their JSON path.</summary>
    private static void Validate(string type, JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
            throw new ReportException("$.data: a report input's figures are a JSON object");
        string[] required = type switch
        {
            "denominator" => ["unit", "month", "bookings", "releases"],
            "cost-basis" => ["year", "hourlyCostUsd", "forumPreparationHours", "minutesPerRequest"],
            _ => ["year", "name", "primaryPurpose", "participatingAgencies", "designatedReportingAgency", "dedicatedResources", "totalArrests", "immigrationEnforcementArrests"],
        };
        foreach (var name in required)
            if (!data.TryGetProperty(name, out _))
                throw new ReportException($"$.data.{name}: a {type} input gives it");
    }
}

/// <summary>An <c>attestation</c> entry: a unit head's statement that the unit received no requests from federal immigration authorities in a period.</summary>
public sealed record Attestation(long Index, string Unit, DateOnly From, DateOnly To, string AttestedBy, DateTimeOffset RecordedAt)
{
    public const string Kind = "attestation";

    public static byte[] Write(string unit, DateOnly from, DateOnly to, string attestedBy, string recordedBy)
    {
        if (to < from)
            throw new ReportException("an attestation's period ends on or after it starts");
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("attestedBy", attestedBy);
            w.WriteString("from", from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString(EntryActor.Property, recordedBy);
            w.WriteString("to", to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("unit", unit);
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    public static Attestation Read(RecordedEntry entry)
    {
        var b = entry.Body;
        return new Attestation(entry.Index, b.GetProperty("unit").GetString()!, DateOnly.Parse(b.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(b.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture), b.GetProperty("attestedBy").GetString()!, entry.RecordedAt);
    }

    public bool Covers(string unit, DateOnly from, DateOnly to) => Unit == unit && From <= from && To >= to;
}

/// <summary>A <c>report</c> entry: a published version (jurisdiction, report, period, version, copy, the SHA-256 of its manifest), so that the next checkpoint commits the publication.</summary>
public sealed record PublishedReport(long Index, string Jurisdiction, string Report, string Period, int Version, string Copy, string ManifestSha256, string Reason, DateTimeOffset RecordedAt)
{
    public const string Kind = "report";

    public static byte[] Write(string jurisdiction, string report, string period, int version, string copy, string manifestSha256, string reason, string recordedBy)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("copy", copy);
            w.WriteString("jurisdiction", jurisdiction);
            w.WriteString("manifestSha256", manifestSha256);
            w.WriteString("period", period);
            w.WriteString("reason", reason);
            w.WriteString(EntryActor.Property, recordedBy);
            w.WriteString("report", report);
            w.WriteNumber("version", version);
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    public static PublishedReport Read(RecordedEntry entry)
    {
        var b = entry.Body;
        return new PublishedReport(entry.Index, b.GetProperty("jurisdiction").GetString()!, b.GetProperty("report").GetString()!, b.GetProperty("period").GetString()!, b.GetProperty("version").GetInt32(),
            b.GetProperty("copy").GetString()!, b.GetProperty("manifestSha256").GetString()!, b.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "", entry.RecordedAt);
    }
}
