using Comity.Contract;
using Comity.Server.Auth;
using Comity.Server.Hosting;
using Comity.Recording;

namespace Comity.Server.Api;

/// <summary>
/// POST /api/v1/decisions: the contract's request in, its answer out with the ledger's receipt.
/// POST /api/v1/evaluations: the same answer, recorded nowhere (what-if questions, training).
/// </summary>
public static class DecisionsApi
{
    /// <summary>Requests are small (a few kilobytes); anything near this is not a request.</summary>
    public const int MaxRequestBytes = 1 << 20;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/decisions", Decide)
            .WithName("Decide")
            .WithSummary("Decide a request and record the decision")
            .Accepts<ContractShapes.DecisionRequest>("application/json")
            .Produces<ContractShapes.RecordedDecisionAnswer>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Allow(Permission.Decide);
        api.MapPost("/evaluations", Evaluate)
            .WithName("Evaluate")
            .WithSummary("Decide a request without recording anything: no case, no ledger entry, no receipt (what-if questions, training)")
            .Accepts<ContractShapes.DecisionRequest>("application/json")
            .Produces<ContractShapes.DecisionAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Allow(Permission.Decide);
    }

    private static async Task Decide(HttpContext context, Recorder recorder)
    {
        if (await ReadBody(context) is not { } body)
            return;
        var recorded = await recorder.DecideAsync(body, context.User.Name());
        if (recorded.Error is { } error)
        {
            await error.ToProblem().ExecuteAsync(context);
            return;
        }
        var decision = recorded.Value!;
        var response = context.Response;
        response.Headers.Location = $"{ApiRoutes.Prefix}/cases/{decision.CaseId}";
        response.StatusCode = StatusCodes.Status201Created;
        response.ContentType = "application/json";
        response.ContentLength = decision.SentLength;
        // Straight into the response's buffers: the answer and the receipt are not joined first.
        decision.WriteSent(response.BodyWriter);
        await response.BodyWriter.FlushAsync();
    }

    private static async Task Evaluate(HttpContext context, Recorder recorder)
    {
        if (await ReadBody(context) is not { } body)
            return;
        var evaluated = recorder.Evaluate(body);
        if (evaluated.Error is { } error)
            await error.ToProblem().ExecuteAsync(context);
        else
            await Answer(context, StatusCodes.Status200OK, evaluated.Value);
    }

    private static Task Answer(HttpContext context, int status, ReadOnlyMemory<byte> json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json).AsTask();
    }

    /// <summary>The request's body, or null once a 413 has been answered.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBody(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is not > MaxRequestBytes)
        {
            var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 4096);
            try
            {
                await request.Body.CopyToAsync(buffer, context.RequestAborted);
                if (buffer.Length <= MaxRequestBytes)
                    return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // A body without a length (chunked) is cut off by Kestrel's limit, the same size, as it streams in.
            }
        }
        await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"a decision request is at most {MaxRequestBytes} bytes");
        return null;
    }
}
