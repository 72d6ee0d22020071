using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Comity.Server.Hosting;

/// <summary>Operation-level conventions of the OpenAPI document: sign-in, problem+json errors, vocabularies of query parameters.</summary>
internal static class OpenApiOperationConventions
{
    public const string BearerScheme = "bearer";
    public const string ProblemComponent = "ProblemDetails";
    public const string ProblemMediaType = "application/problem+json";

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancel)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        operation.Responses ??= [];
        // The server's fallback policy asks every endpoint for a signed-in user unless it allows anonymous access.
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            // An empty requirement: no credentials needed (the operation still says so, for the linter and the reader).
            operation.Security = [new OpenApiSecurityRequirement()];
        }
        else
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid bearer token" });
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token's user does not hold a role this needs" });
        }
        foreach (var (status, response) in operation.Responses)
            if (IsError(status) && response is OpenApiResponse r)
                r.Content = new Dictionary<string, OpenApiMediaType> { [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemComponent, document) } };
        QueryVocabularies(operation, context);
        return Task.CompletedTask;
    }

    private static bool IsError(string status) =>
        status.Length == 3 && (status[0] == '4' || status[0] == '5') || status == "default";

    /// <summary>Query and route parameters marked <see cref="OneOfAttribute"/> list the vocabulary's names.</summary>
    private static void QueryVocabularies(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (operation.Parameters is null)
            return;
        foreach (var description in context.Description.ParameterDescriptions)
        {
            if ((description.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo is not { } info
                || info.GetCustomAttributes(typeof(OneOfAttribute), inherit: false).FirstOrDefault() is not OneOfAttribute oneOf)
                continue;
            foreach (var parameter in operation.Parameters)
                if (parameter is OpenApiParameter p && p.Name == description.Name && p.Schema is OpenApiSchema schema)
                    OpenApiSchemaConventions.ListNames(schema, oneOf.Vocabulary);
        }
    }
}
