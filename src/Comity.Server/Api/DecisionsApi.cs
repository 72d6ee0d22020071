using Comity.Contract;
using Comity.Server.Auth;
using Comity.Server.Recording;

namespace Comity.Server.Api;

/// <summary>POST /api/v1/decisions: the contract's request in, its answer out with the ledger's receipt.</summary>
public static class DecisionsApi
{
    /// <summary>Requests are small (a few kilobytes); anything near this is not a request.</summary>
    public const int MaxRequestBytes = 1 << 20;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/decisions", Decide)
            .WithName("Decide")
            .WithSummary("Decide a request and record the decision")
            .Accepts<DecisionRequestDocument>("application/json")
            .Produces(StatusCodes.Status201Created, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Allow(Permission.Decide);

    private static async Task Decide(HttpContext context, Recorder recorder)
    {
        var body = await ReadBody(context.Request);
        if (body is null)
        {
            await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"a decision request is at most {MaxRequestBytes} bytes");
            return;
        }
        var recorded = await recorder.DecideAsync(body.Value, context.User.Name());
        if (recorded.Error is { } error)
        {
            await error.ToProblem().ExecuteAsync(context);
            return;
        }
        var decision = recorded.Value!;
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = $"{ApiRoutes.Prefix}/cases/{decision.CaseId}";
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = decision.AnswerJson.Length;
        await context.Response.Body.WriteAsync(decision.AnswerJson);
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBody(HttpRequest request)
    {
        if (request.ContentLength > MaxRequestBytes)
            return null;
        var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 4096);
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.Length > MaxRequestBytes ? null : buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>Stands for the contract's request in the OpenAPI document, whose schema is <see cref="ContractSchema.Request"/>.</summary>
    public sealed class DecisionRequestDocument;
}
