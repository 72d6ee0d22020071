using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Contract;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Server;

/// <summary>The OpenAPI document as a client generator reads it: lint-clean, typed with the contract's own schemas.</summary>
public sealed class OpenApiDocumentTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<JsonObject> Document() => JsonNode.Parse(await server.Api(null).GetStringAsync("/openapi/v1.json"))!.AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        select (path.Key, method.Key, method.Value!.AsObject());

    [RedoclyFact]
    public async Task The_document_passes_Redocly_recommended_rules()
    {
        var file = Path.Combine(server.DataFolder, "openapi.json");
        await File.WriteAllTextAsync(file, (await Document()).ToJsonString());
        var (exitCode, output) = await Redocly.LintAsync(file);
        Assert.True(exitCode == 0, output);
        Assert.Contains("Your API description is valid", output, StringComparison.Ordinal);
    }

    [RedoclyFact]
    public async Task The_lint_fails_on_the_document_as_it_was_before_issue_24()
    {
        // As served before: no security on any operation, a trailing slash on the server URL.
        var (exitCode, output) = await Redocly.LintAsync(RepoRoot.Combine("tests/Comity.Tests/Server/OpenApi/openapi-before-issue-24.json"));
        Assert.NotEqual(0, exitCode);
        Assert.Matches(@"error\s+no-server-trailing-slash", output);
        Assert.Matches(@"error\s+security-defined", output);
        Assert.Contains("22 errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_operation_that_needs_sign_in_names_the_bearer_scheme_and_answers_401_as_problem_json()
    {
        var document = await Document();
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());
        Assert.DoesNotContain(document["servers"]!.AsArray(), s => s!["url"]!.GetValue<string>().EndsWith('/'));
        foreach (var (path, method, operation) in Operations(document))
        {
            var security = operation["security"]!.AsArray();
            if (path == "/api/v1/schema/decision-request")
            {
                Assert.Equal("[{}]", security.ToJsonString());
                continue;
            }
            Assert.True(security.Count == 1 && security[0]!["bearer"] is not null, $"{method} {path}: {security.ToJsonString()}");
            Assert.True(operation["responses"]!["401"] is not null, $"{method} {path} has no 401");
        }
    }

    [Fact]
    public async Task Every_error_response_is_an_RFC_9457_problem()
    {
        var document = await Document();
        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                if (status[0] is not ('4' or '5'))
                    continue;
                var content = response!["content"]!.AsObject();
                Assert.True(content.Count == 1 && content["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>() == "#/components/schemas/ProblemDetails",
                    $"{method} {path} {status}: {content.ToJsonString()}");
            }
        }
        var problem = document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!;
        Assert.Equal("integer", problem["status"]!["type"]!.GetValue<string>());
        Assert.Equal("uri-reference", problem["type"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public async Task Decisions_take_and_answer_the_contracts_own_schemas()
    {
        var document = await Document();
        var paths = document["paths"]!;
        Assert.Equal("#/components/schemas/DecisionRequest", paths["/api/v1/decisions"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/RecordedDecisionAnswer", paths["/api/v1/decisions"]!["post"]!["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/DecisionRequest", paths["/api/v1/evaluations"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/DecisionAnswer", paths["/api/v1/evaluations"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());

        var schemas = document["components"]!["schemas"]!;
        // The same properties and vocabularies as `comity schema`, not a C# type's shape.
        var published = ContractSchema.Request();
        Assert.Equal(published["properties"]!.AsObject().Select(p => p.Key), schemas["DecisionRequest"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(Vocabularies.Acts.Names, schemas["DecisionRequest"]!["properties"]!["act"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(Vocabularies.Outcomes.Names, schemas["DecisionAnswer"]!["properties"]!["outcome"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("#/components/schemas/Receipt", schemas["RecordedDecisionAnswer"]!["allOf"]![1]!["properties"]!["receipt"]!["$ref"]!.GetValue<string>());
        // A case carries the request and the recorded answer in the same shapes, and each event its receipt.
        Assert.Equal("#/components/schemas/RecordedDecisionAnswer", schemas["CaseView"]!["properties"]!["answer"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/DecisionRequest", schemas["CaseView"]!["properties"]!["request"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Receipt", schemas["CaseEventView"]!["properties"]!["receipt"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ids_are_integers_and_vocabularies_are_enums()
    {
        var document = await Document();
        // Nowhere "integer | string" (or "number | string"): generators make that an untyped union.
        var mixed = new List<string>();
        Walk(document, "#", (at, node) =>
        {
            if (node["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "string") && types.Any(t => t!.GetValue<string>() is "integer" or "number"))
                mixed.Add(at);
        });
        Assert.Empty(mixed);
        var schemas = document["components"]!["schemas"]!;
        Assert.Equal("integer", schemas["CaseSummaryView"]!["properties"]!["id"]!["type"]!.GetValue<string>());
        Assert.Equal(CaseVocabularies.Statuses.Names, schemas["CaseSummaryView"]!["properties"]!["status"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(CaseVocabularies.Verdicts.Names, schemas["ReviewBody"]!["properties"]!["verdict"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(Roles.Names.Names, schemas["NewUserBody"]!["properties"]!["roles"]!["items"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(Comity.Webhooks.WebhookEvents.Names.Names, schemas["WebhookEndpointBody"]!["properties"]!["events"]!["items"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(Comity.Webhooks.WebhookEvents.Statuses.Names, schemas["WebhookDeliveryView"]!["properties"]!["status"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        var status = document["paths"]!["/api/v1/cases"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "status")!;
        Assert.Equal(CaseVocabularies.Statuses.Names, status["schema"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private static void Walk(JsonNode? node, string at, Action<string, JsonObject> visit)
    {
        switch (node)
        {
            case JsonObject o:
                visit(at, o);
                foreach (var (key, value) in o)
                    Walk(value, at + "/" + key, visit);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    Walk(a[i], at + "/" + i, visit);
                break;
        }
    }
}
