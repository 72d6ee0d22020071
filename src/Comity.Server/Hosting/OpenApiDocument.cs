using Microsoft.AspNetCore.OpenApi;

namespace Comity.Server.Hosting;

/// <summary>The OpenAPI document of the API (served at /openapi/v1.json): only /api/v1, with the bearer scheme.</summary>
internal static class OpenApiDocument
{
    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new Microsoft.OpenApi.OpenApiInfo
            {
                Title = "Comity API",
                Version = "v1",
                Description = "Decides immigration-enforcement requests under stacks of federal, state and local law, records each decision " +
                    "in a verifiable ledger, and keeps cases, reviews and obligations. Send an API token as 'Authorization: Bearer <token>'. " +
                    "Errors are application/problem+json. POST /api/v1/decisions takes the decision contract's request, whose JSON Schema is " +
                    "served at /api/v1/schema/decision-request, and answers with the contract's answer and its ledger receipt. " +
                    "POST /api/v1/disclosures (multipart/form-data, the export last and streamed) cuts a record export to what a disclosure decision releases, with a manifest recorded in the ledger.",
            };
            return Task.CompletedTask;
        });
    }
}
