using Comity.Cases;
using Comity.Server.Auth;

namespace Comity.Server.Api;

/// <summary>The access log (issue 18 point 14): who read a case, and what one user read.</summary>
public static class AccessLogApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cases/{id:long}/access-log", ForCase)
            .WithName("CaseAccessLog")
            .WithSummary("Who read a case: every read of it (page, API, notice, document, verification), newest first")
            .WithDescription("Paging: page, pageSize. Each read names the user, the roles held, the door (page or api), the route read and when; never who the case is about. Reading it is itself a read of the case, and is logged.")
            .Produces<AccessLogView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadAccessLog);
        api.MapGet("/access-log", ForUser)
            .WithName("AccessLogByUser")
            .WithSummary("What one user read (user=NAME, as entries name the actor), newest first")
            .WithDescription("Paging: page, pageSize. A search of the case list is logged as made (detail \"search\"), never with its words.")
            .Produces<AccessLogView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Allow(Permission.ReadAccessByUser);
        api.MapGet("/access-log/users", Users)
            .WithName("AccessLogUsers")
            .WithSummary("Every user's reads in sum (reads, cases read, searches, last read), most reads first")
            .Produces<IReadOnlyList<AccessByUserView>>()
            .Allow(Permission.ReadAccessByUser);
    }

    private static IResult ForCase(CaseStore cases, AccessLog log, long id, int? page, int? pageSize)
    {
        if (PagingProblem(page, pageSize) is { } problem)
            return problem;
        if (!cases.Exists(id))
            return Problems.NotFound($"there is no case {id}");
        return TypedResults.Ok(AccessLogView.From(log.ForCase(id, page ?? 1, pageSize ?? CaseQuery.DefaultPageSize)));
    }

    private static IResult ForUser(AccessLog log, string? user, int? page, int? pageSize)
    {
        if (PagingProblem(page, pageSize) is { } problem)
            return problem;
        if (string.IsNullOrWhiteSpace(user))
            return Problems.BadRequest("user: give the name of the user whose reads to list (GET /api/v1/access-log/users lists every user)", "user");
        return TypedResults.Ok(AccessLogView.From(log.ForUser(user, page ?? 1, pageSize ?? CaseQuery.DefaultPageSize)));
    }

    private static IResult Users(AccessLog log) =>
        TypedResults.Ok(log.ByUser().Select(u => new AccessByUserView(u.User, u.Reads, u.Cases, u.Searches, u.LastRead)).ToArray());

    private static IResult? PagingProblem(int? page, int? pageSize) =>
        page is < 1 || pageSize is < 1 or > CaseQuery.MaxPageSize ? Problems.BadRequest($"page starts at 1; pageSize is 1 to {CaseQuery.MaxPageSize}", "page") : null;
}
