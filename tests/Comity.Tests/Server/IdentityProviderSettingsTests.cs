using Comity.Cases;
using Comity.Server.Auth;
using Microsoft.Extensions.Configuration;

namespace Comity.Tests.Server;

/// <summary>The identity provider's configuration: roles mapped from claim values, and a setting that cannot work refused by its name.</summary>
public sealed class IdentityProviderSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    private static readonly (string, string)[] Provider =
    [
        ("Comity:IdentityProvider:Authority", "https://login.city.example/"),
        ("Comity:IdentityProvider:ClientId", "comity"),
    ];

    [Fact]
    public void No_authority_means_no_provider_and_local_accounts_stay_on()
    {
        Assert.Null(IdentityProviderSettings.From(Config()));
        Assert.True(IdentityProviderSettings.LocalAccounts(Config()));
        Assert.False(IdentityProviderSettings.LocalAccounts(Config(("Comity:LocalAccounts", "false"))));
    }

    [Fact]
    public void Roles_come_from_a_comma_separated_string_or_a_list_of_claim_values()
    {
        var settings = IdentityProviderSettings.From(Config([.. Provider,
            ("Comity:IdentityProvider:Roles:counsel", "city-attorney, deputy-attorneys"),
            ("Comity:IdentityProvider:Roles:intake:0", "jail-intake"),
            ("Comity:IdentityProvider:Roles:intake:1", "watch")]))!;
        Assert.Equal("groups", settings.RoleClaim);
        Assert.Equal([Role.Counsel], settings.RolesFor(["deputy-attorneys", "all-staff"]));
        Assert.Equal([Role.Intake, Role.Counsel], settings.RolesFor(["city-attorney", "watch"]));
        Assert.Empty(settings.RolesFor(["all-staff"]));
        Assert.Empty(settings.RolesFor(["City-Attorney"])); // claim values are compared exactly
    }

    [Theory]
    [InlineData("Comity:IdentityProvider:Roles:lawyer", "city-attorney", "Comity:IdentityProvider:Roles:lawyer")]
    [InlineData("Comity:IdentityProvider:Roles:counsel", "", "Comity:IdentityProvider:Roles")]
    [InlineData("Comity:IdentityProvider:ClientId", "", "Comity:IdentityProvider:ClientId")]
    [InlineData("Comity:IdentityProvider:Authority", "http://login.city.example/", "Comity:IdentityProvider:Authority")]
    public void A_setting_that_cannot_work_is_refused_by_its_name(string key, string value, string named)
    {
        var settings = Provider.ToDictionary(s => s.Item1, s => s.Item2);
        settings.TryAdd("Comity:IdentityProvider:Roles:counsel", "city-attorney");
        settings[key] = value;
        var e = Assert.Throws<ServerConfigurationException>(() => IdentityProviderSettings.From(Config([.. settings.Select(s => (s.Key, s.Value))])));
        Assert.StartsWith(named, e.Message, StringComparison.Ordinal);
    }
}
