using System.Text;
using Comity.Tests.Cli.Support;
using Comity.Tests.Reports.Support;

namespace Comity.Tests.Reports;

/// <summary><c>comity report truth-act|sb54</c>: the files of the spec into an empty folder, exit codes 0 and 2.</summary>
public sealed class ReportCommandTests
{
    [Fact]
    public async Task Truth_act_and_sb54_write_their_files_and_refuse_a_folder_that_is_not_empty()
    {
        string data;
        using var site = new ReportSite();
        await site.Decide("""{"id":"R-1","receivedAt":"2025-03-04T09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true}}""");
        data = site.DataFolder;
        using var outDir = Repo.TempDir();
        var stack = Repo.File("stacks/us/ca/los-angeles");
        var r1 = Path.Combine(outDir.Path, "r1");

        // Every run is recorded as an access entry (P8): while another process holds the ledger (a
        // running server), the command refuses and writes nothing, pointing at the server's door.
        var held = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", data, "--out", r1, "--stack", stack, "--formats", "csv,html");
        CliExamples.AssertExit(2, held);
        Assert.Contains("recorded as an access entry", held.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(r1));
        site.Folder.Dispose();

        var run = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", data, "--out", r1, "--stack", stack, "--formats", "csv,html", "--purpose", "report");

        CliExamples.AssertExit(0, run);
        string[] expected =
        [
            "data_dictionary.csv", "g1_month_by_month.svg", "g2_disposition_funnel.svg", "g3_offence_categories.svg", "g4_year_over_year.svg", "manifest.json", "report.html", "t10_cost_estimate.csv", "t11_agencies_covered.csv", "t1_access_by_type.csv", "t2_disposition_funnel.csv",
            "t3_consent_form_languages.csv", "t3_interviews.csv", "t4_notices_served.csv", "t5_offence_categories.csv", "t5_offence_codes.csv",
            "t6_demographics.csv", "t7_month_by_month.csv", "t8_year_over_year.csv", "t9_rates.csv",
        ];
        Assert.Equal(expected, Directory.GetFiles(r1).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var t1 = File.ReadAllText(Path.Combine(r1, "t1_access_by_type.csv"), Encoding.UTF8);
        // One request: the exact totals stay (P6), every breakdown of it is withheld.
        Assert.StartsWith("request_type,requests_received,individuals,access_given,declined,released_before_action,pending_at_period_end\r\n", t1, StringComparison.Ordinal);
        Assert.Contains("total,1,1,", t1, StringComparison.Ordinal);
        Assert.DoesNotContain(",1,0,", t1, StringComparison.Ordinal);

        var again = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", data, "--out", r1, "--stack", stack, "--formats", "csv,html");
        CliExamples.AssertExit(2, again);
        Assert.Contains("not empty", again.Stderr, StringComparison.Ordinal);

        var zero = Path.Combine(outDir.Path, "zero");
        CliExamples.AssertExit(0, await ComityCli.RunAsync("report", "truth-act", "--year", "2023", "--data", data, "--out", zero, "--stack", stack, "--formats", "csv"));
        Assert.StartsWith("Comity recorded no requests from federal immigration authorities to Los Angeles Police Department", File.ReadAllText(Path.Combine(zero, "certified_zero.txt")), StringComparison.Ordinal);

        var r2 = Path.Combine(outDir.Path, "r2");
        CliExamples.AssertExit(0, await ComityCli.RunAsync("report", "sb54", "--year", "2025", "--data", data, "--out", r2, "--stack", stack));
        Assert.StartsWith("report_year,agency,agency_ori,transfer_ref,transfer_month,legal_basis,legal_citation,receiving_agency,offence_ref,offence_code,offence_description,offence_level\r\n",
            File.ReadAllText(Path.Combine(r2, "e2_transfers.csv")), StringComparison.Ordinal);
        Assert.Contains("2025,lapd,unknown,0,0,0,certified-zero", File.ReadAllText(Path.Combine(r2, "e2_summary.csv")), StringComparison.Ordinal);

        CliExamples.AssertExit(2, await ComityCli.RunAsync("report", "truth-act", "--year", "12", "--data", data, "--out", Path.Combine(outDir.Path, "bad"), "--stack", stack));
        var badNote = await ComityCli.RunAsync("report", "sb54", "--year", "2025", "--data", data, "--out", Path.Combine(outDir.Path, "bad-note"), "--stack", stack, "--purpose", "other");
        CliExamples.AssertExit(2, badNote);
        Assert.Contains("--note", badNote.Stderr, StringComparison.Ordinal);

        // Each run that wrote files is in the ledger: who, through the command line, which report, why.
        using var ledger = Comity.Storage.Stores.OpenLedger(Comity.Storage.StoreLocation.Parse(data, null), new Comity.Ledger.LedgerOptions { ReadOnly = true });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var runs = Comity.Recording.AccessRecorder.Between(ledger, today.AddDays(-1), today.AddDays(1)).Select(r => r.Entry).Where(e => e.Door == "cli").ToList();
        Assert.Equal(["comity report truth-act 2025 public", "comity report truth-act 2023 public", "comity report sb54 2025 internal"], runs.Select(e => e.Route));
        Assert.All(runs, e => Assert.Equal(Comity.Recording.AccessActions.ReportFetch, e.Action));
        Assert.Equal([Comity.Recording.AccessPurpose.Report, null, null], runs.Select(e => e.Purpose));
    }
}

/// <summary><c>comity report truth-act --publish</c>: signed and recorded; a second version needs --reason; a user without counsel or admin cannot publish.</summary>
public sealed class ReportPublishCommandTests
{
    [Fact]
    public async Task Publish_signs_records_and_asks_a_reason_for_the_second_version()
    {
        string data;
        var site = new ReportSite();
        await site.Decide("""{"id":"R-1","receivedAt":"2025-03-04T09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true}}""");
        data = site.DataFolder;
        site.Folder.Dispose(); // the command opens the ledger for writing
        using var outDir = Repo.TempDir();
        var stack = Repo.File("stacks/us/ca/los-angeles");

        var first = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", data, "--out", Path.Combine(outDir.Path, "v1"), "--stack", stack, "--formats", "csv,html", "--publish");

        CliExamples.AssertExit(0, first);
        Assert.Contains("published truth-act 2025 (public) version 1", first.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir.Path, "v1", "manifest.sig")));
        Assert.True(File.Exists(Path.Combine(data, "reports", "us-ca-los-angeles", "truth-act", "2025", "public", "v1", "manifest.sig")));

        var noReason = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", data, "--out", Path.Combine(outDir.Path, "v2"), "--stack", stack, "--formats", "csv,html", "--publish");
        CliExamples.AssertExit(2, noReason);
        Assert.Contains("--reason", noReason.Stderr, StringComparison.Ordinal);

        var second = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", data, "--out", Path.Combine(outDir.Path, "v2b"), "--stack", stack, "--formats", "csv,html", "--publish", "--reason", "A late transfer.");
        CliExamples.AssertExit(0, second);
        Assert.True(File.Exists(Path.Combine(outDir.Path, "v2b", "changes.csv")));

        var draftReason = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", data, "--out", Path.Combine(outDir.Path, "d"), "--stack", stack, "--reason", "x");
        CliExamples.AssertExit(2, draftReason);
        site.Dispose();
    }
}

/// <summary>A test that prints with headless Chromium: skipped where none is installed, unless CI is set (a missing browser then fails).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "chromium")) || File.Exists(Path.Combine(d, "chromium-browser")));
        if (!found && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Skip = "Chromium is not installed (apt-get install chromium); CI runs this test";
    }
}

/// <summary>report.pdf (reports.md section 8): the whole report, whose extracted text holds every table's title, header and value.</summary>
public sealed class ReportPdfTests
{
    [ChromiumFact]
    public async Task The_pdf_holds_every_table_title_header_and_value()
    {
        var site = new ReportSite();
        await site.Decide("""{"id":"R-1","receivedAt":"2025-03-04T09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true}}""");
        var data = site.DataFolder;
        site.Folder.Dispose();
        using var outDir = Repo.TempDir();
        var r1 = Path.Combine(outDir.Path, "r1");

        var run = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", data, "--out", r1, "--stack", Repo.File("stacks/us/ca/los-angeles"));

        CliExamples.AssertExit(0, run);
        var text = Comity.Tests.Notices.NoticeDocumentTests.PdfText(File.ReadAllBytes(Path.Combine(r1, "report.pdf")));
        var html = File.ReadAllText(Path.Combine(r1, "report.html"));
        foreach (var csv in Directory.GetFiles(r1, "t*.csv"))
        {
            var records = Comity.Reports.Csv.Read(File.ReadAllBytes(csv));
            foreach (var value in records.SelectMany(r => r).Where(v => v.Length > 0).Distinct())
                Assert.True(text.Contains(Squeeze(value), StringComparison.Ordinal), $"{Path.GetFileName(csv)}: \"{value}\" is not in report.pdf");
        }
        foreach (var title in new[] { "ICE access by request type", "Disposition funnel of hold, notification and transfer requests", "Agencies covered", "What the City never does" })
        {
            Assert.Contains(Squeeze(title), text, StringComparison.Ordinal);
            Assert.Contains(title, html, StringComparison.Ordinal);
        }
        // The charts are vector drawings in the page, not pictures.
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(html, "<svg [^>]*role=\"img\""));
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        site.Dispose();
    }

    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
