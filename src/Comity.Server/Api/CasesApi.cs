using Comity.Cases;
using Comity.Contract;
using Comity.Server.Auth;
using Comity.Server.Hosting;
using Comity.Recording;

namespace Comity.Server.Api;

/// <summary>Cases (list with filters and paging, one case with its history), referrals, reviews and obligations.</summary>
public static class CasesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cases", List)
            .WithName("ListCases")
            .WithSummary("List cases, newest first, with filters and paging")
            .WithDescription("Filters: status (open, awaiting-counsel, reviewed, void), outcome, act, unit, q (words of the reference, unit, requester, act, document, " +
                "and of the person: name, date of birth, booking, A-, CII and FBI numbers, numbers also without punctuation), overdue=true (an open case duty is past its due time). " +
                "A search with q is an identity search: it needs purpose (and note for other), and is recorded as an access ledger entry with the parameters used, their values only as a salted hash.")
            .AddOpenApiOperationTransformer(AccessPurposeDocs.ForSearch)
            .Produces<CaseListView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Allow(Permission.ReadCases);
        api.MapGet("/cases/{id:long}", Get)
            .WithName("GetCase")
            .WithSummary("One case: the request, the answer with its receipt, obligations and the history of ledger entries")
            .AddOpenApiOperationTransformer(AccessPurposeDocs.Optional)
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadCases);
        api.MapGet("/duties", Duties)
            .WithName("ListDuties")
            .WithSummary("The duties dashboard: open case duties, cases waiting for counsel and open records requests, overdue first, then by due time")
            .WithDescription("Filters: unit, overdue=true (only duties past their due time), page, pageSize. Agency duties (reports, forums) are not listed: they are not served on cases.")
            .Produces<DutyListView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Allow(Permission.ReadCases);
        api.MapGet("/reviews", Queue)
            .WithName("ReviewQueue")
            .WithSummary("The cases waiting for counsel, oldest first")
            .Produces<CaseListView>()
            .Allow(Permission.ReadCases);
        api.MapPost("/cases/{id:long}/referrals", Refer)
            .WithName("ReferToCounsel")
            .WithSummary("Send a case to counsel (a new ledger entry)")
            .Accepts<ReferralBody>("application/json")
            .Produces<CaseEventView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Allow(Permission.Refer);
        api.MapPost("/cases/{id:long}/reviews", Review)
            .WithName("Review")
            .WithSummary("Counsel confirms or overrides a decision with a written justification (a new ledger entry that points at the decision)")
            .WithDescription("Body: {\"verdict\": confirm or override, \"justification\", \"outcome\": the new outcome of the whole request, or \"items\": {data item: permit, deny or must-comply} to settle items one by one " +
                "(every item referred to counsel among them; the request's outcome becomes the most restrictive of its items'). A decision that refers is settled by an override, never confirmed. " +
                "When the settled outcome changes which duties hold, the case's duties follow it (the entry lists them).")
            .Accepts<ReviewBody>("application/json")
            .Produces<CaseEventView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.Review);
        api.MapPost("/cases/{id:long}/obligations/{rule}/served", Served)
            .WithName("ObligationServed")
            .WithSummary("Record that an obligation (such as a TRUTH Act notice) was served, when and by whom (a new ledger entry)")
            .Accepts<ServedBody>("application/json")
            .Produces<CaseEventView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Allow(Permission.ServeObligation);
    }

    private static IResult List(
        HttpContext context,
        CaseStore cases,
        TimeProvider time,
        [OneOf(typeof(CaseVocabularies), nameof(CaseVocabularies.Statuses))] string? status,
        [OneOf(typeof(Vocabularies), nameof(Vocabularies.Outcomes))] string? outcome,
        [OneOf(typeof(Vocabularies), nameof(Vocabularies.Acts))] string? act,
        string? unit, string? q, bool? overdue, int? page, int? pageSize)
    {
        var query = new CaseQuery { Unit = unit, Text = q, Page = page ?? 1, PageSize = pageSize ?? CaseQuery.DefaultPageSize, OverdueAt = overdue == true ? time.GetUtcNow() : null };
        if (status is not null)
        {
            if (!CaseVocabularies.Statuses.TryParse(status, out var s))
                return Problems.BadRequest($"status: expected {CaseVocabularies.Statuses.Expected}", "status");
            query = query with { Status = s };
        }
        if (outcome is not null)
        {
            if (!Vocabularies.Outcomes.TryParse(outcome, out var o))
                return Problems.BadRequest($"outcome: expected {Vocabularies.Outcomes.Expected}", "outcome");
            query = query with { Outcome = o };
        }
        if (act is not null)
        {
            if (!Vocabularies.Acts.TryParse(act, out var a))
                return Problems.BadRequest($"act: expected {Vocabularies.Acts.Expected}", "act");
            query = query with { Act = a };
        }
        if (query.Page < 1 || query.PageSize < 1 || query.PageSize > CaseQuery.MaxPageSize)
            return Problems.BadRequest($"page starts at 1; pageSize is 1 to {CaseQuery.MaxPageSize}", "page");
        var found = cases.List(query);
        context.Items[AccessLogging.RecordsShown] = (long)found.Items.Count;
        return TypedResults.Ok(ToView(found));
    }

    private static IResult Duties(CaseStore cases, TimeProvider time, string? unit, bool? overdue, int? page, int? pageSize)
    {
        if (page is < 1 || pageSize is < 1 or > CaseQuery.MaxPageSize)
            return Problems.BadRequest($"page starts at 1; pageSize is 1 to {CaseQuery.MaxPageSize}", "page");
        var now = time.GetUtcNow();
        var found = cases.OpenDuties(unit, overdue == true, now, page ?? 1, pageSize ?? CaseQuery.DefaultPageSize);
        return TypedResults.Ok(new DutyListView(found.Items.Select(OpenDutyView.From).ToArray(), found.Total, found.Page, found.PageSize, now));
    }

    private static IResult Get(CaseStore cases, long id) =>
        cases.Find(id) is { } c ? TypedResults.Ok(CaseView.From(c)) : Problems.NotFound($"there is no case {id}");

    private static IResult Queue(CaseStore cases, int? page) =>
        TypedResults.Ok(ToView(cases.List(new CaseQuery { Status = CaseStatus.AwaitingCounsel, Page = Math.Max(1, page ?? 1), OldestFirst = true })));

    private static async Task<IResult> Refer(HttpContext context, CaseWorkflow workflow, long id)
    {
        var (body, problem) = await ApiBody.Read<ReferralBody>(context.Request);
        if (problem is not null)
            return problem;
        return Created(context, id, await workflow.ReferAsync(id, body!.Note, context.User.Name()));
    }

    private static async Task<IResult> Review(HttpContext context, CaseWorkflow workflow, long id)
    {
        var (body, problem) = await ApiBody.Read<ReviewBody>(context.Request);
        if (problem is not null)
            return problem;
        if (!CaseVocabularies.Verdicts.TryParse(body!.Verdict, out var verdict))
            return Problems.BadRequest($"verdict: expected {CaseVocabularies.Verdicts.Expected}", "$.verdict");
        Outcome? outcome = null;
        if (body.Outcome is not null)
        {
            if (!Vocabularies.Outcomes.TryParse(body.Outcome, out var o))
                return Problems.BadRequest($"outcome: expected {Vocabularies.Outcomes.Expected}", "$.outcome");
            outcome = o;
        }
        List<ItemOutcome>? items = null;
        if (body.Items is { Count: > 0 })
        {
            items = [];
            foreach (var (name, given) in body.Items)
            {
                if (!Vocabularies.DataItems.TryParse(name, out var item))
                    return Problems.BadRequest($"items: \"{name}\" is not a data item; expected {Vocabularies.DataItems.Expected}", "$.items");
                if (!Vocabularies.Outcomes.TryParse(given ?? "", out var itemOutcome))
                    return Problems.BadRequest($"items.{name}: expected permit, deny or must-comply", $"$.items.{name}");
                items.Add(new ItemOutcome(item, itemOutcome));
            }
        }
        return Created(context, id, await workflow.ReviewAsync(id, verdict, outcome, body.Justification, context.User.Name(), items));
    }

    private static async Task<IResult> Served(HttpContext context, CaseWorkflow workflow, long id, string rule)
    {
        var (body, problem) = await ApiBody.Read<ServedBody>(context.Request);
        if (problem is not null)
            return problem;
        return Created(context, id, await workflow.ServeObligationAsync(id, rule, body!.ServedAt, body.ServedBy, context.User.Name()));
    }

    private static IResult Created(HttpContext context, long caseId, Recorded<CaseEvent> recorded) =>
        recorded.Error is { } error ? error.ToProblem() : TypedResults.Created($"{ApiRoutes.Prefix}/cases/{caseId}", CaseEventView.From(recorded.Value!));

    private static CaseListView ToView(CasePage page) => new(page.Items.Select(CaseSummaryView.From).ToArray(), page.Total, page.Page, page.PageSize);
}
