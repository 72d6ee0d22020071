using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Comity.TestIdentityProvider;

/// <summary>A person of the city's directory: their user name, full name and the groups they belong to.</summary>
public sealed record CityPerson(string UserName, string FullName, params string[] Groups)
{
    /// <summary>The provider's stable identifier of the person (the ID token's <c>sub</c>).</summary>
    public string Subject => "city-" + UserName;
}

/// <summary>
/// A city's identity provider for the tests: a real OpenID Connect server (OpenIddict, on Kestrel
/// on a free local port) with the authorization code flow and PKCE, one confidential client for
/// Comity, and a sign-in page that asks only for a user name from its directory. Its ID tokens
/// carry <c>sub</c>, <c>name</c>, <c>preferred_username</c> and one <c>groups</c> claim per group.
/// </summary>
public sealed class CityIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "comity";
    public const string ClientSecret = "comity-test-client-secret";

    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CityPerson> _people;

    private CityIdentityProvider(WebApplication app, IEnumerable<CityPerson> people)
    {
        _app = app;
        _people = new(people.Select(p => KeyValuePair.Create(p.UserName, p)), StringComparer.Ordinal);
    }

    /// <summary>The issuer, as Comity's configuration names it (Comity:IdentityProvider:Authority).</summary>
    public string Authority => _app.Urls.First() + "/";

    /// <summary>Starts the provider with its directory of <paramref name="people"/>.</summary>
    public static async Task<CityIdentityProvider> StartAsync(params CityPerson[] people)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var database = "city-idp-" + Guid.NewGuid().ToString("N");
        builder.Services.AddDbContext<DirectoryContext>(o =>
        {
            o.UseInMemoryDatabase(database);
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DirectoryContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
                // Plain HTTP on 127.0.0.1: this provider lives only inside a test.
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        var provider = new CityIdentityProvider(app, people);
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], provider.Authorize);
        await app.StartAsync();
        return provider;
    }

    /// <summary>Moves a person to other groups (the city's directory changed); their next sign-in carries them.</summary>
    public void SetGroups(string userName, params string[] groups) => _people[userName] = _people[userName] with { Groups = groups };

    /// <summary>Registers Comity as a client that may be sent back to <paramref name="redirectUris"/> (its /signin-oidc).</summary>
    public async Task RegisterComityAsync(params string[] redirectUris)
    {
        using var scope = _app.Services.CreateScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Comity",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris)
            descriptor.RedirectUris.Add(new Uri(uri));
        await applications.CreateAsync(descriptor);
    }

    /// <summary>
    /// The authorization endpoint: without a known user name, the sign-in page (a form that posts
    /// the authorization request back with the user name); with one, the person is signed in and
    /// OpenIddict answers with a code.
    /// </summary>
    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var userName = context.Request.HasFormContentType ? context.Request.Form["username"].ToString() : "";
        if (!_people.TryGetValue(userName, out var person))
            return Results.Content(SignInPage(context, userName.Length > 0 ? $"There is no {userName} in the city's directory." : null), "text/html; charset=utf-8");

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject)
            .SetClaim(Claims.Name, person.FullName)
            .SetClaim(Claims.PreferredUsername, person.UserName)
            .SetClaims("groups", [.. person.Groups]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static string SignInPage(HttpContext context, string? error)
    {
        var fields = context.Request.HasFormContentType
            ? context.Request.Form.Where(f => f.Key != "username").Select(f => (f.Key, f.Value.ToString()))
            : context.Request.Query.Select(q => (q.Key, q.Value.ToString()));
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>City sign-in</title></head><body><h1>City of Testville sign-in</h1>");
        if (error is not null)
            html.Append("<p role=\"alert\">").Append(WebUtility.HtmlEncode(error)).Append("</p>");
        html.Append("<form method=\"post\" action=\"/connect/authorize\">");
        foreach (var (name, value) in fields)
            html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name)).Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\">");
        html.Append("<label for=\"username\">User name</label><input id=\"username\" name=\"username\" autocomplete=\"username\">");
        html.Append("<button type=\"submit\">Sign in</button></form></body></html>");
        return html.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>OpenIddict's tables (applications, authorizations, tokens) in Entity Framework Core's in-memory store.</summary>
    internal sealed class DirectoryContext(DbContextOptions<DirectoryContext> options) : DbContext(options);
}
