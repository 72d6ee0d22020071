using Comity.Server.Auth;
using Comity.Recording;
using Microsoft.AspNetCore.Authorization;

namespace Comity.Server.Api;

/// <summary>The HTTP API, version 1, under /api/v1: bearer tokens only, problem+json errors.</summary>
public static class ApiRoutes
{
    public const string Prefix = "/api/v1";

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup(Prefix).WithTags("Comity API v1");
        DecisionsApi.Map(api);
        CasesApi.Map(api);
        CaseChangesApi.Map(api);
        RecordsRequestsApi.Map(api);
        NoticesApi.Map(api);
        DocumentsApi.Map(api);
        LedgerApi.Map(api);
        DisclosuresApi.Map(api);
        UsersApi.Map(api);
        AccessLogApi.Map(api);
        WebhooksApi.Map(api);
        ReportsApi.Map(api);
    }

    /// <summary>Requires a bearer token whose user holds <paramref name="permission"/> (401 without one, 403 with the wrong role).</summary>
    public static RouteHandlerBuilder Allow(this RouteHandlerBuilder endpoint, Permission permission) =>
        endpoint.RequireAuthorization(new AuthorizeAttribute(Permissions.Policy(permission)) { AuthenticationSchemes = BearerTokenHandler.SchemeName })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithDescription($"Roles: {string.Join(", ", Permissions.RolesFor(permission).Select(Cases.Roles.Names.Name))}.");

    public static IResult ToProblem(this RecordError error) => error.Kind switch
    {
        RecordErrorKind.NotFound => Problems.NotFound(error.Message),
        RecordErrorKind.Conflict => Problems.Conflict(error.Message),
        RecordErrorKind.Unavailable => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The law in force does not load", detail: error.Message),
        _ when error.ContractErrors is { } errors => Problems.Contract(errors),
        _ => Problems.BadRequest(error.Message, error.Path is null ? null : "$." + error.Path),
    };
}
