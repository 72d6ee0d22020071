using System.Text;
using System.Text.RegularExpressions;
using Comity.Cases;
using Comity.Recording;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Comity.Browser.Tests;

/// <summary>
/// A day at the jail desk after intake (issue 18, Done when; the intake itself, check-your-answers
/// and a correction are walked by <see cref="StaffJourneyTests"/>): the officer serves the release
/// notice before it falls due while another case's notice is overdue on the dashboard; counsel
/// settles the one item a decision referred; the auditor reads who read each case.
/// </summary>
public sealed class CaseDayTests(LiveServer server) : IClassFixture<LiveServer>
{
    /// <summary>A release notification LAPD may answer (a 1999 robbery meets 7282.5), the person to be released tomorrow: the 7283.1(b) notice falls due then.</summary>
    private static string ReleaseTomorrow() => $$$"""
        {"id": "LAPD-2019-000412", "receivedAt": "2019-06-03T09:00:00-07:00", "jurisdiction": "us/ca/los-angeles", "actor": {"unit": "lapd", "kind": "law-enforcement"},
         "requester": {"agency": "ice-ero"}, "act": "notify-release", "purpose": "criminal-immigration", "document": {"type": "i-247a"},
         "subject": {"inCustody": true, "custody": {"eligibleForReleaseAt": "{{{DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-dd'T'HH:mm:ss'Z'}}}"},
                     "convictions": [{"code": "PC 211", "level": "felony", "date": "1999-03-01"}]}}
        """;

    /// <summary>LAPD asked for a release date, a home address and immigration status: status is referred to counsel (8 U.S.C. 1373 against the ordinance).</summary>
    private const string ThreeItems = """
        {"id": "LAPD-2025-000977", "receivedAt": "2025-08-14", "jurisdiction": "us/ca/los-angeles", "actor": {"unit": "lapd", "kind": "law-enforcement"}, "requester": {"agency": "ice-ero"},
         "act": "disclose", "purpose": "civil-immigration", "document": {"type": "letter"}, "data": ["release-date", "home-address", "immigration-status"],
         "subject": {"inCustody": true, "convictions": [{"code": "PC 211", "level": "felony", "date": "2016-05-01"}]}}
        """;

    private async Task<long> Record(string request)
    {
        var recorded = await server.Service<Recorder>().DecideAsync(Encoding.UTF8.GetBytes(request), "clerk");
        Assert.Null(recorded.Error);
        return recorded.Value!.CaseId;
    }

    [BrowserFact]
    public async Task The_desk_serves_a_notice_before_it_is_due_counsel_settles_a_referred_item_and_the_auditor_reads_the_access_log()
    {
        Directory.CreateDirectory(LiveServer.ScreenshotFolder);
        var overdue = await Record(File.ReadAllText(Path.Combine(LiveServer.RepoRoot(), "examples/la/detainer-robbery.json")));
        var release = await Record(ReleaseTomorrow());
        var items = await Record(ThreeItems);

        // The officer: the detainer's notice is overdue, the release notice is not due yet; serve it now.
        var officer = await SignIn("day-officer", Role.Intake);
        await officer.GotoAsync(server.BaseUrl + "/duties");
        await Expect(officer.Locator($"tr.overdue:has(a[href='/cases/{overdue}'])").First).ToContainTextAsync("Overdue");
        await officer.GotoAsync(server.BaseUrl + $"/cases/{release}");
        var notice = officer.Locator("li.outstanding", new() { Has = officer.Locator("input[name=Rule][value='ca.7283-1.b.notice']") });
        await Expect(notice).ToContainTextAsync("due in");
        await notice.GetByLabel("Served by").FillAsync("Officer Diaz");
        await notice.GetByRole(AriaRole.Button, new() { Name = "Mark as served" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status).First).ToContainTextAsync("Recorded as served");
        var served = officer.Locator("li.served", new() { HasText = "promptly give the same notification in writing" });
        await Expect(served).ToContainTextAsync("Served on");
        await Expect(served).ToContainTextAsync("Due");
        await Accessible(officer);
        await officer.ScreenshotAsync(new() { Path = Shot("duty-served.png"), FullPage = true });
        await officer.GotoAsync(server.BaseUrl + "/duties");
        await Expect(officer.Locator("tr", new() { HasText = "promptly give the same notification" })).ToHaveCountAsync(0);
        await Expect(officer.Locator($"tr.overdue:has(a[href='/cases/{overdue}'])").First).ToContainTextAsync("Overdue");
        await Accessible(officer);

        // Counsel: the queue holds the item-level referral; settle the status item, the others stay denied.
        var counsel = await SignIn("day-counsel", Role.Counsel);
        await counsel.GotoAsync(server.BaseUrl + "/reviews");
        await counsel.Locator($"a[href='/cases/{items}']").First.ClickAsync();
        await Expect(counsel.Locator("#review-item-immigration-status")).ToBeVisibleAsync();
        await counsel.GetByLabel("Override: another outcome replaces it").CheckAsync();
        await counsel.Locator("#review-item-immigration-status").SelectOptionAsync("deny");
        await counsel.GetByLabel("Justification").FillAsync("The unit does not hold this person's status; 1373 covers sending what is held, not finding it out.");
        await Accessible(counsel);
        await counsel.GetByRole(AriaRole.Button, new() { Name = "Record my review" }).ClickAsync();
        await Expect(counsel.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your override is recorded");
        await Expect(counsel.Locator("tr", new() { HasText = "Immigration" }).First).ToContainTextAsync("Deny");
        await Expect(counsel.Locator("ol.history > li").Last).ToContainTextAsync("Counsel overrode");
        await Accessible(counsel);
        await counsel.ScreenshotAsync(new() { Path = Shot("counsel-items.png"), FullPage = true });
        await counsel.GotoAsync(server.BaseUrl + "/reviews");
        await Expect(counsel.Locator($"a[href='/cases/{items}']")).ToHaveCountAsync(0);

        // The auditor: who read the cases, per user and per case.
        var auditor = await SignIn("day-auditor", Role.Auditor);
        await auditor.GetByRole(AriaRole.Link, new() { Name = "Access log", Exact = true }).ClickAsync();
        await Expect(auditor.Locator("table.data")).ToContainTextAsync("day-officer");
        await Expect(auditor.Locator("table.data")).ToContainTextAsync("day-counsel");
        await Accessible(auditor);
        await auditor.ScreenshotAsync(new() { Path = Shot("access-log.png"), FullPage = true });
        await auditor.GetByRole(AriaRole.Link, new() { Name = "day-officer", Exact = true }).ClickAsync();
        await Expect(auditor.Locator("table.data")).ToContainTextAsync($"Case {release}");
        await Accessible(auditor);
        await auditor.GotoAsync(server.BaseUrl + $"/cases/{items}");
        await auditor.GetByRole(AriaRole.Link, new() { Name = "Who read this case" }).ClickAsync();
        await Expect(auditor.GetByRole(AriaRole.Heading, new() { Name = $"Who read case {items}" })).ToBeVisibleAsync();
        await Expect(auditor.Locator("table.data")).ToContainTextAsync("day-counsel");
        await Expect(auditor.Locator("table.data")).ToContainTextAsync("day-auditor");
        await Accessible(auditor);
        await auditor.ScreenshotAsync(new() { Path = Shot("access-log-case.png"), FullPage = true });
    }

    /// <summary>
    /// A records request (issue 18, point 8): the desk records one through the form beside one
    /// received weeks ago; the old one is overdue and listed first, on the records page and on the
    /// dashboard, with the law that sets the time; the new one is due at the end of the 10th day.
    /// </summary>
    [BrowserFact]
    public async Task The_desk_records_a_records_request_and_the_overdue_one_comes_first_with_its_citation()
    {
        Directory.CreateDirectory(LiveServer.ScreenshotFolder);
        var old = await server.Service<RecordsRequestDesk>().ReceiveAsync(null, "lapd", "2025-05-20T10:00:00-07:00",
            "Every communication with ICE about the jail in April", "Southern California Public Radio", "clerk");
        Assert.Null(old.Error);

        var desk = await SignIn("records-desk", Role.Intake);
        await desk.GotoAsync(server.BaseUrl + "/records-requests");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Record the request" }).ClickAsync();
        await Expect(desk.Locator("#error-summary")).ToContainTextAsync("Choose the unit");
        await Accessible(desk);
        await desk.GetByLabel("Unit that received it").SelectOptionAsync(new SelectOptionValue { Label = "Los Angeles Police Department" });
        await desk.GetByLabel("Received at").FillAsync("2025-06-02T16:30");
        await desk.GetByLabel("What records are asked for").FillAsync("The detainers LAPD received in May 2025 and its answers");
        await desk.GetByLabel("Requester, as given").FillAsync("A reporter");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Record the request" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Status).First).ToContainTextAsync("The determination is due by");
        await Expect(desk.GetByRole(AriaRole.Status).First).ToContainTextAsync("end of 12 June 2025");
        await Expect(desk.Locator("table.data tbody tr").First).ToHaveIdAsync($"r{old.Value!.Summary.Id}");
        await Expect(desk.Locator("table.data tbody tr").First).ToContainTextAsync("Overdue");
        await Expect(desk.Locator("table.data tbody tr").First).ToContainTextAsync("Cal. Gov. Code § 7922.535(a)");
        await Accessible(desk);
        await desk.ScreenshotAsync(new() { Path = Shot("records-requests.png"), FullPage = true });

        await desk.GotoAsync(server.BaseUrl + "/duties?unit=lapd");
        var line = desk.Locator($"tr.overdue:has(a[href='/records-requests#r{old.Value.Summary.Id}'])");
        await Expect(line).ToContainTextAsync("Cal. Gov. Code § 7922.535(a)");
        await Accessible(desk);
    }

    /// <summary>A new user of <paramref name="role"/> signed in, their own password chosen, on a page that records CSP violations.</summary>
    private async Task<IPage> SignIn(string name, Role role)
    {
        var oneTime = server.AddUser(name, role);
        var chosen = name + "'s own long passphrase";
        var page = await CspWatch.NewPage(server.Browser);
        await page.GotoAsync(server.BaseUrl + "/signin");
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(oneTime);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Current password").FillAsync(oneTime);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(chosen);
        await page.GetByLabel("New password again").FillAsync(chosen);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome, {name}" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>axe-core finds no violation on the page as it stands, and no page of the tab broke the Content-Security-Policy.</summary>
    private static async Task Accessible(IPage page)
    {
        await CspWatch.AssertNone(page);
        var results = await page.RunAxe();
        var violations = results.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToArray();
        Assert.True(violations.Length == 0, $"axe on {page.Url}:\n{string.Join("\n", violations)}");
    }

    private static string Shot(string name) => Path.Combine(LiveServer.ScreenshotFolder, name);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
