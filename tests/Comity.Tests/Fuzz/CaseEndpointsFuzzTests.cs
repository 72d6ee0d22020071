using System.Net;
using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Tests.Fuzz.Support;
using Comity.Tests.Server.Support;
using CsCheck;

namespace Comity.Tests.Fuzz;

/// <summary>
/// The case endpoints that take a body and change a case (referrals, reviews, duties served,
/// corrections, voids, actions) on the real server in process: bodies built from their own
/// properties with values of every type and extreme, and mutated requests inside corrections.
/// Each is answered 201, or refused 400/404/409/413 as problem+json whose errors name JSON paths;
/// never 500. Every 201 adds exactly one ledger entry.
/// </summary>
public sealed class CaseEndpointsFuzzTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] Endpoints = ["corrections", "void", "actions", "referrals", "reviews", "obligations/ca.7283-1.b/served"];

    private static readonly string[] Keys =
        ["request", "reason", "note", "action", "at", "receivingAgency", "attorneyPresent", "verdict", "outcome", "justification", "servedAt", "servedBy", "extra", ""];

    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1e308", "[]", "{}", "\"\"", "\" \"", "\"x\"", "\"\\ud800\"", "\"a\\u0000b\"",
        "\"data-entry-error\"", "\"duplicate\"", "\"opened-by-mistake\"", "\"late-recorded\"", "\"reclassified-act\"",
        "\"notified\"", "\"information-given\"", "\"transferred\"", "\"interview-held\"", "\"declined\"", "\"released\"",
        "\"confirm\"", "\"override\"", "\"permit\"", "\"deny\"", "\"must-comply\"", "\"refer-to-counsel\"",
        "\"2025-06-02T09:00-07:00\"", "\"9999-12-31T23:59Z\"", "\"0001-01-01T00:00Z\"", "\"2025-02-30T09:00Z\"",
        "\"Officer Diaz\"", "\"ICE ERO\"", "\"see A 123 456 789\"", "\"The record shows no qualifying conviction under 7282.5.\"",
        "\"" + new string('z', 70_000) + "\"",
    ];

    /// <summary>A body: properties from the endpoints' own names with any value; a correction's request now and then a mutated real request.</summary>
    private static readonly Gen<byte[]> Bodies = Gen.Frequency(
        (3, Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.Int[0, Values.Length - 1]).Array[0, 5].Select(pairs =>
            Encoding.UTF8.GetBytes("{" + string.Join(",", pairs.Select(p => $"\"{Keys[p.Item1]}\":{Values[p.Item2]}")) + "}"))),
        (2, Gen.Select(RequestMutants.Requests, Gen.Int[0, 4], (request, reason) =>
            (byte[])[.. "{\"request\":"u8, .. request, .. Encoding.UTF8.GetBytes($",\"reason\":{Values[13 + reason]}}}")])),
        (1, Gen.Byte.Array[0, 64]));

    [Fact]
    public async Task Mutated_bodies_to_the_case_endpoints_are_recorded_or_refused_as_problems_naming_paths()
    {
        var ledger = server.Services.GetService(typeof(Comity.Ledger.TransparencyLog)) as Comity.Ledger.TransparencyLog;
        var cases = new List<long>();
        for (var i = 0; i < 8; i++)
            cases.Add(await server.Decide());
        using var intake = server.Api(Role.Intake);
        using var supervisor = server.Api(Role.Supervisor);
        using var counsel = server.Api(Role.Counsel);
        var created = 0L;
        var before = ledger!.Size;

        var inputs = Gen.Select(Gen.Int[0, Endpoints.Length - 1], Gen.Int[0, cases.Count], Bodies);
        inputs.Sample((endpoint, which, body) =>
        {
            var caseId = which == cases.Count ? 999_999 : cases[which];
            var http = Endpoints[endpoint] switch { "void" => supervisor, "reviews" => counsel, _ => intake };
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = http.PostAsync($"/api/v1/cases/{caseId}/{Endpoints[endpoint]}", content).GetAwaiter().GetResult();
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            if (status == 201)
            {
                Interlocked.Increment(ref created);
                return;
            }
            Assert.True(status is 400 or 404 or 409 or 413, $"POST {Endpoints[endpoint]} answered {status}: {text}\nbody: {Encoding.UTF8.GetString(body[..Math.Min(body.Length, 2000)])}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (status == 400)
                Fuzzing.AssertErrorsNamePaths(JsonDocument.Parse(text).RootElement.GetProperty("errors"), text);
        }, iter: Fuzzing.Iterations(Fuzzing.PerDoor), threads: 1);

        Assert.True(created > 0, "no body was ever recorded: the fuzzer never got past the checks");
        // Each change accepted is one entry; a correction decided under law the ledger does not hold yet
        // (another jurisdiction's) records that law first, and a refused one records nothing at all.
        var law = ledger.ReadFrom(before).Count(e => e.Kind is "law-file" or "stack");
        Assert.Equal(before + created + law, ledger.Size);
    }
}
