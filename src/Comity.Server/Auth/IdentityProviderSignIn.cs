using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Comity.Server.Auth;

/// <summary>
/// ASP.NET Core's OpenID Connect handler, set up for the city's provider: the authorization code
/// flow with PKCE, the answer in the query string (so that the correlation cookies can be
/// SameSite=Lax and the flow works where the server is plain HTTP on 127.0.0.1), the provider's
/// claim names kept as they are. When the provider vouches for someone, <see cref="ExternalSignIn"/>
/// makes that person a Comity user with the mapped roles, and the sign-in cookie carries the
/// Comity user as a password sign-in would; a refusal goes back to the sign-in page with its reason.
/// </summary>
public static class IdentityProviderSignIn
{
    public static void Configure(OpenIdConnectOptions o, IdentityProviderSettings provider)
    {
        o.Authority = provider.Authority;
        o.ClientId = provider.ClientId;
        o.ClientSecret = provider.ClientSecret;
        o.RequireHttpsMetadata = provider.RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.Scope.Clear();
        foreach (var scope in provider.Scopes.Append("openid").Distinct())
            o.Scope.Add(scope);
        o.CallbackPath = IdentityProviderSettings.CallbackPath;
        o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.TokenValidationParameters.NameClaimType = provider.NameClaim;
        o.TokenValidationParameters.RoleClaimType = provider.RoleClaim;
        foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        o.Events.OnTicketReceived = context =>
        {
            var (user, refusal) = context.HttpContext.RequestServices.GetRequiredService<ExternalSignIn>().SignIn(context.Principal!);
            if (refusal is { } why)
            {
                context.Response.Redirect(Refused(why));
                context.HandleResponse();
                return Task.CompletedTask;
            }
            var principal = ComityClaims.Principal(user!, CookieAuthenticationDefaults.AuthenticationScheme);
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(ComityClaims.SignedInWith, IdentityProviderSettings.Scheme));
            context.Principal = principal;
            return Task.CompletedTask;
        };
        o.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect(Refused(ExternalSignInRefusal.ProviderFailed));
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    private static string Refused(ExternalSignInRefusal why) => "/signin?refused=" + why.ToString().ToLowerInvariant();
}
