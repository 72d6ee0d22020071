using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Server;

/// <summary>
/// Issue 18 point 14: every read of a case is logged (who, what, when) in the case database,
/// through every door (page, API, notice, verification, the correction form), and an auditor reads
/// the log per case and per user. The log never holds who the case is about.
/// </summary>
public abstract class AccessLogTests(ServerFixture server)
{
    private const string Name = "Philippa Accesslog-Ybarra";

    private async Task<long> DecideAboutSomeone()
    {
        var request = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("examples/la/detainer-robbery.json")))!.AsObject();
        request["id"] = "ACCESS-" + Guid.NewGuid().ToString("N")[..8];
        request["subject"]!["identity"] = new JsonObject { ["name"] = Name, ["bookingNumber"] = "BK-ACC-77" };
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(request.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<JsonElement> CaseLog(long id, Role role = Role.Auditor)
    {
        var response = await server.Api(role).GetAsync($"/api/v1/cases/{id}/access-log?pageSize=200");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Every_door_that_shows_a_case_logs_who_read_what_and_when()
    {
        var id = await DecideAboutSomeone();
        var page = await server.App(Role.Supervisor);
        var reads = new (HttpClient Client, string Path, string User, string What)[]
        {
            (server.Api(Role.Counsel), $"/api/v1/cases/{id}", "as-counsel", "/api/v1/cases/{id}"),
            (server.Api(Role.Auditor), $"/api/v1/cases/{id}/verification", "as-auditor", "/api/v1/cases/{id}/verification"),
            (server.Api(Role.Intake), $"/api/v1/cases/{id}/notices", "as-intake", "/api/v1/cases/{id}/notices"),
            (server.Api(Role.Intake), $"/api/v1/cases/{id}/notices/request-notice?language=es", "as-intake", "/api/v1/cases/{id}/notices/{notice}"),
            (page, $"/cases/{id}", "as-supervisor", "/cases/{id}"),
            (page, $"/cases/{id}?verify=true", "as-supervisor", "/cases/{id}"),
            (page, $"/intake?correct={id}", "as-supervisor", "/intake"),
            (page, $"/cases/{id}/access-log", "as-supervisor", "/cases/{id}/access-log"),
        };
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        foreach (var (client, path, _, _) in reads)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }

        var log = await CaseLog(id);
        var items = log.GetProperty("items").EnumerateArray().Reverse().ToArray();
        // Oldest first now: the reads above, in order (the auditor's read of the log is kept once it is answered).
        Assert.Equal(reads.Length, items.Length);
        for (var i = 0; i < reads.Length; i++)
        {
            Assert.Equal(reads[i].User, items[i].GetProperty("user").GetString());
            Assert.Equal(reads[i].What, items[i].GetProperty("what").GetString());
            Assert.Equal(id, items[i].GetProperty("caseId").GetInt64());
            Assert.True(items[i].GetProperty("at").GetDateTimeOffset() >= before);
        }
        Assert.Equal("api", items[0].GetProperty("door").GetString());
        Assert.Equal("page", items[4].GetProperty("door").GetString());
        Assert.Equal("notice=request-notice", items[3].GetProperty("detail").GetString());
        Assert.Equal(["counsel"], items[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain("Accesslog-Ybarra", log.GetRawText(), StringComparison.Ordinal);
        var newest = (await CaseLog(id)).GetProperty("items")[0];
        Assert.Equal("/api/v1/cases/{id}/access-log", newest.GetProperty("what").GetString());
        Assert.Equal("as-auditor", newest.GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_search_is_logged_as_made_never_with_its_words_and_an_auditor_sees_each_users_reads()
    {
        await DecideAboutSomeone();
        using var counsel = server.Api(Role.Counsel);
        var found = JsonDocument.Parse(await counsel.GetStringAsync($"/api/v1/cases?q={Uri.EscapeDataString("accesslog-ybarra")}&purpose=counsel-review")).RootElement;
        Assert.True(found.GetProperty("total").GetInt64() >= 1);

        var mine = JsonDocument.Parse(await server.Api(Role.Auditor).GetStringAsync("/api/v1/access-log?user=as-counsel&pageSize=200")).RootElement;
        var search = mine.GetProperty("items").EnumerateArray().First(e => e.GetProperty("what").GetString() == "/api/v1/cases");
        Assert.Equal("search", search.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, search.GetProperty("caseId").ValueKind);

        var everyone = JsonDocument.Parse(await server.Api(Role.Auditor).GetStringAsync("/api/v1/access-log/users")).RootElement;
        var counselRow = everyone.EnumerateArray().Single(u => u.GetProperty("user").GetString() == "as-counsel");
        Assert.True(counselRow.GetProperty("searches").GetInt64() >= 1);

        // Nothing in the table names the person: the whole access log, byte for byte.
        var everything = string.Join('|', server.Services.GetRequiredService<CaseDatabase>().Read(db => Comity.Cases.Internal.Sql.List(db,
            "SELECT user_name, roles, door, what, case_id, detail FROM access_log",
            r => $"{r.GetString(0)}{r.GetString(1)}{r.GetString(2)}{r.GetString(3)}{(r.IsDBNull(4) ? "" : r.GetInt64(4))}{r.GetString(5)}")));
        Assert.DoesNotContain("accesslog", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("BK-ACC", everything, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_read_that_fails_is_not_logged_and_the_auditors_pages_show_the_reads()
    {
        var id = await DecideAboutSomeone();
        Assert.Equal(HttpStatusCode.NotFound, (await server.Api(Role.Intake).GetAsync("/api/v1/cases/987654321")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Api(Role.Auditor).GetAsync("/api/v1/cases/987654321/access-log")).StatusCode);
        await server.Api(Role.Intake).GetAsync($"/api/v1/cases/{id}");

        var auditor = await server.App(Role.Auditor);
        var perCase = await auditor.GetStringAsync($"/cases/{id}/access-log");
        Assert.Contains("as-intake", perCase, StringComparison.Ordinal);
        Assert.Contains("the case (API)", perCase, StringComparison.Ordinal);
        var perUser = await auditor.GetStringAsync("/access-log?user=as-intake");
        Assert.Contains($"/cases/{id}", perUser, StringComparison.Ordinal);
        Assert.Contains("as-intake", await auditor.GetStringAsync("/access-log"), StringComparison.Ordinal);
    }
}

public sealed class AccessLogTestsOnSqlite(ServerFixture server) : AccessLogTests(server), IClassFixture<ServerFixture>;

public sealed class AccessLogTestsOnPostgres(PostgresServerFixture server) : AccessLogTests(server), IClassFixture<PostgresServerFixture>;
