using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Ledger;
using Comity.Server.Api;
using Comity.Tests.Fuzz.Support;
using Comity.Tests.Server.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Fuzz;

/// <summary>
/// The HTTP door: mutated requests to POST /api/v1/decisions on the real server in process. Each
/// is answered 201 with the library's own answer and a receipt, or refused 4xx as problem+json
/// whose errors name JSON paths; never 500. The ledger and the case database grow by exactly one
/// decision entry and one case per 201 (and the law that decided, once): nothing is recorded for a refused request.
/// </summary>
public sealed class HttpFuzzTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public void Mutated_requests_are_decided_as_the_library_decides_them_or_refused_as_problems_and_only_decisions_are_recorded()
    {
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var cases = server.Services.GetRequiredService<CaseStore>();
        var (entriesBefore, casesBefore) = (ledger.Size, cases.List(new CaseQuery()).Total);
        var decided = 0L;
        using var http = server.Api(Role.Intake);

        Fuzzing.Run(RequestMutants.Requests, bytes =>
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new("application/json");
            using var response = http.PostAsync("/api/v1/decisions", content).GetAwaiter().GetResult();
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var verdict = Fuzzing.Verdict(bytes);
            if (verdict is not null)
            {
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"the library decides it, the server answered {(int)response.StatusCode}: {body}");
                var answer = JsonNode.Parse(body)!.AsObject();
                Assert.NotNull(answer["receipt"]);
                answer.Remove("receipt");
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(verdict), answer), $"the server's answer differs from the library's: {body}");
                Interlocked.Increment(ref decided);
                return;
            }
            var status = (int)response.StatusCode;
            Assert.True(status == 400 || (status == 413 && bytes.Length > DecisionsApi.MaxRequestBytes), $"the library refuses it, the server answered {status}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(body);
            if (status == 400)
                Fuzzing.AssertErrorsNamePaths(problem.RootElement.GetProperty("errors"), body);
        });

        Assert.True(decided > 0, "no mutant was decided: the fuzzer never got past the contract");
        // Besides the decisions, only the law that decided them (recorded once, before its first decision).
        var added = ledger.ReadFrom(entriesBefore).Select(e => e.Kind).ToList();
        Assert.Equal(decided, added.Count(k => k == "decision"));
        Assert.All(added.Where(k => k != "decision"), k => Assert.Contains(k, new[] { "law-file", "stack" }));
        Assert.Equal(casesBefore + decided, cases.List(new CaseQuery()).Total);
    }
}
