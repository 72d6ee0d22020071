using Comity.Cases;

namespace Comity.Server.Auth;

/// <summary>
/// Sign-in with the city's identity provider (OpenID Connect), from the configuration section
/// <c>Comity:IdentityProvider</c>, and whether local accounts (a user name and a password kept
/// by Comity) may sign in too (<c>Comity:LocalAccounts</c>, default true). Roles come from the
/// provider's claims: <c>Roles:ROLE</c> lists the values of the claim <c>RoleClaim</c> (default
/// <c>groups</c>) that give ROLE, as a comma-separated string or a list. A person whose claims give
/// no role is not signed in (fail closed).
/// </summary>
public sealed record IdentityProviderSettings(
    string Authority,
    string ClientId,
    string? ClientSecret,
    string DisplayName,
    IReadOnlyList<string> Scopes,
    string NameClaim,
    string DisplayNameClaim,
    string RoleClaim,
    IReadOnlyDictionary<Role, IReadOnlyList<string>> Roles,
    bool RequireHttpsMetadata)
{
    public const string Section = "Comity:IdentityProvider";
    public const string LocalAccountsKey = "Comity:LocalAccounts";

    /// <summary>The authentication scheme of the provider's sign-in.</summary>
    public const string Scheme = "city";

    /// <summary>The path the provider sends the browser back to (register it with the provider as the redirect URI).</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>The settings, or null when no provider is configured (no <c>Authority</c>).</summary>
    /// <exception cref="ServerConfigurationException">when a provider is configured but not completely or not rightly.</exception>
    public static IdentityProviderSettings? From(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        if (string.IsNullOrWhiteSpace(s["Authority"]))
            return null;
        if (!Uri.TryCreate(s["Authority"], UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            throw new ServerConfigurationException($"{Section}:Authority: expected the provider's issuer URL (https://...), found \"{s["Authority"]}\"");
        var clientId = s["ClientId"];
        if (string.IsNullOrWhiteSpace(clientId))
            throw new ServerConfigurationException($"{Section}:ClientId: give the client id the provider registered for Comity");
        var roles = new Dictionary<Role, IReadOnlyList<string>>();
        foreach (var entry in s.GetSection("Roles").GetChildren())
        {
            if (!Cases.Roles.Names.TryParse(entry.Key, out var role))
                throw new ServerConfigurationException($"{Section}:Roles:{entry.Key}: not a role; expected {Cases.Roles.Names.Expected}");
            var values = entry.Value is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : entry.GetChildren().Select(c => c.Value?.Trim() ?? "").Where(v => v.Length > 0).ToArray();
            roles[role] = values;
        }
        if (roles.Values.All(v => v.Count == 0))
            throw new ServerConfigurationException($"{Section}:Roles: map at least one role to the provider's groups (Roles:intake = \"jail-intake\", ...): no one could sign in");
        var requireHttps = s["RequireHttpsMetadata"] is not { Length: > 0 } https || bool.Parse(https);
        if (requireHttps && authority.Scheme != "https")
            throw new ServerConfigurationException($"{Section}:Authority: the provider must be reached over https (set RequireHttpsMetadata to false only for a provider on this machine)");
        return new IdentityProviderSettings(
            authority.AbsoluteUri, clientId.Trim(), s["ClientSecret"], s["DisplayName"] is { Length: > 0 } d ? d : "your city account",
            s["Scopes"] is { Length: > 0 } scopes ? scopes.Split(' ', ',').Where(x => x.Length > 0).ToArray() : ["openid", "profile"],
            s["NameClaim"] is { Length: > 0 } n ? n : "preferred_username", s["DisplayNameClaim"] is { Length: > 0 } dn ? dn : "name",
            s["RoleClaim"] is { Length: > 0 } r ? r : "groups", roles, requireHttps);
    }

    /// <summary>Whether people may sign in with a local account and password (default yes).</summary>
    public static bool LocalAccounts(IConfiguration configuration) =>
        configuration[LocalAccountsKey] is not { Length: > 0 } value
        || (bool.TryParse(value, out var on) ? on : throw new ServerConfigurationException($"{LocalAccountsKey}: expected true or false, found \"{value}\""));

    /// <summary>The roles <paramref name="claimValues"/> give, in the roles' order.</summary>
    public IReadOnlyList<Role> RolesFor(IEnumerable<string> claimValues)
    {
        var held = claimValues.ToHashSet(StringComparer.Ordinal);
        return [.. Roles.Where(r => r.Value.Any(held.Contains)).Select(r => r.Key).Order()];
    }
}

/// <summary>How people sign in to the web app here: the provider (null when none) and whether local accounts may.</summary>
public sealed record SignInOptions(IdentityProviderSettings? Provider, bool LocalAccounts);

/// <summary>A server setting that cannot be used; the message names the setting.</summary>
public sealed class ServerConfigurationException(string message) : Exception(message);
