using System.Net;
using System.Text.RegularExpressions;
using Comity.Cases;
using Comity.TestIdentityProvider;
using Comity.Tests.Support;

namespace Comity.Tests.Server;

/// <summary>
/// Sign-in with the city's identity provider (issue 24), over HTTP as a browser does it, against a
/// real OpenID Connect server (OpenIddict) running in the test: the person signs in there, comes back
/// to Comity with the roles the configuration maps from their groups, is refused when no group
/// gives a role, and gets their roles again at each sign-in. Here local accounts are turned off.
/// (tests/Comity.Browser.Tests signs in through the same provider in chromium.)
/// </summary>
public sealed partial class IdentityProviderSignInTests : IAsyncLifetime
{
    private ComityWithCityProvider _site = null!;

    public async Task InitializeAsync() => _site = await ComityWithCityProvider.StartAsync(RepoRoot.Combine("stacks"), localAccounts: false);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private static HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

    /// <summary>
    /// Follows the sign-in through the provider as a browser would: Comity's button, the provider's
    /// page, its form with the user name, back to Comity's callback. Returns where Comity sent the browser at the end.
    /// </summary>
    private async Task<string> SignIn(HttpClient browser, string userName, string returnUrl = "/")
    {
        var toProvider = await browser.GetAsync($"{_site.BaseUrl}/signin?handler=Provider&returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
        var authorize = toProvider.Headers.Location!;
        Assert.StartsWith(_site.City.Authority + "connect/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);

        var page = await browser.GetStringAsync(authorize);
        var fields = HiddenField().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        Assert.Equal("code", fields["response_type"]);
        Assert.Equal("S256", fields["code_challenge_method"]);
        fields["username"] = userName;
        var back = await browser.PostAsync(_site.City.Authority + "connect/authorize", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.StartsWith(_site.BaseUrl + "/signin-oidc?", back.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);

        var landed = await browser.GetAsync(back.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        return landed.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task A_person_signs_in_through_the_provider_and_lands_with_the_roles_their_groups_map_to()
    {
        using var browser = Browser();
        Assert.Equal("/cases", await SignIn(browser, "dana.ortiz", "/cases"));

        var cases = await browser.GetAsync(_site.BaseUrl + "/cases");
        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
        var home = await browser.GetStringAsync(_site.BaseUrl + "/");
        Assert.Contains("Signed in as <strong>dana.ortiz</strong>", home, StringComparison.Ordinal);
        Assert.Contains("(counsel)", home, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/account/password\"", home, StringComparison.Ordinal);
        // Counsel reviews; counsel does not decide or manage users.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(_site.BaseUrl + "/reviews")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(_site.BaseUrl + "/intake")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(_site.BaseUrl + "/admin/users")).StatusCode);

        var user = _site.Users.Store.Find("dana.ortiz")!;
        Assert.Equal([Role.Counsel], user.Roles);
        Assert.Equal("Dana Ortiz", user.DisplayName);
        Assert.False(user.MustChangePassword);
        // No password signs in as a user of the provider.
        Assert.Null(_site.Users.SignIn("dana.ortiz", "").User);

        using var other = Browser();
        await SignIn(other, "sam.lee");
        Assert.Contains("(intake, supervisor)", await other.GetStringAsync(_site.BaseUrl + "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_follow_the_provider_at_each_sign_in_and_a_change_ends_the_older_sign_in()
    {
        using var first = Browser();
        await SignIn(first, "dana.ortiz");
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(_site.BaseUrl + "/reviews")).StatusCode);

        _site.City.SetGroups("dana.ortiz", "jail-intake");
        using var second = Browser();
        await SignIn(second, "dana.ortiz");
        Assert.Contains("(intake)", await second.GetStringAsync(_site.BaseUrl + "/"), StringComparison.Ordinal);
        Assert.Equal([Role.Intake], _site.Users.Store.Find("dana.ortiz")!.Roles);
        // The sign-in made as counsel no longer stands.
        var stale = await first.GetAsync(_site.BaseUrl + "/reviews");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal("/signin", new Uri(new Uri(_site.BaseUrl), stale.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_person_whose_groups_give_no_role_is_not_signed_in()
    {
        using var browser = Browser();
        var landed = await SignIn(browser, "pat.kim");
        Assert.Equal("/signin?refused=norole", landed);
        var page = await browser.GetAsync(_site.BaseUrl + landed);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("none of your groups gives you a role", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(_site.Users.Store.Find("pat.kim"));
        var home = await browser.GetAsync(_site.BaseUrl + "/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task With_local_accounts_turned_off_a_password_does_not_sign_in()
    {
        var (user, password, error) = _site.Users.Add("local.clerk", null, [Role.Intake]);
        Assert.Null(error);
        using var browser = Browser();
        var page = await browser.GetStringAsync(_site.BaseUrl + "/signin");
        Assert.Contains("Sign in with " + ComityWithCityProvider.ProviderName, page, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"password\"", page, StringComparison.Ordinal);

        // The page has no form to post, and a post made by hand does not sign in.
        var response = await browser.PostAsync(_site.BaseUrl + "/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = user!.Name, ["Password"] = password!,
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.IsSuccessStatusCode);
        var home = await browser.GetAsync(_site.BaseUrl + "/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/signin", new Uri(new Uri(_site.BaseUrl), home.Headers.Location!).AbsolutePath);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
