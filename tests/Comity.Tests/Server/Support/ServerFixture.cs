using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Comity.Cases;
using Comity.Server;
using Comity.Server.Auth;
using Comity.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Comity.Tests.Server.Support;

/// <summary>
/// The real server in process (WebApplicationFactory), over a fresh data folder with the real
/// ledger and case database, the repository's stacks, and one user per role, each with an API
/// token and a known password. The factory runs the server's own Main, first run included.
/// </summary>
public partial class ServerFixture : WebApplicationFactory<ServerProgram>
{
    public const string Password = "correct horse battery staple";

    private readonly Dictionary<Role, string> _tokens = [];

    public ServerFixture()
    {
        DataFolder = Path.Combine(Path.GetTempPath(), "comity-server-tests", Guid.NewGuid().ToString("N"));
        var users = Services.GetRequiredService<UserDirectory>();
        foreach (var role in Enum.GetValues<Role>())
        {
            var name = UserName(role);
            var (user, oneTime, error) = users.Add(name, null, [role]);
            Assert.Null(error);
            Assert.Null(users.ChangePassword(user!.Id, oneTime!, Password));
            _tokens[role] = users.IssueToken(user.Id, "tests").Token;
        }
    }

    public string DataFolder { get; }

    /// <summary>The test user holding only <paramref name="role"/>. (The server's first run has already made "admin".)</summary>
    public static string UserName(Role role) => "as-" + Roles.Names.Name(role);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Comity:Data", DataFolder);
        builder.UseSetting("Comity:Stacks", RepoRoot.Combine("stacks"));
        foreach (var (key, value) in Settings())
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturedLog(_logged)));
    }

    // Built while the server is (before the constructor body runs): initialised here, not there.
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _logged = new();

    /// <summary>Every line the server logged so far (message and exception), to check what never reaches the log.</summary>
    public IReadOnlyList<string> LogLines() => [.. _logged];

    /// <summary>Settings a fixture for one area adds (called while the server is built, before the derived fixture's constructor runs).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings() => [];

    /// <summary>An API client acting with the token of a user holding <paramref name="role"/>; null for anonymous.</summary>
    public HttpClient Api(Role? role)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (role is { } r)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[r]);
        return client;
    }

    /// <summary>A browser-like client (cookies, no redirects followed) signed in as <paramref name="role"/>; anonymous for null.</summary>
    public async Task<HttpClient> App(Role? role)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (role is not { } r)
            return client;
        var form = await Antiforgery(client, "/signin");
        form["Name"] = UserName(r);
        form["Password"] = Password;
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The antiforgery field of a page's form, to post with.</summary>
    public static async Task<Dictionary<string, string>> Antiforgery(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var token = TokenField().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        return new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
    }

    /// <summary>Records a decision through the API as intake; returns the case number.</summary>
    public async Task<long> Decide(string exampleFile = "examples/la/detainer-robbery.json")
    {
        var response = await Api(Role.Intake).PostAsync("/api/v1/decisions", Json(File.ReadAllText(RepoRoot.Combine(exampleFile))));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A new intake user, for calls that change a user; returns its id.</summary>
    public long NewUser()
    {
        var (user, _, error) = Services.GetRequiredService<UserDirectory>().Add("u" + Guid.NewGuid().ToString("N"), null, [Role.Intake]);
        Assert.Null(error);
        return user!.Id;
    }

    /// <summary>A new user whose account is locked after five wrong passwords; returns its name.</summary>
    public string LockedUser()
    {
        var users = Services.GetRequiredService<UserDirectory>();
        var (user, _, _) = users.Add("locked-" + Guid.NewGuid().ToString("N")[..12], null, [Role.Intake]);
        for (var i = 0; i < UserDirectory.LockAfterFailures; i++)
            users.SignIn(user!.Name, "not the password at all");
        return user!.Name;
    }

    /// <summary>The id of the user named <paramref name="name"/>.</summary>
    public long Find(string name) => Services.GetRequiredService<UserDirectory>().Store.Find(name)!.Id;

    /// <summary>A new live API token of a new user, for calls that revoke one; returns its id.</summary>
    public long NewToken() => Services.GetRequiredService<UserDirectory>().IssueToken(NewUser(), "to revoke").Id;

    /// <summary>A new webhook endpoint on this machine's discard port (nothing listens: deliveries fail here and go nowhere else); returns its id.</summary>
    public long NewWebhook()
    {
        var (endpoint, error, _) = Services.GetRequiredService<Comity.Webhooks.WebhookDispatcher>().Register(
            new Comity.Webhooks.NewWebhookEndpoint("http://127.0.0.1:9/hook", ["report.published"]), "tests");
        Assert.Null(error);
        return endpoint!.Id;
    }

    /// <summary>A new records request received by LAPD on 2 June 2025, recorded through the core; returns its number.</summary>
    public async Task<long> NewRecordsRequest()
    {
        var recorded = await Services.GetRequiredService<Comity.Recording.RecordsRequestDesk>()
            .ReceiveAsync(null, "lapd", "2025-06-02T09:00:00-07:00", "E-mails with ICE in May", "A reporter", "tests");
        Assert.Null(recorded.Error);
        return recorded.Value!.Summary.Id;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // Also called by the factory's finalizer, when a derived fixture's constructor threw before
        // this one ran (no PostgreSQL): then there is no folder, and a throw here would end the test host.
        if (DataFolder is null)
            return;
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
