using System.Net;
using Comity.Cases;
using Comity.Tests.Server.Support;

namespace Comity.Tests.Server;

/// <summary>
/// The headers every answer carries, value by value (issue 18 point 12). The browser tests also
/// watch every page for a Content-Security-Policy violation; this pins what the policy says.
/// </summary>
public sealed class SecurityHeaderTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly (string Name, string Value)[] Always =
    [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("X-Permitted-Cross-Domain-Policies", "none"),
        ("Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"),
    ];

    [Theory]
    [InlineData(null, "/signin")]
    [InlineData("intake", "/")]
    [InlineData("intake", "/cases")]
    [InlineData("intake", "/intake")]
    [InlineData("auditor", "/access-log")]
    public async Task Every_staff_page_carries_the_policy_and_is_never_cached(string? role, string path)
    {
        var client = await server.App(role is null ? null : Roles.Names.TryParse(role, out var r) ? r : throw new ArgumentException(role));
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertAlways(response);
        Assert.True(response.Headers.CacheControl is { NoStore: true }, $"{path}: Cache-Control is \"{response.Headers.CacheControl}\"");
    }

    [Theory]
    [InlineData("/api/v1/cases")]
    [InlineData("/api/v1/duties")]
    public async Task Every_api_answer_carries_the_policy_and_is_never_cached(string path)
    {
        var response = await server.Api(Role.Supervisor).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertAlways(response);
        Assert.True(response.Headers.CacheControl is { NoStore: true }, $"{path}: Cache-Control is \"{response.Headers.CacheControl}\"");
    }

    [Fact]
    public async Task An_error_answer_carries_the_policy_too()
    {
        var response = await server.Api(null).GetAsync("/api/v1/cases");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertAlways(response);
    }

    private static void AssertAlways(HttpResponseMessage response)
    {
        foreach (var (name, value) in Always)
            Assert.True(response.Headers.TryGetValues(name, out var values) && values.Single() == value,
                $"{response.RequestMessage!.RequestUri!.AbsolutePath}: {name} should be \"{value}\", is \"{(response.Headers.TryGetValues(name, out var v) ? string.Join(" | ", v) : "(absent)")}\"");
    }
}
