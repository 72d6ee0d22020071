using Comity.Cases;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Audit;

/// <summary>The auditor's view of the access log: every user's reads in sum, and everything one user read.</summary>
[Authorize(Policy = nameof(Permission.ReadAccessByUser))]
public sealed class AccessLogModel(AccessLog log) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AccessByUser> Users { get; private set; } = [];
    public AccessPage? Reads { get; private set; }

    public void OnGet()
    {
        if (string.IsNullOrWhiteSpace(UserName))
            Users = log.ByUser();
        else
            Reads = log.ForUser(UserName, Math.Max(1, PageNumber));
    }
}
