using System.Text;
using Comity.Cases;
using Comity.Server.Api;
using Comity.Server.Auth;

namespace Comity.Server.Hosting;

/// <summary>
/// Keeps every read of a case in the access log (issue 18 point 14), whatever door it came
/// through: a page or an API call under <c>/cases/{id}</c> (the case, its verification, notices,
/// documents, its access log), the correction form that shows a case's facts, the case list and
/// its searches, and disclosures. Only reads that succeeded (2xx) by a signed-in user are kept.
/// The route is kept as its pattern and its values other than the case id; the query string
/// never is, since a search's words can be a name.
/// </summary>
public static class AccessLogging
{
    /// <summary>A page that shows a case outside <c>/cases/{id}</c> (the correction form) puts the case id here.</summary>
    public const string CaseShown = "comity:case-shown";

    private static readonly string[] CaseRoutes = ["/cases/{id}", ApiRoutes.Prefix + "/cases/{id}"];
    private static readonly string[] Lists = ["/cases", ApiRoutes.Prefix + "/cases"];
    private static readonly string[] OtherReads = ["/disclosures", ApiRoutes.Prefix + "/disclosures", "/access-log", ApiRoutes.Prefix + "/access-log",
        // Report fetches and the internal reports (reports.md P8), drafts and published files alike.
        "/reports", ApiRoutes.Prefix + "/reports"];

    public static async Task Log(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            || context.Response.StatusCode is < 200 or > 299
            || context.User.Identity?.IsAuthenticated != true
            || context.GetEndpoint() is not RouteEndpoint endpoint)
            return;
        var what = Pattern(endpoint);
        long? caseId = null;
        if (CaseRoutes.Any(r => what == r || what.StartsWith(r + "/", StringComparison.Ordinal)))
        {
            if (!long.TryParse(context.Request.RouteValues["id"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                return;
            caseId = id;
        }
        else if (context.Items[CaseShown] is long shown)
            caseId = shown;
        else if (!Lists.Contains(what) && !OtherReads.Any(r => what == r || what.StartsWith(r + "/", StringComparison.Ordinal)))
            return;
        var detail = new StringBuilder();
        foreach (var (key, value) in context.Request.RouteValues.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if ((key is "id" && caseId is not null) || key is "page" or "handler" or "area" || value is null)
                continue;
            detail.Append(detail.Length == 0 ? "" : " ").Append(key).Append('=').Append(value);
        }
        if (Lists.Contains(what) && context.Request.Query.TryGetValue("q", out var q) && !string.IsNullOrWhiteSpace(q))
            detail.Append(detail.Length == 0 ? "" : " ").Append("search");
        var door = context.Request.Path.StartsWithSegments(ApiRoutes.Prefix) ? AccessDoor.Api : AccessDoor.Page;
        var log = context.RequestServices.GetRequiredService<AccessLog>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        log.Record(new AccessRead(time.GetUtcNow(), context.User.Name(), context.User.RolesHeld(), door, what, caseId, detail.ToString()));
    }

    /// <summary>The route's pattern from the root, without constraints: <c>/cases/{id}/notices/{notice}</c>.</summary>
    public static string Pattern(RouteEndpoint endpoint)
    {
        var raw = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        var text = new StringBuilder(raw.Length);
        var inParameter = false;
        var skipping = false;
        foreach (var ch in raw)
        {
            if (ch == '{')
                inParameter = true;
            else if (ch == '}')
            {
                inParameter = skipping = false;
            }
            else if (inParameter && (ch == ':' || ch == '=' || ch == '?'))
                skipping = true;
            if (!skipping || ch == '}')
                text.Append(ch);
        }
        return text.ToString();
    }
}
