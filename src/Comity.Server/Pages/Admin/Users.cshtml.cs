using Comity.Cases;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Admin;

/// <summary>
/// Users and tokens: administrators change them, auditors see them. Every change is asked to be
/// confirmed first (the form comes back with the question and a button that confirms it), and once
/// made redirects to the page (POST-redirect-GET), so that reloading never makes it twice; a
/// one-time password or a token to show once travels in the encrypted TempData cookie, read once.
/// </summary>
[Authorize(Policy = nameof(Permission.ReadUsers))]
public sealed class UsersModel(UserDirectory users) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public List<string> NewRoles { get; set; } = [];
    [BindProperty] public long UserId { get; set; }
    [BindProperty] public long TokenId { get; set; }
    [BindProperty] public string? Label { get; set; }

    /// <summary>Set by the confirmation's own button: the change is made only then.</summary>
    [BindProperty] public bool Confirmed { get; set; }

    public IReadOnlyList<(UserRecord User, IReadOnlyList<ApiTokenRecord> Tokens)> All { get; private set; } = [];
    public IReadOnlyList<AccountEvent> Events { get; private set; } = [];
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    /// <summary>A secret to show once (a one-time password or a token), and what it is.</summary>
    public (string What, string Secret)? Secret { get; private set; }

    /// <summary>What was just done, after the redirect.</summary>
    public string? Done { get; private set; }

    /// <summary>A change waiting for confirmation: the handler, the question, the fields to post again and the button's words.</summary>
    public Confirmation? Confirming { get; private set; }

    public sealed record Confirmation(string Handler, string Question, IReadOnlyList<(string Name, string Value)> Fields, string Button);

    public void OnGet()
    {
        if (TempData["Secret"] is string secret && TempData["SecretWhat"] is string what)
            Secret = (what, secret);
        Done = TempData["Done"] as string;
        Load();
    }

    public IActionResult OnPostAdd()
    {
        if (!User.Can(Permission.ManageUsers))
            return Forbid();
        var roles = NewRoles.Select(r => Roles.Names.TryParse(r, out var role) ? role : (Role?)null).OfType<Role>().ToArray();
        var name = Name?.Trim() ?? "";
        if (roles.Length == 0)
            return Invalid("give the user at least one role: " + Roles.Names.Expected, "roles");
        if (name.Length == 0)
            return Invalid("give the user a name", "name");
        if (!Confirmed)
            return Confirm("Add", $"Add the user {name} with the roles {Roles.Join(roles)}? They get a one-time password to change at first sign-in.",
                [("Name", name), ("DisplayName", DisplayName ?? ""), .. roles.Select(r => ("NewRoles", Roles.Names.Name(r)))], "Yes, add the user");
        var (user, password, error) = users.Add(name, DisplayName, roles);
        if (error is not null)
            return Invalid(error, "name");
        return Changed($"Added {user!.Name}.", ($"One-time password for {user.Name}: give it to them in person; they choose their own at first sign-in.", password!));
    }

    public IActionResult OnPostReset()
    {
        if (!User.Can(Permission.ManageUsers))
            return Forbid();
        if (users.Store.Find(UserId) is not { } user)
            return NotFound();
        if (!Confirmed)
            return Confirm("Reset", $"Give {user.Name} a new one-time password? Their current password stops working and they are signed out.",
                [("UserId", Id(user.Id))], "Yes, give a new one-time password");
        return Changed($"{user.Name} has a new one-time password.", ($"New one-time password for {user.Name}:", users.ResetPassword(user.Id, User.Name())));
    }

    public IActionResult OnPostToggle()
    {
        if (!User.Can(Permission.ManageUsers))
            return Forbid();
        if (users.Store.Find(UserId) is not { } user)
            return NotFound();
        if (user.Id == User.Id())
            return Invalid("You cannot disable your own account.", "");
        if (!Confirmed)
            return Confirm("Toggle", user.Disabled ? $"Enable {user.Name}'s account again?" : $"Disable {user.Name}'s account? They are signed out and their API tokens stop working.",
                [("UserId", Id(user.Id))], user.Disabled ? "Yes, enable it" : "Yes, disable it");
        users.SetDisabled(user.Id, !user.Disabled, User.Name());
        return Changed(user.Disabled ? $"{user.Name}'s account is enabled." : $"{user.Name}'s account is disabled.");
    }

    public IActionResult OnPostUnlock()
    {
        if (!User.Can(Permission.ManageUsers))
            return Forbid();
        if (users.Store.Find(UserId) is not { } user)
            return NotFound();
        if (user.LockedAt is null)
            return Invalid($"{user.Name}'s account is not locked.", "");
        if (!Confirmed)
            return Confirm("Unlock", $"Unlock {user.Name}'s account? It was locked after {UserDirectory.LockAfterFailures} wrong passwords in a row; check with them that it was them.",
                [("UserId", Id(user.Id))], "Yes, unlock it");
        users.Unlock(user.Id, User.Name());
        return Changed($"{user.Name}'s account is unlocked.");
    }

    public IActionResult OnPostToken()
    {
        if (!User.Can(Permission.ManageUsers))
            return Forbid();
        if (users.Store.Find(UserId) is not { } user)
            return NotFound();
        if (string.IsNullOrWhiteSpace(Label))
            return Invalid("Give the token a label that says which system uses it.", $"label-{UserId}");
        var label = Label.Trim();
        if (!Confirmed)
            return Confirm("Token", user.Id == User.Id()
                    ? $"Issue an API token \"{label}\" for yourself?"
                    : $"Issue an API token \"{label}\" that acts as {user.Name}? It is recorded as issued by you, and everything done with it names you both.",
                [("UserId", Id(user.Id)), ("Label", label)], "Yes, issue the token");
        var (_, token) = users.IssueToken(user.Id, label, User.Name());
        return Changed($"Issued the token \"{label}\" for {user.Name}.",
            ($"API token \"{label}\" for {user.Name}: copy it now, it is not shown again. Send it as 'Authorization: Bearer <token>'.", token));
    }

    public IActionResult OnPostRevoke()
    {
        if (!User.Can(Permission.ManageUsers))
            return Forbid();
        if (!Confirmed)
            return Confirm("Revoke", "Revoke this API token? The system using it can no longer call Comity.", [("TokenId", Id(TokenId))], "Yes, revoke it");
        users.RevokeToken(TokenId, User.Name());
        return Changed("The token is revoked.");
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private IActionResult Confirm(string handler, string question, IReadOnlyList<(string, string)> fields, string button)
    {
        Confirming = new Confirmation(handler, question, fields, button);
        Load();
        return Page();
    }

    /// <summary>The change is made: back to the page by a redirect, so that reloading it changes nothing.</summary>
    private IActionResult Changed(string done, (string What, string Secret)? secret = null)
    {
        TempData["Done"] = done;
        if (secret is { } s)
        {
            TempData["SecretWhat"] = s.What;
            TempData["Secret"] = s.Secret;
        }
        return Redirect("/admin/users#done");
    }

    private IActionResult Invalid(string error, string field)
    {
        Error = char.ToUpperInvariant(error[0]) + error[1..] + (error.EndsWith('.') ? "" : ".");
        ErrorField = field;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Load();
        return Page();
    }

    private void Load()
    {
        All = users.Store.List().Select(u => (u, users.Store.Tokens(u.Id))).ToArray();
        Events = users.Store.Events(limit: 50);
    }
}
