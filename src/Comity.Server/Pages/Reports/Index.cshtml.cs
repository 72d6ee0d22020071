using Comity.Reports;
using Comity.Reports.Publishing;
using Comity.Reports.TruthAct;
using Comity.Server.Auth;
using Comity.Server.Hosting;
using Comity.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Reports;

/// <summary>
/// The staff reports page (reports.md section 9, issue 21 point 8): choose the jurisdiction (the
/// agency whose report it is), the report, the year or quarter and the copy; preview a draft made
/// from the ledger at its latest signed checkpoint; publish it (counsel, admin), with a reason from
/// version 2 on. The same <see cref="ReportDesk"/> as <c>POST /api/v1/reports/.../drafts</c> and
/// <c>.../versions</c>: publishing goes through the server's own ledger, which holds the write lock.
/// </summary>
[Authorize(Policy = nameof(Permission.ReadReports))]
public sealed class IndexModel(ReportDesk desk, TimeProvider time) : PageModel
{
    [BindProperty] public string Jurisdiction { get; set; } = ServerSettings.DefaultJurisdiction;
    [BindProperty] public string Report { get; set; } = ReportDesk.TruthAct;
    [BindProperty] public string? Period { get; set; }

    /// <summary>For R1: one law-enforcement or jail unit whose own report it is; empty for the governing body's.</summary>
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public string Copy { get; set; } = ReportMaker.Public;
    [BindProperty] public bool Pdf { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty(SupportsGet = true, Name = "draft")] public string? DraftId { get; set; }

    public List<ErrorLink> Errors { get; } = [];
    public string? Published { get; private set; }
    public ReportDraft? Draft { get; private set; }
    public IReadOnlyList<string> Jurisdictions { get; private set; } = [];

    /// <summary>Per jurisdiction, the law-enforcement and jail units of its report mapping (the agencies an R1 can be made for).</summary>
    public IReadOnlyList<(string Jurisdiction, IReadOnlyList<UnitMapping> Agencies)> Agencies { get; private set; } = [];
    public IReadOnlyList<PublishedReport> Versions { get; private set; } = [];

    /// <summary>The versions already published of the draft's report, period and copy (a reason is needed when there are any).</summary>
    public int PreviousVersions => Draft is { } d ? Versions.Count(v => v.Jurisdiction == d.Jurisdiction && v.Report == d.Report && v.Period == d.Period && v.Copy == d.Copy) : 0;

    public bool CanPublish => User.Can(Permission.PublishReports);

    public bool CanAuditAccess => User.Can(Permission.AuditAccess);

    public void OnGet(string? published)
    {
        Pdf = true; // report.pdf is part of a report (reports.md section 8); leaving it out is a choice
        Load();
        if (DraftId is { } id)
            Draft = desk.FindDraft(id);
        if (Draft is not null)
        {
            (Jurisdiction, Report, Period, Copy) = (Draft.Jurisdiction, Draft.Report, Draft.Period, Draft.Copy);
            if (Draft.Report == ReportDesk.TruthAct && AgencyScope.ParseKey(Draft.Period) is var (year, unit))
                (Period, Unit) = (year.ToString(System.Globalization.CultureInfo.InvariantCulture), unit);
        }
        Published = published;
    }

    public IActionResult OnPostPreview()
    {
        Load();
        var period = (Period ?? "").Trim();
        if (period.Length == 0)
            Errors.Add(new ErrorLink(Report == ReportDesk.Transparency ? "Give the last quarter covered, such as 2026-Q1." : "Give the calendar year, such as 2025.", "period"));
        if (!string.IsNullOrEmpty(Unit) && Report != ReportDesk.TruthAct)
            Errors.Add(new ErrorLink("Only the TRUTH Act report is made for one agency: choose the governing body for this report.", "unit"));
        else if (!string.IsNullOrEmpty(Unit) && period.Length > 0)
        {
            if (period.Length != 4 || !int.TryParse(period, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year))
                Errors.Add(new ErrorLink("Give the calendar year alone, such as 2025: the agency is chosen above.", "period"));
            else
                period = AgencyScope.Key(year, Unit);
        }
        if (Errors.Count > 0)
            return Page();
        try
        {
            var draft = desk.Draft(Jurisdiction, Report, period, Report == ReportDesk.TruthAct ? Copy : null, Pdf ? "csv,html,pdf" : "csv,html", null, User.Name(), time.GetUtcNow());
            return RedirectToPage(new { draft = draft.Id });
        }
        catch (ReportRequestException e)
        {
            Errors.Add(new ErrorLink(e.Message, e.Where switch { "report" => "report", "copy" => "copy", "jurisdiction" => "jurisdiction", "unit" => "unit", _ => "period" }));
        }
        catch (ReportException e)
        {
            Errors.Add(new ErrorLink(e.Message, null));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (!CanPublish)
            return Forbid();
        Load();
        Draft = DraftId is { } id ? desk.FindDraft(id) : null;
        if (Draft is null)
        {
            Errors.Add(new ErrorLink("This draft is no longer kept: make the preview again.", null));
            return Page();
        }
        (Jurisdiction, Report, Period, Copy) = (Draft.Jurisdiction, Draft.Report, Draft.Period, Draft.Copy);
        if (PreviousVersions > 0 && string.IsNullOrWhiteSpace(Reason))
        {
            Errors.Add(new ErrorLink($"Say why version {PreviousVersions + 1} is published (a correction, a late entry): the reason is published with it.", "reason"));
            return Page();
        }
        try
        {
            var p = await desk.PublishAsync(Draft.Id, Reason, User.Name(), time.GetUtcNow());
            return RedirectToPage(new { published = $"{p.Report} {p.Period} ({p.Copy} copy) version {p.Version}, ledger entry {p.LedgerIndex}" });
        }
        catch (ReportException e)
        {
            Errors.Add(new ErrorLink(e.Message, e is ReportRequestException { Where: "reason" } ? "reason" : null));
            return Page();
        }
    }

    private void Load()
    {
        Jurisdictions = desk.Jurisdictions();
        Versions = desk.Published();
        var agencies = new List<(string, IReadOnlyList<UnitMapping>)>();
        foreach (var j in Jurisdictions)
        {
            try
            {
                var mapping = desk.StackOf(j).Mapping;
                if (mapping.Reports.Contains(ReportDesk.TruthAct, StringComparer.Ordinal))
                    agencies.Add((j, [.. AgencyScope.Agencies(mapping)]));
            }
            catch (ReportException)
            {
                // A jurisdiction whose mapping does not load offers no agencies; making its report says why.
            }
        }
        Agencies = agencies;
    }

    /// <summary>The staff link to a published file (internal copies included).</summary>
    public static string FileLink(PublishedReport v, string file) =>
        $"/reports/files/{ReportStore.Slug(v.Jurisdiction)}/{v.Report}/{v.Period}/{v.Copy}/v{v.Version}/{file}";

    /// <summary>The first table of a draft, shown in the preview: T1, R2's summary or R3's headline.</summary>
    public IReadOnlyList<string[]>? PreviewTable(out string? file)
    {
        file = null;
        if (Draft is null)
            return null;
        foreach (var name in new[] { "t1_access_by_type.csv", "e2_summary.csv", "r3_headline.csv" })
            if (Draft.Build.Files.TryGetValue(name, out var bytes))
            {
                file = name;
                return Csv.Read(bytes);
            }
        return null;
    }
}
