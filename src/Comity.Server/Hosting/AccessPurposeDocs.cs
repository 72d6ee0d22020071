using System.Text.Json.Nodes;
using Comity.Recording;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Comity.Server.Hosting;

/// <summary>
/// Describes in the OpenAPI document the <c>purpose</c> and <c>note</c> query parameters that
/// <see cref="AccessLogging"/> reads on every read it records (reports.md P8): the endpoints do not
/// bind them, since the one path that records reads checks them for every door.
/// </summary>
public static class AccessPurposeDocs
{
    /// <summary>For a read where a purpose may be given.</summary>
    public static Task Optional(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancel) =>
        Add(operation, "Why you read this, kept in the read's access ledger entry (reports.md P8)");

    /// <summary>For the case list: a search by words (<c>q</c>) needs a purpose.</summary>
    public static Task ForSearch(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancel) =>
        Add(operation, "Why you read this, kept in the read's access ledger entry (reports.md P8); required with q (a search by words finds people): without it the answer is 400 naming the parameter");

    /// <summary>For an export (records taken out, such as a disclosure's cut export): the purpose is required.</summary>
    public static Task ForExport(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancel) =>
        Add(operation, "Why you take these records out, kept in the export's access ledger entry (reports.md P8); required: without it the answer is 400 naming the parameter", required: true);

    private static Task Add(OpenApiOperation operation, string why, bool required = false)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = AccessPurposes.PurposeParameter,
            In = ParameterLocation.Query,
            Description = why,
            Required = required,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. AccessPurposes.Names.Names.Select(n => (JsonNode)JsonValue.Create(n))] },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = AccessPurposes.NoteParameter,
            In = ParameterLocation.Query,
            Description = $"What the purpose is, required for other (at most {AccessPurposes.MaxNoteLength} characters, no names or numbers of people: it is kept in the ledger)",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = AccessPurposes.MaxNoteLength },
        });
        return Task.CompletedTask;
    }
}
