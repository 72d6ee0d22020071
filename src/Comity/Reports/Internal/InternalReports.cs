using System.Globalization;
using Comity.Ledger;

namespace Comity.Reports.Internal;

/// <summary>
/// The internal reports' one entry point for the command line and the server (reports.md section 7):
/// the compliance report and the access audit for a date range, computed on request and never
/// published, each as its CSV files and an HTML page (<c>report.html</c>).
/// </summary>
public static class InternalReports
{
    /// <summary>A date as a caller gave it (<c>YYYY-MM-DD</c>), or a <see cref="ReportRequestException"/> naming the parameter.</summary>
    public static DateOnly Date(string? text, string where)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new ReportRequestException(where, $"{where}: give a date as YYYY-MM-DD");
        // The range runs to the end of its last day (the next day's start), so the calendar's last day cannot end one.
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Year is < 2000 or > 9998)
            throw new ReportRequestException(where, $"{where} {text}: give a date from 2000-01-01 to 9998-12-31 as YYYY-MM-DD");
        return d;
    }

    /// <param name="maker">The report maker of the jurisdiction (with its store): with it, c5_reconciliation.csv checks R1 (C8) for each year the range touches, and against its latest published version.</param>
    public static SortedDictionary<string, byte[]> Compliance(TransparencyLog ledger, ReportMapping mapping, DateOnly from, DateOnly to, Func<long, long?> caseOf, long? treeSize = null, ReportMaker? maker = null)
    {
        var size = treeSize ?? ledger.Checkpoint().Size;
        // With a maker that keeps the projection, the report reads only the entries it can depend on, not the whole ledger.
        var projection = maker is { ProjectionFolder: not null } && to >= from ? maker.Project(size) : null;
        var only = projection is null ? null : ComplianceReport.Candidates(projection, from, to);
        var files = ComplianceReport.Build(ledger, size, mapping, from, to, caseOf, only: only);
        if (maker is not null && to >= from)
            files[Reconciliation.File] = Reconciliation.Build(maker, from, to, treeSize, projection);
        files["report.html"] = ComplianceReport.Page($"Compliance, {from:yyyy-MM-dd} to {to:yyyy-MM-dd}",
            $"{mapping.Stack}: requests received from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} (local days), as the ledger stood at the end of the last day. " +
            $"Hours open run from when the request was received to the end of the range; the {ComplianceReport.DefaultTargetHours}-hour target is a measure, not a legal deadline. Cases are named by id, never by the person.",
            files, ComplianceReport.Captions);
        return files;
    }

    public static SortedDictionary<string, byte[]> Access(TransparencyLog ledger, DateOnly from, DateOnly to)
    {
        var files = AccessAudit.Build(ledger, from, to);
        files["report.html"] = ComplianceReport.Page($"Access audit, {from:yyyy-MM-dd} to {to:yyyy-MM-dd}",
            "Every read of a case, search of the case list, export, disclosure and report fetch by staff and systems, from the ledger's access entries (UTC days). " +
            "A search shows the parameters it used, never what was searched (the ledger holds only a salted hash of it); cases are named by id. " +
            $"A purpose is required for identity searches and exports; no-purpose flags one recorded without it, bulk-read a day with more than {AccessAudit.BulkReadsPerDay} cases read.",
            files, ComplianceReport.Captions);
        return files;
    }
}
