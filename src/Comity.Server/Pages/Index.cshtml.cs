using Comity.Cases;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages;

public sealed class IndexModel(CaseStore cases) : PageModel
{
    public long AwaitingCounsel { get; private set; }

    public void OnGet()
    {
        if (User.Can(Permission.ReadCases))
            AwaitingCounsel = cases.List(new CaseQuery { Status = CaseStatus.AwaitingCounsel, PageSize = 1 }).Total;
    }
}
