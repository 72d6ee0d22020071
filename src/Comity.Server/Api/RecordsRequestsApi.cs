using System.Text.Json;
using Comity.Cases;
using Comity.Recording;
using Comity.Server.Auth;
using Comity.Server.Hosting;

namespace Comity.Server.Api;

/// <summary>
/// Requests for public records about ICE access (Gov. Code 7283.1(c)) and the time to answer them
/// (the stack's law; California: Gov. Code 7922.535): received, extended, determined, each a ledger
/// entry. The door parses and answers; <see cref="RecordsRequestDesk"/> owns the rules.
/// </summary>
public static class RecordsRequestsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/records-requests", Receive)
            .WithName("ReceiveRecordsRequest")
            .WithSummary("Record a request for public records about ICE access (a records-request ledger entry); answers it with its due time and the law that sets it")
            .WithDescription("Body: {\"jurisdiction\" (optional: the server's default stack), \"unit\", \"receivedAt\": ISO 8601 with offset or a date, \"asked\": what records, \"requester\": as given}. " +
                "Under a stack whose law sets a time (Los Angeles: Cal. Gov. Code § 7922.535(a)) the determination is due at the end of the 10th calendar day after the day of receipt in the unit's time zone; " +
                "a stack that sets none (Austin) gives no due time. What was asked and who asked are kept in the case database only: the ledger entry holds their salted commitment.")
            .Accepts<RecordsRequestBody>("application/json")
            .Produces<RecordsRequestView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Allow(Permission.RecordRecordsRequest);
        api.MapGet("/records-requests", List)
            .WithName("ListRecordsRequests")
            .WithSummary("Records requests: open ones first (overdue first, then by due time), then the determined ones, newest first")
            .WithDescription("Filters: unit, open=true (only those not yet determined). The list names neither the requester nor what was asked.")
            .Produces<RecordsRequestListView>()
            .Allow(Permission.ReadCases);
        api.MapGet("/records-requests/{id:long}", Get)
            .WithName("GetRecordsRequest")
            .WithSummary("One records request: its due time, what was asked and by whom (as given), and its ledger entries")
            .Produces<RecordsRequestView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadCases);
        api.MapPost("/records-requests/{id:long}/extensions", Extend)
            .WithName("ExtendRecordsRequest")
            .WithSummary("Extend the time to answer in unusual circumstances (a records-extension entry), by written notice of the head of the agency or a designee")
            .WithDescription("Body: {\"reason\": field-facilities, voluminous-records, consultation-with-another-agency or compiling-data (Cal. Gov. Code § 7922.535(c)), " +
                "\"expectedBy\": the date (yyyy-MM-dd) the determination is expected, \"note\": the reasons, public, no personal data}. " +
                "The date is later than the one in force and at most 14 days past the first limit (§ 7922.535(b)); a later one is refused.")
            .Accepts<RecordsExtensionBody>("application/json")
            .Produces<CaseEventView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Allow(Permission.ExtendRecordsRequest);
        api.MapPost("/records-requests/{id:long}/determination", Determine)
            .WithName("DetermineRecordsRequest")
            .WithSummary("Record the determination (a records-determination entry), which closes the request")
            .WithDescription("Body: {\"determination\": disclosable, partly-disclosable, none-held or exempt, \"reasons\": public, " +
                "\"estimatedAvailableAt\": ISO 8601, required when the records are disclosable in whole or part and refused otherwise}.")
            .Accepts<RecordsDeterminationBody>("application/json")
            .Produces<CaseEventView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Allow(Permission.RecordRecordsRequest);
    }

    private static async Task<IResult> Receive(HttpContext context, RecordsRequestDesk desk)
    {
        var (body, problem) = await ApiBody.Read<RecordsRequestBody>(context.Request);
        if (problem is not null)
            return problem;
        var recorded = await desk.ReceiveAsync(body!.Jurisdiction, body.Unit, body.ReceivedAt, body.Asked, body.Requester, context.User.Name());
        if (recorded.Error is { } error)
            return error.ToProblem();
        return TypedResults.Created($"{ApiRoutes.Prefix}/records-requests/{recorded.Value!.Summary.Id}", RecordsRequestView.From(recorded.Value, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));
    }

    private static IResult List(RecordsRequestStore requests, TimeProvider time, string? unit, bool? open)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok(new RecordsRequestListView([.. requests.List(unit, open == true, now).Select(r => RecordsRequestSummaryView.From(r, now))], now));
    }

    private static IResult Get(RecordsRequestStore requests, TimeProvider time, long id) =>
        requests.Find(id) is { } r ? TypedResults.Ok(RecordsRequestView.From(r, time.GetUtcNow())) : Problems.NotFound($"there is no records request {id}");

    private static async Task<IResult> Extend(HttpContext context, RecordsRequestDesk desk, long id)
    {
        var (body, problem) = await ApiBody.Read<RecordsExtensionBody>(context.Request);
        if (problem is not null)
            return problem;
        return Created(id, await desk.ExtendAsync(id, body!.Reason, body.ExpectedBy, body.Note, context.User.Name()));
    }

    private static async Task<IResult> Determine(HttpContext context, RecordsRequestDesk desk, long id)
    {
        var (body, problem) = await ApiBody.Read<RecordsDeterminationBody>(context.Request);
        if (problem is not null)
            return problem;
        return Created(id, await desk.DetermineAsync(id, body!.Determination, body.Reasons, body.EstimatedAvailableAt, context.User.Name()));
    }

    private static IResult Created(long id, Recorded<CaseEvent> recorded) =>
        recorded.Error is { } error ? error.ToProblem() : TypedResults.Created($"{ApiRoutes.Prefix}/records-requests/{id}", CaseEventView.From(recorded.Value!));
}

/// <summary>POST /records-requests: where and when it was received, what is asked and by whom (kept in the case database only).</summary>
public sealed record RecordsRequestBody(string Unit, string ReceivedAt, string Asked, string Requester, string? Jurisdiction = null);

/// <summary>POST /records-requests/{id}/extensions: the unusual circumstance, the date the determination is expected, the public reasons.</summary>
public sealed record RecordsExtensionBody(
    [property: OneOf(typeof(RecordsVocabularies), nameof(RecordsVocabularies.ExtensionReasons))] string Reason, string ExpectedBy, string Note);

/// <summary>POST /records-requests/{id}/determination: what was determined, the public reasons, and when disclosable the estimated date and time.</summary>
public sealed record RecordsDeterminationBody(
    [property: OneOf(typeof(RecordsVocabularies), nameof(RecordsVocabularies.Determinations))] string Determination, string Reasons, string? EstimatedAvailableAt = null);

/// <summary>
/// A records request in a list: its number (the ledger index of its entry), where and when it was
/// received, when the determination is due (null: the stack's law sets no time) and by what law,
/// whether it is overdue, and the determination once made.
/// </summary>
public sealed record RecordsRequestSummaryView(long Id, string Jurisdiction, string Unit, string ReceivedAt, DateTimeOffset? FirstDueAt, DateTimeOffset? DueAt,
    IReadOnlyList<string> Cites, bool Overdue,
    [property: OneOf(typeof(RecordsVocabularies), nameof(RecordsVocabularies.Determinations))] string? Determination,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static RecordsRequestSummaryView From(RecordsRequestSummary r, DateTimeOffset now) =>
        new(r.Id, r.Jurisdiction, r.Unit, r.ReceivedAt, r.FirstDueAt, r.DueAt, r.Cites, r.OverdueAt(now), r.Determination, r.RecordedBy, r.RecordedAt);
}

public sealed record RecordsRequestListView(IReadOnlyList<RecordsRequestSummaryView> Items, DateTimeOffset At);

/// <summary>One records request with what was asked and who asked (as given; null when the case database no longer keeps them) and its ledger entries.</summary>
public sealed record RecordsRequestView(RecordsRequestSummaryView Request, string? Asked, string? Requester, IReadOnlyList<CaseEventView> Entries)
{
    public static RecordsRequestView From(RecordsRequestDetail r, DateTimeOffset now) =>
        new(RecordsRequestSummaryView.From(r.Summary, now), r.Asked, r.Requester, [.. r.Events.Select(CaseEventView.From)]);
}
