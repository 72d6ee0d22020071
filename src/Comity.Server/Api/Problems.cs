using Comity.Contract;
using Microsoft.AspNetCore.Mvc;

namespace Comity.Server.Api;

/// <summary>Errors of the HTTP API as RFC 9457 problem details (application/problem+json).</summary>
public static class Problems
{
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path },
            options: null, contentType: "application/problem+json");
    }

    /// <summary>A request that breaks the contract: 400 with every error, each with its JSON path.</summary>
    public static IResult Contract(IReadOnlyList<ContractError> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The request breaks the decision contract",
        detail: string.Join("; ", errors.Select(e => e.ToString())),
        extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { path = e.Path, message = e.Message }).ToArray() });

    public static IResult BadRequest(string detail, string? path = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail,
        extensions: path is null ? null : new Dictionary<string, object?> { ["errors"] = new[] { new { path, message = detail } } });

    public static IResult NotFound(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static IResult Conflict(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);
}
