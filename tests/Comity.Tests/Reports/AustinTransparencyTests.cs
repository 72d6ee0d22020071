using System.Net;
using System.Text.Json;
using Comity.Cases;
using Comity.Reports;
using Comity.Reports.Publishing;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Reports;

/// <summary>
/// Issue 22 point 4: Austin's report mapping (stacks/us/tx/austin/reports/mapping.json). Texas has no
/// TRUTH Act and no SB 54 reports, so Austin publishes the transparency page only: what its units
/// recorded, what the law in force makes the City never do and must do (the detainer mandate, read
/// from the stack), and no California table, chart or citation under a Texas name.
/// </summary>
public sealed class AustinTransparencyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Austin_publishes_a_transparency_page_of_its_own_law_and_no_California_report()
    {
        var detainer = File.ReadAllText(RepoRoot.Combine("examples/austin/detainer.json"));
        Assert.Equal(HttpStatusCode.Created, (await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(detainer))).StatusCode);

        var counsel = server.Api(Role.Counsel);
        // R1 and R2 are California's: the mapping refuses them, naming what it publishes.
        var r1 = await counsel.PostAsync("/api/v1/reports/truth-act/2025/drafts", ServerFixture.Json("""{"jurisdiction":"us/tx/austin","formats":"csv"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, r1.StatusCode);
        Assert.Contains("publishes transparency, not truth-act", await r1.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var made = await counsel.PostAsync("/api/v1/reports/transparency/2025-Q4/drafts", ServerFixture.Json("""{"jurisdiction":"us/tx/austin","formats":"csv,html"}"""));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var id = JsonDocument.Parse(await made.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created, (await counsel.PostAsync("/api/v1/reports/transparency/2025-Q4/versions", ServerFixture.Json($$"""{"draft":"{{id}}"}"""))).StatusCode);

        var page = WebUtility.HtmlDecode(await server.Api(null).GetStringAsync("/transparency/us-tx-austin"));
        Assert.Contains("Requests from federal immigration authorities: Austin", page, StringComparison.Ordinal);
        Assert.Contains("What the City must do", page, StringComparison.Ordinal);
        Assert.Contains("Code Crim. Proc.", page, StringComparison.Ordinal); // the detainer mandate's citation, read from the stack
        Assert.Contains("What the City never does", page, StringComparison.Ordinal);
        foreach (var californian in new[] { "TRUTH Act", "7282.5", "Cal. Gov", "7283", "SB 54" })
            Assert.DoesNotContain(californian, page, StringComparison.Ordinal);
        var store = new ReportStore(server.DataFolder);
        var files = store.Read("us/tx/austin", "transparency", "2025-Q4", ReportMaker.Public, 1)!;
        Assert.Contains("r3_must_do.csv", files.Keys);
        var basis = Csv.Read(files["r3_transfers_by_basis.csv"]);
        Assert.Contains(basis.Skip(1), r => r[1] == "state-law");
        Assert.DoesNotContain(basis.Skip(1), r => r[1] == "gov-7282.5");
        var headline = Csv.Read(files["r3_headline.csv"]);
        Assert.Equal(["2025", "1"], headline[1][..2]); // the Austin detainer: total requests received stay exact (P6)
    }
}
