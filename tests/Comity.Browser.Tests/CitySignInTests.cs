using System.Text.RegularExpressions;
using Comity.Cases;
using Comity.TestIdentityProvider;
using Microsoft.Playwright;

namespace Comity.Browser.Tests;

/// <summary>
/// Sign-in with the city's identity provider in a real browser (issue 24): a real OpenID Connect
/// server (OpenIddict) runs beside Comity; a person presses the city's button, signs in on the
/// provider's page and lands back in Comity with the roles their groups map to. Local accounts
/// stay available beside it.
/// </summary>
public sealed class CitySignInTests : IAsyncLifetime
{
    private ComityWithCityProvider _site = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _site = await ComityWithCityProvider.StartAsync(Path.Combine(LiveServer.RepoRoot(), "stacks"));
        if (!File.Exists(BrowserFactAttribute.Chromium))
            return; // the test is skipped (or fails in CI) by its attribute
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [BrowserFact]
    public async Task A_person_signs_in_with_the_city_account_and_lands_with_the_mapped_roles()
    {
        var page = await (await _browser!.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(_site.BaseUrl + "/cases");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
        // Both ways in: the city's account, and a Comity account with a password.
        await Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with " + ComityWithCityProvider.ProviderName }).ClickAsync();

        // The provider's own page.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(_site.City.Authority + "connect/authorize")));
        await page.GetByLabel("User name").FillAsync("dana.ortiz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Back in Comity, where the person was going, as counsel.
        await Assertions.Expect(page).ToHaveURLAsync(_site.BaseUrl + "/cases");
        await Expect(page.Locator("#signed-in-roles")).ToHaveTextAsync("(counsel)");
        await Expect(page.Locator("header.site")).ToContainTextAsync("dana.ortiz");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Counsel review" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "New request" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        Directory.CreateDirectory(LiveServer.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LiveServer.ScreenshotFolder, "signed-in-with-city-account.png"), FullPage = true });
        Assert.Equal([Role.Counsel], _site.Users.Store.Find("dana.ortiz")!.Roles);
    }

    [BrowserFact]
    public async Task A_person_in_no_mapped_group_is_told_why_and_stays_signed_out()
    {
        var page = await (await _browser!.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(_site.BaseUrl + "/signin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with " + ComityWithCityProvider.ProviderName }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("pat.kim");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("none of your groups gives you a role");
        await Expect(page.Locator("#signed-in-roles")).ToHaveCountAsync(0);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _site.DisposeAsync();
    }
}
