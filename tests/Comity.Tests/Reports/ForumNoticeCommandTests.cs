using System.Text;
using Comity.Tests.Cli.Support;
using Comity.Tests.Reports.Support;

namespace Comity.Tests.Reports;

/// <summary>
/// <c>comity report truth-act --forum FILE</c> (reports.md section 4, "Packaging"): notice_en.html
/// and notice_es.html with the forum's facts and the day to publish by (the forum less 30 days, Gov.
/// Code 7283.1(d)), a warning when that day is past, and a forum file that is wrong refused at its
/// line and column or its JSON path (exit 2); a per-agency report names its agency (--unit).
/// </summary>
public sealed class ForumNoticeCommandTests
{
    private const string Forum = """
        {
          "governingBody": "Los Angeles City Council",
          "date": "2026-03-12",
          "time": "18:00",
          "place": "City Hall, Room 340, 200 N. Spring Street, Los Angeles, CA 90012",
          "accessibility": { "contact": "Office of the City Clerk", "phone": "(213) 555-0140", "email": "access@example.org" },
          "interpretation": { "contact": "Office of the City Clerk", "phone": "(213) 555-0141" },
          "reportAt": "https://example.org/transparency"
        }
        """;

    [Fact]
    public async Task A_forum_file_gives_both_notices_and_a_publish_by_day_30_days_before_and_a_bad_one_is_refused_where_it_is_wrong()
    {
        using var site = new ReportSite();
        await site.Decide("""{"id":"R-1","receivedAt":"2025-03-04T09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true}}""");
        site.Folder.Dispose(); // every report run is recorded as an access entry: the command opens the ledger for writing
        using var outDir = Repo.TempDir();
        var stack = Repo.File("stacks/us/ca/los-angeles");
        var forum = Path.Combine(outDir.Path, "forum.json");
        File.WriteAllText(forum, Forum);
        var r1 = Path.Combine(outDir.Path, "r1");

        // The policies of the appendix: one read from a file beside the forum file (its SHA-256 computed), one named by its hash.
        File.WriteAllText(Path.Combine(outDir.Path, "special-order-40.txt"), "Special Order 40: officers shall not initiate police action to discover immigration status.\n");
        var so40 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(outDir.Path, "special-order-40.txt"))));
        File.WriteAllText(forum, Forum.Replace("\n}", ",\n\"policies\": [{\"unit\": \"lapd\", \"title\": \"Special Order 40\", \"file\": \"special-order-40.txt\"}, {\"unit\": \"lapd-jail-division\", \"title\": \"Custody Services Division Manual 4/100\", \"sha256\": \"" + new string('b', 64) + "\"}]\n}", StringComparison.Ordinal));

        var run = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", site.DataFolder, "--out", r1, "--stack", stack, "--formats", "csv,html", "--forum", forum, "--unit", "lapd");

        CliExamples.AssertExit(0, run);
        var report = File.ReadAllText(Path.Combine(r1, "report.html"), Encoding.UTF8);
        Assert.Contains($"<th scope=\"row\">lapd</th><td>Los Angeles Police Department</td><td>Special Order 40</td><td>{so40}</td>", report, StringComparison.Ordinal);
        Assert.Contains($"<td>Custody Services Division Manual 4/100</td><td>{new string('b', 64)}</td>", report, StringComparison.Ordinal);
        File.WriteAllText(forum, Forum);
        var en = File.ReadAllText(Path.Combine(r1, "notice_en.html"), Encoding.UTF8);
        var es = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(r1, "notice_es.html"), Encoding.UTF8));
        Assert.Contains("<html lang=\"en\">", en, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"es\">", es, StringComparison.Ordinal);
        Assert.Contains("March 12, 2026, at 6:00 p.m.", en, StringComparison.Ordinal);
        Assert.Contains("February 10, 2026: this notice is to be published at least 30 days before the forum", en, StringComparison.Ordinal);
        Assert.Contains("through Los Angeles Police Department in 2025", en, StringComparison.Ordinal);
        Assert.Contains("TRUTH Act report 2025-lapd, draft, not yet published", en, StringComparison.Ordinal);
        Assert.Contains("10 de febrero de 2026", es, StringComparison.Ordinal);
        Assert.Contains("Traducción todavía no certificada", es, StringComparison.Ordinal);
        Assert.Contains("Draft: not published", en, StringComparison.Ordinal);
        // The clock says today is after 10 February 2026 (the test runs later): the CLI warns, and still writes.
        if (DateTime.UtcNow.Date > new DateTime(2026, 2, 11))
            Assert.Contains("warning: the forum notice must be published by 2026-02-10", run.Stderr, StringComparison.Ordinal);
        var manifest = File.ReadAllText(Path.Combine(r1, "manifest.json"), Encoding.UTF8);
        Assert.Contains("\"name\": \"notice_es.html\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"period\": \"2025-lapd\"", manifest, StringComparison.Ordinal);

        foreach (var (text, error) in new[]
        {
            (Forum.Replace("\"18:00\",", "\"18:00\"", StringComparison.Ordinal), "forum.json:5:3: not JSON"),
            (Forum.Replace("\"2026-03-12\"", "\"12/03/2026\"", StringComparison.Ordinal), "forum.json: $.date: \"12/03/2026\" is not a date"),
            (Forum.Replace("\"phone\": \"(213) 555-0141\"", "\"fax\": \"1\"", StringComparison.Ordinal), "forum.json: $.interpretation.fax: not a field of a forum file"),
            (Forum.Replace("\"reportAt\": \"https://example.org/transparency\"", "\"reportAt\": \"\"", StringComparison.Ordinal), "forum.json: $.reportAt: expected a non-empty string"),
        })
        {
            File.WriteAllText(forum, text);
            var bad = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", site.DataFolder, "--out", Path.Combine(outDir.Path, "bad"), "--stack", stack, "--formats", "csv", "--forum", forum);
            CliExamples.AssertExit(2, bad);
            Assert.Contains(error, bad.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(outDir.Path, "bad")));
        }

        var policies = new[]
        {
            (Forum.Replace("\n}", ",\n\"policies\": [{\"unit\": \"harbor\", \"title\": \"Port rules\", \"sha256\": \"" + new string('a', 64) + "\"}]\n}", StringComparison.Ordinal), "forum.json: $.policies[0].unit: \"harbor\" is not a unit of us/ca/los-angeles"),
            (Forum.Replace("\n}", ",\n\"policies\": [{\"unit\": \"lapd\", \"title\": \"Special Order 40\"}]\n}", StringComparison.Ordinal), "forum.json: $.policies[0]: give the policy's file (its SHA-256 is computed) or its sha256"),
        };
        foreach (var (text, error) in policies)
        {
            File.WriteAllText(forum, text);
            var bad = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", site.DataFolder, "--out", Path.Combine(outDir.Path, "bad"), "--stack", stack, "--formats", "csv", "--forum", forum);
            CliExamples.AssertExit(2, bad);
            Assert.Contains(error, bad.Stderr, StringComparison.Ordinal);
        }

        var unknown = await ComityCli.RunAsync("report", "truth-act", "--year", "2025", "--data", site.DataFolder, "--out", Path.Combine(outDir.Path, "bad"), "--stack", stack, "--unit", "library");
        CliExamples.AssertExit(2, unknown);
        Assert.Contains("\"library\" is not a law-enforcement or jail unit", unknown.Stderr, StringComparison.Ordinal);
    }
}
