using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Recording;
using Comity.Server.Auth;
using Comity.Server.Hosting;

namespace Comity.Server.Api;

/// <summary>Corrections, voids and actions of a case: each a new ledger entry; nothing recorded is edited.</summary>
public static class CaseChangesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id:long}/corrections", Correct)
            .WithName("CorrectCase")
            .WithSummary("Correct a case's request: decided again and recorded as a correction entry that points at the entry it replaces; answers the new decision with its receipt")
            .WithDescription("Body: {\"request\": the whole corrected request (decision contract), \"reason\": data-entry-error, late-recorded or reclassified-act, \"note\": a public note, no personal data}. " +
                "Without subject.identity the identity on record stays. Errors in the request name paths under $.request.")
            .Accepts<CorrectionBody>("application/json")
            .Produces<ContractShapes.RecordedDecisionAnswer>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Allow(Permission.Correct);
        api.MapPost("/cases/{id:long}/void", Void)
            .WithName("VoidCase")
            .WithSummary("Void a case entered by mistake or twice (a void entry); it stays, counted as void, and nothing more is recorded on it")
            .WithDescription("Body: {\"reason\": duplicate, opened-by-mistake or data-entry-error, \"note\": a public note, no personal data}.")
            .Accepts<VoidBody>("application/json")
            .Produces<CaseEventView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Allow(Permission.Void);
        api.MapPost("/cases/{id:long}/actions", Act)
            .WithName("RecordAction")
            .WithSummary("Record what the unit did (an action entry): notified, information-given, transferred (receivingAgency), interview-held (attorneyPresent), declined, released")
            .WithDescription("Body: {\"action\", \"at\": ISO 8601 with offset, \"receivingAgency\" (transferred only), \"attorneyPresent\" (interview-held only)}. " +
                "An action the decision in force did not allow is recorded and flagged (againstDecision on the case).")
            .Accepts<ActionBody>("application/json")
            .Produces<CaseEventView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Allow(Permission.RecordAction);
    }

    private static async Task<IResult> Correct(HttpContext context, CaseWorkflow workflow, long id)
    {
        var (body, problem) = await ApiBody.Read<CorrectionBody>(context.Request);
        if (problem is not null)
            return problem;
        if (body!.Request.ValueKind != JsonValueKind.Object)
            return Problems.BadRequest("request: expected the whole corrected request, a JSON object", "$.request");
        if (!CaseVocabularies.Reasons.TryParse(body.Reason, out var reason))
            return Problems.BadRequest($"reason: expected {CaseVocabularies.Reasons.Expected}", "$.reason");
        // The request's bytes as sent (not re-encoded: the contract reader checks their UTF-8 itself).
        var request = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(body.Request).ToArray();
        var recorded = await workflow.CorrectAsync(id, request, reason, body.Note, context.User.Name());
        if (recorded.Error is { } error)
        {
            // The request's own errors are named under $.request, where the body holds it.
            if (error.ContractErrors is { } errors)
                return Problems.Contract([.. errors.Select(e => e with { Path = "$.request" + e.Path[1..] })]);
            return error.Path == "request" ? Problems.BadRequest(error.Message, "$.request") : error.ToProblem();
        }
        return new CreatedBytes($"{ApiRoutes.Prefix}/cases/{id}", recorded.Value!.Sent());
    }

    private static async Task<IResult> Void(HttpContext context, CaseWorkflow workflow, long id)
    {
        var (body, problem) = await ApiBody.Read<VoidBody>(context.Request);
        if (problem is not null)
            return problem;
        if (!CaseVocabularies.Reasons.TryParse(body!.Reason, out var reason))
            return Problems.BadRequest($"reason: expected {CaseVocabularies.Reasons.Expected}", "$.reason");
        return Created(id, await workflow.VoidAsync(id, reason, body.Note, context.User.Name()));
    }

    private static async Task<IResult> Act(HttpContext context, CaseWorkflow workflow, long id)
    {
        var (body, problem) = await ApiBody.Read<ActionBody>(context.Request);
        if (problem is not null)
            return problem;
        if (!CaseVocabularies.Actions.TryParse(body!.Action, out var action))
            return Problems.BadRequest($"action: expected {CaseVocabularies.Actions.Expected}", "$.action");
        return Created(id, await workflow.RecordActionAsync(id, action, body.At, body.ReceivingAgency, body.AttorneyPresent, context.User.Name()));
    }

    private static IResult Created(long caseId, Recorded<CaseEvent> recorded) =>
        recorded.Error is { } error ? error.ToProblem() : TypedResults.Created($"{ApiRoutes.Prefix}/cases/{caseId}", CaseEventView.From(recorded.Value!));

    /// <summary>201 with a Location and a JSON body already written (the new answer as sent).</summary>
    private sealed class CreatedBytes(string location, byte[] json) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers.Location = location;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = json.Length;
            return context.Response.Body.WriteAsync(json).AsTask();
        }
    }
}
