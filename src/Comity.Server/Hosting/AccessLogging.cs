using System.Text;
using Comity.Cases;
using Comity.Recording;
using Comity.Server.Api;
using Comity.Server.Auth;

namespace Comity.Server.Hosting;

/// <summary>
/// The one path that records every staff read, whatever door it came through (reports.md P8,
/// issue 18 point 14): a page or an API call under <c>/cases/{id}</c> (the case, its verification,
/// notices, documents, its access log), the correction form that shows a case's facts, the case
/// list and its searches, the case list's CSV export, disclosures and their cut exports, reports and the access log.
/// Each successful read (2xx) by a signed-in user becomes an <c>access</c> ledger entry
/// (<see cref="AccessRecorder"/>: who, roles, what kind of read, the route, the case, the search's
/// parameters with their values committed by salted hash, the purpose, the records returned) and a
/// line of the case database's access log, which the per-case and per-user pages read.
/// <para>
/// A purpose (<c>purpose</c>, and <c>note</c> for <c>other</c>) may come with any of these reads
/// and is required for an identity search (the case list with words) and an export (the case list's
/// CSV, a disclosure's cut export): without it,
/// or with a bad one, the API answers 400 problem+json naming the parameter, and a page is told
/// (<see cref="PurposeProblem"/>) so that it shows the form again. The query string itself is
/// never kept anywhere: a search's words can be a name.
/// </para>
/// </summary>
public static class AccessLogging
{
    /// <summary>A page that shows a case outside <c>/cases/{id}</c> (the correction form) puts the case id here.</summary>
    public const string CaseShown = "comity:case-shown";

    /// <summary>An endpoint that returns case records puts how many here (a long); a read of one case counts one.</summary>
    public const string RecordsShown = "comity:records-shown";

    /// <summary>For a page: the <see cref="AccessPurposeCheck"/> that failed, for the page to show instead of its results.</summary>
    public const string PurposeProblem = "comity:purpose-problem";

    private static readonly string[] CaseRoutes = ["/cases/{id}"];
    private const string List = "/cases";
    private const string Export = "/cases/export";
    // A disclosure's cut export is records leaving the system: an export, with its purpose (P8).
    private const string DisclosureExport = "/disclosures/{id}/export";
    private static readonly string[] OtherReads = ["/disclosures", "/access-log",
        // Report fetches and the internal reports (reports.md P8), drafts and published files alike.
        "/reports"];

    /// <summary>The case list's filters: what a search or export used, committed in the entry, never kept.</summary>
    private static readonly string[] ListFields = ["q", "status", "outcome", "act", "unit", "overdue"];

    public static async Task Log(HttpContext context, RequestDelegate next)
    {
        if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            || context.User.Identity?.IsAuthenticated != true
            || context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            await next(context);
            return;
        }
        var pattern = Pattern(endpoint);
        var isApi = context.Request.Path.StartsWithSegments(ApiRoutes.Prefix);
        var what = isApi && pattern.StartsWith(ApiRoutes.Prefix + "/", StringComparison.Ordinal) ? pattern[ApiRoutes.Prefix.Length..] : pattern;
        var searched = what is List or Export ? Searched(context.Request.Query) : [];
        var action = what is Export or DisclosureExport ? AccessActions.Export
            : what == List ? (searched.Any(s => s.Key == "q") ? AccessActions.IdentitySearch : AccessActions.CaseList)
            : null;
        var check = AccessPurposes.Check(context.Request.Query[AccessPurposes.PurposeParameter], context.Request.Query[AccessPurposes.NoteParameter],
            action is not null && AccessActions.NeedsPurpose(action), AccessPurposes.WordsOf(searched.Select(s => s.Value)));
        if (!check.Ok && (action is not null || IsRead(what)))
        {
            if (isApi)
            {
                await Problems.BadRequest(check.Problem!, check.Parameter).ExecuteAsync(context);
                return;
            }
            context.Items[PurposeProblem] = check;
        }

        await next(context);
        if (context.Response.StatusCode is < 200 or > 299)
            return;
        long? caseId = null;
        if (CaseRoutes.Any(r => what == r || what.StartsWith(r + "/", StringComparison.Ordinal)))
        {
            if (!long.TryParse(context.Request.RouteValues["id"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                return;
            caseId = id;
        }
        else if (context.Items[CaseShown] is long shown)
            caseId = shown;
        else if (action is null && !IsRead(what))
            return;
        action ??= what.Contains("access-log", StringComparison.Ordinal) || what.Contains("access-audit", StringComparison.Ordinal) ? AccessActions.AuditRead
            : caseId is not null ? AccessActions.CaseRead
            : what.StartsWith("/disclosures", StringComparison.Ordinal) ? AccessActions.DisclosureRead
            : AccessActions.ReportFetch;
        long? records = context.Items[RecordsShown] is long n ? n : caseId is not null ? 1 : null;

        var detail = new StringBuilder();
        foreach (var (key, value) in context.Request.RouteValues.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if ((key is "id" && caseId is not null) || key is "page" or "handler" or "area" || value is null)
                continue;
            detail.Append(detail.Length == 0 ? "" : " ").Append(key).Append('=').Append(value);
        }
        if (action == AccessActions.IdentitySearch)
            detail.Append(detail.Length == 0 ? "" : " ").Append("search");
        var time = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = context.User.Name();
        var roles = context.User.RolesHeld();
        context.RequestServices.GetRequiredService<AccessLog>().Record(new AccessRead(time, user, roles, isApi ? AccessDoor.Api : AccessDoor.Page, pattern, caseId, detail.ToString()));
        var read = new StaffRead(time, user, roles, isApi ? "api" : "page", action, pattern, caseId, searched,
            check.Ok ? check.Purpose : null, check.Ok ? check.Note : null, records);
        try
        {
            await context.RequestServices.GetRequiredService<AccessRecorder>().RecordAsync(read);
        }
        catch (Exception e) when (e is Comity.Ledger.LedgerException or System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            // The read has been answered; it stays in the case database's access log. Said loudly, without the query.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccessLogging))
                .LogError(e, "Could not record the {Action} of {Route} by {User} in the ledger", action, pattern, user);
        }
    }

    private static bool IsRead(string what) => OtherReads.Any(r => what == r || what.StartsWith(r + "/", StringComparison.Ordinal))
        || CaseRoutes.Any(r => what == r || what.StartsWith(r + "/", StringComparison.Ordinal));

    /// <summary>The case list's filters given, in a fixed order, blank ones and <c>overdue=false</c> left out.</summary>
    private static List<KeyValuePair<string, string>> Searched(IQueryCollection query)
    {
        var found = new List<KeyValuePair<string, string>>();
        foreach (var field in ListFields)
        {
            var value = query[field].ToString().Trim();
            if (value.Length == 0 || (field == "overdue" && !value.Equals("true", StringComparison.OrdinalIgnoreCase)))
                continue;
            found.Add(new(field, value));
        }
        return found;
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
