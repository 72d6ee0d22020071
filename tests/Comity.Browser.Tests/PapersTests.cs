using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Comity.Cases;
using Comity.Notices;
using Comity.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Comity.Browser.Tests;

/// <summary>
/// A case's papers in a real browser (issue 19): the notices downloaded from the case page in each
/// of the six languages, their PDF text checked; an I-247A read for the intake form, attached and
/// verified, and a changed byte in its kept file caught; an export cut on the disclosure page; the
/// case list as CSV; the whole ledger verified with its progress bar.
/// </summary>
public sealed partial class PapersTests(LiveServer server) : IClassFixture<LiveServer>
{
    private static readonly string[] Languages = ["en", "es", "zh", "tl", "vi", "ko"];

    private static string PersonIn(string language) => language switch
    {
        "es" => "María José Hernández",
        "zh" => "王小明",
        "tl" => "Juan dela Cruz",
        "vi" => "Nguyễn Văn Ánh",
        "ko" => "김민준",
        _ => "John Q. Doe",
    };

    [BrowserFact]
    public async Task For_a_case_in_each_of_six_languages_the_notices_download_with_the_person_the_date_and_the_decision()
    {
        Directory.CreateDirectory(LiveServer.ScreenshotFolder);
        var api = Api("notices-api", Role.Intake);
        var library = NoticeLibrary.Open(Path.Combine(LiveServer.RepoRoot(), "stacks"), "us/ca/los-angeles", null);
        var page = await NewPage();
        await SignInFirstTime(page, "notice-officer", server.AddUser("notice-officer", Role.Intake), "a notice officer's passphrase");

        foreach (var language in Languages)
        {
            var (id, outcome) = await Decide(api, "examples/la/detainer-served.json", r =>
            {
                r["id"] = $"LAPD-2025-NOTICE-{language}";
                r["subject"]!.AsObject()["identity"] = new JsonObject { ["name"] = PersonIn(language), ["language"] = language, ["bookingNumber"] = "BK-2025-0042" };
            });
            await page.GotoAsync($"{server.BaseUrl}/cases/{id}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notices to hand over" })).ToBeVisibleAsync();
            await Accessible(page);
            var phrases = library.Phrases(language).Phrases;
            var links = page.Locator($"ul.languages a[hreflang='{language}']", new() { HasText = "(PDF)" });
            var count = await links.CountAsync();
            Assert.True(count >= 2, $"case {id} links {count} notice(s) in {language}");
            for (var i = 0; i < count; i++)
            {
                var href = await links.Nth(i).GetAttributeAsync("href");
                var download = await page.RunAndWaitForDownloadAsync(() => links.Nth(i).ClickAsync());
                var text = PdfText(await File.ReadAllBytesAsync((await download.PathAsync())!));
                Assert.Contains(Squeeze(PersonIn(language)), text);
                Assert.Contains("2025-06-02", text);
                var decision = href!.Contains("/decision-copy", StringComparison.Ordinal) ? phrases[$"outcome.{outcome}"] : phrases[Intent(outcome)];
                Assert.True(text.Contains(Squeeze(decision), StringComparison.Ordinal), $"{href}: the PDF does not say \"{decision}\"");
            }
            await page.ReloadAsync();
            await Expect(page.Locator("ol.history > li", new() { HasText = "Notice printed" })).ToHaveCountAsync(count);
            if (language == "vi")
                await page.Locator("#papers").ScreenshotAsync(new() { Path = Shot("case-notices.png") });

            // A page of the notice as printed, for docs/: the print page, the same blocks as the PDF.
            await page.GotoAsync($"{server.BaseUrl}/cases/{id}/notices/request-notice?language={language}&format=html");
            await Expect(page.Locator("body")).ToContainTextAsync(PersonIn(language));
            await page.ScreenshotAsync(new() { Path = Shot($"notice-request-{language}-page.png"), FullPage = true });
        }
    }

    [BrowserFact]
    public async Task An_I247A_fills_the_intake_form_is_attached_shown_verified_and_a_changed_byte_is_caught()
    {
        var page = await NewPage();
        await SignInFirstTime(page, "papers-supervisor", server.AddUser("papers-supervisor", Role.Supervisor), "a papers supervisor's passphrase");
        var pdf = FillablePdf.FilledI247A();

        // The fillable PDF fills who the person is; the clerk checks it.
        await page.GotoAsync(server.BaseUrl + "/intake");
        await page.GetByText("The document is a fillable PDF? Fill in the person from it").ClickAsync();
        await page.GetByLabel("The PDF received").SetInputFilesAsync(new FilePayload { Name = "i-247a Maria Example.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Read the form fields" }).ClickAsync();
        await Expect(page.Locator("#prefilled")).ToContainTextAsync("Maria Example");
        await Expect(page.GetByLabel("Name (optional)", new() { Exact = true })).ToHaveValueAsync("Maria Example");
        await Expect(page.Locator("#f-DateOfBirth")).ToHaveValueAsync("1990-04-10");
        await Accessible(page);
        await page.ScreenshotAsync(new() { Path = Shot("intake-prefilled.png") });
        await page.Locator("#f-Receiver").SelectOptionAsync(new SelectOptionValue { Label = "Los Angeles Police Department" });
        await page.GetByLabel("Date received").FillAsync("2025-06-02");
        await page.GetByLabel("Keep the person past their release").CheckAsync();
        await page.GetByLabel("Civil immigration enforcement").CheckAsync();
        await page.GetByLabel("Agency", new() { Exact = true }).SelectOptionAsync("ice-ero");
        await page.GetByLabel("Form I-247A, Immigration Detainer").CheckAsync();
        await page.GetByLabel("The person is in our custody").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to check your answers" }).ClickAsync();
        await Expect(page.Locator(".summary-row", new() { HasText = "Maria Example" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide and record" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/cases/[0-9]+$"));
        var id = long.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        // Attached on the case: shown, its hash in the ledger entry, never its file name.
        await page.GetByLabel("Attach the document received").SetInputFilesAsync(new FilePayload { Name = "i-247a Maria Example.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Attach the document", Exact = true }).ClickAsync();
        await Expect(page.Locator("#done")).ToContainTextAsync("The document is attached");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf));
        var documents = page.Locator("ul.documents");
        await Expect(documents).ToContainTextAsync("PDF");
        await Expect(documents).ToContainTextAsync(sha);
        await Expect(page.Locator("ol.history > li", new() { HasText = "Document attached" })).ToHaveCountAsync(1);
        await Accessible(page);
        await page.Locator("#papers").ScreenshotAsync(new() { Path = Shot("case-document.png") });
        var download = await page.RunAndWaitForDownloadAsync(() => documents.GetByRole(AriaRole.Link).First.ClickAsync());
        Assert.Equal(pdf, await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.DoesNotContain("Maria", download.SuggestedFilename, StringComparison.Ordinal);
        using (var view = JsonDocument.Parse(await Api("papers-auditor-api", Role.Auditor).GetStringAsync($"/api/v1/cases/{id}")))
        {
            var entry = view.RootElement.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "document");
            Assert.Equal("sha256:" + sha, entry.GetProperty("entry").GetProperty("document").GetString());
            Assert.DoesNotContain("Maria", entry.GetRawText(), StringComparison.Ordinal);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify this case against the ledger" }).ClickAsync();
        await Expect(page.GetByText("Verified: every entry of this case is in the ledger")).ToBeVisibleAsync();
        await Expect(page.Locator("#verify + .notice li", new() { HasText = "Document files" })).ToContainTextAsync("✓");

        // One byte changed in the kept file: the case no longer verifies, and says which file.
        var kept = Path.Combine(server.DataFolder, "documents", sha[..2], sha);
        var bytes = await File.ReadAllBytesAsync(kept);
        bytes[^10] ^= 0x20;
        await File.WriteAllBytesAsync(kept, bytes);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify this case against the ledger" }).ClickAsync();
        await Expect(page.GetByText("NOT verified: the ledger does not match this case.")).ToBeVisibleAsync();
        await Expect(page.Locator("#verify + .notice li", new() { HasText = "Document files" })).ToContainTextAsync("was changed after it was attached");
        await Accessible(page);
    }

    [BrowserFact]
    public async Task A_disclosure_is_cut_end_to_end_on_its_page_and_counsel_sees_it_on_the_case()
    {
        var (id, _) = await Decide(Api("disclosure-api", Role.Intake), "examples/la/disclose-booking.json", _ => { });
        var page = await NewPage();
        await SignInFirstTime(page, "records-clerk", server.AddUser("records-clerk", Role.Intake), "a records clerk's passphrase");
        await page.GotoAsync($"{server.BaseUrl}/cases/{id}");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^The disclosures of this case") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Disclosures for case {id}" })).ToBeVisibleAsync();
        await page.GetByLabel("Record system").SelectOptionAsync("booking-records");
        await page.GetByLabel("cii_number").FillAsync("A1234567");
        await page.GetByLabel("The export").SetInputFilesAsync(new FilePayload
        {
            Name = "booking export for John Doe.csv", MimeType = "text/csv",
            Buffer = await File.ReadAllBytesAsync(Path.Combine(LiveServer.RepoRoot(), "examples/la/booking-export.csv")),
        });
        await Accessible(page);
        await page.ScreenshotAsync(new() { Path = Shot("disclosure-cut.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Cut the export" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/disclosures/[0-9a-f]{32}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Disclosure manifest" })).ToBeVisibleAsync();
        var manifest = page.Locator("table.manifest");
        await Expect(manifest.Locator("tr.kept").First).ToBeVisibleAsync();
        await Expect(manifest.Locator("tr.dropped", new() { HasText = "ssn" })).ToContainTextAsync("Dropped");
        await Accessible(page);
        await page.ScreenshotAsync(new() { Path = Shot("disclosure-manifest.png"), FullPage = true });
        // The cut export is records taken out: the form asks why (reports.md P8), kept in its access entry.
        await page.GetByLabel("Why you download (required: kept in the ledger)").SelectOptionAsync("records-request");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the cut export" }).ClickAsync());
        var cut = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, cut.Length); // the header and John Doe's two bookings; Jane Roe's row stays behind
        Assert.DoesNotContain("ssn", cut[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Roe", string.Join('\n', cut), StringComparison.Ordinal);
        Assert.DoesNotContain("123-45-6789", string.Join('\n', cut), StringComparison.Ordinal);

        var counsel = await NewPage();
        await SignInFirstTime(counsel, "papers-counsel", server.AddUser("papers-counsel", Role.Counsel), "papers counsel's own passphrase");
        await counsel.GotoAsync($"{server.BaseUrl}/cases/{id}/disclosures");
        await Expect(counsel.Locator("table.data tbody tr")).ToHaveCountAsync(1);
        await Expect(counsel.GetByRole(AriaRole.Button, new() { Name = "Cut the export" })).ToHaveCountAsync(0);
        await Accessible(counsel);
    }

    [BrowserFact]
    public async Task The_case_list_downloads_as_csv_and_the_whole_ledger_verifies_with_its_progress()
    {
        await Decide(Api("csv-api", Role.Intake), "examples/la/detainer-served.json", r =>
            r["subject"]!.AsObject()["identity"] = new JsonObject { ["name"] = "Nguyễn, \"Ánh\"", ["language"] = "vi" });
        var auditor = await NewPage();
        await SignInFirstTime(auditor, "papers-auditor", server.AddUser("papers-auditor", Role.Auditor), "the auditor's own passphrase");
        await auditor.GotoAsync(server.BaseUrl + "/cases?act=hold");
        // An export needs a purpose (reports.md P8): the download form asks for it.
        await auditor.GetByLabel("Why you download").SelectOptionAsync("audit");
        var download = await auditor.RunAndWaitForDownloadAsync(() => auditor.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("as CSV$") }).ClickAsync());
        var csv = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("case,reference,received_at", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("name", lines[0].Split(','));
        Assert.All(lines.Skip(1), l => Assert.Contains(",hold,", l, StringComparison.Ordinal));

        var supervisor = await NewPage();
        await SignInFirstTime(supervisor, "csv-supervisor", server.AddUser("csv-supervisor", Role.Supervisor), "the csv supervisor's passphrase");
        await supervisor.GotoAsync(server.BaseUrl + "/cases");
        await supervisor.GetByLabel("Search", new() { Exact = true }).FillAsync("nguyễn");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose why you search");
        await Expect(supervisor.Locator("table.data")).ToHaveCountAsync(0);
        await Accessible(supervisor);
        await supervisor.ScreenshotAsync(new() { Path = Shot("cases-search-purpose.png"), FullPage = true });
        await supervisor.GetByLabel("Why you search").SelectOptionAsync("case-work");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Accessible(supervisor);
        await supervisor.ScreenshotAsync(new() { Path = Shot("cases-search-found.png"), FullPage = true });
        await supervisor.GetByLabel("Why you download").SelectOptionAsync("case-work");
        download = await supervisor.RunAndWaitForDownloadAsync(() => supervisor.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("as CSV$") }).ClickAsync());
        var withNames = Encoding.UTF8.GetString((await File.ReadAllBytesAsync((await download.PathAsync())!))[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",name,date_of_birth,booking_number,a_number", withNames[0], StringComparison.Ordinal);
        Assert.Contains(",\"Nguyễn, \"\"Ánh\"\"\",", withNames[1], StringComparison.Ordinal);

        await auditor.GotoAsync(server.BaseUrl + "/ledger");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Verify the whole ledger" }).ClickAsync();
        await Expect(auditor.Locator("#whole-progress")).ToBeVisibleAsync();
        await Expect(auditor.GetByText(new Regex("^Verified: all [0-9]+ entries hash to their leaves"))).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(auditor.Locator("#whole-progress")).ToHaveAttributeAsync("value", "100");
        await auditor.GetByLabel("Kind").SelectOptionAsync("decision");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(auditor.Locator("#entries ~ .table-wrap tbody tr").First).ToContainTextAsync("decision");
        await Expect(auditor.Locator("#entries ~ .table-wrap tbody tr").First.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Case [0-9]+$") })).ToBeVisibleAsync();
        await Accessible(auditor);
        await auditor.ScreenshotAsync(new() { Path = Shot("ledger-verified.png"), FullPage = true });
    }

    private static string Intent(string outcome) => outcome switch
    {
        "must-comply" => "intent.comply",
        "deny" => "intent.not-comply",
        "permit" => "intent.permit",
        _ => "intent.undecided",
    };

    /// <summary>A client of the server's API with a bearer token of a new user holding <paramref name="role"/>.</summary>
    private HttpClient Api(string name, Role role)
    {
        var (user, _, error) = server.Users.Add(name, null, [role]);
        Assert.Null(error);
        var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Users.IssueToken(user!.Id, "browser tests").Token);
        return client;
    }

    /// <summary>Decides and records an example request (changed by <paramref name="change"/>) through the API; the case and its outcome.</summary>
    private static async Task<(long Id, string Outcome)> Decide(HttpClient api, string example, Action<JsonObject> change)
    {
        var request = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(LiveServer.RepoRoot(), example)))!.AsObject();
        change(request);
        var response = await api.PostAsync("/api/v1/decisions", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        return (long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture),
            json.RootElement.GetProperty("outcome").GetString()!);
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return Squeeze(string.Concat(document.GetPages().Select(p => p.Text)));
    }

    /// <summary>Text without white space: lines wrap anywhere, and extraction does not keep the spaces a line broke at.</summary>
    private static string Squeeze(string s) => new([.. s.Where(c => !char.IsWhiteSpace(c))]);

    private async Task<IPage> NewPage() =>
        await (await server.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true })).NewPageAsync();

    private async Task SignInFirstTime(IPage page, string name, string oneTime, string chosen)
    {
        await page.GotoAsync(server.BaseUrl + "/signin");
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(oneTime);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await page.GetByLabel("Current password").FillAsync(oneTime);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(chosen);
        await page.GetByLabel("New password again").FillAsync(chosen);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome, {name}" })).ToBeVisibleAsync();
    }

    /// <summary>axe-core finds no violation of WCAG 2.x A and AA, nor of its best practices, on the page as it stands.</summary>
    private static async Task Accessible(IPage page)
    {
        var results = await page.RunAxe();
        var violations = results.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToArray();
        Assert.True(violations.Length == 0, $"axe on {page.Url}:\n{string.Join("\n", violations)}");
    }

    private static string Shot(string name) => Path.Combine(LiveServer.ScreenshotFolder, name);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
