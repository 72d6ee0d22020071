using System.Globalization;
using Comity.Reports;
using Comity.Reports.Publishing;
using Comity.Server.Auth;
using Comity.Server.Hosting;

namespace Comity.Server.Api;

/// <summary>
/// POST /reports/{report}/{period}/drafts: which jurisdiction (default the server's), copy (public or internal), formats (csv,html,pdf),
/// ledger tree size (default the latest checkpoint), and for truth-act the agency (a law-enforcement or jail unit of the report mapping;
/// default none: the governing body's report over every unit). An agency's report is kept under the period <c>2025-lapd</c>.
/// For truth-act, forum: the community forum the report is for, as a forum file gives it (docs/reports.md); the draft then writes notice_en.html and notice_es.html.
/// </summary>
public sealed record DraftBody(string? Jurisdiction = null, string? Copy = null, string? Formats = null, long? Checkpoint = null, string? Unit = null, ForumBody? Forum = null);

/// <summary>Who to ask for an accommodation or an interpreter: a name or office, with a phone number, an email address or both.</summary>
public sealed record ForumContactBody(string Contact, string? Phone = null, string? Email = null);

/// <summary>A unit's policy the report's appendix lists: the unit, its title and the SHA-256 of the document (64 hex digits).</summary>
public sealed record ForumPolicyBody(string Unit, string Title, string Sha256);

/// <summary>
/// The TRUTH Act community forum (Gov. Code 7283.1(d)): governing body, date (YYYY-MM-DD), local time (HH:mm), place, the
/// accessibility and interpretation contacts, where the report is, and optionally the units' policies for the report's appendix.
/// </summary>
public sealed record ForumBody(string GoverningBody, string Date, string Time, string Place, ForumContactBody Accessibility, ForumContactBody Interpretation, string ReportAt,
    IReadOnlyList<ForumPolicyBody>? Policies = null)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The forum as the JSON of a forum file, which the core checks.</summary>
    public byte[] ToForumFile() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, Json);
}

/// <summary>POST /reports/{report}/{period}/versions: the draft to publish, and why (required from version 2 on).</summary>
public sealed record PublishBody(string Draft, string? Reason = null);

/// <summary>A published version as the ledger's <c>report</c> entry records it.</summary>
public sealed record PublishedReportView(long LedgerIndex, string Jurisdiction, string Report, string Period, int Version, string Copy, string ManifestSha256, string? Reason, DateTimeOffset PublishedAt)
{
    public static PublishedReportView From(PublishedReport p) =>
        new(p.Index, p.Jurisdiction, p.Report, p.Period, p.Version, p.Copy, p.ManifestSha256, p.Reason.Length == 0 ? null : p.Reason, p.RecordedAt);
}

/// <summary>A draft: its id (give it to publish), what it reflects, whether its checks passed (<c>written</c>) and its files.</summary>
public sealed record DraftView(string Id, string Jurisdiction, string Report, string Period, string Copy, long TreeSize, string Status, IReadOnlyList<string> Messages, IReadOnlyList<string> Files, DateTimeOffset MadeAt, string MadeBy)
{
    public static DraftView From(ReportDraft d) => new(d.Id, d.Jurisdiction, d.Report, d.Period, d.Copy, d.TreeSize, StatusName(d.Build.Status), d.Build.Messages, [.. d.Build.Files.Keys], d.MadeAt, d.MadeBy);

    public static string StatusName(ReportStatus s) => s switch
    {
        ReportStatus.Written => "written",
        ReportStatus.PrivacyAuditFailed => "privacy-audit-failed",
        ReportStatus.CheckFailed => "check-failed",
        _ => "not-verified",
    };
}

/// <summary>GET /reports: every published version and the drafts made since the server started.</summary>
public sealed record ReportListView(IReadOnlyList<PublishedReportView> Published, IReadOnlyList<DraftView> Drafts);

/// <summary>An internal report computed on request: its range and every table, header first.</summary>
public sealed record InternalReportView(string From, string To, IReadOnlyDictionary<string, IReadOnlyList<string[]>> Tables);

/// <summary>A version just published: where it is recorded and its signed note.</summary>
public sealed record PublishedVersionView(long LedgerIndex, string Jurisdiction, string Report, string Period, string Copy, int Version, string ManifestSha256, string Signature);

/// <summary>
/// The reports for staff (reports.md section 9): published versions and their files, drafts made
/// on request, and publishing a draft through the server's own ledger (which holds the write lock
/// while the server runs). Every read is an access ledger entry (reports.md P8). Bad input is a 400 problem naming the
/// parameter (a year out of range, an unknown jurisdiction, report or copy).
/// </summary>
public static class ReportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        MapInternal(api);
        api.MapGet("/reports", List)
            .WithName("ListReports")
            .WithSummary("Every published version of every report (public and internal copies), and the drafts made since the server started")
            .Produces<ReportListView>()
            .Allow(Permission.ReadReports);
        api.MapGet("/reports/{report}/{period}", Latest)
            .WithName("LatestReport")
            .WithSummary("The manifest of the latest published version of a report (truth-act, sb54, transparency) for a period (2025, 2025-lapd for one agency's truth-act report, or 2026-Q1 for transparency)")
            .WithDescription("Query: jurisdiction (default the server's, such as us/ca/los-angeles), copy (public or internal; sb54 is internal only, transparency public only).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadReports);
        api.MapGet("/reports/{report}/{period}/versions/{n:int}", Version)
            .WithName("ReportVersion")
            .WithSummary("The manifest of one published version")
            .WithDescription("Query: jurisdiction, copy, as for the latest version.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadReports);
        api.MapGet("/reports/{report}/{period}/versions/{n:int}/files/{file}", File)
            .WithName("ReportFile")
            .WithSummary("One file of a published version (a CSV table, report.html, report.pdf, a chart, manifest.json, manifest.sig), byte for byte as its manifest's SHA-256 says")
            .WithDescription("Query: jurisdiction, copy, as for the latest version.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadReports);
        api.MapPost("/reports/{report}/{period}/drafts", Draft)
            .WithName("DraftReport")
            .WithSummary("Make a draft of a report from the ledger at its latest signed checkpoint: unsigned, each page marked \"Draft: not published\"; 201 with its id and files")
            .WithDescription("A draft whose privacy audit (reports.md section 3) or consistency checks (C8) fail is not written: 422 with the reason. For truth-act, unit names one law-enforcement or jail unit of the report mapping: that agency's own report (it and the units within it), kept under the period 2025-lapd; forum gives the community forum (as a forum file: governingBody, date, time, place, accessibility, interpretation, reportAt, policies with sha256), and the draft writes notice_en.html and notice_es.html and lists the policies in its appendix.")
            .Accepts<DraftBody>("application/json")
            .Produces<DraftView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .Allow(Permission.ReadReports);
        api.MapPost("/reports/{report}/{period}/versions", Publish)
            .WithName("PublishReport")
            .WithSummary("Publish a draft: made again at its checkpoint, signed with the ledger key (manifest.sig), recorded as a 'report' ledger entry and kept, never to change; version 2 and later need a reason and carry changes.csv and corrections.csv")
            .Accepts<PublishBody>("application/json")
            .Produces<PublishedVersionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Allow(Permission.PublishReports);
    }

    private static void MapInternal(RouteGroupBuilder api)
    {
        api.MapGet("/reports/compliance", Compliance)
            .WithName("ComplianceReport")
            .WithSummary("The compliance report for a date range (reports.md section 7), computed on request, never published (each call an access ledger entry): duties not served, decisions counsel overrode, referrals waiting, actions the decision did not allow, units with no request; case ids, never a name")
            .WithDescription("Query: from, to (YYYY-MM-DD, local days of the requests received), jurisdiction (default the server's), file (one of the CSV files or report.html; without it, every table as JSON).")
            .Produces<InternalReportView>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadReports);
        api.MapGet("/reports/access-audit", AccessAudit)
            .WithName("AccessAudit")
            .WithSummary("The access audit for a date range (reports.md P8), from the ledger's access entries: every staff read, search and export with its purpose and records returned (never what was searched), and per user their counts and flags (bulk-read, identity-search, export, no-purpose)")
            .WithDescription("Query: from, to (YYYY-MM-DD, UTC days), file (a1_access_log.csv, a2_access_by_user.csv or report.html; without it, both tables as JSON).")
            .Produces<InternalReportView>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.AuditAccess);
    }

    private static IResult Compliance(ReportDesk desk, Comity.Cases.CaseStore cases, string? from, string? to, string? jurisdiction, string? file) =>
        Guard(() =>
        {
            var (f, t) = (Comity.Reports.Internal.InternalReports.Date(from, "from"), Comity.Reports.Internal.InternalReports.Date(to, "to"));
            var j = jurisdiction ?? ServerSettings.DefaultJurisdiction;
            var mapping = desk.StackOf(j).Mapping;
            return Internal(Comity.Reports.Internal.InternalReports.Compliance(desk.Ledger, mapping, f, t, cases.FindByLedgerIndex, maker: desk.Maker(j, forPublishing: false)), f, t, file);
        });

    private static IResult AccessAudit(ReportDesk desk, string? from, string? to, string? file) =>
        Guard(() =>
        {
            var (f, t) = (Comity.Reports.Internal.InternalReports.Date(from, "from"), Comity.Reports.Internal.InternalReports.Date(to, "to"));
            return Internal(Comity.Reports.Internal.InternalReports.Access(desk.Ledger, f, t), f, t, file);
        });

    private static IResult Internal(IReadOnlyDictionary<string, byte[]> files, DateOnly from, DateOnly to, string? file)
    {
        if (file is null)
            return TypedResults.Ok(new InternalReportView(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                files.Where(f => f.Key.EndsWith(".csv", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => (IReadOnlyList<string[]>)Csv.Read(f.Value))));
        return files.TryGetValue(file, out var bytes)
            ? TypedResults.Bytes(bytes, ContentType(file))
            : Problems.NotFound($"this report has no file \"{file}\": {string.Join(", ", files.Keys)}");
    }

    private static IResult List(ReportDesk desk) =>
        TypedResults.Ok(new ReportListView([.. desk.Published().Select(PublishedReportView.From)], [.. desk.Drafts().Select(DraftView.From)]));

    private static IResult Latest(ReportDesk desk, string report, string period, string? jurisdiction, string? copy) =>
        Guard(() =>
        {
            var (j, c) = Check(desk, report, period, jurisdiction, copy);
            var versions = ReportPublisher.Versions(desk.Ledger, j, report, period, c, desk.Store);
            return versions.Count == 0
                ? Problems.NotFound($"no version of {report} {period} ({c} copy) is published for {j}")
                : Manifest(desk, j, report, period, c, versions[^1].Version);
        });

    private static IResult Version(ReportDesk desk, string report, string period, int n, string? jurisdiction, string? copy) =>
        Guard(() =>
        {
            var (j, c) = Check(desk, report, period, jurisdiction, copy);
            return Manifest(desk, j, report, period, c, n);
        });

    private static IResult File(ReportDesk desk, string report, string period, int n, string file, string? jurisdiction, string? copy) =>
        Guard(() =>
        {
            var (j, c) = Check(desk, report, period, jurisdiction, copy);
            if (n < 1 || ReportPublisher.Versions(desk.Ledger, j, report, period, c, desk.Store).All(v => v.Version != n))
                return Problems.NotFound($"version {n} of {report} {period} ({c} copy) is not published for {j}");
            return desk.Store.ReadFile(j, report, period, c, n, file) is { } bytes
                ? TypedResults.Bytes(bytes, ContentType(file), fileDownloadName: file.EndsWith(".html", StringComparison.Ordinal) ? null : file)
                : Problems.NotFound($"version {n} of {report} {period} ({c} copy) has no file \"{file}\"");
        });

    private static async Task<IResult> Draft(HttpContext context, ReportDesk desk, TimeProvider time, string report, string period)
    {
        DraftBody body = new();
        if (context.Request.ContentLength is not 0 && context.Request.ContentType is not null)
        {
            var (read, problem) = await ApiBody.Read<DraftBody>(context.Request);
            if (problem is not null)
                return problem;
            body = read!;
        }
        if (!string.IsNullOrEmpty(body.Unit))
        {
            if (report != ReportDesk.TruthAct)
                return Problems.BadRequest($"only truth-act is made per agency; {report} covers the whole jurisdiction", "$.unit");
            if (period.Length != 4)
                return Problems.BadRequest($"{period}: with $.unit, give the calendar year alone (2025); the agency's report is kept under {period}-{body.Unit}", "period");
            period = Comity.Reports.TruthAct.AgencyScope.Key(int.TryParse(period, CultureInfo.InvariantCulture, out var y) ? y : 0, body.Unit);
        }
        try
        {
            var draft = await Task.Run(() => desk.Draft(body.Jurisdiction ?? ServerSettings.DefaultJurisdiction, report, period, body.Copy,
                body.Formats ?? Comity.Reports.Formats.ReportFormats.All, body.Checkpoint, context.User.Name(), time.GetUtcNow(), body.Forum?.ToForumFile()));
            if (draft.Build.Status != ReportStatus.Written)
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The report cannot be written",
                    detail: string.Join("; ", draft.Build.Messages), extensions: new Dictionary<string, object?> { ["status"] = DraftView.StatusName(draft.Build.Status) });
            return TypedResults.Created($"{ApiRoutes.Prefix}/reports", DraftView.From(draft));
        }
        catch (ReportRequestException e)
        {
            return Problems.BadRequest(e.Message, e.Where is "unit" or "forum" ? "$." + e.Where : e.Where);
        }
        catch (ReportException e)
        {
            return Problems.BadRequest(e.Message);
        }
    }

    private static async Task<IResult> Publish(HttpContext context, ReportDesk desk, TimeProvider time, string report, string period)
    {
        var (body, problem) = await ApiBody.Read<PublishBody>(context.Request);
        if (problem is not null)
            return problem;
        try
        {
            if (!body!.Draft.Contains($".{report}.{period}.", StringComparison.Ordinal))
                return Problems.BadRequest($"draft {body.Draft} is not a draft of {report} {period}", "$.draft");
            var p = await desk.PublishAsync(body.Draft, body.Reason, context.User.Name(), time.GetUtcNow());
            return TypedResults.Created($"{ApiRoutes.Prefix}/reports/{p.Report}/{p.Period}/versions/{p.Version.ToString(CultureInfo.InvariantCulture)}?jurisdiction={Uri.EscapeDataString(p.Jurisdiction)}&copy={p.Copy}",
                new PublishedVersionView(p.LedgerIndex, p.Jurisdiction, p.Report, p.Period, p.Copy, p.Version, p.ManifestSha256, p.Signature));
        }
        catch (ReportRequestException e)
        {
            return Problems.BadRequest(e.Message, "$." + e.Where);
        }
        catch (ReportException e)
        {
            return Problems.BadRequest(e.Message, "$.draft");
        }
    }

    private static (string Jurisdiction, string Copy) Check(ReportDesk desk, string report, string period, string? jurisdiction, string? copy)
    {
        var c = ReportDesk.CheckRequest(report, period, copy);
        var j = jurisdiction ?? ServerSettings.DefaultJurisdiction;
        desk.StackOf(j);
        return (j, c);
    }

    private static IResult Manifest(ReportDesk desk, string jurisdiction, string report, string period, string copy, int n) =>
        n >= 1 && desk.Store.ReadFile(jurisdiction, report, period, copy, n, "manifest.json") is { } manifest
            && ReportPublisher.Versions(desk.Ledger, jurisdiction, report, period, copy, desk.Store).Any(v => v.Version == n)
            ? TypedResults.Bytes(manifest, "application/json")
            : Problems.NotFound($"version {n} of {report} {period} ({copy} copy) is not published for {jurisdiction}");

    private static IResult Guard(Func<IResult> answer)
    {
        try
        {
            return answer();
        }
        catch (ReportRequestException e)
        {
            return Problems.BadRequest(e.Message, e.Where);
        }
        catch (ReportException e)
        {
            return Problems.BadRequest(e.Message);
        }
    }

    public static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".csv" => "text/csv; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".pdf" => "application/pdf",
        _ => "text/plain; charset=utf-8",
    };
}
