using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Comity.Cases;
using Comity.Law;
using Comity.Ledger;
using Comity.Reports;
using Comity.Reports.Publishing;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Reports;

/// <summary>
/// R3 at /transparency (reports.md section 6, 9): no sign-in, only files of published public copies,
/// the "what the City never does" list from the stack in force, a "data as of" checkpoint, and no
/// name, booking number or exact date in any public file; internal copies are never reachable.
/// </summary>
public sealed partial class TransparencyPageTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly DateTimeOffset At = new(2026, 1, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_published_page_is_served_signed_out_with_its_files_and_without_personal_data()
    {
        for (var i = 0; i < 14; i++)
        {
            var month = i % 12 + 1;
            var json = """{"id":"BK-99#I","receivedAt":"2025-#M-1#DT09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true,"identity":{"name":"Maria Quintanilla #I","bookingNumber":"BK-77#I","dateOfBirth":"1990-04-0#B"}}}"""
                .Replace("#I", i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("#M", month.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("#D", (i % 9).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("#B", (i % 9 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(json));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var cases = server.Services.GetRequiredService<CaseStore>();
        var stackDir = RepoRoot.Combine("stacks/us/ca/los-angeles");
        var stack = StackLoader.Load(stackDir);
        var maker = new ReportMaker(ledger, stack, ReportMapping.Load(stackDir, stack), PersonKeys.ForDataFolder(server.DataFolder), c => cases.FindIdentity(c)?.Identity) { ForPublishing = true };
        var store = new ReportStore(server.DataFolder);
        var anonymous = server.Api(null);
        Assert.Contains("No transparency report has been published yet", await anonymous.GetStringAsync("/transparency"), StringComparison.Ordinal);

        await ReportPublisher.PublishAsync(ledger, store, maker.TruthAct(2025, ReportMaker.Public), null, "as-counsel", At);
        await ReportPublisher.PublishAsync(ledger, store, maker.TruthAct(2025, ReportMaker.Internal), null, "as-counsel", At);
        var r3 = maker.Transparency("2025-Q4", store);
        Assert.Equal(ReportStatus.Written, r3.Status);
        await ReportPublisher.PublishAsync(ledger, store, r3, null, "as-counsel", At);

        var page = await anonymous.GetAsync("/transparency");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft: not published", html, StringComparison.Ordinal);
        // "What the City never does" is read from the stack's deny rules.
        Assert.Contains("Cal. Gov. Code § 7284.6", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains(ledger.Verifier.Encoded, html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal); // G1 and G4 from the published R1

        var publicFiles = new List<(string Url, string Text)> { ("/transparency", html) };
        foreach (Match link in FileLink().Matches(html))
        {
            var url = WebUtility.HtmlDecode(link.Groups[1].Value);
            var file = await anonymous.GetAsync(url);
            Assert.True(file.StatusCode == HttpStatusCode.OK, url);
            publicFiles.Add((url, Encoding.UTF8.GetString(await file.Content.ReadAsByteArrayAsync())));
        }
        Assert.Contains(publicFiles, f => f.Url.EndsWith("/truth-act/2025/v1/t1_access_by_type.csv", StringComparison.Ordinal));
        foreach (var (url, text) in publicFiles)
        {
            Assert.DoesNotContain("Quintanilla", text, StringComparison.Ordinal);
            Assert.DoesNotContain("BK-77", text, StringComparison.Ordinal);
            Assert.DoesNotContain("BK-99", text, StringComparison.Ordinal);
            if (url.EndsWith(".csv", StringComparison.Ordinal) || url == "/transparency")
                Assert.False(ExactDate().IsMatch(text), $"{url} holds an exact date: {ExactDate().Match(text).Value}");
            // Counts of people and of requests about people: never a number from 1 to 10 (P1).
            if (PersonCounts().IsMatch(url))
                foreach (var field in Comity.Reports.Csv.Read(Encoding.UTF8.GetBytes(text)).Skip(1).SelectMany(r => r))
                    Assert.False(int.TryParse(field, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10, $"{url} shows the count {field}");
        }
        // The internal copy exists, but no public address reaches it.
        Assert.NotNull(store.Read("us/ca/los-angeles", "truth-act", "2025", ReportMaker.Internal, 1));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/transparency/us-ca-los-angeles/truth-act/2025/v1/..%2Finternal%2Fv1%2Fmanifest.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/transparency/us-ca-los-angeles/truth-act/2025/v9/t1_access_by_type.csv")).StatusCode);
    }

    [GeneratedRegex("href=\"(/transparency/[^\"]+)\"")]
    private static partial Regex FileLink();

    [GeneratedRegex(@"/(t1_|t2_|t3_interviews|t5_offence_categories|t6_|t7_|t11_|r3_headline|r3_transfers)[a-z_]*\.csv$")]
    private static partial Regex PersonCounts();

    [GeneratedRegex(@"\b(19|20)\d\d-[01]\d-[0-3]\d\b")]
    private static partial Regex ExactDate();
}
