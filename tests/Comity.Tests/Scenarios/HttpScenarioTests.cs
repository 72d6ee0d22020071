using System.Net;
using System.Text.Json.Nodes;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Scenarios;
using Comity.Cases;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Scenarios;

/// <summary>
/// The legal scenarios through the HTTP door: every scenario of every stack, posted to
/// <c>/api/v1/evaluations</c> as contract JSON, gets the outcome the scenario expects and exactly
/// the answer the library gives (which <see cref="StackScenarioTests"/> checks in full).
/// </summary>
public abstract class HttpScenarioTests(ServerFixture fixture)
{
    /// <summary>One server for every stack's scenarios (the server finds each request's stack by its jurisdiction).</summary>
    public sealed class Server : IDisposable
    {
        public ServerFixture Fixture { get; } = new();
        public void Dispose() => Fixture.Dispose();
    }

    /// <summary>The same, its databases in PostgreSQL.</summary>
    public sealed class PostgresServer : IDisposable
    {
        public ServerFixture Fixture { get; } = new PostgresServerFixture();
        public void Dispose() => Fixture.Dispose();
    }

    public static TheoryData<string> Stacks() => StackScenarioTests.Stacks();

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_scenario_gets_its_expected_answer_over_HTTP(string stack)
    {
        var dir = RepoRoot.Combine("stacks/" + stack);
        var engine = DecisionEngine.Compile(StackLoader.Load(dir));
        var scenarios = ScenarioReader.ReadFolder(Path.Combine(dir, "scenarios"));
        Assert.NotEmpty(scenarios);
        var api = fixture.Api(Role.Intake);
        var problems = new List<string>();
        foreach (var s in scenarios)
        {
            // A scenario is decided by its own stack; over HTTP, the request names it (jurisdiction = the stack's folder under stacks/).
            var request = s.Request with { Jurisdiction = s.Request.Jurisdiction ?? stack };
            var response = await api.PostAsync("/api/v1/evaluations", ServerFixture.Json(RequestWriter.ToJson(request)));
            var body = await response.Content.ReadAsStringAsync();
            var where = $"{Path.GetFileName(s.File)}[{s.Index}] {s.Name}";
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{where}: HTTP {(int)response.StatusCode}: {body}");
                continue;
            }
            var answer = JsonNode.Parse(body)!;
            if ((string?)answer["outcome"] != Vocabularies.Outcomes.Name(s.Expect.Outcome))
                problems.Add($"{where}: outcome {(string?)answer["outcome"]}, expected {Vocabularies.Outcomes.Name(s.Expect.Outcome)}");
            else if (!JsonNode.DeepEquals(answer, JsonNode.Parse(AnswerWriter.ToJson(engine.Decide(request)))))
                problems.Add($"{where}: the answer over HTTP differs from the library's");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

public sealed class HttpScenarioTestsOnSqlite(HttpScenarioTests.Server server) : HttpScenarioTests(server.Fixture), IClassFixture<HttpScenarioTests.Server>;

public sealed class HttpScenarioTestsOnPostgres(HttpScenarioTests.PostgresServer server) : HttpScenarioTests(server.Fixture), IClassFixture<HttpScenarioTests.PostgresServer>;
