using Comity.Reports;
using Comity.Reports.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Server.Support;

/// <summary>Reports on the server (reports.md section 9): drafts and published versions made through the server's own desk.</summary>
public partial class ServerFixture
{
    private static readonly DateTimeOffset ReportsAt = new(2026, 1, 20, 9, 0, 0, TimeSpan.Zero);

    public ReportDesk Reports => Services.GetRequiredService<ReportDesk>();

    /// <summary>A fresh draft of R1 for 2025 (public copy, CSV only: quick), as staff would make it; returns its id.</summary>
    public string ReportDraft(string report = ReportDesk.TruthAct, string period = "2025") =>
        Reports.Draft("us/ca/los-angeles", report, period, null, "csv", null, "as-supervisor", ReportsAt).Id;

    /// <summary>Publishes a fresh draft of R1 for 2025 (a reason, so any version may follow); returns its version number.</summary>
    public int PublishedReport() =>
        Reports.PublishAsync(ReportDraft(), "published by the tests", "as-counsel", ReportsAt).GetAwaiter().GetResult().Version;
}
