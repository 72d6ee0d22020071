using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Tests.Fuzz.Support;
using Comity.Tests.Server.Support;
using CsCheck;

namespace Comity.Tests.Fuzz;

/// <summary>
/// The records-request endpoints on the real server in process, with bodies built from their own
/// fields and every kind of value (missing, null, wrong types, far dates, long and hostile text):
/// each answers 2xx, or refuses 400/404/409 as problem+json; never 500.
/// </summary>
public sealed class RecordsRequestFuzzTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] Fields = ["unit", "receivedAt", "asked", "requester", "jurisdiction", "reason", "expectedBy", "note",
        "determination", "reasons", "estimatedAvailableAt"];

    private static readonly JsonNode?[] Values =
    [
        null, "", "lapd", "apd", "us/tx/austin", "us/ca/los-angeles", "../etc", "2025-06-02", "2025-06-02T09:00:00-07:00", "2025-06-02T09:00", "2999-01-01",
        "1900-01-01", "9999-12-31T23:59:59+14:00", "2025-06-20", "2025-07-30", "2025-02-30", "voluminous-records", "field-facilities", "disclosable",
        "partly-disclosable", "none-held", "exempt", "A reporter", "line\nbreak", "\u202e", "x@example.org", new string('a', 5000),
        1, -1, 1e300, true, new JsonArray(), new JsonObject(),
    ];

    private static readonly Gen<string> Bodies = Gen.Frequency(
        (8, Gen.Select(Gen.Int[0, Fields.Length - 1], Gen.Int[0, Values.Length - 1]).Array[0, 8].Select(pairs =>
        {
            var body = new JsonObject();
            foreach (var (f, v) in pairs)
                body[Fields[f]] = Values[v]?.DeepClone();
            return body.ToJsonString();
        })),
        (1, Gen.String[Gen.Char, 0, 60]));

    [Fact]
    public async Task Records_request_bodies_are_recorded_or_refused_as_problems_never_500()
    {
        var id = await server.NewRecordsRequest();
        using var supervisor = server.Api(Role.Supervisor);

        Gen.Select(Gen.Int[0, 3], Bodies, Gen.Bool).Sample((door, body, known) =>
        {
            var target = known ? id : 987654321;
            using var content = ServerFixture.Json(body);
            using var response = door switch
            {
                0 => supervisor.PostAsync("/api/v1/records-requests", content).GetAwaiter().GetResult(),
                1 => supervisor.PostAsync($"/api/v1/records-requests/{target}/extensions", content).GetAwaiter().GetResult(),
                2 => supervisor.PostAsync($"/api/v1/records-requests/{target}/determination", content).GetAwaiter().GetResult(),
                _ => supervisor.GetAsync($"/api/v1/records-requests?unit={Uri.EscapeDataString(body)}&open={(known ? "true" : "x")}").GetAwaiter().GetResult(),
            };
            var status = (int)response.StatusCode;
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (status is >= 200 and < 300)
                return;
            Assert.True(status is 400 or 404 or 409, $"door {door} with {body} answered {status}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }, iter: Fuzzing.Iterations(Fuzzing.PerDoor), threads: 1);
    }
}
