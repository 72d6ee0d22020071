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

    public static ClaimsPrincipal Principal(UserRecord user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(UserId, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(Stamp, user.Stamp),
        };
        if (user.MustChangePassword)
            claims.Add(new Claim(MustChangePassword, "true"));
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, Roles.Names.Name(r))));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string Name(this ClaimsPrincipal user) => user.Identity?.Name ?? throw new InvalidOperationException("no signed-in user");

    public static long Id(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(UserId) ?? throw new InvalidOperationException("no signed-in user"), System.Globalization.CultureInfo.InvariantCulture);

    public static bool Can(this ClaimsPrincipal user, Permission p) =>
        Permissions.RolesFor(p).Any(r => user.IsInRole(Roles.Names.Name(r)));
}
