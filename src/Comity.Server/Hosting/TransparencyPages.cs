using System.Globalization;
using Comity.Reports;
using Comity.Reports.Formats;
using Comity.Reports.Publishing;

namespace Comity.Server.Hosting;

/// <summary>
/// The public transparency page (reports.md section 6, 9), without sign-in: <c>/transparency</c>
/// shows the default jurisdiction's latest published R3 page, <c>/transparency/{jurisdiction}</c>
/// another's (<c>us-tx-austin</c>), and <c>/transparency/{jurisdiction}/{report}/{period}/v{n}/{file}</c>
/// any file of a published public copy. Only stored files are served: nothing is counted per visit,
/// so no one can difference live numbers; internal copies, compliance and access audits are not in
/// the public store's reach (the copy is always <c>public</c>).
/// </summary>
public static class TransparencyPages
{
    public const string Path = "/transparency";

    public static void MapTransparency(this WebApplication app)
    {
        app.MapGet(Path, (HttpContext c, ServerSettings s) => Page(c, s, ReportStore.Slug(ServerSettings.DefaultJurisdiction))).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(Path + "/{jurisdiction}", (string jurisdiction, HttpContext c, ServerSettings s) => Page(c, s, jurisdiction)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(Path + "/{jurisdiction}/{report}/{period}/{version}/{file}", File).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(Path + "/{report}/{period}/{version}/{file}", (string report, string period, string version, string file, HttpContext c, ServerSettings s) =>
            File(ReportStore.Slug(ServerSettings.DefaultJurisdiction), report, period, version, file, c, s)).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Page(HttpContext context, ServerSettings settings, string jurisdiction)
    {
        var store = new ReportStore(settings.DataFolder);
        if (!ReportStore.IsFileName(jurisdiction))
            return TypedResults.NotFound();
        Strict(context);
        var latest = Latest(store, jurisdiction);
        if (latest is { } v && store.ReadFile(v.Jurisdiction, Reports.Transparency.TransparencyReport.Name, v.Period, ReportMaker.Public, v.Version, "index.html") is { } html)
            return TypedResults.Bytes(html, "text/html; charset=utf-8");
        return TypedResults.Bytes(NothingYet(store, jurisdiction), "text/html; charset=utf-8");
    }

    private static IResult File(string jurisdiction, string report, string period, string version, string file, HttpContext context, ServerSettings settings)
    {
        if (!ReportStore.IsFileName(jurisdiction) || !ReportStore.IsFileName(report) || !ReportStore.IsFileName(period) || !ReportStore.IsFileName(file)
            || version.Length < 2 || version[0] != 'v' || !int.TryParse(version.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            return TypedResults.NotFound();
        var store = new ReportStore(settings.DataFolder);
        var bytes = store.ReadFile(jurisdiction, report, period, ReportMaker.Public, n, file);
        if (bytes is null)
            return TypedResults.NotFound();
        Strict(context);
        context.Response.Headers.CacheControl = "public, max-age=3600"; // published files never change
        return TypedResults.Bytes(bytes, TypeOf(file));
    }

    /// <summary>The newest period's newest version of R3 the store holds for a jurisdiction.</summary>
    private static (string Jurisdiction, string Period, int Version)? Latest(ReportStore store, string slug)
    {
        var folder = System.IO.Path.Combine(store.Root, slug, Reports.Transparency.TransparencyReport.Name);
        if (!Directory.Exists(folder))
            return null;
        foreach (var period in Directory.EnumerateDirectories(folder).Select(System.IO.Path.GetFileName).OfType<string>().Where(ReportStore.IsFileName).OrderDescending(StringComparer.Ordinal))
        {
            var versions = System.IO.Path.Combine(folder, period, ReportMaker.Public);
            if (!Directory.Exists(versions))
                continue;
            var newest = Directory.EnumerateDirectories(versions).Select(System.IO.Path.GetFileName)
                .Select(d => d is ['v', .. var rest] && int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();
            if (newest > 0)
                return (slug, period, newest);
        }
        return null;
    }

    private static byte[] NothingYet(ReportStore store, string slug)
    {
        var page = new HtmlPage("Transparency: nothing published yet", null);
        page.Heading(1, "Requests from federal immigration authorities");
        page.Paragraph($"No transparency report has been published yet for {slug}. Reports appear here once counsel publishes them, each a signed snapshot of the City's ledger.");
        var others = store.Jurisdictions().Where(j => j != slug).ToList();
        if (others.Count > 0)
            page.Raw("<p>Published for: " + string.Join(", ", others.Select(j => $"<a href=\"{Path}/{HtmlPage.E(j)}\">{HtmlPage.E(j)}</a>")) + "</p>");
        return page.Write();
    }

    /// <summary>The pages are our own static output: inline styles, no script, nothing from elsewhere.</summary>
    public static void Strict(HttpContext context) =>
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static string TypeOf(string file) => System.IO.Path.GetExtension(file) switch
    {
        ".csv" => "text/csv; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".pdf" => "application/pdf",
        _ => "text/plain; charset=utf-8",
    };
}
