using Comity.Cases;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages;

[Authorize(Policy = nameof(Permission.ReadCases))]
public sealed class ReviewsModel(CaseStore cases) : PageModel
{
    public CasePage Queue { get; private set; } = null!;

    public void OnGet() => Queue = cases.List(new CaseQuery { Status = CaseStatus.AwaitingCounsel, OldestFirst = true, PageSize = CaseQuery.MaxPageSize });
}
