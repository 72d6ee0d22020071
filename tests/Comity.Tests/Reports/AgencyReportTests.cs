using System.Text;
using Comity.Ledger;
using Comity.Reports;
using Comity.Reports.Publishing;
using Comity.Tests.Reports.Support;

namespace Comity.Tests.Reports;

/// <summary>
/// R1 per agency (issue 21 point 1, reports.md C5): an agency that received no request gets its
/// own certified zero, with its head's attestation or its absence in T11; each agency's report is
/// published as its own versions under its own period key, beside the governing body's.
/// </summary>
public sealed class AgencyReportTests
{
    private const string Hold = """{"id":"R-1","receivedAt":"2025-03-04T09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true}}""";
    private static readonly DateTimeOffset At = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_agency_without_requests_is_a_certified_zero_with_or_without_its_heads_attestation()
    {
        using var site = new ReportSite();
        await site.Decide(Hold);
        await site.Folder.Ledger.AppendAsync(new LedgerEntry(Attestation.Kind,
            Attestation.Write("airport-police", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), "Chief of Airport Police", "records-officer"), At));

        var school = site.Maker().TruthAct(2025, ReportMaker.Public, unit: "school-police");
        var airport = site.Maker().TruthAct(2025, ReportMaker.Public, unit: "airport-police");

        Assert.Equal(ReportStatus.Written, school.Status);
        Assert.Equal("2025-school-police", school.Manifest.Period);
        var t11 = Lines(school, "t11_agencies_covered.csv");
        Assert.Equal(3, t11.Length); // header, the agency alone, total
        Assert.StartsWith("school-police,", t11[1], StringComparison.Ordinal);
        Assert.EndsWith(",law-enforcement,0,0,no-records-no-attestation", t11[1], StringComparison.Ordinal);
        var statement = Text(school.Files["certified_zero.txt"]);
        Assert.StartsWith("Comity recorded no requests from federal immigration authorities to ", statement, StringComparison.Ordinal);
        Assert.Contains("school-police (", statement, StringComparison.Ordinal);
        Assert.Contains("no attestation recorded", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("Police Department", statement, StringComparison.Ordinal);

        Assert.EndsWith(",certified-zero", Lines(airport, "t11_agencies_covered.csv")[1], StringComparison.Ordinal);
        Assert.Contains("airport-police (", Text(airport.Files["certified_zero.txt"]), StringComparison.Ordinal);
        Assert.Contains("the unit head's attestation is recorded", Text(airport.Files["certified_zero.txt"]), StringComparison.Ordinal);

        // The Department's own report counts the hold; the governing body's too.
        var lapd = site.Maker().TruthAct(2025, ReportMaker.Internal, unit: "lapd");
        Assert.False(lapd.Files.ContainsKey("certified_zero.txt"));
        Assert.StartsWith("total,1,1,", Lines(lapd, "t1_access_by_type.csv")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_agencys_report_has_its_own_versions_beside_the_governing_bodys()
    {
        using var site = new ReportSite();
        await site.Decide(Hold);
        var store = new ReportStore(site.DataFolder);

        var city = await ReportPublisher.PublishAsync(site.Folder.Ledger, store, site.Maker().TruthAct(2025, ReportMaker.Public), null, "admin", At);
        var lapd = await ReportPublisher.PublishAsync(site.Folder.Ledger, store, site.Maker().TruthAct(2025, ReportMaker.Public, unit: "lapd"), null, "admin", At);

        Assert.Equal(("2025", 1), (city.Period, city.Version));
        Assert.Equal(("2025-lapd", 1), (lapd.Period, lapd.Version));
        var html = Text(store.Read("us/ca/los-angeles", "truth-act", "2025-lapd", "public", 1)!["report.html"]);
        Assert.Contains("<title>TRUTH Act report 2025: Los Angeles Police Department</title>", html, StringComparison.Ordinal);
        Assert.Contains("<title>TRUTH Act report 2025: Los Angeles City Council</title>", Text(store.Read("us/ca/los-angeles", "truth-act", "2025", "public", 1)!["report.html"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_that_is_not_a_law_enforcement_or_jail_agency_is_refused_naming_the_choices()
    {
        using var site = new ReportSite();

        var e = Assert.Throws<ReportRequestException>(() => site.Maker().TruthAct(2025, ReportMaker.Public, unit: "library"));

        Assert.Equal("unit", e.Where);
        Assert.Contains("\"library\" is not a law-enforcement or jail unit", e.Message, StringComparison.Ordinal);
        Assert.Contains("lapd-jail-division", e.Message, StringComparison.Ordinal);
    }

    private static string[] Lines(ReportBuild build, string file) => Text(build.Files[file]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
