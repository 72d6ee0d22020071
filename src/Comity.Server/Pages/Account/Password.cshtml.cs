using Comity.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Account;

public sealed class PasswordModel(UserDirectory users) : PageModel
{
    [BindProperty] public string? Current { get; set; }
    [BindProperty] public string? Chosen { get; set; }
    [BindProperty] public string? Again { get; set; }

    public Dictionary<string, string> Errors { get; } = [];
    public bool Done { get; private set; }
    public bool MustChange => User.HasClaim(ComityClaims.MustChangePassword, "true");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Current))
            Errors["Current"] = "Enter your current password.";
        if (string.IsNullOrEmpty(Chosen))
            Errors["Chosen"] = "Enter a new password.";
        else if (Chosen != Again)
            Errors["Again"] = "The two new passwords are not the same.";
        if (Errors.Count == 0 && users.ChangePassword(User.Id(), Current!, Chosen!) is { } error)
            Errors[error.Contains("current", StringComparison.Ordinal) ? "Current" : "Chosen"] = char.ToUpperInvariant(error[0]) + error[1..] + ".";
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // The password change renewed the account's stamp: sign in again with the new one.
        var user = users.Store.Find(User.Id())!;
        var wasForced = MustChange;
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ComityClaims.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        if (wasForced)
            return Redirect("/");
        Done = true;
        return Page();
    }
}
