using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Comity.Server.Auth;

/// <summary>
/// Authenticates other systems by <c>Authorization: Bearer cmy_...</c>. A missing or unknown token
/// is answered 401 and a role that lacks the permission 403, both as problem+json.
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserDirectory users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.Fail("the Authorization header is not a bearer token"));
        if (users.ResolveToken(header["Bearer ".Length..].Trim()) is not { } holder)
            return Task.FromResult(AuthenticateResult.Fail("unknown or revoked token"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ComityClaims.Principal(holder.User, SchemeName, holder.IssuedBy), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Api.Problems.Write(Context, StatusCodes.Status401Unauthorized, "Sign-in required",
            "Send an API token as 'Authorization: Bearer <token>'; an administrator issues tokens (comity users token, or the Users page).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Api.Problems.Write(Context, StatusCodes.Status403Forbidden, "Not allowed for this role",
            "The token's user does not hold a role that may do this.");
}
