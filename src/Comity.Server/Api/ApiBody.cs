using System.Text.Json;
using System.Text.Json.Serialization;

namespace Comity.Server.Api;

/// <summary>
/// Reads the small JSON bodies of the API (reviews, referrals, users...) strictly, as the contract
/// reads requests: unknown properties and wrong types are a 400 that names the property.
/// </summary>
public static class ApiBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The body, or the problem to answer with.</summary>
    public static async Task<(T? Body, IResult? Problem)> Read<T>(HttpRequest request) where T : class
    {
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.BadRequest("send the body as JSON, with Content-Type: application/json"));
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return body is null ? (null, Problems.BadRequest("expected a JSON object, found null", "$")) : (body, null);
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return (null, Problems.BadRequest(cut > 0 ? message[..cut] : message, e.Path ?? "$"));
        }
    }
}
