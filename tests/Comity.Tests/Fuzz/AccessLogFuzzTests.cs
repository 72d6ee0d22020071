using Comity.Cases;
using Comity.Tests.Fuzz.Support;
using Comity.Tests.Server.Support;
using CsCheck;

namespace Comity.Tests.Fuzz;

/// <summary>
/// The endpoints issue 18 added for auditors and administrators (the access log per case and per
/// user, unlocking an account), on the real server in process, with query strings and names built
/// from their own parameters and every kind of value: each answers 2xx, or refuses 400/404/409 as
/// problem+json; never 500.
/// </summary>
public sealed class AccessLogFuzzTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] Parameters = ["page", "pageSize", "user", "q", "", "page[]"];

    private static readonly string[] Values =
        ["", "0", "1", "-1", "2", "200", "201", "2147483648", "9999999999999999999", "1e3", "x", "as-intake", "AS-INTAKE", "%00", "%FF", "%E2%80%AE",
         "'%20OR%201=1--", "..%2F..%2Fetc", new string('a', 5000)];

    private static readonly Gen<string> Queries = Gen.Select(Gen.Int[0, Parameters.Length - 1], Gen.Int[0, Values.Length - 1])
        .Array[0, 4].Select(pairs => string.Join("&", pairs.Select(p => $"{Parameters[p.Item1]}={Values[p.Item2]}")));

    private static readonly Gen<string> Names = Gen.Frequency(
        (2, Gen.Int[0, Values.Length - 1].Select(i => Values[i])),
        (1, Gen.String[Gen.Char, 0, 40].Select(Uri.EscapeDataString)));

    [Fact]
    public async Task Access_log_queries_and_unlocks_are_answered_or_refused_as_problems_never_500()
    {
        var id = await server.Decide();
        using var auditor = server.Api(Role.Auditor);
        using var admin = server.Api(Role.Admin);

        Gen.Select(Gen.Int[0, 4], Queries, Names).Sample((door, query, name) =>
        {
            using var response = door switch
            {
                0 => auditor.GetAsync($"/api/v1/cases/{id}/access-log?{query}").GetAwaiter().GetResult(),
                1 => auditor.GetAsync($"/api/v1/cases/{(name.Length % 2 == 0 ? id : 987654321)}/access-log?{query}").GetAwaiter().GetResult(),
                2 => auditor.GetAsync($"/api/v1/access-log?{query}").GetAwaiter().GetResult(),
                3 => auditor.GetAsync($"/api/v1/access-log/users?{query}").GetAwaiter().GetResult(),
                // The in-process test server refuses a path holding a NUL before the app sees it (Kestrel answers 400).
                _ => admin.PostAsync($"/api/v1/users/{(name.Replace("%00", "", StringComparison.Ordinal) is { Length: > 0 } n ? n : "x")}/unlock", null).GetAwaiter().GetResult(),
            };
            var status = (int)response.StatusCode;
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (status is >= 200 and < 300)
                return;
            Assert.True(status is 400 or 404 or 405 or 409, $"door {door} with {query} / {name} answered {status}: {text}");
            if (status != 405)
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }, iter: Fuzzing.Iterations(Fuzzing.PerDoor), threads: 1);
    }
}
