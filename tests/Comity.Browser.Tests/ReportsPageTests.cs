using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Comity.Cases;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Comity.Browser.Tests;

/// <summary>
/// Issue 21's done-when in a real browser: counsel publishes R1 (and the transparency page that
/// shows it) on the staff Reports page; then, signed out, /transparency and every public file it
/// links hold no count from 1 to 10 of people, no name, no booking number and no exact date; the
/// pages pass axe-core.
/// </summary>
public sealed partial class ReportsPageTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Password = "counsel publishes the forum report";

    [BrowserFact]
    public async Task Counsel_publishes_R1_on_the_staff_page_and_the_signed_out_transparency_page_shows_no_person()
    {
        for (var i = 0; i < 14; i++)
        {
            var n = i.ToString("D4", CultureInfo.InvariantCulture);
            await server.RecordAsync("""{"id":"BK-99""" + n + "\",\"receivedAt\":\"2025-" + (i % 12 + 1).ToString("D2", CultureInfo.InvariantCulture) + "-1" + (i % 9).ToString(CultureInfo.InvariantCulture)
                + """T09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true,"identity":{"name":"Maria Quintanilla """
                + n + "\",\"bookingNumber\":\"BK-77" + n + "\",\"dateOfBirth\":\"1990-04-0" + (i % 9 + 1).ToString(CultureInfo.InvariantCulture) + "\"}}}");
        }
        var oneTime = server.AddUser("records-counsel", Role.Counsel);
        Directory.CreateDirectory(LiveServer.ScreenshotFolder);

        var page = await CspWatch.NewPage(server.Browser);
        await SignInFirstTime(page, "records-counsel", oneTime);
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reports", Exact = true })).ToBeVisibleAsync();
        await Accessible(page);

        // R1 for 2025, the public copy.
        await page.GetByLabel("Report", new() { Exact = true }).SelectOptionAsync("truth-act");
        await page.GetByLabel("Year (R1, R2) or last quarter (R3)").FillAsync("2025");
        await page.GetByLabel("Copy (R1)").SelectOptionAsync("public");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Draft: TRUTH Act forum report") })).ToBeVisibleAsync();
        await Expect(page.Locator("table.data caption").First).ToContainTextAsync("t1_access_by_type.csv");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "report.pdf" })).ToBeVisibleAsync();
        await Accessible(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveServer.ScreenshotFolder, "reports-staff.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Published: truth-act 2025 (public copy) version 1");

        // The transparency page through 2025-Q4, which shows the published R1.
        await page.GetByLabel("Report", new() { Exact = true }).SelectOptionAsync("transparency");
        await page.GetByLabel("Year (R1, R2) or last quarter (R3)").FillAsync("2025-Q4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Published: transparency 2025-Q4 (public copy) version 1");
        await Expect(page.Locator("table.data tbody tr")).ToHaveCountAsync(2);
        await Accessible(page);

        // One agency's own R1 (issue 21 point 1): the Department, under the period 2025-lapd.
        await page.GetByLabel("Report", new() { Exact = true }).SelectOptionAsync("truth-act");
        await page.GetByLabel("Whose report (R1)").SelectOptionAsync("lapd");
        await page.GetByLabel("Year (R1, R2) or last quarter (R3)").FillAsync("2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Draft: TRUTH Act forum report.*, 2025-lapd, public copy$") })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Whose report (R1)")).ToHaveValueAsync("lapd");
        await Accessible(page);

        // Signed out: the public page and every file it links.
        var resident = await CspWatch.NewPage(server.Browser);
        await resident.GotoAsync(server.BaseUrl + "/transparency");
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(resident.Locator("svg[role='img']").First).ToBeVisibleAsync();
        await Accessible(resident);
        var html = await resident.ContentAsync();
        var links = FileLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        Assert.Contains(links, l => l.EndsWith("/truth-act/2025/v1/t1_access_by_type.csv", StringComparison.Ordinal));
        var files = new List<(string Url, string Text)> { ("/transparency", html) };
        foreach (var link in links)
        {
            var response = await resident.APIRequest.GetAsync(server.BaseUrl + link);
            Assert.True(response.Status == 200, $"{link}: {response.Status}");
            var body = await response.BodyAsync();
            files.Add((link, link.EndsWith(".pdf", StringComparison.Ordinal) ? PdfText(body) : Encoding.UTF8.GetString(body)));
        }
        // The published R1 itself, in the browser: its page passes axe too.
        const string report = "/transparency/us-ca-los-angeles/truth-act/2025/v1/report.html";
        await resident.GotoAsync(server.BaseUrl + report);
        await Expect(resident.GetByText("Draft: not published")).ToHaveCountAsync(0);
        await Accessible(resident);
        var pdf = await resident.APIRequest.GetAsync(server.BaseUrl + report.Replace("report.html", "report.pdf", StringComparison.Ordinal));
        Assert.Equal(200, pdf.Status);
        files.Add(("report.pdf", PdfText(await pdf.BodyAsync())));

        foreach (var (url, text) in files)
        {
            Assert.DoesNotContain("Quintanilla", text, StringComparison.Ordinal);
            Assert.DoesNotContain("BK-77", text, StringComparison.Ordinal);
            Assert.DoesNotContain("BK-99", text, StringComparison.Ordinal);
            if (url.EndsWith(".csv", StringComparison.Ordinal) || url == "/transparency")
                Assert.False(ExactDate().IsMatch(text), $"{url} holds an exact date: {ExactDate().Match(text).Value}");
            if (PersonCounts().IsMatch(url))
                foreach (var field in Comity.Reports.Csv.Read(Encoding.UTF8.GetBytes(text)).Skip(1).SelectMany(r => r))
                    Assert.False(int.TryParse(field, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10, $"{url} shows the count {field}");
        }
        Assert.Contains(files, f => PersonCounts().IsMatch(f.Url));
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    private async Task SignInFirstTime(IPage page, string name, string oneTime)
    {
        await page.GotoAsync(server.BaseUrl + "/");
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(oneTime);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await page.GetByLabel("Current password").FillAsync(oneTime);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("New password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome, {name}" })).ToBeVisibleAsync();
    }

    /// <summary>axe-core finds no violation of WCAG 2.x A and AA nor of its best practices, and no page of the tab broke its Content-Security-Policy.</summary>
    private static async Task Accessible(IPage page)
    {
        await CspWatch.AssertNone(page);
        var results = await page.RunAxe();
        var violations = results.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToArray();
        Assert.True(violations.Length == 0, $"axe on {page.Url}:\n{string.Join("\n", violations)}");
    }

    [GeneratedRegex("href=\"(/transparency/[^\"]+)\"")]
    private static partial Regex FileLink();

    [GeneratedRegex(@"/(t1_|t2_|t3_interviews|t5_offence_categories|t6_|t7_|t11_|r3_headline|r3_transfers)[a-z_]*\.csv$")]
    private static partial Regex PersonCounts();

    [GeneratedRegex(@"\b(19|20)\d\d-[01]\d-[0-3]\d\b")]
    private static partial Regex ExactDate();

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
