using System.Security.Claims;
using Comity.Cases;

namespace Comity.Server.Auth;

/// <summary>Why a sign-in through the identity provider was refused, as the sign-in page explains it.</summary>
public enum ExternalSignInRefusal { NoRole, Disabled, NameTaken, NoSubject, ProviderFailed }

/// <summary>
/// Turns a person the identity provider vouched for into a Comity user: found by the provider's
/// issuer and subject (created at the first sign-in, named by the configured name claim), with
/// the roles the provider's claims map to, set again at every sign-in (a changed role gives a new
/// stamp, ending the older sign-ins). Refused when the claims give no role, when an administrator
/// disabled the user in Comity, or when a local account already has the name.
/// </summary>
public sealed class ExternalSignIn(UserStore users, SignInOptions options, TimeProvider time)
{
    public (UserRecord? User, ExternalSignInRefusal? Refusal) SignIn(ClaimsPrincipal external)
    {
        var provider = options.Provider ?? throw new InvalidOperationException("no identity provider is configured");
        var sub = external.FindFirst("sub");
        if (sub is null || string.IsNullOrWhiteSpace(sub.Value))
            return (null, ExternalSignInRefusal.NoSubject);
        var subject = $"{sub.Issuer}|{sub.Value}";
        var roles = provider.RolesFor(external.FindAll(provider.RoleClaim).Select(c => c.Value));
        if (roles.Count == 0)
            return (null, ExternalSignInRefusal.NoRole);
        var displayName = external.FindFirst(provider.DisplayNameClaim)?.Value is { Length: > 0 } d ? d.Trim() : null;
        if (users.FindExternal(subject) is { } known)
        {
            if (known.Disabled)
                return (null, ExternalSignInRefusal.Disabled);
            users.SetRoles(known.Id, roles, displayName ?? known.DisplayName);
            return (users.Find(known.Id), null);
        }
        var name = external.FindFirst(provider.NameClaim)?.Value?.Trim() is { Length: > 0 } n ? n : sub.Value;
        if (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
            name = "sub-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(subject)))[..16];
        return users.TryAddExternal(name, displayName ?? name, roles, subject, time.GetUtcNow(), out var added)
            ? (added, null)
            : (null, ExternalSignInRefusal.NameTaken);
    }

    /// <summary>What the sign-in page says for a refusal (its code travels in the query string, never the text).</summary>
    public static string Explain(ExternalSignInRefusal refusal, string provider) => refusal switch
    {
        ExternalSignInRefusal.NoRole => $"You signed in with {provider}, but none of your groups gives you a role in Comity. Ask the administrator to add you to a group Comity uses.",
        ExternalSignInRefusal.Disabled => "Your Comity account is disabled. Ask the administrator.",
        ExternalSignInRefusal.NameTaken => "A local Comity account already has your user name. Ask the administrator to rename or disable it.",
        ExternalSignInRefusal.NoSubject => $"{provider} did not say who you are (no subject). Ask the administrator.",
        _ => $"Signing in with {provider} did not complete. Try again; if it keeps failing, ask the administrator.",
    };
}
