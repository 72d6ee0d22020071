using Comity.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages;

[AllowAnonymous]
public sealed class SignInModel(UserDirectory users, SignInOptions options, ILogger<SignInModel> log) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Why the identity provider's sign-in was refused (a code, set by the handler's redirect).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Refused { get; set; }

    public string? Error { get; private set; }

    public SignInOptions Options => options;

    public void OnGet()
    {
        if (Refused is { } code && options.Provider is { } provider)
        {
            Error = ExternalSignIn.Explain(Enum.TryParse<ExternalSignInRefusal>(code, ignoreCase: true, out var why) ? why : ExternalSignInRefusal.ProviderFailed,
                provider.DisplayName);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }

    /// <summary>Off to the city's identity provider; it sends the browser back to /signin-oidc.</summary>
    public IActionResult OnGetProvider()
    {
        if (options.Provider is null)
            return NotFound();
        return Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, IdentityProviderSettings.Scheme);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!options.LocalAccounts)
        {
            Error = "Signing in with a Comity password is turned off here: sign in with " + (options.Provider?.DisplayName ?? "the city's account") + ".";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        var result = string.IsNullOrWhiteSpace(Name) || string.IsNullOrEmpty(Password) ? new SignInAttempt(null, false, false) : users.SignIn(Name, Password);
        if (result.LockedNow)
            log.LogWarning("account {User} locked after {Failures} failed sign-ins in a row (from {Address})", Name!.Trim(), UserDirectory.LockAfterFailures, HttpContext.Connection.RemoteIpAddress);
        if (result.User is not { } user)
        {
            Error = result.Locked
                ? $"This account is locked after {UserDirectory.LockAfterFailures} wrong passwords in a row. An administrator can unlock it on the Users page."
                : "The user name or password is not right. Check them and try again.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            ComityClaims.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        if (user.MustChangePassword)
            return Redirect("/account/password");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
