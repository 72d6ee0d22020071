using System.Text;
using Comity.Cases;
using Comity.Reports;
using Comity.Reports.Publishing;
using Comity.Tests.Reports.Support;

namespace Comity.Tests.Reports;

/// <summary>
/// T8 copies each earlier year from that year's latest published R1, frozen (reports.md section 4),
/// and T7's previous-year columns with it: a void recorded after 2024's report was published does
/// not change 2024 in the 2025 report until 2024's version 2 is published with its reason; an
/// altered store is refused, never copied.
/// </summary>
public sealed class YearOverYearTests
{
    private const string LosAngeles = "us/ca/los-angeles";
    private static readonly DateTimeOffset At = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private static string Hold(string id, string receivedAt) =>
        """{"id":"ID","receivedAt":"AT","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true}}"""
            .Replace("\"ID\"", $"\"{id}\"", StringComparison.Ordinal).Replace("\"AT\"", $"\"{receivedAt}\"", StringComparison.Ordinal);

    [Fact]
    public async Task Earlier_years_are_copied_from_their_latest_published_report_not_counted_again()
    {
        using var site = new ReportSite();
        var store = new ReportStore(site.DataFolder);
        var march = await site.Decide(Hold("R-1", "2024-03-04T09:00:00-08:00"));
        await site.Decide(Hold("R-2", "2024-05-06T09:00:00-07:00"));
        await site.Decide(Hold("R-3", "2023-07-06T09:00:00-07:00"));
        await site.Decide(Hold("R-4", "2025-02-03T09:00:00-08:00"));
        var publishedAt = site.Folder.Ledger.Checkpoint().Size;
        await ReportPublisher.PublishAsync(site.Folder.Ledger, store, site.Maker(store, publishing: true).TruthAct(2024, ReportMaker.Internal), null, "counsel-1", At);
        var voided = await site.Workflow.VoidAsync(march.CaseId, CorrectionReason.Duplicate, "Entered twice.", "clerk");
        Assert.Null(voided.Error);

        var frozen = site.Maker(store).TruthAct(2025, ReportMaker.Internal);
        Assert.Equal(ReportStatus.Written, frozen.Status);
        var t8 = Csv.Read(frozen.Files["t8_year_over_year.csv"]);
        // 2023 has no published report: counted. 2024 as version 1 published it (2 requests), though the ledger now says 1.
        Assert.Equal(["2023", "1", "1", "0", "0", "0", ""], t8[1]);
        Assert.Equal(["2024", "2", "2", "0", "0", "0", "100.0"], t8[2]);
        Assert.Equal(["2025", "1", "1", "0", "0", "0", "-50.0"], t8[3]);
        var t7 = Csv.Read(frozen.Files["t7_month_by_month.csv"]);
        Assert.Equal(["2025-03", "0", "0", "1", "0"], t7[3]);
        Assert.Equal(["total", "1", "0", "2", "0"], t7[^1]);
        var html = Encoding.UTF8.GetString(frozen.Files["report.html"]);
        Assert.Contains($"Earlier years as published, never recomputed: 2024 from version 1 of its report (2024, ledger checkpoint {publishedAt})", html, StringComparison.Ordinal);
        Assert.Contains("No report is published for 2023: counted from the ledger", html, StringComparison.Ordinal);
        // The public copy copies the public report, of which none is published for 2024: counted.
        Assert.Equal(["2024", "1", "1", "0", "0", "0", "0.0"], Csv.Read(site.Maker(store).TruthAct(2025, ReportMaker.Public).Files["t8_year_over_year.csv"])[2]);

        await ReportPublisher.PublishAsync(site.Folder.Ledger, store, site.Maker(store, publishing: true, reason: "The hold of March was recorded twice.").TruthAct(2024, ReportMaker.Internal),
            "The hold of March was recorded twice.", "counsel-1", At);
        var corrected = site.Maker(store).TruthAct(2025, ReportMaker.Internal);
        Assert.Equal(["2024", "1", "1", "0", "0", "0", "0.0"], Csv.Read(corrected.Files["t8_year_over_year.csv"])[2]);
        Assert.Equal(["total", "1", "0", "1", "0"], Csv.Read(corrected.Files["t7_month_by_month.csv"])[^1]);
        Assert.Contains("2024 from version 2 of its report", Encoding.UTF8.GetString(corrected.Files["report.html"]), StringComparison.Ordinal);

        // A published file altered in the store is not copied: the report is not verified (exit 5).
        var t8Path = Path.Combine(store.VersionFolder(LosAngeles, "truth-act", "2024", ReportMaker.Internal, 2), "t8_year_over_year.csv");
        File.WriteAllText(t8Path, File.ReadAllText(t8Path).Replace("2024,1,", "2024,9,", StringComparison.Ordinal));
        var altered = site.Maker(store).TruthAct(2025, ReportMaker.Internal);
        Assert.Equal(ReportStatus.NotVerified, altered.Status);
        Assert.Contains("t8_year_over_year.csv of version 2 of truth-act 2024 (internal copy", string.Join(" ", altered.Messages), StringComparison.Ordinal);
    }
}
