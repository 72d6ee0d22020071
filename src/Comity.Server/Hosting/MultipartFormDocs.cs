using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Comity.Server.Hosting;

/// <summary>
/// Describes an endpoint's multipart form in the OpenAPI document from a stand-in type
/// (<typeparamref name="TForm"/>, its properties the parts). For the document only: <c>Accepts</c>
/// would also make routing refuse other content types before authorization, where the upload
/// endpoints answer each mistake themselves.
/// </summary>
public static class MultipartFormDocs
{
    public static async Task Describe<TForm>(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancel)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(TForm), null, cancel);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = schema } },
        };
    }
}
