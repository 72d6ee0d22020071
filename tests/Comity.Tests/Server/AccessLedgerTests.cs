using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Ledger;
using Comity.Recording;
using Comity.Recording.Entries;
using AccessEntry = Comity.Recording.Entries.AccessEntry;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Server;

/// <summary>
/// reports.md P8 (issue 21 point 4): every staff read of a case, identity search, export and report
/// fetch, through the API and the web app, is an <c>access</c> ledger entry with the user, roles,
/// action, target, purpose and records returned; the searched values only as a salted hash. The
/// access audit's rows are exactly the reads the test made, and no searched value or name reaches
/// the ledger, the audit's files or the server's log. Each provider has a server of its own, so the
/// reads below are the only ones it saw.
/// </summary>
public abstract class AccessLedgerTests(ServerFixture server)
{
    private const string Name = "Wilhelmina Zugriffsprobe";
    private const string Booking = "BK-ZUG-4471";

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    private async Task<long> DecideAboutSomeone()
    {
        var request = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("examples/la/detainer-robbery.json")))!.AsObject();
        request["id"] = "P8-" + Guid.NewGuid().ToString("N")[..8];
        request["subject"]!["identity"] = new JsonObject { ["name"] = Name, ["bookingNumber"] = Booking };
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(request.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private static async Task Ok(Task<HttpResponseMessage> call, string what)
    {
        using var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task AssertProblemNaming(HttpResponseMessage response, string parameter)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, JsonDocument.Parse(text).RootElement.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Every_read_is_an_access_entry_the_audit_lists_exactly_and_nothing_searched_is_kept()
    {
        var id = await DecideAboutSomeone();
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var sizeBefore = ledger.Size;
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var counsel = server.Api(Role.Counsel);
        using var supervisorApi = server.Api(Role.Supervisor);
        var supervisorPage = await server.App(Role.Supervisor);
        var auditorPage = await server.App(Role.Auditor);

        // Refused reads are never recorded: a search or an export without a purpose, a bad purpose or note.
        await AssertProblemNaming(await supervisorApi.GetAsync($"/api/v1/cases?q={Uri.EscapeDataString(Name)}"), "purpose");
        await AssertProblemNaming(await supervisorApi.GetAsync("/api/v1/cases?q=zugriffsprobe&purpose=curiosity"), "purpose");
        await AssertProblemNaming(await supervisorApi.GetAsync("/api/v1/cases?q=zugriffsprobe&purpose=other"), "note");
        await AssertProblemNaming(await supervisorApi.GetAsync("/api/v1/cases?q=zugriffsprobe&purpose=other&note=looking%20up%20Zugriffsprobe"), "note");
        await AssertProblemNaming(await counsel.GetAsync($"/api/v1/cases/{id}?note=why"), "purpose");
        using (var page = await supervisorPage.GetAsync("/cases?q=zugriffsprobe"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            var refused = await page.Content.ReadAsStringAsync();
            Assert.Contains("error-summary", refused, StringComparison.Ordinal);
            Assert.DoesNotContain(Booking, refused, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await auditorPage.GetAsync("/cases/export?q=zugriffsprobe")).StatusCode);

        // The reads, through both doors.
        await Ok(counsel.GetAsync($"/api/v1/cases/{id}?purpose=counsel-review"), "API case read");
        var search = JsonDocument.Parse(await supervisorApi.GetStringAsync("/api/v1/cases?q=zugriffsprobe&purpose=case-work")).RootElement;
        Assert.Equal(1, search.GetProperty("items").GetArrayLength());
        await Ok(supervisorPage.GetAsync($"/cases/{id}"), "page case read");
        await Ok(supervisorPage.GetAsync($"/cases?q={Uri.EscapeDataString(Booking)}&purpose=other&note=checking%20a%20court%20date"), "page search");
        await Ok(auditorPage.GetAsync("/cases/export?q=zugriffsprobe&purpose=audit"), "page export");
        var list = JsonDocument.Parse(await supervisorApi.GetStringAsync("/api/v1/cases?status=open")).RootElement;
        await Ok(supervisorApi.GetAsync("/api/v1/reports"), "report list");
        var listed = list.GetProperty("items").GetArrayLength();

        var expected = new (string User, string Action, string Door, string Route, long? Case, string[] Fields, string? Purpose, long? Records)[]
        {
            ("as-counsel", AccessActions.CaseRead, "api", "/api/v1/cases/{id}", id, [], "counsel-review", 1),
            ("as-supervisor", AccessActions.IdentitySearch, "api", "/api/v1/cases", null, ["q"], "case-work", 1),
            ("as-supervisor", AccessActions.CaseRead, "page", "/cases/{id}", id, [], null, 1),
            ("as-supervisor", AccessActions.IdentitySearch, "page", "/cases", null, ["q"], "other", 1),
            ("as-auditor", AccessActions.Export, "page", "/cases/export", null, ["q"], "audit", 1),
            ("as-supervisor", AccessActions.CaseList, "api", "/api/v1/cases", null, ["status"], null, listed),
            ("as-supervisor", AccessActions.ReportFetch, "api", "/api/v1/reports", null, [], null, null),
        };
        var entries = ledger.ReadFrom(sizeBefore).Where(e => e.Kind == AccessEntry.Kind).ToList();
        Assert.Equal(expected.Length, entries.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var (user, action, door, route, caseId, fields, purpose, records) = expected[i];
            var e = AccessEntry.Read(entries[i].Body);
            Assert.Equal((user, action, door, route, caseId, purpose, records), (e.RecordedBy, e.Action, e.Door, e.Route, e.Case,
                e.Purpose is { } p ? AccessPurposes.Names.Name(p) : null, e.Records));
            Assert.Equal(fields, e.Fields);
            Assert.Equal([user[3..]], e.Roles);
            if (fields.Length > 0)
                Assert.Matches("^sha256:[0-9a-f]{64}$", e.Searched);
            else
                Assert.Null(e.Searched);
        }
        Assert.Equal("checking a court date", AccessEntry.Read(entries[3].Body).Note);

        // The audit: a1 lists exactly these reads, oldest first, and a2 counts them per user.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var auditText = await server.Api(Role.Auditor).GetStringAsync($"/api/v1/reports/access-audit?from={today}&to={today}");
        var tables = JsonDocument.Parse(auditText).RootElement.GetProperty("tables");
        var a1 = tables.GetProperty("a1_access_log.csv").EnumerateArray().Select(r => r.EnumerateArray().Select(f => f.GetString()!).ToArray()).ToList();
        Assert.Equal(["at", "user", "role", "action", "target", "case_id", "purpose", "records"], a1[0]);
        Assert.Equal(expected.Length, a1.Count - 1);
        for (var i = 0; i < expected.Length; i++)
        {
            var (user, action, _, route, caseId, fields, purpose, records) = expected[i];
            var row = a1[i + 1];
            var at = DateTimeOffset.Parse(row[0], CultureInfo.InvariantCulture);
            Assert.InRange(at, started, DateTimeOffset.UtcNow.AddSeconds(1));
            var target = fields.Length == 0 ? route : $"{route} fields={string.Join(';', fields)}";
            var purposeText = purpose is null ? "" : purpose == "other" ? "other: checking a court date" : purpose;
            Assert.Equal([user, user[3..], action, target, caseId is { } c ? Text(c) : "", purposeText, records is { } n ? Text(n) : ""], row[1..]);
        }
        var a2 = tables.GetProperty("a2_access_by_user.csv").EnumerateArray().Select(r => r.EnumerateArray().Select(f => f.GetString()!).ToArray()).ToList();
        Assert.Equal(["user", "role", "case_reads", "identity_searches", "exports", "reads_without_purpose", "flags"], a2[0]);
        string[][] perUser =
        [
            ["as-auditor", "auditor", "0", "0", "1", "0", "export"],
            ["as-counsel", "counsel", "1", "0", "0", "0", ""],
            ["as-supervisor", "supervisor", "1", "2", "0", "3", "identity-search"],
        ];
        Assert.Equal(perUser, a2.Skip(1));

        // Nothing searched, and no name, in the ledger, the audit's files or the server's log.
        var html = await server.Api(Role.Auditor).GetStringAsync($"/api/v1/reports/access-audit?from={today}&to={today}&file=report.html");
        var ledgerText = string.Join('\n', ledger.ReadFrom(sizeBefore).Select(e => Encoding.UTF8.GetString(e.Canonical)));
        foreach (var (where, text) in new[] { ("ledger", ledgerText), ("audit", auditText), ("audit page", html), ("log", string.Join('\n', server.LogLines())) })
            foreach (var secret in new[] { "zugriffsprobe", "Wilhelmina", Booking, "ZUG-4471" })
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"the {where} holds \"{secret}\"");

        // The ledger still verifies, access entries and all.
        var verified = ledger.Verify();
        Assert.True(verified.Ok, string.Join("; ", verified.Problems));
        Assert.Equal(ledger.Size, verified.Entries);
    }
}

public sealed class AccessLedgerTestsOnSqlite(ServerFixture server) : AccessLedgerTests(server), IClassFixture<ServerFixture>;

public sealed class AccessLedgerTestsOnPostgres(PostgresServerFixture server) : AccessLedgerTests(server), IClassFixture<PostgresServerFixture>;
