using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages;

/// <summary>The page shown for an error status (403, 404, 500...), keeping the status code.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    // Re-executed POSTs (a 403 on a form) land here too.
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            403 => ("Not allowed", "Your role does not allow this. If you need it, ask a supervisor or an administrator."),
            404 => ("Not found", "There is no such page or case. Check the address or search the case list."),
            400 => ("Something in the form was not accepted", "Go back and try again; if it happens again, reload the page first."),
            429 => ("Too many sign-in attempts", "Too many sign-ins were tried from this computer in the last minute. Wait a minute and try again; after five wrong passwords in a row an account is locked until an administrator unlocks it."),
            _ => ("Something went wrong", "Nothing was recorded by the step that failed. Try again; if it keeps failing, tell your administrator."),
        };
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is >= 400 and < 600)
            Response.StatusCode = code;
    }
}
