using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;
using Comity.Server;
using Comity.Server.Api;
using Comity.Server.Auth;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Server;

/// <summary>
/// Inputs found by fuzzing that once made the API answer 500 or redirect to the sign-in page:
/// each is now a 4xx problem+json naming what is wrong, and nothing is recorded for it.
/// </summary>
public sealed class BadInputApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string Example = File.ReadAllText(RepoRoot.Combine("examples/la/detainer-robbery.json"));

    private (long Entries, long Cases) Recorded() =>
        (server.Services.GetRequiredService<TransparencyLog>().Size, server.Services.GetRequiredService<CaseStore>().List(new CaseQuery()).Total);

    private static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_lone_surrogate_escape_is_a_400_problem_and_records_nothing()
    {
        var before = Recorded();

        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(Example.Replace("\"LAPD-2025-000200\"", "\"\\ud800\"", StringComparison.Ordinal)));

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("$", problem.GetProperty("errors")[0].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Recorded());
    }

    [Fact]
    public async Task A_body_starting_with_two_byte_order_marks_is_a_400_problem_and_records_nothing()
    {
        var before = Recorded();

        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", Body([.. "\uFEFF\uFEFF"u8, .. Encoding.UTF8.GetBytes(Example)]));

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("not valid JSON at line 1, column 1", problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Recorded());
    }

    [Fact]
    public async Task A_body_starting_with_one_byte_order_mark_is_decided_and_recorded_without_it()
    {
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", Body([.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes(Example)]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entry = server.Services.GetRequiredService<TransparencyLog>().Read(answer.RootElement.GetProperty("receipt").GetProperty("index").GetInt64());
        Assert.Equal("LAPD-2025-000200", entry.Body.GetProperty("request").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-thing")]
    [InlineData("POST", "/api/v1/no-such-thing")]
    [InlineData("GET", "/api/v1")]
    [InlineData("DELETE", "/api/v1/cases/1/no-such-thing")]
    public async Task An_api_call_that_matches_no_route_is_a_404_problem(string method, string path)
    {
        var response = await server.Api(Role.Intake).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await Problem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_api_call_with_the_wrong_method_is_a_405_problem()
    {
        var response = await server.Api(Role.Intake).GetAsync("/api/v1/decisions");

        await Problem(response, HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v1/decisions")]
    public async Task An_api_call_without_a_token_is_a_401_problem_never_a_redirect_to_sign_in(string path)
    {
        var response = await server.Api(null).PostAsync(path, ServerFixture.Json(Example));

        await Problem(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_page_that_does_not_exist_still_sends_a_person_to_sign_in()
    {
        var response = await (await server.App(null)).GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
    }

    /// <summary>Kestrel's own limit stops a chunked body (it has no length to refuse it by beforehand); the test server has no such limit.</summary>
    [Fact]
    public async Task A_chunked_body_over_the_limit_on_kestrel_is_a_413_problem_and_records_nothing()
    {
        await using var live = await LiveServer.Start(RepoRoot.Combine("stacks"));
        var padded = Example.TrimEnd()[..^1] + ",\"id\":\"" + new string('x', DecisionsApi.MaxRequestBytes) + "\"}";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(padded)));
        content.Headers.ContentType = new("application/json");

        var response = await live.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/decisions") { Content = content, Headers = { TransferEncodingChunked = true } });

        await Problem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, live.App.Services.GetRequiredService<TransparencyLog>().Size);
    }

    [Fact]
    public async Task A_request_whose_stack_has_errors_is_a_503_problem_and_records_nothing()
    {
        using var stacks = Cli.Support.Repo.TempDir();
        var broken = stacks.CopyFrom(RepoRoot.Combine("stacks/demo"), "us/ca/broken");
        var ordinance = Path.Combine(broken, "city", "ordinance.law");
        File.WriteAllText(ordinance, File.ReadAllText(ordinance).Replace("  when act is one of hold,", "  when " + new string('(', 30_000) + "act is one of hold,", StringComparison.Ordinal));
        await using var live = await LiveServer.Start(stacks.Path);

        var response = await live.Http.PostAsync("/api/v1/decisions", ServerFixture.Json(Example.Replace("\"us/ca/los-angeles\"", "\"us/ca/broken\"", StringComparison.Ordinal)));

        var problem = await Problem(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("us/ca/broken", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, live.App.Services.GetRequiredService<TransparencyLog>().Size);
    }

    /// <summary>The server on Kestrel on a free local port, over a fresh data folder, with an intake user's token.</summary>
    private sealed class LiveServer(WebApplication app, string data) : IAsyncDisposable
    {
        public WebApplication App => app;
        public HttpClient Http { get; } = new() { BaseAddress = new Uri(app.Urls.First()) };

        public static async Task<LiveServer> Start(string stacks)
        {
            var data = Path.Combine(Path.GetTempPath(), "comity-server-tests", Guid.NewGuid().ToString("N"));
            var app = ServerApp.Build(["--Comity:Data", data, "--Comity:Stacks", stacks, "--urls", "http://127.0.0.1:0"]);
            await app.StartAsync();
            var live = new LiveServer(app, data);
            var users = app.Services.GetRequiredService<UserDirectory>();
            var (user, _, error) = users.Add("live", null, [Role.Intake]);
            Assert.Null(error);
            live.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", users.IssueToken(user!.Id, "tests").Token);
            return live;
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
