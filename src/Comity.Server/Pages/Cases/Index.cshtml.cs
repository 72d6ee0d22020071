using Comity.Cases;
using Comity.Contract;
using Comity.Recording;
using Comity.Server.Auth;
using Comity.Server.Hosting;
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
    [BindProperty(SupportsGet = true)] public string? Purpose { get; set; }
    [BindProperty(SupportsGet = true)] public string? Note { get; set; }

    public CasePage Results { get; private set; } = new([], 0, 1, CaseQuery.DefaultPageSize);

    /// <summary>Why the search was refused (no purpose, or a note that cannot be kept), for the form; null when it ran.</summary>
    public AccessPurposeCheck? PurposeProblem { get; private set; }

    public void OnGet()
    {
        // A search by words finds people: it needs a purpose (reports.md P8), checked where every read is recorded.
        if (HttpContext.Items[AccessLogging.PurposeProblem] is AccessPurposeCheck problem)
        {
            PurposeProblem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Results = cases.List(Query(Q, Outcome, Status, Act, Overdue, time) with { Page = Math.Max(1, PageNumber) });
        HttpContext.Items[AccessLogging.RecordsShown] = (long)Results.Items.Count;
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
