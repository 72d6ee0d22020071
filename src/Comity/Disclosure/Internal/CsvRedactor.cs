using System.Text;

namespace Comity.Disclosure.Internal;

/// <summary>
/// Cuts a CSV export to the plan: the header names the fields; kept columns are copied byte for
/// byte (quoting included) in their original order, runs of adjacent kept columns in one copy;
/// for a named person, only rows whose subject fields hold exactly the subject's values.
/// </summary>
internal static class CsvRedactor
{
    public static RedactedRows Run(DisclosurePlan plan, InputWindow window, HashingOutput output)
    {
        var scanner = new CsvScanner(window);
        if (!scanner.Next())
            throw new DisclosureException(window.ErrorAt(window.TextStart, "the file is empty; expected a header line naming the fields"));
        var names = HeaderNames(scanner, window);
        var decisions = names.Select(plan.Decide).ToList();
        var runs = KeptRuns(decisions);
        var subject = SubjectColumns(plan, names, decisions, window);
        var newline = scanner.Terminator == 2 ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
        var columns = names.Count;

        if (runs.Length > 0)
            WriteRecord(scanner, runs, newline, output);
        long rows = 0, written = 0;
        while (scanner.Next())
        {
            rows++;
            if (scanner.Count != columns)
                throw Ragged(scanner, window, columns);
            if (runs.Length == 0 || (subject is not null && !IsSubject(scanner, subject)))
                continue;
            WriteRecord(scanner, runs, newline, output);
            written++;
        }
        return new RedactedRows(rows, written, decisions);
    }

    /// <summary>The header's field names, unquoted; a name given twice is an error (which column would count?).</summary>
    private static List<string> HeaderNames(CsvScanner scanner, InputWindow window)
    {
        var names = new List<string>(scanner.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<DisclosureError>();
        for (var k = 0; k < scanner.Count; k++)
        {
            var name = Unquote(scanner.Window.Span(scanner.Start(k), scanner.End(k) - scanner.Start(k)));
            if (seen.TryGetValue(name, out var first))
                errors.Add(window.ErrorAt(scanner.Start(k), $"field \"{name}\" is named twice in the header (fields {first + 1} and {k + 1}): which one the catalog means cannot be told"));
            else
                seen[name] = k;
            names.Add(name);
        }
        if (errors.Count > 0)
            throw new DisclosureException(errors);
        return names;
    }

    private static string Unquote(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < 2 || raw[0] != '"')
            return Encoding.UTF8.GetString(raw);
        return Encoding.UTF8.GetString(raw[1..^1]).Replace("\"\"", "\"", StringComparison.Ordinal);
    }

    /// <summary>Kept columns as runs of adjacent columns [First, Last], each copied in one piece.</summary>
    private static (int First, int Last)[] KeptRuns(List<FieldDecision> decisions)
    {
        var runs = new List<(int, int)>();
        for (var k = 0; k < decisions.Count; k++)
        {
            if (!decisions[k].Kept)
                continue;
            var first = k;
            while (k + 1 < decisions.Count && decisions[k + 1].Kept)
                k++;
            runs.Add((first, k));
        }
        return [.. runs];
    }

    private static (int Column, byte[] Value)[]? SubjectColumns(DisclosurePlan plan, List<string> names, List<FieldDecision> decisions, InputWindow window)
    {
        if (plan.Subject is null)
            return null;
        var columns = new List<(int, byte[])>();
        foreach (var (field, value) in plan.Subject.Values)
        {
            var column = names.IndexOf(field);
            if (column < 0)
                throw new DisclosureException(window.ErrorAt(window.TextStart, $"the header has no field \"{field}\", which identifies the person ({plan.Catalog.System}'s subject); no row could be told to be the person's"));
            columns.Add((column, Encoding.UTF8.GetBytes(value)));
        }
        return [.. columns];
    }

    private static bool IsSubject(CsvScanner scanner, (int Column, byte[] Value)[] subject)
    {
        foreach (var (column, value) in subject)
        {
            var start = scanner.Start(column);
            if (!FieldEquals(scanner.Window.Span(start, scanner.End(column) - start), value))
                return false;
        }
        return true;
    }

    /// <summary>The field's content (unquoted, doubled quotes undone) equals <paramref name="value"/> exactly.</summary>
    internal static bool FieldEquals(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> value)
    {
        if (raw.Length == 0 || raw[0] != '"')
            return raw.SequenceEqual(value);
        var content = raw[1..^1];
        while (true)
        {
            var quote = content.IndexOf((byte)'"');
            if (quote < 0)
                return content.SequenceEqual(value);
            // content[quote] starts a doubled quote: one quote of content.
            if (value.Length <= quote || !content[..(quote + 1)].SequenceEqual(value[..(quote + 1)]))
                return false;
            content = content[(quote + 2)..];
            value = value[(quote + 1)..];
        }
    }

    private static void WriteRecord(CsvScanner scanner, (int First, int Last)[] runs, byte[] newline, HashingOutput output)
    {
        var window = scanner.Window;
        for (var r = 0; r < runs.Length; r++)
        {
            if (r > 0)
                output.WriteByte((byte)',');
            var start = scanner.Start(runs[r].First);
            output.Write(window.Span(start, scanner.End(runs[r].Last) - start));
        }
        output.Write(newline);
    }

    private static DisclosureException Ragged(CsvScanner scanner, InputWindow window, int columns)
    {
        var start = scanner.RecordStart;
        var empty = scanner.Count == 1 && scanner.End(0) == start;
        return window.Fail(start, empty
            ? $"an empty line; every record has {columns} fields, as the header has"
            : $"this record has {scanner.Count} fields; the header has {columns} (a missing or extra comma, or an unquoted field holding one?)");
    }
}
