using System.Globalization;
using System.Text;
using System.Text.Json;
using Comity.Contract;
using Comity.Reports;

namespace Comity.Replay;

/// <summary>
/// Writes a replay report for people (text, as <c>comity diff</c> writes its changes) and for
/// tools: JSON (the counts and every changed case under its change) and CSV (RFC 4180, one row a
/// changed case). The CLI and the web app write the same report.
/// </summary>
public static class ReplayWriter
{
    public static string Text(ReplayReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"comity replay under {r.Under.Stack} {r.Under.Digest} ({r.Under.Source})");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{r.Replayed:N0} recorded {Plural(r.Replayed, "case")} decided again ({Scope(r.Scope)}); nothing was recorded");
        sb.AppendLine(r.Changed == 0 ? "no outcome changes" : $"{r.Changed:N0} {Plural(r.Changed, "case")} would change outcome");
        foreach (var group in r.Changes.GroupBy(c => (c.From, c.To)))
        {
            sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{Name(group.Key.From)} -> {Name(group.Key.To)} ({group.Sum(c => c.Cases.Count):N0})");
            foreach (var c in group)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {Because(c)} ({c.Cases.Count:N0})");
                foreach (var k in c.Cases)
                    sb.AppendLine(CultureInfo.InvariantCulture, $"    entry {k.Entry} ({k.Kind})  {k.RequestId ?? "(no id)"}  received {k.ReceivedAt}  {k.Unit}  {Vocabularies.Acts.Name(k.Act)}");
            }
        }
        var left = new List<string>();
        if (r.OtherStacks > 0)
            left.Add($"{r.OtherStacks:N0} decided under other stacks");
        if (r.OutOfScope > 0)
            left.Add($"{r.OutOfScope:N0} outside the period or unit");
        if (r.Superseded > 0)
            left.Add($"{r.Superseded:N0} replaced by a later correction or undone by a void");
        if (left.Count > 0)
            sb.AppendLine().AppendLine("Not replayed: " + string.Join("; ", left) + ".");
        if (r.ProblemCount > 0)
        {
            sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{r.ProblemCount:N0} {Plural(r.ProblemCount, "case")} could not be decided again:");
            foreach (var p in r.Problems)
                sb.AppendLine(CultureInfo.InvariantCulture, $"  entry {p.Entry} ({p.Kind}): {p.Problem}");
            if (r.ProblemCount > r.Problems.Count)
                sb.AppendLine(CultureInfo.InvariantCulture, $"  ... and {r.ProblemCount - r.Problems.Count:N0} more");
        }
        return sb.ToString();
    }

    /// <summary>What a change is put down to, in a sentence.</summary>
    public static string Because(ReplayChange c) => c.Rules.Count > 0
        ? "because of " + string.Join(", ", c.Rules)
        : "because of the offence tables, the order of rules, or law the ledger does not hold";

    public static readonly IReadOnlyList<string> CsvHeader = ["from", "to", "rules", "entry", "decision", "kind", "requestId", "receivedAt", "unit", "act", "recordedDigest"];

    /// <summary>One row a changed case (RFC 4180, CRLF, UTF-8 without byte-order mark); the rules separated by spaces.</summary>
    public static byte[] Csv(ReplayReport r) => Reports.Csv.Write(CsvHeader, r.Changes.SelectMany(c => c.Cases.Select(k => (IEnumerable<string>)
    [
        Name(c.From), Name(c.To), string.Join(' ', c.Rules), k.Entry.ToString(CultureInfo.InvariantCulture), k.Decision.ToString(CultureInfo.InvariantCulture), k.Kind, k.RequestId ?? "",
        k.ReceivedAt, k.Unit, Vocabularies.Acts.Name(k.Act), k.RecordedDigest,
    ])));

    public static void Write(Utf8JsonWriter w, ReplayReport r)
    {
        w.WriteStartObject();
        w.WriteStartObject("under"u8);
        w.WriteString("stack"u8, r.Under.Stack);
        w.WriteString("source"u8, r.Under.Source);
        w.WriteString("digest"u8, r.Under.Digest);
        w.WriteEndObject();
        w.WriteStartObject("scope"u8);
        Day(w, "from"u8, r.Scope.From);
        Day(w, "to"u8, r.Scope.To);
        if (r.Scope.Unit is { } unit)
            w.WriteString("unit"u8, unit);
        else
            w.WriteNull("unit"u8);
        w.WriteEndObject();
        w.WriteNumber("entries"u8, r.Entries);
        w.WriteNumber("replayed"u8, r.Replayed);
        w.WriteNumber("changed"u8, r.Changed);
        w.WriteNumber("otherStacks"u8, r.OtherStacks);
        w.WriteNumber("outOfScope"u8, r.OutOfScope);
        w.WriteNumber("superseded"u8, r.Superseded);
        w.WriteStartArray("changes"u8);
        foreach (var c in r.Changes)
        {
            w.WriteStartObject();
            w.WriteString("from"u8, Name(c.From));
            w.WriteString("to"u8, Name(c.To));
            w.WriteStartArray("rules"u8);
            foreach (var rule in c.Rules)
                w.WriteStringValue(rule);
            w.WriteEndArray();
            w.WriteNumber("count"u8, c.Cases.Count);
            w.WriteStartArray("cases"u8);
            foreach (var k in c.Cases)
            {
                w.WriteStartObject();
                w.WriteNumber("entry"u8, k.Entry);
                w.WriteNumber("decision"u8, k.Decision);
                w.WriteString("kind"u8, k.Kind);
                if (k.RequestId is { } id)
                    w.WriteString("requestId"u8, id);
                w.WriteString("receivedAt"u8, k.ReceivedAt);
                w.WriteString("unit"u8, k.Unit);
                w.WriteString("act"u8, Vocabularies.Acts.Name(k.Act));
                w.WriteString("recordedDigest"u8, k.RecordedDigest);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("problemCount"u8, r.ProblemCount);
        w.WriteStartArray("problems"u8);
        foreach (var p in r.Problems)
        {
            w.WriteStartObject();
            w.WriteNumber("entry"u8, p.Entry);
            w.WriteString("kind"u8, p.Kind);
            w.WriteString("problem"u8, p.Problem);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string Json(ReplayReport r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Indented))
            Write(w, r);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The period and unit replayed, in words.</summary>
    public static string Scope(ReplayScope s)
    {
        var period = (s.From, s.To) switch
        {
            (null, null) => "every day",
            ({ } f, null) => $"received from {Iso(f)}",
            (null, { } t) => $"received up to {Iso(t)}",
            ({ } f, { } t) => $"received {Iso(f)} to {Iso(t)}",
        };
        return period + (s.Unit is { } u ? $", unit {u} and the units within it" : ", every unit");
    }

    private static void Day(Utf8JsonWriter w, ReadOnlySpan<byte> name, DateOnly? day)
    {
        if (day is { } d)
            w.WriteString(name, Iso(d));
        else
            w.WriteNull(name);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Name(Outcome o) => Vocabularies.Outcomes.Name(o);

    private static string Plural(long n, string word) => n == 1 ? word : word + "s";
}
