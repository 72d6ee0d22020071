using System.Net;
using System.Text.Json;
using Comity.Cases;
using Comity.Tests.Server.Support;

namespace Comity.Tests.Server;

/// <summary>
/// Records requests through the HTTP API (issue 18, point 8): recorded with their due time and its
/// citation, refused as problem+json naming the field, on the duties dashboard until determined;
/// the requester's name is in the records door's own answer and nowhere else (not in the ledger's
/// entries, the duties dashboard, the case list or the server's log).
/// </summary>
public sealed class RecordsRequestsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Name = "Teodora Villaseñor-Okafor";

    [Fact]
    public async Task A_request_is_due_in_ten_days_sits_on_the_dashboard_until_determined_and_its_requester_stays_in_the_case_database()
    {
        using var intake = server.Api(Role.Intake);
        using var supervisor = server.Api(Role.Supervisor);
        var created = await intake.PostAsync("/api/v1/records-requests", ServerFixture.Json(
            $$"""{"unit":"lapd","receivedAt":"2025-06-02T23:30:00-07:00","asked":"Every e-mail with ICE about the jail","requester":"{{Name}}"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = view.GetProperty("request").GetProperty("id").GetInt64();
        Assert.Equal("2025-06-13T07:00:00+00:00", view.GetProperty("request").GetProperty("dueAt").GetDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Cal. Gov. Code § 7922.535(a)", view.GetProperty("request").GetProperty("cites")[0].GetString());
        Assert.Equal(Name, view.GetProperty("requester").GetString());

        var duties = await (await intake.GetAsync("/api/v1/duties?unit=lapd&pageSize=200")).Content.ReadAsStringAsync();
        Assert.Contains($"\"caseId\":{id}", duties);
        Assert.Contains("records-request", duties);

        var tooLate = await supervisor.PostAsync($"/api/v1/records-requests/{id}/extensions", ServerFixture.Json(
            """{"reason":"voluminous-records","expectedBy":"2025-06-27","note":"Thousands of pages"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, tooLate.StatusCode);
        Assert.Equal("application/problem+json", tooLate.Content.Headers.ContentType?.MediaType);
        Assert.Contains("$.expectedBy", await tooLate.Content.ReadAsStringAsync());
        var byClerk = await intake.PostAsync($"/api/v1/records-requests/{id}/extensions", ServerFixture.Json(
            """{"reason":"voluminous-records","expectedBy":"2025-06-20","note":"Thousands of pages"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsync($"/api/v1/records-requests/{id}/extensions", ServerFixture.Json(
            """{"reason":"voluminous-records","expectedBy":"2025-06-26","note":"Thousands of pages"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await intake.PostAsync($"/api/v1/records-requests/{id}/determination", ServerFixture.Json(
            """{"determination":"disclosable","reasons":"Public records under 7283.1(c)","estimatedAvailableAt":"2025-06-30T16:00:00-07:00"}"""))).StatusCode);

        duties = await (await intake.GetAsync("/api/v1/duties?unit=lapd&pageSize=200")).Content.ReadAsStringAsync();
        Assert.DoesNotContain($"\"kind\":\"records-request\",\"caseId\":{id},", duties);
        var list = await (await intake.GetAsync("/api/v1/records-requests")).Content.ReadAsStringAsync();
        Assert.Contains("\"determination\":\"disclosable\"", list);

        // Nowhere but the records door's own answer: not the ledger, the other doors, the log.
        foreach (var path in new[] { "/api/v1/records-requests", "/api/v1/duties?pageSize=200", "/api/v1/cases?pageSize=200" })
            Assert.DoesNotContain("Villase", await (await intake.GetAsync(path)).Content.ReadAsStringAsync());
        var ledger = server.Services.GetService(typeof(Comity.Ledger.TransparencyLog)) as Comity.Ledger.TransparencyLog;
        for (long i = 0; i < ledger!.Size; i++)
            Assert.DoesNotContain("Villase", ledger.Read(i).Body.GetRawText());
        Assert.DoesNotContain(server.LogLines(), l => l.Contains("Villase", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field()
    {
        using var intake = server.Api(Role.Intake);
        async Task<string> Refused(string body)
        {
            var response = await intake.PostAsync("/api/v1/records-requests", ServerFixture.Json(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return await response.Content.ReadAsStringAsync();
        }
        Assert.Contains("$.unit", await Refused("""{"unit":"nowhere","receivedAt":"2025-06-02","asked":"x","requester":"y"}"""));
        Assert.Contains("$.receivedAt", await Refused("""{"unit":"lapd","receivedAt":"soon","asked":"x","requester":"y"}"""));
        Assert.Contains("$.asked", await Refused("""{"unit":"lapd","receivedAt":"2025-06-02","asked":"","requester":"y"}"""));
        await Refused("""{"unit":"lapd","receivedAt":"2025-06-02","asked":"x","requester":"y" """);
        Assert.Equal(HttpStatusCode.NotFound, (await intake.GetAsync("/api/v1/records-requests/987654321")).StatusCode);
    }
}
