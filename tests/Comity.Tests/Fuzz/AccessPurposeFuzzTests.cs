using System.Text.Json;
using Comity.Cases;
using Comity.Tests.Fuzz.Support;
using Comity.Tests.Server.Support;
using CsCheck;

namespace Comity.Tests.Fuzz;

/// <summary>
/// The purpose and note every recorded read may carry (reports.md P8), fuzzed on the real server in
/// process through the API's case list, one case and a report list, and the web app's case list and
/// export: with every kind of value, each read answers 2xx, or 400 naming <c>purpose</c> or
/// <c>note</c> (problem+json on the API); never 500. A search or an export answered 2xx had a valid
/// purpose.
/// </summary>
public sealed class AccessPurposeFuzzTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] Purposes =
        ["", "case-work", "counsel-review", "records-request", "audit", "report", "other", "OTHER", "Case-Work", " audit ", "curiosity", "%00", "%FF", "%E2%80%AE",
         "other%0Aaudit", "case-work&purpose=audit", new string('p', 3000)];

    private static readonly string[] Notes =
        ["", "training", "checking%20a%20court%20date", "A-123-456-789", "123-45-6789", "someone%40example.org", "(213)%20555-0100", "Fuzzperson", "fuzzperson%20lookup",
         "%00", "%0D%0A", "%E2%80%AE", "%F0%9F%98%80", "x%09y", new string('n', 201), new string('n', 200), "'%20OR%201=1--"];

    private static readonly Gen<string> Queries =
        Gen.Select(Gen.Int[0, Purposes.Length - 1], Gen.Int[0, Notes.Length - 1], Gen.Bool, Gen.Bool, (p, n, withPurpose, withNote) =>
            string.Join("&", new[] { withPurpose ? "purpose=" + Purposes[p] : null, withNote ? "note=" + Notes[n] : null }.Where(x => x is not null)));

    [Fact]
    public async Task Purposes_and_notes_are_kept_or_refused_naming_the_parameter_never_500()
    {
        var id = await server.Decide();
        using var api = server.Api(Role.Supervisor);
        var page = await server.App(Role.Supervisor);

        Gen.Select(Gen.Int[0, 5], Queries).Sample((door, query) =>
        {
            var (client, path, needsPurpose) = door switch
            {
                0 => (api, $"/api/v1/cases?q=fuzzperson&{query}", true),
                1 => (api, $"/api/v1/cases/{id}?{query}", false),
                2 => (api, $"/api/v1/cases?status=open&{query}", false),
                3 => (api, $"/api/v1/reports?{query}", false),
                4 => (page, $"/cases?q=fuzzperson&{query}", true),
                _ => (page, $"/cases/export?act=hold&{query}", true),
            };
            using var response = client.GetAsync(path).GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (status is >= 200 and < 300)
            {
                Assert.False(needsPurpose && !query.Contains("purpose=", StringComparison.Ordinal), $"{path} answered {status} without a purpose");
                return;
            }
            Assert.True(status == 400, $"{path} answered {status}: {text}");
            if (door > 3)
                return; // a page: the form again, with what is wrong
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var where = JsonDocument.Parse(text).RootElement.GetProperty("errors")[0].GetProperty("path").GetString();
            Assert.True(where is "purpose" or "note", $"{path}: the problem names {where}");
        }, iter: Fuzzing.Iterations(2_000), threads: 1);
    }
}
