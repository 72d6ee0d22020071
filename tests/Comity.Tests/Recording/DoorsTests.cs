using System.Net;
using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;
using Comity.Server.Auth;
using Comity.Tests.Cli.Support;
using Comity.Tests.Server.Support;
using Microsoft.Extensions.DependencyInjection;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Recording;

/// <summary>Every door records through the core's one path: the same entry shape, and a case at once.</summary>
public sealed class DoorsTests
{
    [Fact]
    public async Task Decide_record_keeps_its_case_at_once_with_the_entry_shape_the_server_writes()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        AssertExit(0, await ComityCli.RunAsync([.. DecideExample, "--record", "--data", data]));
        var batch = ExampleLine("B-1") + "\n" + ExampleLine("B-2") + "\n";
        AssertExit(0, await ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"], batch));

        List<CaseSummary> kept;
        using (var database = CaseDatabase.Open(data))
        using (var cases = new CaseStore(database))
        {
            // A batch's cases are kept concurrently: their numbers need not follow the ledger's order.
            kept = cases.List(new CaseQuery()).Items.OrderBy(c => c.LedgerIndex).ToList();
            Assert.Equal(["LAPD-2025-000123", "B-1", "B-2"], kept.Select(c => c.Reference));
            // Before the first decision, the law that decided it (its files and its stack entry, see StackVersionTests).
            var first = kept[0].LedgerIndex;
            Assert.Equal([first, first + 1, first + 2], kept.Select(c => c.LedgerIndex));
            Assert.All(kept, c => Assert.Equal(Environment.UserName, c.RecordedBy));
            Assert.All(kept, c => Assert.Equal("deny", c.Outcome));
        }
        string[] cliShape;
        using (var ledger = TransparencyLog.Open(data, new LedgerOptions { ReadOnly = true }))
        {
            var body = ledger.Read(kept[0].LedgerIndex).Body;
            cliShape = [.. body.EnumerateObject().Select(p => p.Name)];
            Assert.Equal(Environment.UserName, body.GetProperty("recordedBy").GetString());
        }

        using var server = new ServerFixture();
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(File.ReadAllText(Repo.File("examples/la/detainer-robbery.json"))));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var index = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetProperty("index").GetInt64();
        var httpBody = server.Services.GetRequiredService<TransparencyLog>().Read(index).Body;
        Assert.Equal(cliShape, httpBody.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ServerFixture.UserName(Role.Intake), httpBody.GetProperty("recordedBy").GetString());
    }
}
