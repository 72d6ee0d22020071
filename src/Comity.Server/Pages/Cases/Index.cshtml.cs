using Comity.Cases;
using Comity.Contract;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Cases;

[Authorize(Policy = nameof(Permission.ReadCases))]
public sealed class IndexModel(CaseStore cases, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Act { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public CasePage Results { get; private set; } = new([], 0, 1, CaseQuery.DefaultPageSize);

    public void OnGet()
    {
        Results = cases.List(Query(Q, Outcome, Status, Act, Overdue, time) with { Page = Math.Max(1, PageNumber) });
    }

    /// <summary>The list's filters as a query (the page and the CSV export share them). Unknown values (an edited address) are ignored rather than refused: this is a search.</summary>
    public static CaseQuery Query(string? q, string? outcome, string? status, string? act, bool overdue, TimeProvider time) => new()
    {
        Text = q,
        Outcome = Vocabularies.Outcomes.TryParse(outcome ?? "", out var o) ? o : null,
        Status = CaseVocabularies.Statuses.TryParse(status ?? "", out var s) ? s : null,
        Act = Vocabularies.Acts.TryParse(act ?? "", out var a) ? a : null,
        OverdueAt = overdue ? time.GetUtcNow() : null,
    };
}
