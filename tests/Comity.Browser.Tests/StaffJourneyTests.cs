using System.Text.RegularExpressions;
using Comity.Cases;
using Microsoft.Playwright;

namespace Comity.Browser.Tests;

/// <summary>
/// The web app in a real browser, as staff use it: a newcomer signs in with a one-time password,
/// intakes a detainer, reads the decision and sends it to counsel; counsel overrides it with a
/// justification; the case shows both entries and verifies against the ledger.
/// </summary>
public sealed partial class StaffJourneyTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string OfficerPassword = "a desk officer's own passphrase";
    private const string CounselPassword = "counsel's own long passphrase";

    [BrowserFact]
    public async Task Officer_intakes_a_detainer_counsel_overrides_and_the_case_verifies_against_the_ledger()
    {
        var officerOneTime = server.AddUser("officer", Role.Intake);
        var counselOneTime = server.AddUser("counsel", Role.Counsel);
        Directory.CreateDirectory(LiveServer.ScreenshotFolder);

        var officer = await NewPage();
        await SignInFirstTime(officer, "officer", officerOneTime, OfficerPassword, screenshot: "sign-in.png");

        await officer.GetByRole(AriaRole.Link, new() { Name = "Start a new request" }).ClickAsync();
        await Expect(officer).ToHaveURLAsync(new Regex("/intake$"));
        await officer.GetByLabel("Keep the person past their release").CheckAsync();
        await officer.GetByLabel("Civil immigration enforcement").CheckAsync();
        await officer.GetByLabel("Agency", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "ICE Enforcement and Removal Operations (ERO)" });
        await officer.GetByLabel("Form I-247A, Immigration Detainer").CheckAsync();
        await officer.GetByLabel("Names the person").CheckAsync();
        await officer.GetByLabel("The person is in our custody").CheckAsync();
        await officer.GetByLabel("Offence code 1").FillAsync("PC 211");
        await officer.Locator("#f-Convictions-0-Level").SelectOptionAsync("felony");
        await officer.Locator("#f-Convictions-0-Date").FillAsync("2019-04-10");
        await officer.GetByLabel("Received on").FillAsync("2025-06-02T08:00");
        await officer.GetByLabel("Your reference").FillAsync("LAPD-2025-000200");
        await officer.ScreenshotAsync(new() { Path = Shot("intake.png"), FullPage = true });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Decide and record" }).ClickAsync();

        await Expect(officer).ToHaveURLAsync(new Regex("/cases/[0-9]+$"));
        var casePath = new Uri(officer.Url).AbsolutePath;
        await Expect(officer.Locator(".outcome .word")).ToContainTextAsync("Deny");
        await Expect(officer.GetByText("Do not hold the person past their release.")).ToBeVisibleAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "ca.7284-6.a1B" })).ToBeVisibleAsync();
        await Expect(officer.GetByText("Cal. Gov. Code § 7284.6(a)(1)(B)").First).ToBeVisibleAsync();
        await Expect(officer.Locator(".checklist .outstanding").First).ToBeVisibleAsync();
        await Expect(officer.Locator("pre.receipt")).ToContainTextAsync("c2sp.org/tlog-proof@v1");
        await officer.ScreenshotAsync(new() { Path = Shot("decision.png"), FullPage = true });

        await officer.GetByLabel("Why should counsel look at this?").FillAsync("The officer says a judge signed something too; please check.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Send to counsel" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status).First).ToContainTextAsync("Sent to counsel");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Cases", Exact = true }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Case [0-9]+$") }).First).ToBeVisibleAsync();
        await officer.ScreenshotAsync(new() { Path = Shot("cases.png"), FullPage = true });

        var counsel = await NewPage();
        await SignInFirstTime(counsel, "counsel", counselOneTime, CounselPassword);
        await counsel.GetByRole(AriaRole.Link, new() { Name = "Counsel review" }).First.ClickAsync();
        await Expect(counsel.GetByText("1 case(s) waiting.")).ToBeVisibleAsync();
        await counsel.ScreenshotAsync(new() { Path = Shot("review-queue.png"), FullPage = true });
        await counsel.Locator($"a[href='{casePath}']").ClickAsync();
        await counsel.GetByLabel("Override: another outcome replaces it").CheckAsync();
        await counsel.GetByLabel("New outcome").SelectOptionAsync("permit");
        await counsel.GetByLabel("Justification").FillAsync("A federal magistrate judge's warrant for 8 U.S.C. 1326 was produced at 09:10; it is a judicial warrant under 7284.4(i).");
        await counsel.GetByRole(AriaRole.Button, new() { Name = "Record my review" }).ClickAsync();

        await Expect(counsel.Locator(".outcome .word")).ToContainTextAsync("Permitted");
        await Expect(counsel.GetByText("Counsel overrode the decision")).ToBeVisibleAsync();
        var history = counsel.Locator("ol.history > li");
        await Expect(history).ToHaveCountAsync(3);
        await Expect(history.Nth(1)).ToContainTextAsync("Sent to counsel");
        await Expect(history.Nth(2)).ToContainTextAsync("Counsel overrode");
        await counsel.GetByRole(AriaRole.Button, new() { Name = "Verify this case against the ledger" }).ClickAsync();
        await Expect(counsel.GetByText("Verified: every entry of this case is in the ledger, unchanged, and everything this page shows is what the ledger says.")).ToBeVisibleAsync();
        await Expect(counsel.Locator("#verify + .notice ul.entries li")).ToHaveCountAsync(3);
        await Expect(counsel.Locator("#verify + .notice ul.facts li")).ToHaveCountAsync(8);
        await Expect(counsel.Locator("#verify + .notice li", new() { HasText = "✕" })).ToHaveCountAsync(0);
        await counsel.ScreenshotAsync(new() { Path = Shot("reviewed.png"), FullPage = true });

        await counsel.GetByRole(AriaRole.Link, new() { Name = "Ledger", Exact = true }).ClickAsync();
        await Expect(counsel.Locator("pre.receipt").First).ToContainTextAsync("comity.local/ledger-");
        await counsel.ScreenshotAsync(new() { Path = Shot("ledger.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task An_incomplete_intake_shows_each_message_beside_its_field_and_the_summary_links_to_it()
    {
        var password = server.AddUser("trainee", Role.Intake);
        var page = await NewPage();
        await SignInFirstTime(page, "trainee", password, "the trainee's passphrase");
        await page.GotoAsync(server.BaseUrl + "/intake");
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide and record" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToContainTextAsync("Choose what is being asked for.");
        await Expect(page.Locator("#f-Act-error")).ToHaveTextAsync("Choose what is being asked for.");
        await Expect(page.Locator("#f-Agency")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#f-DocumentType-error")).ToBeVisibleAsync();
        await summary.GetByRole(AriaRole.Link, new() { Name = "Choose the agency that is asking." }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#f-Agency$"));
        await page.ScreenshotAsync(new() { Path = Shot("intake-errors.png") });
    }

    [BrowserFact]
    public async Task At_200_percent_zoom_the_pages_reflow_without_sideways_scrolling_and_the_skip_link_comes_first()
    {
        var password = server.AddUser("zoomer", Role.Supervisor);
        // A 1280-pixel window at 200% zoom lays pages out in 640 CSS pixels.
        var context = await server.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 640, Height = 800 }, DeviceScaleFactor = 2 });
        var page = await context.NewPageAsync();
        await SignInFirstTime(page, "zoomer", password, "the zoomer's own passphrase");
        foreach (var path in new[] { "/", "/intake", "/cases", "/reviews", "/ledger" })
        {
            await page.GotoAsync(server.BaseUrl + path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} CSS pixels at 200% zoom");
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("Skip to the main content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        }
    }

    private async Task<IPage> NewPage() => await (await server.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();

    private async Task SignInFirstTime(IPage page, string name, string oneTime, string chosen, string? screenshot = null)
    {
        await page.GotoAsync(server.BaseUrl + "/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(oneTime);
        if (screenshot is not null)
            await page.ScreenshotAsync(new() { Path = Shot(screenshot) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await page.GetByLabel("Current password").FillAsync(oneTime);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(chosen);
        await page.GetByLabel("New password again").FillAsync(chosen);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome, {name}" })).ToBeVisibleAsync();
    }

    private static string Shot(string name) => Path.Combine(LiveServer.ScreenshotFolder, name);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
