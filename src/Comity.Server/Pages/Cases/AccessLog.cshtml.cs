using Comity.Cases;
using Comity.Server.Auth;
using Comity.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Cases;

/// <summary>Who read a case: every read of it, newest first, times in the unit's zone.</summary>
[Authorize(Policy = nameof(Permission.ReadAccessLog))]
public sealed class AccessLogModel(CaseStore cases, AccessLog log, ServedStacks stacks) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public long CaseId { get; private set; }
    public AccessPage Reads { get; private set; } = new([], 0, 1, CaseQuery.DefaultPageSize);
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public IActionResult OnGet(long id)
    {
        if (cases.Find(id) is not { } c)
            return NotFound();
        CaseId = id;
        var decision = DecisionView.From(c.Current);
        Zone = stacks.Find(decision.Policy.Stack)?.ZoneOf(decision.Unit) ?? TimeZoneInfo.Utc;
        Reads = log.ForCase(id, Math.Max(1, PageNumber));
        return Page();
    }
}
