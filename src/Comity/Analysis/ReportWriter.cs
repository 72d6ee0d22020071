using System.Text.Json;
using Comity.Contract;

namespace Comity.Analysis;

/// <summary>
/// Writes check and diff reports as JSON for tools (<c>--json</c>): findings with their type,
/// severity, rules (id and file:line:column) and classes of requests, each with its witness in
/// contract form, ready to be sent to <c>comity decide</c>.
/// </summary>
public static class ReportWriter
{
    public static void Write(Utf8JsonWriter w, CheckReport report)
    {
        w.WriteStartObject();
        w.WriteString("stack"u8, report.Stack);
        if (report.Digest is not null)
            w.WriteString("digest"u8, report.Digest);
        if (report.From is { } from)
            w.WriteString("from"u8, from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteNumber("periods"u8, report.Periods);
        w.WriteNumber("classes"u8, report.Classes);
        w.WriteNumber("errors"u8, report.Errors);
        w.WriteNumber("warnings"u8, report.Warnings);
        w.WriteStartArray("findings"u8);
        foreach (var f in report.Findings)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, FindingNames.Of(f.Type));
            w.WriteString("severity"u8, FindingNames.Of(f.Severity));
            w.WriteString("message"u8, f.Message);
            Rules(w, f.Rules);
            Classes(w, f.Classes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter w, DiffReport report)
    {
        w.WriteStartObject();
        Side(w, "from"u8, report.From);
        Side(w, "to"u8, report.To);
        w.WriteNumber("classes"u8, report.Classes);
        w.WriteStartArray("changes"u8);
        foreach (var c in report.Changes)
        {
            w.WriteStartObject();
            w.WriteString("from"u8, Vocabularies.Outcomes.Name(c.From));
            w.WriteString("to"u8, Vocabularies.Outcomes.Name(c.To));
            Rules(w, c.Rules);
            Classes(w, c.Classes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string ToJson(CheckReport report) => Json(w => Write(w, report));

    public static string ToJson(DiffReport report) => Json(w => Write(w, report));

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Indented))
            write(w);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Side(Utf8JsonWriter w, ReadOnlySpan<byte> name, DiffReport.Version v)
    {
        w.WriteStartObject(name);
        w.WriteString("stack"u8, v.Stack);
        w.WriteString("folder"u8, v.Folder);
        w.WriteString("digest"u8, v.Digest);
        w.WriteEndObject();
    }

    private static void Rules(Utf8JsonWriter w, IReadOnlyList<RuleRef> rules)
    {
        w.WriteStartArray("rules"u8);
        foreach (var r in rules)
        {
            w.WriteStartObject();
            w.WriteString("id"u8, r.Id);
            w.WriteString("at"u8, r.At.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Classes(Utf8JsonWriter w, IReadOnlyList<RequestClass> classes)
    {
        w.WriteStartArray("classes"u8);
        foreach (var c in classes)
        {
            w.WriteStartObject();
            w.WriteString("description"u8, c.Description);
            w.WritePropertyName("witness"u8);
            RequestWriter.Write(w, c.Witness);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
