using Comity.Cases;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Admin;

/// <summary>Users and tokens: administrators change them, auditors see them.</summary>
[Authorize(Policy = nameof(Permission.ReadUsers))]
public sealed class UsersModel(UserDirectory users) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public List<string> NewRoles { get; set; } = [];
    [BindProperty] public long UserId { get; set; }
    [BindProperty] public long TokenId { get; set; }
    [BindProperty] public string? Label { get; set; }

    public IReadOnlyList<(UserRecord User, IReadOnlyList<ApiTokenRecord> Tokens)> All { get; private set; } = [];
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    /// <summary>A secret to show once (a one-time password or a token), and what it is.</summary>
    public (string What, string Secret)? Secret { get; private set; }

    public void OnGet() => Load();

    public IActionResult OnPostAdd()
    {
        if (!User.Can(Permission.ManageUsers))
            return Forbid();
        var roles = NewRoles.Select(r => Roles.Names.TryParse(r, out var role) ? role : (Role?)null).OfType<Role>().ToArray();
        var (user, password, error) = users.Add(Name?.Trim() ?? "", DisplayName, roles);
        if (error is not null)
            return Invalid(error, roles.Length == 0 ? "roles" : "name");
        Secret = ($"One-time password for {user!.Name}: give it to them in person; they choose their own at first sign-in.", password!);
        Name = DisplayName = null;
        NewRoles = [];
        Load();
        return Page();
    }

    public IActionResult OnPostReset()
    {
        if (!User.Can(Permission.ManageUsers))
            return Forbid();
        if (users.Store.Find(UserId) is not { } user)
            return NotFound();
        Secret = ($"New one-time password for {user.Name}:", users.ResetPassword(user.Id));
        Load();
        return Page();
    }

    public IActionResult OnPostToggle()
    {
        if (!User.Can(Permission.ManageUsers))
            return Forbid();
        if (users.Store.Find(UserId) is not { } user)
            return NotFound();
        if (user.Id == User.Id())
            return Invalid("You cannot disable your own account.", "");
        users.SetDisabled(user.Id, !user.Disabled);
        return Redirect("/admin/users");
    }

    public IActionResult OnPostToken()
    {
        if (!User.Can(Permission.ManageUsers))
            return Forbid();
        if (users.Store.Find(UserId) is not { } user)
            return NotFound();
        if (string.IsNullOrWhiteSpace(Label))
            return Invalid("Give the token a label that says which system uses it.", $"label-{UserId}");
        var (_, token) = users.IssueToken(user.Id, Label.Trim());
        Secret = ($"API token \"{Label.Trim()}\" for {user.Name}: copy it now, it is not shown again. Send it as 'Authorization: Bearer <token>'.", token);
        Label = null;
        Load();
        return Page();
    }

    public IActionResult OnPostRevoke()
    {
        if (!User.Can(Permission.ManageUsers))
            return Forbid();
        users.RevokeToken(TokenId);
        return Redirect("/admin/users");
    }

    private IActionResult Invalid(string error, string field)
    {
        Error = char.ToUpperInvariant(error[0]) + error[1..] + (error.EndsWith('.') ? "" : ".");
        ErrorField = field;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Load();
        return Page();
    }

    private void Load() => All = users.Store.List().Select(u => (u, users.Store.Tokens(u.Id))).ToArray();
}
