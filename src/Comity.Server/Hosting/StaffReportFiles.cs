using System.Globalization;
using Comity.Reports.Internal;
using Comity.Reports.Publishing;
using Comity.Server.Api;
using Comity.Server.Auth;

namespace Comity.Server.Hosting;

/// <summary>
/// The files behind the staff reports page, for signed-in staff (the sign-in cookie): a draft's
/// files (<c>/reports/drafts/{id}/{file}</c>) and a published version's, internal copies included
/// (<c>/reports/files/{jurisdiction}/{report}/{period}/{copy}/v{n}/{file}</c>). Report pages are our
/// own static output with inline styles, so they are served under the transparency page's policy
/// (no script at all), not the app's.
/// </summary>
public static class StaffReportFiles
{
    public static void MapStaffReportFiles(this WebApplication app)
    {
        app.MapGet("/reports/internal/compliance", Compliance).RequireAuthorization(Permissions.Policy(Permission.ReadReports)).ExcludeFromDescription();
        app.MapGet("/reports/internal/access-audit", AccessAudit).RequireAuthorization(Permissions.Policy(Permission.AuditAccess)).ExcludeFromDescription();
        app.MapGet("/reports/drafts/{id}/{file}", Draft).RequireAuthorization(Permissions.Policy(Permission.ReadReports)).ExcludeFromDescription();
        app.MapGet("/reports/files/{jurisdiction}/{report}/{period}/{copy}/{version}/{file}", Published).RequireAuthorization(Permissions.Policy(Permission.ReadReports)).ExcludeFromDescription();
    }

    /// <summary>The internal reports as staff open them: the HTML page, or one CSV file (<c>?file=</c>); bad dates a 400 page.</summary>
    private static IResult Compliance(ReportDesk desk, Comity.Cases.CaseStore cases, HttpContext context, string? from, string? to, string? jurisdiction, string? file) =>
        Internal(context, file, () =>
        {
            var (f, t) = (InternalReports.Date(from, "from"), InternalReports.Date(to, "to"));
            var j = jurisdiction ?? ServerSettings.DefaultJurisdiction;
            return InternalReports.Compliance(desk.Ledger, desk.StackOf(j).Mapping, f, t, cases.FindByLedgerIndex, maker: desk.Maker(j, forPublishing: false));
        });

    private static IResult AccessAudit(ReportDesk desk, HttpContext context, string? from, string? to, string? file) =>
        Internal(context, file, () => InternalReports.Access(desk.Ledger, InternalReports.Date(from, "from"), InternalReports.Date(to, "to")));

    private static IResult Internal(HttpContext context, string? file, Func<IReadOnlyDictionary<string, byte[]>> make)
    {
        IReadOnlyDictionary<string, byte[]> files;
        try
        {
            files = make();
        }
        catch (Comity.Reports.ReportException e)
        {
            return TypedResults.BadRequest(e.Message);
        }
        var name = file ?? "report.html";
        return files.TryGetValue(name, out var bytes) ? Serve(context, name, bytes) : TypedResults.NotFound();
    }

    private static IResult Draft(string id, string file, ReportDesk desk, HttpContext context) =>
        desk.FindDraft(id) is { } draft && draft.Build.Files.TryGetValue(file, out var bytes) ? Serve(context, file, bytes) : TypedResults.NotFound();

    private static IResult Published(string jurisdiction, string report, string period, string copy, string version, string file, ReportDesk desk, HttpContext context)
    {
        var j = desk.Jurisdictions().FirstOrDefault(x => ReportStore.Slug(x) == jurisdiction);
        if (j is null || !ReportStore.IsFileName(report) || !ReportStore.IsFileName(period) || copy is not (Comity.Reports.ReportMaker.Public or Comity.Reports.ReportMaker.Internal)
            || version is not ['v', .. var rest] || !int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            return TypedResults.NotFound();
        return desk.Store.ReadFile(j, report, period, copy, n, file) is { } bytes ? Serve(context, file, bytes) : TypedResults.NotFound();
    }

    private static IResult Serve(HttpContext context, string file, byte[] bytes)
    {
        if (file.EndsWith(".html", StringComparison.Ordinal) || file.EndsWith(".svg", StringComparison.Ordinal))
            TransparencyPages.Strict(context);
        return TypedResults.Bytes(bytes, ReportsApi.ContentType(file));
    }
}
