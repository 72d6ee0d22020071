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
        // Unknown filter values (an edited address) are ignored rather than refused: this is a search page.
        Results = cases.List(new CaseQuery
        {
            Text = Q,
            Outcome = Vocabularies.Outcomes.TryParse(Outcome ?? "", out var o) ? o : null,
            Status = CaseVocabularies.Statuses.TryParse(Status ?? "", out var s) ? s : null,
            Act = Vocabularies.Acts.TryParse(Act ?? "", out var a) ? a : null,
            Page = Math.Max(1, PageNumber),
            OverdueAt = Overdue ? time.GetUtcNow() : null,
        });
    }
}
