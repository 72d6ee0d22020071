using Microsoft.AspNetCore.OpenApi;

namespace Comity.Server.Hosting;

/// <summary>
/// The OpenAPI document of the API (served at /openapi/v1.json): only /api/v1, written for client
/// generators. The conventions of <see cref="ContractShapes"/> apply to every endpoint, whoever
/// maps it: the contract's own schemas, the bearer scheme on whatever needs sign-in, problem+json
/// on every error, integers as integers and vocabularies as enums. CI lints the document with
/// Redocly's recommended rules (tools/openapi-lint) and generates a working C# client from it.
/// </summary>
internal static class OpenApiDocument
{
    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
        options.CreateSchemaReferenceId = type => ContractShapes.ComponentOf(type.Type) ?? OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        options.AddSchemaTransformer(OpenApiSchemaConventions.TransformAsync);
        options.AddOperationTransformer(OpenApiOperationConventions.TransformAsync);
        options.AddDocumentTransformer(OpenApiDocumentConventions.TransformAsync);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new Microsoft.OpenApi.OpenApiInfo
            {
                Title = "Comity API",
                Version = "v1",
                Description = "Decides immigration-enforcement requests under stacks of federal, state and local law, records each decision " +
                    "in a verifiable ledger, and keeps cases, reviews and obligations. Send an API token as 'Authorization: Bearer <token>'. " +
                    "Errors are application/problem+json (RFC 9457). POST /api/v1/decisions takes the decision contract's request (component DecisionRequest, " +
                    "the JSON Schema `comity schema` prints and /api/v1/schema/decision-request serves) and answers with the contract's answer and its ledger receipt " +
                    "(RecordedDecisionAnswer). POST /api/v1/disclosures (multipart/form-data, the export last and streamed) cuts a record export to what a " +
                    "disclosure decision releases, with a manifest recorded in the ledger.",
            };
            return Task.CompletedTask;
        });
    }
}
