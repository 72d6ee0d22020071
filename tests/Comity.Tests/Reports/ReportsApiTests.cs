using System.Net;
using System.Text.Json;
using Comity.Cases;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Reports;

/// <summary>
/// <c>/api/v1/reports</c> (reports.md section 9) on the real server: a draft made from the ledger,
/// published through the server's own ledger (the CLI's --publish cannot while the server holds
/// the write lock), the manifest and files read back, version 2 refused without a reason, and bad
/// input answered as a 400 problem naming the parameter.
/// </summary>
public sealed class ReportsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_draft_is_published_read_back_and_a_second_version_needs_a_reason()
    {
        await server.Decide();
        var supervisor = server.Api(Role.Supervisor);
        var counsel = server.Api(Role.Counsel);
        var made = await supervisor.PostAsync("/api/v1/reports/truth-act/2024/drafts", ServerFixture.Json("""{"copy":"internal","formats":"csv,html"}"""));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var draft = await Json(made);
        Assert.Equal("written", draft.GetProperty("status").GetString());
        Assert.Contains("t1_access_by_type.csv", draft.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("report.html", draft.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        var id = draft.GetProperty("id").GetString()!;

        // A supervisor previews; publishing is counsel's.
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync("/api/v1/reports/truth-act/2024/versions", ServerFixture.Json($$"""{"draft":"{{id}}"}"""))).StatusCode);
        var published = await counsel.PostAsync("/api/v1/reports/truth-act/2024/versions", ServerFixture.Json($$"""{"draft":"{{id}}"}"""));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var v1 = await Json(published);
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.StartsWith("comity report manifest\ntruth-act 2024 v1 internal\n", v1.GetProperty("signature").GetString(), StringComparison.Ordinal);

        var manifest = await Json(await supervisor.GetAsync("/api/v1/reports/truth-act/2024?copy=internal"));
        Assert.Equal(1, manifest.GetProperty("version").GetInt32());
        Assert.False(manifest.GetProperty("draft").GetBoolean());
        var t1 = await supervisor.GetAsync("/api/v1/reports/truth-act/2024/versions/1/files/t1_access_by_type.csv?copy=internal");
        Assert.Equal(HttpStatusCode.OK, t1.StatusCode);
        Assert.StartsWith("request_type,requests_received,", await t1.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await (await supervisor.GetAsync("/api/v1/reports/truth-act/2024/versions/1/files/report.html?copy=internal")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Draft: not published", page, StringComparison.Ordinal);
        // Internal copies are not the public one.
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/api/v1/reports/truth-act/2024")).StatusCode);

        var again = (await Json(await supervisor.PostAsync("/api/v1/reports/truth-act/2024/drafts", ServerFixture.Json("""{"copy":"internal","formats":"csv"}""")))).GetProperty("id").GetString();
        var refused = await counsel.PostAsync("/api/v1/reports/truth-act/2024/versions", ServerFixture.Json($$"""{"draft":"{{again}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("$.reason", (await Json(refused)).GetProperty("errors")[0].GetProperty("path").GetString());
        var v2 = await counsel.PostAsync("/api/v1/reports/truth-act/2024/versions", ServerFixture.Json($$"""{"draft":"{{again}}","reason":"a case voided after version 1"}"""));
        Assert.Equal(HttpStatusCode.Created, v2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/v1/reports/truth-act/2024/versions/2/files/changes.csv?copy=internal")).StatusCode);

        var list = await Json(await supervisor.GetAsync("/api/v1/reports"));
        Assert.Equal(2, list.GetProperty("published").EnumerateArray().Count(p => p.GetProperty("period").GetString() == "2024"));
        Assert.Contains(list.GetProperty("published").EnumerateArray(), p => p.GetProperty("reason").GetString() == "a case voided after version 1");

        // Each report fetch is in the access log (reports.md P8).
        var reads = await server.Api(Role.Auditor).GetStringAsync("/api/v1/access-log?user=as-supervisor&pageSize=200");
        Assert.Contains("/api/v1/reports/{report}/{period}/versions/{n}/files/{file}", reads, StringComparison.Ordinal);
    }

    /// <summary>Issue 21 point 1: the draft body's unit makes that agency's own R1, kept under the period 2025-lapd beside the governing body's.</summary>
    [Fact]
    public async Task A_draft_for_one_agency_is_kept_under_its_own_period()
    {
        await server.Decide();
        var supervisor = server.Api(Role.Supervisor);

        var made = await supervisor.PostAsync("/api/v1/reports/truth-act/2024/drafts", ServerFixture.Json("""{"copy":"internal","formats":"csv","unit":"lapd-jail-division"}"""));

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var draft = await Json(made);
        Assert.Equal("2024-lapd-jail-division", draft.GetProperty("period").GetString());
        Assert.Contains(".truth-act.2024-lapd-jail-division.internal.", draft.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    private const string Forum = """
        {"governingBody":"Los Angeles City Council","date":"2026-03-12","time":"18:00","place":"City Hall, Room 340",
         "accessibility":{"contact":"Office of the City Clerk","phone":"(213) 555-0140"},"interpretation":{"contact":"Office of the City Clerk","email":"interpret@example.org"},
         "reportAt":"https://example.org/transparency","policies":[{"unit":"lapd","title":"Special Order 40","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]}
        """;

    /// <summary>The forum goes with a draft over the API as on the command line: both notices, the policies in the appendix, and the same files when published.</summary>
    [Fact]
    public async Task A_draft_with_a_forum_writes_both_notices_and_publishes_them()
    {
        await server.Decide();
        var counsel = server.Api(Role.Counsel);

        var made = await counsel.PostAsync("/api/v1/reports/truth-act/2023/drafts", ServerFixture.Json($$"""{"copy":"internal","formats":"csv,html","forum":{{Forum}}}"""));

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var draft = await Json(made);
        var files = draft.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("notice_en.html", files);
        Assert.Contains("notice_es.html", files);
        var id = draft.GetProperty("id").GetString()!;
        var published = await counsel.PostAsync("/api/v1/reports/truth-act/2023/versions", ServerFixture.Json($$"""{"draft":"{{id}}"}"""));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var version = (await Json(published)).GetProperty("version").GetInt32();
        var notice = await counsel.GetStringAsync($"/api/v1/reports/truth-act/2023/versions/{version}/files/notice_en.html?copy=internal");
        Assert.Contains("Los Angeles City Council", notice, StringComparison.Ordinal);
        var report = await counsel.GetStringAsync($"/api/v1/reports/truth-act/2023/versions/{version}/files/report.html?copy=internal");
        Assert.Contains("<td>Special Order 40</td><td>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</td>", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/reports/truth-act/2025/drafts", """{"forum":{"governingBody":"x","date":"12/03/2026","time":"18:00","place":"p","accessibility":{"contact":"c","phone":"1"},"interpretation":{"contact":"c","phone":"1"},"reportAt":"r"}}""", "$.forum")]
    [InlineData("/api/v1/reports/truth-act/2025/drafts", """{"forum":{"governingBody":"x","date":"2026-03-12","time":"18:00","place":"p","accessibility":{"contact":"c","phone":"1"},"interpretation":{"contact":"c","phone":"1"},"reportAt":"r","policies":[{"unit":"harbor","title":"t","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]}}""", "$.forum")]
    [InlineData("/api/v1/reports/sb54/2025/drafts", """{"forum":{"governingBody":"x","date":"2026-03-12","time":"18:00","place":"p","accessibility":{"contact":"c","phone":"1"},"interpretation":{"contact":"c","phone":"1"},"reportAt":"r"}}""", "$.forum")]
    [InlineData("/api/v1/reports/truth-act/1999/drafts", "{}", "period")]
    [InlineData("/api/v1/reports/truth-act/20255/drafts", "{}", "period")]
    [InlineData("/api/v1/reports/sb54/2025/drafts", """{"copy":"public"}""", "copy")]
    [InlineData("/api/v1/reports/truth-act/2025/drafts", """{"jurisdiction":"us/zz/nowhere"}""", "jurisdiction")]
    [InlineData("/api/v1/reports/budget/2025/drafts", "{}", "report")]
    [InlineData("/api/v1/reports/transparency/2025/drafts", "{}", "period")]
    [InlineData("/api/v1/reports/truth-act/2025/drafts", """{"formats":"csv,docx"}""", "formats")]
    [InlineData("/api/v1/reports/truth-act/2025/drafts", """{"checkpoint":99999999}""", "checkpoint")]
    [InlineData("/api/v1/reports/truth-act/2025/drafts", """{"colour":"red"}""", "$.colour")]
    [InlineData("/api/v1/reports/truth-act/2025/versions", """{"draft":"nothing"}""", "$.draft")]
    [InlineData("/api/v1/reports/truth-act/2025/drafts", """{"unit":"library"}""", "$.unit")]
    [InlineData("/api/v1/reports/sb54/2025/drafts", """{"unit":"lapd"}""", "$.unit")]
    [InlineData("/api/v1/reports/truth-act/2025-lapd/drafts", """{"unit":"lapd"}""", "period")]
    public async Task Bad_input_is_a_400_problem_naming_the_parameter(string path, string body, string where)
    {
        var response = await server.Api(Role.Counsel).PostAsync(path, ServerFixture.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(where, (await Json(response)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("/api/v1/reports/truth-act/2025?jurisdiction=us%2Fzz%2Fnowhere", "jurisdiction")]
    [InlineData("/api/v1/reports/truth-act/1999", "period")]
    [InlineData("/api/v1/reports/truth-act/2025/versions/1?copy=secret", "copy")]
    public async Task Bad_queries_are_a_400_problem_naming_the_parameter(string path, string where)
    {
        var response = await server.Api(Role.Auditor).GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(where, (await Json(response)).GetProperty("errors")[0].GetProperty("path").GetString());
    }
}
