using System.Net;
using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;
using Comity.Server.Auth;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Server;

/// <summary>
/// Issue 18 point 10: an account locks after five wrong passwords in a row (logged), an administrator
/// unlocks it; a token an administrator issues for someone else is recorded as theirs and every
/// entry made with it names both; changes to users are confirmed and never made twice by a reload.
/// </summary>
public abstract class AccountProtectionTests(ServerFixture server)
{
    private const string Chosen = "a passphrase of my own choosing";

    private async Task<HttpResponseMessage> SignIn(HttpClient client, string name, string password)
    {
        var form = await ServerFixture.Antiforgery(client, "/signin");
        form["Name"] = name;
        form["Password"] = password;
        return await client.PostAsync("/signin", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_an_administrator_unlocks_it()
    {
        var users = server.Services.GetRequiredService<UserDirectory>();
        var (user, password, _) = users.Add("locking-" + Guid.NewGuid().ToString("N")[..8], null, [Role.Intake]);
        var client = await server.App(null);

        for (var i = 0; i < UserDirectory.LockAfterFailures; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(client, user!.Name, "wrong password " + i)).StatusCode);
        var refused = await SignIn(client, user!.Name, password!);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("This account is locked", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var locked = Assert.Single(users.Store.Events(user.Name), e => e.Event == "locked");
        Assert.Null(locked.By);

        var unlock = await server.Api(Role.Admin).PostAsync($"/api/v1/users/{user.Name}/unlock", null);
        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await server.Api(Role.Admin).PostAsync($"/api/v1/users/{user.Name}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(client, user.Name, password!)).StatusCode);
        Assert.Equal(ServerFixture.UserName(Role.Admin), users.Store.Events(user.Name).First(e => e.Event == "unlocked").By);
    }

    [Fact]
    public async Task A_good_sign_in_starts_the_count_of_failures_again()
    {
        var users = server.Services.GetRequiredService<UserDirectory>();
        var (user, password, _) = users.Add("counting-" + Guid.NewGuid().ToString("N")[..8], null, [Role.Intake]);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < UserDirectory.LockAfterFailures - 1; i++)
                Assert.Null(users.SignIn(user!.Name, "wrong").User);
            Assert.NotNull(users.SignIn(user!.Name, password!).User);
        }
        Assert.Null(users.Store.Find(user!.Id)!.LockedAt);
    }

    [Fact]
    public async Task A_token_an_administrator_issues_for_someone_else_names_both_in_every_entry()
    {
        var issued = await server.Api(Role.Admin).PostAsync($"/api/v1/users/{ServerFixture.UserName(Role.Intake)}/tokens", ServerFixture.Json("""{"label":"the jail system"}"""));
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var token = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        using var api = server.Api(null);
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var decided = await api.PostAsync("/api/v1/decisions", ServerFixture.Json(File.ReadAllText(RepoRoot.Combine("examples/la/detainer-robbery.json"))));

        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        var index = JsonDocument.Parse(await decided.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetProperty("index").GetInt64();
        var entry = server.Services.GetRequiredService<TransparencyLog>().Read(index);
        Assert.Equal("as-intake (token issued by as-admin)", entry.Body.GetProperty("recordedBy").GetString());
        var listed = JsonDocument.Parse(await server.Api(Role.Auditor).GetStringAsync("/api/v1/users")).RootElement
            .EnumerateArray().Single(u => u.GetProperty("name").GetString() == "as-intake");
        Assert.Contains(listed.GetProperty("tokens").EnumerateArray(), t => t.GetProperty("issuedBy").GetString() == "as-admin" && t.GetProperty("label").GetString() == "the jail system");
        var users = server.Services.GetRequiredService<UserDirectory>();
        Assert.Contains(users.Store.Events("as-intake"), e => e.Event == "token-issued" && e.By == "as-admin");
    }

    [Fact]
    public async Task Adding_a_user_asks_for_confirmation_then_redirects_so_a_reload_adds_nobody()
    {
        var admin = await server.App(Role.Admin);
        var name = "confirm-" + Guid.NewGuid().ToString("N")[..8];
        var users = server.Services.GetRequiredService<UserDirectory>();

        var form = await ServerFixture.Antiforgery(admin, "/admin/users");
        form["Name"] = name;
        form["NewRoles"] = "intake";
        var asked = await admin.PostAsync("/admin/users?handler=Add", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Please confirm", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(users.Store.Find(name));

        form["Confirmed"] = "true";
        var done = await admin.PostAsync("/admin/users?handler=Add", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/admin/users#done", done.Headers.Location!.OriginalString);
        Assert.NotNull(users.Store.Find(name));
        // The one-time password is shown once, on the page the redirect leads to, and never again.
        var shown = await admin.GetStringAsync("/admin/users");
        Assert.Contains($"One-time password for {name}", shown, StringComparison.Ordinal);
        Assert.DoesNotContain($"One-time password for {name}", await admin.GetStringAsync("/admin/users"), StringComparison.Ordinal);
    }
}

public sealed class AccountProtectionTestsOnSqlite(ServerFixture server) : AccountProtectionTests(server), IClassFixture<ServerFixture>;

public sealed class AccountProtectionTestsOnPostgres(PostgresServerFixture server) : AccountProtectionTests(server), IClassFixture<PostgresServerFixture>;

/// <summary>Sign-in attempts are limited per client address (a fixture of its own: the limit is per server).</summary>
public sealed class SignInRateLimitTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task More_than_twenty_sign_ins_a_minute_from_one_address_are_refused_with_429()
    {
        var client = await server.App(null);
        var form = await ServerFixture.Antiforgery(client, "/signin");
        form["Name"] = "nobody-at-all";
        form["Password"] = "wrong";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Comity.Server.ServerApp.SignInsPerMinute + 1; i++)
            statuses.Add((await client.PostAsync("/signin", new FormUrlEncodedContent(form))).StatusCode);

        Assert.All(statuses.Take(Comity.Server.ServerApp.SignInsPerMinute), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
