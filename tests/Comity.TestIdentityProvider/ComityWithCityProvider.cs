using Comity.Server;
using Comity.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.TestIdentityProvider;

/// <summary>
/// Comity as <c>comity serve</c> runs it (Kestrel, a free local port, a fresh data folder), set up
/// to sign people in through a <see cref="CityIdentityProvider"/> with roles mapped from its groups:
/// <c>jail-intake</c> gives intake, <c>jail-supervisors</c> supervisor, <c>city-attorneys</c>
/// counsel, <c>comity-admins</c> admin; <c>all-staff</c> gives nothing.
/// </summary>
public sealed class ComityWithCityProvider : IAsyncDisposable
{
    public const string ProviderName = "City of Testville account";

    private readonly WebApplication _app;

    private ComityWithCityProvider(WebApplication app, CityIdentityProvider city, string dataFolder)
    {
        _app = app;
        City = city;
        DataFolder = dataFolder;
    }

    public CityIdentityProvider City { get; }
    public string DataFolder { get; }
    public string BaseUrl => _app.Urls.First();
    public UserDirectory Users => _app.Services.GetRequiredService<UserDirectory>();

    /// <summary>The people of the city's directory the tests sign in as.</summary>
    public static readonly CityPerson[] People =
    [
        new("dana.ortiz", "Dana Ortiz", "city-attorneys", "all-staff"),
        new("sam.lee", "Sam Lee", "jail-supervisors", "jail-intake", "all-staff"),
        new("pat.kim", "Pat Kim", "all-staff"),
    ];

    public static async Task<ComityWithCityProvider> StartAsync(string stacksRoot, bool localAccounts = true)
    {
        var city = await CityIdentityProvider.StartAsync(People);
        var data = Path.Combine(Path.GetTempPath(), "comity-oidc-tests", Guid.NewGuid().ToString("N"));
        var app = ServerApp.Build([
            "--Comity:Data", data, "--Comity:Stacks", stacksRoot, "--urls", "http://127.0.0.1:0",
            "--Comity:LocalAccounts", localAccounts ? "true" : "false",
            "--Comity:IdentityProvider:Authority", city.Authority,
            "--Comity:IdentityProvider:ClientId", CityIdentityProvider.ClientId,
            "--Comity:IdentityProvider:ClientSecret", CityIdentityProvider.ClientSecret,
            "--Comity:IdentityProvider:DisplayName", ProviderName,
            // The provider is on this machine, over plain HTTP: only a test may say so.
            "--Comity:IdentityProvider:RequireHttpsMetadata", "false",
            "--Comity:IdentityProvider:Roles:intake", "jail-intake",
            "--Comity:IdentityProvider:Roles:supervisor", "jail-supervisors",
            "--Comity:IdentityProvider:Roles:counsel", "city-attorneys",
            "--Comity:IdentityProvider:Roles:admin", "comity-admins",
        ]);
        await app.StartAsync();
        var site = new ComityWithCityProvider(app, city, data);
        await city.RegisterComityAsync(site.BaseUrl + IdentityProviderSettings.CallbackPath);
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await City.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
