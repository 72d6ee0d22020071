namespace Comity.Reports.Formats;

/// <summary>The formats a report is written in (reports.md section 8), the same from the command line and the server.</summary>
public static class ReportFormats
{
    public const string All = "csv,html,pdf";

    /// <summary>The formats named in <paramref name="formats"/> (<c>csv,html,pdf</c>), or a <see cref="ReportException"/> naming the bad one.</summary>
    public static IReadOnlySet<string> Parse(string formats, string where = "--formats")
    {
        var asked = formats.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (asked.Length == 0 || asked.Any(f => f is not ("csv" or "html" or "pdf")))
            throw new ReportException($"{where} {formats}: give csv, html and pdf, separated by commas");
        return asked.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Keeps the formats asked for: the HTML page and charts, and report.pdf printed from the page (CSV files are always kept).</summary>
    public static void Apply(ReportBuild build, string formats, string where = "--formats")
    {
        var asked = Parse(formats, where);
        if (!build.Files.TryGetValue("report.html", out var html))
            return; // R2 and R3 have no report.html to print
        if (asked.Contains("pdf"))
            build.Files["report.pdf"] = ReportPdf.Print(html);
        if (!asked.Contains("html"))
            foreach (var name in build.Files.Keys.Where(n => n.EndsWith(".svg", StringComparison.Ordinal) || n == "report.html").ToList())
                build.Files.Remove(name);
    }
}
