using Comity.Cases;
using Comity.Recording;
using Comity.Server.Auth;
using Comity.Server.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Cases;

/// <summary>
/// The case list as CSV (<see cref="CaseListCsv"/>): every case the case list's filters match, not
/// only one page. The person's identity is in it only for those who may take it in bulk. It needs
/// a purpose (<c>purpose</c>, <c>note</c>), kept with the export's <c>access</c> ledger entry.
/// </summary>
[Authorize(Policy = nameof(Permission.ReadCases))]
public sealed class ExportModel(CaseStore cases, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Act { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }

    public IActionResult OnGet()
    {
        // An export needs a purpose (reports.md P8), checked where every read is recorded; the case list's form asks for it.
        if (HttpContext.Items[AccessLogging.PurposeProblem] is AccessPurposeCheck problem)
            return BadRequest($"{problem.Problem} Go back to the case list and choose why you download.");
        var query = IndexModel.Query(Q, Outcome, Status, Act, Overdue, time) with { Page = 1 };
        using var csv = new MemoryStream();
        HttpContext.Items[AccessLogging.RecordsShown] = CaseListCsv.Write(cases, query, User.Can(Permission.ExportIdentity), csv);
        Response.Headers.CacheControl = "no-store";
        return File(csv.ToArray(), "text/csv; charset=utf-8", $"cases-{time.GetUtcNow():yyyy-MM-dd}.csv");
    }
}
