using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Ledger;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Server;

/// <summary>The HTTP API's behaviour: the contract through HTTP, receipts that verify, reviews as new entries, strict errors.</summary>
public sealed class ApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Decision_answers_as_the_cli_does_with_a_receipt_that_verifies_against_the_ledger_key()
    {
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(File.ReadAllText(RepoRoot.Combine("examples/la/detainer-robbery.json"))));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^/api/v1/cases/[0-9]+$", response.Headers.Location!.OriginalString);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("deny", answer.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("LAPD-2025-000200", answer.RootElement.GetProperty("id").GetString());

        var receipt = answer.RootElement.GetProperty("receipt");
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var index = receipt.GetProperty("index").GetInt64();
        var leaf = receipt.GetProperty("leafHash").GetBytesFromBase64();
        Assert.Equal(ledger.Read(index).LeafHash, leaf);
        var key = NoteVerifier.Parse((await server.Api(Role.Auditor).GetStringAsync("/api/v1/ledger/key")).Trim());
        var checkpoint = TlogProof.Parse(receipt.GetProperty("proof").GetString()!).Verify(key, leaf);
        Assert.Equal(receipt.GetProperty("checkpoint").GetString(), checkpoint.Note);
    }

    [Fact]
    public async Task A_request_that_breaks_the_contract_is_a_400_problem_naming_each_path_and_records_nothing()
    {
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var before = ledger.Size;
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(
            """{"receivedAt":"2025-06-02","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a","signedBy":"x"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToArray();
        Assert.Equal(["$.document.signedBy"], paths);
        Assert.Equal(before, ledger.Size);
    }

    [Fact]
    public async Task A_request_that_is_not_UTF8_is_a_400_problem_with_the_place_of_the_bad_byte_and_records_nothing()
    {
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var before = ledger.Size;
        var body = System.Text.Encoding.UTF8.GetBytes(File.ReadAllText(RepoRoot.Combine("examples/la/detainer-robbery.json")).Replace("LAPD-2025-000200", "LAPD-\u0001", StringComparison.Ordinal));
        body[Array.IndexOf(body, (byte)1)] = 0xC3; // a lead byte whose continuation never comes
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = problem.RootElement.GetProperty("errors")[0];
        Assert.Equal("$", error.GetProperty("path").GetString());
        Assert.Matches(@"^not valid UTF-8 at line \d+, column \d+: byte 0xC3", error.GetProperty("message").GetString());
        Assert.Equal(before, ledger.Size);
    }

    [Fact]
    public async Task Evaluation_answers_as_a_decision_does_and_records_nothing()
    {
        var request = File.ReadAllText(RepoRoot.Combine("examples/la/detainer-robbery.json"));
        var decided = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(request));
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        var decision = JsonNode.Parse(await decided.Content.ReadAsStringAsync())!.AsObject();
        decision.Remove("receipt");

        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var cases = server.Services.GetRequiredService<CaseStore>();
        var (entries, caseCount) = (ledger.Size, cases.List(new CaseQuery()).Total);
        var response = await server.Api(Role.Supervisor).PostAsync("/api/v1/evaluations", ServerFixture.Json(request));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var evaluation = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(JsonNode.DeepEquals(decision, evaluation), $"evaluation {evaluation.ToJsonString()} differs from decision {decision.ToJsonString()}");
        Assert.Equal(entries, ledger.Size);
        Assert.Equal(caseCount, cases.List(new CaseQuery()).Total);
    }

    [Fact]
    public async Task An_evaluation_that_breaks_the_contract_is_the_same_400_problem_as_a_decision()
    {
        const string broken = """{"receivedAt":"2025-06-02","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a","signedBy":"x"}}""";
        var evaluated = await server.Api(Role.Intake).PostAsync("/api/v1/evaluations", ServerFixture.Json(broken));
        var decided = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(broken));
        Assert.Equal(HttpStatusCode.BadRequest, evaluated.StatusCode);
        Assert.Equal("application/problem+json", evaluated.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await evaluated.Content.ReadAsStringAsync())!;
        Assert.Equal("$.document.signedBy", (string?)problem["errors"]![0]!["path"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await decided.Content.ReadAsStringAsync())!["errors"], problem["errors"]));
    }

    [Fact]
    public async Task Counsel_override_is_a_new_entry_correcting_the_decision_and_the_case_shows_both()
    {
        var id = await server.Decide();
        var response = await server.Api(Role.Counsel).PostAsync($"/api/v1/cases/{id}/reviews", ServerFixture.Json(
            """{"verdict":"override","outcome":"permit","justification":"A federal judicial warrant was later produced for this person."}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        using var view = JsonDocument.Parse(await server.Api(Role.Auditor).GetStringAsync($"/api/v1/cases/{id}"));
        var c = view.RootElement.GetProperty("case");
        Assert.Equal("deny", c.GetProperty("decidedOutcome").GetString());
        Assert.Equal("permit", c.GetProperty("outcome").GetString());
        Assert.Equal("reviewed", c.GetProperty("status").GetString());
        var history = view.RootElement.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(["decision", "review"], history.Select(h => h.GetProperty("kind").GetString()));
        var decisionIndex = history[0].GetProperty("ledgerIndex").GetInt64();
        var review = server.Services.GetRequiredService<TransparencyLog>().Read(history[1].GetProperty("ledgerIndex").GetInt64());
        Assert.Equal(decisionIndex, review.Corrects);
        Assert.Equal(decisionIndex, review.Body.GetProperty("decision").GetInt64());
        Assert.Equal("as-counsel", review.Body.GetProperty("recordedBy").GetString());

        using var verification = JsonDocument.Parse(await server.Api(Role.Auditor).GetStringAsync($"/api/v1/cases/{id}/verification"));
        Assert.True(verification.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal(2, verification.RootElement.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task Review_without_a_justification_is_refused_and_records_nothing()
    {
        var id = await server.Decide();
        var size = server.Services.GetRequiredService<TransparencyLog>().Size;
        var response = await server.Api(Role.Counsel).PostAsync($"/api/v1/cases/{id}/reviews", ServerFixture.Json("""{"verdict":"override","outcome":"permit","justification":"ok"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.justification", await response.Content.ReadAsStringAsync());
        Assert.Equal(size, server.Services.GetRequiredService<TransparencyLog>().Size);
    }

    [Fact]
    public async Task An_obligation_is_served_once_with_time_and_person_and_a_second_time_is_a_conflict()
    {
        var id = await server.Decide();
        var path = $"/api/v1/cases/{id}/obligations/ca.7283-1.b/served";
        const string body = """{"servedAt":"2025-06-02T09:30-07:00","servedBy":"Officer Diaz"}""";
        Assert.Equal(HttpStatusCode.Created, (await server.Api(Role.Intake).PostAsync(path, ServerFixture.Json(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await server.Api(Role.Supervisor).PostAsync(path, ServerFixture.Json(body))).StatusCode);
        using var view = JsonDocument.Parse(await server.Api(Role.Intake).GetStringAsync($"/api/v1/cases/{id}"));
        var served = view.RootElement.GetProperty("obligations").EnumerateArray().Single(o => o.GetProperty("rule").GetString() == "ca.7283-1.b");
        Assert.Equal("2025-06-02T09:30-07:00", served.GetProperty("servedAt").GetString());
        Assert.Equal("Officer Diaz", served.GetProperty("servedBy").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await server.Api(Role.Intake).PostAsync($"/api/v1/cases/{id}/obligations/no.such.rule/served", ServerFixture.Json(body))).StatusCode);
    }

    [Fact]
    public async Task Unknown_properties_in_small_bodies_are_named()
    {
        var id = await server.Decide();
        var response = await server.Api(Role.Intake).PostAsync($"/api/v1/cases/{id}/referrals", ServerFixture.Json("""{"nots":"typo"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nots", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Case_list_filters_and_pages()
    {
        var id = await server.Decide();
        await server.Decide("examples/la/status-and-address.json");
        using var deny = JsonDocument.Parse(await server.Api(Role.Auditor).GetStringAsync("/api/v1/cases?outcome=deny&act=hold&pageSize=1"));
        Assert.Equal(1, deny.RootElement.GetProperty("items").GetArrayLength());
        Assert.True(deny.RootElement.GetProperty("total").GetInt64() >= 1);
        Assert.All(deny.RootElement.GetProperty("items").EnumerateArray(), i => Assert.Equal("hold", i.GetProperty("act").GetString()));
        using var search = JsonDocument.Parse(await server.Api(Role.Auditor).GetStringAsync("/api/v1/cases?q=LIB-2025-000007&purpose=case-work"));
        Assert.All(search.RootElement.GetProperty("items").EnumerateArray(), i => Assert.Equal("LIB-2025-000007", i.GetProperty("reference").GetString()));
        Assert.NotEqual(0, search.RootElement.GetProperty("total").GetInt64());
        var bad = await server.Api(Role.Auditor).GetAsync("/api/v1/cases?outcome=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(id > 0);
    }

    [Fact]
    public async Task OpenApi_document_describes_every_api_route()
    {
        using var document = JsonDocument.Parse(await server.Api(null).GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var expected in new[] { "/api/v1/decisions", "/api/v1/evaluations", "/api/v1/cases", "/api/v1/cases/{id}", "/api/v1/reviews", "/api/v1/cases/{id}/reviews",
                     "/api/v1/cases/{id}/referrals", "/api/v1/cases/{id}/obligations/{rule}/served", "/api/v1/ledger/checkpoint",
                     "/api/v1/ledger/entries/{index}/inclusion", "/api/v1/ledger/consistency", "/api/v1/cases/{id}/verification", "/api/v1/users" })
            Assert.Contains(expected, paths);
        Assert.DoesNotContain(paths, p => !p.StartsWith("/api/v1/", StringComparison.Ordinal));
    }
}
