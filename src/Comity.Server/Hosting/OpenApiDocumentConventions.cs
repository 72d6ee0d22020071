using System.Text.Json.Nodes;
using Comity.Contract;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Comity.Server.Hosting;

/// <summary>
/// Document-level conventions of the OpenAPI document: the server URL without a trailing slash,
/// the bearer scheme, the RFC 9457 problem schema, and the decision contract's own schemas as the
/// components its stand-ins (<see cref="ContractShapes"/>) name.
/// </summary>
internal static class OpenApiDocumentConventions
{
    public static Task TransformAsync(Microsoft.OpenApi.OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancel)
    {
        // "http://host/" + "/api/v1/cases" would be a double slash in every generated client.
        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/');

        document.Components ??= new OpenApiComponents();
        var components = document.Components;
        components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        components.SecuritySchemes[OpenApiOperationConventions.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token issued to a user (POST /api/v1/users/{name}/tokens, or the web app's user page), sent as 'Authorization: Bearer <token>'.",
        };
        components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = components.Schemas;
        schemas[OpenApiOperationConventions.ProblemComponent] = Parse(Problem(), document);
        // Every contract component, referenced or not: an integrator's generator gets the types either way.
        schemas[nameof(ContractShapes.DecisionRequest)] = Parse(ContractSchema.Request(), document);
        schemas[nameof(ContractShapes.DecisionAnswer)] = Parse(ContractSchema.Answer(), document);
        schemas[nameof(ContractShapes.Receipt)] = Parse(ContractSchema.Receipt(), document);
        schemas[nameof(ContractShapes.RecordedDecisionAnswer)] = new OpenApiSchema
        {
            Description = "An answer recorded in the ledger: the contract's answer with the receipt of its ledger entry.",
            AllOf =
            [
                new OpenApiSchemaReference(nameof(ContractShapes.DecisionAnswer), document),
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "receipt" },
                    Properties = new Dictionary<string, IOpenApiSchema> { ["receipt"] = new OpenApiSchemaReference(nameof(ContractShapes.Receipt), document) },
                },
            ],
        };

        foreach (var schema in schemas.Values)
            ReferenceShapes(schema, document);
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            tag.Description ??= "Operations of the Comity API, version 1";
        return Task.CompletedTask;
    }

    /// <summary>Placeholders of <see cref="OpenApiSchemaConventions"/> become references to the contract's component.</summary>
    private static void ReferenceShapes(IOpenApiSchema schema, Microsoft.OpenApi.OpenApiDocument document)
    {
        if (schema is not OpenApiSchema s)
            return;
        if (s.Properties is not null)
        {
            foreach (var (name, property) in s.Properties.ToArray())
            {
                if (property is OpenApiSchema p && p.Extensions?.TryGetValue(OpenApiSchemaConventions.ShapeExtension, out var shape) == true && shape is JsonNodeExtension { Node: { } component })
                    s.Properties[name] = new OpenApiSchemaReference(component.GetValue<string>(), document);
                else
                    ReferenceShapes(property, document);
            }
        }
        if (s.Items is not null)
            ReferenceShapes(s.Items, document);
    }

    /// <summary>A JSON Schema (draft 2020-12) as an OpenAPI 3.1 schema object; the dialect and id are the document's.</summary>
    private static OpenApiSchema Parse(JsonObject jsonSchema, Microsoft.OpenApi.OpenApiDocument document)
    {
        jsonSchema.Remove("$schema");
        jsonSchema.Remove("$id");
        var schema = OpenApiModelFactory.Parse<OpenApiSchema>(jsonSchema.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, "json");
        if (schema is null || diagnostic?.Errors.Count > 0)
            throw new InvalidOperationException("a published schema does not read as OpenAPI 3.1: " + string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? []));
        return schema;
    }

    /// <summary>RFC 9457 problem details, with Comity's <c>errors</c> extension (each place a request went wrong).</summary>
    private static JsonObject Problem() => new()
    {
        ["type"] = "object",
        ["description"] = "A problem (RFC 9457), answered as application/problem+json for every error. Members beyond these may appear (traceId).",
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string", ["format"] = "uri-reference", ["default"] = "about:blank", ["description"] = "identifies the problem type" },
            ["title"] = new JsonObject { ["type"] = "string", ["description"] = "a short summary of the problem type" },
            ["status"] = new JsonObject { ["type"] = "integer", ["format"] = "int32", ["minimum"] = 100, ["maximum"] = 599, ["description"] = "the HTTP status code" },
            ["detail"] = new JsonObject { ["type"] = "string", ["description"] = "what went wrong with this request, in words" },
            ["instance"] = new JsonObject { ["type"] = "string", ["format"] = "uri-reference", ["description"] = "the request this problem is about" },
            ["errors"] = new JsonObject
            {
                ["type"] = "array",
                ["description"] = "each place the request went wrong (Comity's extension): a JSON path into the body, or a parameter's name",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("path", "message"),
                    ["properties"] = new JsonObject
                    {
                        ["path"] = new JsonObject { ["type"] = "string", ["examples"] = new JsonArray("$.document.signedBy") },
                        ["message"] = new JsonObject { ["type"] = "string" },
                    },
                },
            },
        },
    };
}
