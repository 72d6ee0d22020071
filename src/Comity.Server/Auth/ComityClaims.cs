using System.Security.Claims;
using Comity.Cases;

namespace Comity.Server.Auth;

/// <summary>The claims Comity puts on a signed-in principal, and how to read them back.</summary>
public static class ComityClaims
{
    public const string UserId = "comity:user-id";
    public const string Stamp = "comity:stamp";
    public const string MustChangePassword = "comity:must-change-password";

    /// <summary>Present when the person signed in through the identity provider (no password to change here).</summary>
    public const string SignedInWith = "comity:signed-in-with";

    /// <summary>On a principal signed in with an API token another user issued: that user's name.</summary>
    public const string TokenIssuedBy = "comity:token-issued-by";

    public static ClaimsPrincipal Principal(UserRecord user, string scheme, string? tokenIssuedBy = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(UserId, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(Stamp, user.Stamp),
        };
        if (user.MustChangePassword)
            claims.Add(new Claim(MustChangePassword, "true"));
        if (tokenIssuedBy is not null)
            claims.Add(new Claim(TokenIssuedBy, tokenIssuedBy));
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, Roles.Names.Name(r))));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// The actor, as ledger entries and the access log name it: the user's name; for an API token
    /// an administrator issued for the user, both: <c>clerk (token issued by admin)</c>.
    /// </summary>
    public static string Name(this ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? throw new InvalidOperationException("no signed-in user");
        return user.FindFirstValue(TokenIssuedBy) is { } issuer ? $"{name} (token issued by {issuer})" : name;
    }

    /// <summary>The roles the principal holds.</summary>
    public static IReadOnlyList<Role> RolesHeld(this ClaimsPrincipal user) =>
        [.. user.FindAll(ClaimTypes.Role).Select(c => Roles.Names.TryParse(c.Value, out var r) ? r : (Role?)null).OfType<Role>()];

    public static long Id(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(UserId) ?? throw new InvalidOperationException("no signed-in user"), System.Globalization.CultureInfo.InvariantCulture);

    public static bool Can(this ClaimsPrincipal user, Permission p) =>
        Permissions.RolesFor(p).Any(r => user.IsInRole(Roles.Names.Name(r)));
}
