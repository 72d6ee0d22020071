using Comity.Cases;
using Comity.Server.Auth;
using Comity.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages;

/// <summary>
/// The dashboard of what is open: case duties with their due times and cases waiting for counsel,
/// overdue first, then by due time, per unit. The order and the overdue test are the case store's.
/// </summary>
[Authorize(Policy = nameof(Permission.ReadCases))]
public sealed class DutiesModel(CaseStore cases, ServedStacks stacks, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public DutyPage Results { get; private set; } = new([], 0, 1, CaseQuery.DefaultPageSize);
    public DateTimeOffset Now { get; private set; }
    public ServedStacks Stacks => stacks;

    public void OnGet()
    {
        Now = time.GetUtcNow();
        Results = cases.OpenDuties(string.IsNullOrEmpty(Unit) ? null : Unit, Overdue, Now, Math.Max(1, PageNumber));
    }

    /// <summary>The stack that declares a unit, for its title and time zone.</summary>
    public ServedStack? StackOf(string unit) => stacks.All.FirstOrDefault(s => s.Units.Any(u => u.Id == unit));

    /// <summary>How long from now to a due time, or since it passed, in words.</summary>
    public static string Until(DateTimeOffset due, DateTimeOffset now)
    {
        var span = due - now;
        var words = Span(span.Duration());
        return span < TimeSpan.Zero ? $"overdue by {words}" : $"due in {words}";
    }

    public static string Span(TimeSpan span) => span.TotalDays >= 2 ? $"{(int)span.TotalDays} days"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
        : $"{Math.Max(0, (int)span.TotalMinutes)} min";
}
