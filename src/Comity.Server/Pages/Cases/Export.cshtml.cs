using Comity.Cases;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Cases;

/// <summary>
/// The case list as CSV (<see cref="CaseListCsv"/>): every case the case list's filters match, not
/// only one page. The person's identity is in it only for those who may take it in bulk.
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
        var query = IndexModel.Query(Q, Outcome, Status, Act, Overdue, time) with { Page = 1 };
        using var csv = new MemoryStream();
        CaseListCsv.Write(cases, query, User.Can(Permission.ExportIdentity), csv);
        Response.Headers.CacheControl = "no-store";
        return File(csv.ToArray(), "text/csv; charset=utf-8", $"cases-{time.GetUtcNow():yyyy-MM-dd}.csv");
    }
}
