using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Server;

/// <summary>
/// Issue 18 through the API: the person is kept with the case and found by name, booking or
/// A-number, never echoed in an answer; corrections, voids and actions are new ledger entries.
/// </summary>
public sealed class CaseOfAPersonApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Name = "Rosalind Testperson-Quintero";

    private static JsonObject Detainer(string id, Action<JsonObject>? change = null)
    {
        var request = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("examples/la/detainer-robbery.json")))!.AsObject();
        request["id"] = id;
        change?.Invoke(request);
        return request;
    }

    private async Task<long> Decide(JsonObject request)
    {
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(request.ToJsonString()));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        Assert.DoesNotContain("Testperson", text, StringComparison.Ordinal);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_case_is_found_by_the_persons_name_booking_or_a_number_and_shows_the_person()
    {
        var id = await Decide(Detainer("ID-API-1", r => r["subject"]!["identity"] = new JsonObject
        {
            ["name"] = Name, ["bookingNumber"] = "LA-5550123", ["aNumber"] = "A 201-555-019", ["countryOfBirth"] = "GT",
        }));
        using var api = server.Api(Role.Counsel);

        foreach (var q in new[] { "testperson-quintero", "rosalind quintero", "LA-5550123", "A201555019" })
        {
            var list = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/cases?q={Uri.EscapeDataString(q)}&purpose=case-work")).RootElement;
            var item = Assert.Single(list.GetProperty("items").EnumerateArray());
            Assert.Equal(id, item.GetProperty("id").GetInt64());
            Assert.Equal(Name, item.GetProperty("person").GetString());
        }
        var view = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/cases/{id}")).RootElement;
        Assert.Equal("GT", view.GetProperty("person").GetProperty("countryOfBirth").GetString());
        Assert.False(view.GetProperty("request").GetProperty("subject").TryGetProperty("identity", out _));
        Assert.DoesNotContain("Testperson", view.GetProperty("history").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Testperson", view.GetProperty("answer").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_answers_the_new_decision_and_joins_the_history()
    {
        var id = await Decide(Detainer("CORR-API-1"));
        var body = new JsonObject
        {
            ["request"] = Detainer("CORR-API-1", r => r["receivedAt"] = "2025-06-03T08:00:00-07:00"),
            ["reason"] = "data-entry-error",
            ["note"] = "received a day later than typed",
        };

        var response = await server.Api(Role.Supervisor).PostAsync($"/api/v1/cases/{id}/corrections", ServerFixture.Json(body.ToJsonString()));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal("deny", answer.GetProperty("outcome").GetString());
        Assert.True(answer.TryGetProperty("receipt", out _));
        var view = JsonDocument.Parse(await server.Api(Role.Auditor).GetStringAsync($"/api/v1/cases/{id}")).RootElement;
        Assert.Equal("2025-06-03T08:00:00-07:00", view.GetProperty("case").GetProperty("receivedAt").GetString());
        var history = view.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(["decision", "correction"], history);
        var verification = JsonDocument.Parse(await server.Api(Role.Auditor).GetStringAsync($"/api/v1/cases/{id}/verification")).RootElement;
        Assert.True(verification.GetProperty("verified").GetBoolean(), verification.GetRawText());
    }

    [Fact]
    public async Task A_correction_names_the_paths_of_its_errors_under_request()
    {
        var id = await Decide(Detainer("CORR-API-2"));
        using var api = server.Api(Role.Intake);

        var broken = await api.PostAsync($"/api/v1/cases/{id}/corrections", ServerFixture.Json(
            new JsonObject { ["request"] = Detainer("CORR-API-2", r => r["act"] = "not-an-act"), ["reason"] = "data-entry-error" }.ToJsonString()));
        var reason = await api.PostAsync($"/api/v1/cases/{id}/corrections", ServerFixture.Json(
            new JsonObject { ["request"] = Detainer("CORR-API-2"), ["reason"] = "because" }.ToJsonString()));
        var notObject = await api.PostAsync($"/api/v1/cases/{id}/corrections", ServerFixture.Json("{\"request\":[1],\"reason\":\"data-entry-error\"}"));
        var missing = await api.PostAsync("/api/v1/cases/999999/corrections", ServerFixture.Json(
            new JsonObject { ["request"] = Detainer("X", r => r["receivedAt"] = "2025-06-03"), ["reason"] = "data-entry-error" }.ToJsonString()));

        Assert.Equal("$.request.act", (await Problem(broken, HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal("$.reason", (await Problem(reason, HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal("$.request", (await Problem(notObject, HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString());
        await Problem(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_transfer_the_decision_denied_is_recorded_and_flagged_and_a_void_case_takes_no_more()
    {
        var id = await Decide(Detainer("ACT-API-1"));

        var transfer = await server.Api(Role.Intake).PostAsync($"/api/v1/cases/{id}/actions",
            ServerFixture.Json("{\"action\":\"transferred\",\"at\":\"2025-06-02T10:00-07:00\",\"receivingAgency\":\"ICE ERO Los Angeles\"}"));
        Assert.Equal(HttpStatusCode.Created, transfer.StatusCode);
        var view = JsonDocument.Parse(await server.Api(Role.Counsel).GetStringAsync($"/api/v1/cases/{id}")).RootElement;
        var action = Assert.Single(view.GetProperty("actions").EnumerateArray());
        Assert.Equal("ICE ERO Los Angeles", action.GetProperty("receivingAgency").GetString());
        Assert.Contains("deny", action.GetProperty("againstDecision").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, view.GetProperty("case").GetProperty("actionsAgainstDecision").GetInt32());

        var badAction = await server.Api(Role.Intake).PostAsync($"/api/v1/cases/{id}/actions", ServerFixture.Json("{\"action\":\"waved\",\"at\":\"2025-06-02T10:00-07:00\"}"));
        Assert.Equal("$.action", (await Problem(badAction, HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString());

        var voided = await server.Api(Role.Supervisor).PostAsync($"/api/v1/cases/{id}/void", ServerFixture.Json("{\"reason\":\"opened-by-mistake\",\"note\":\"training entry\"}"));
        Assert.Equal(HttpStatusCode.Created, voided.StatusCode);
        var after = await server.Api(Role.Intake).PostAsync($"/api/v1/cases/{id}/actions", ServerFixture.Json("{\"action\":\"released\",\"at\":\"2025-06-02T11:00-07:00\"}"));
        await Problem(after, HttpStatusCode.Conflict);
        var list = JsonDocument.Parse(await server.Api(Role.Auditor).GetStringAsync("/api/v1/cases?status=void")).RootElement;
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task The_duties_dashboard_lists_the_overdue_notice_and_not_the_agency_duties()
    {
        var id = await Decide(Detainer("DUTY-API-1"));
        using var api = server.Api(Role.Supervisor);

        var board = JsonDocument.Parse(await api.GetStringAsync("/api/v1/duties?unit=lapd&overdue=true&pageSize=200")).RootElement;
        var mine = board.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("caseId").GetInt64() == id).ToArray();
        var line = Assert.Single(mine);
        Assert.Equal("ca.7283-1.b", line.GetProperty("rule").GetString());
        Assert.True(line.GetProperty("overdue").GetBoolean());
        Assert.Equal("2025-06-02T15:00:00+00:00", line.GetProperty("dueAt").GetDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        var overdueCases = JsonDocument.Parse(await api.GetStringAsync("/api/v1/cases?overdue=true&pageSize=200")).RootElement;
        Assert.Contains(overdueCases.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        var view = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/cases/{id}")).RootElement;
        Assert.True(view.GetProperty("obligations").EnumerateArray().Single(o => o.GetProperty("rule").GetString() == "ca.7283-1.c").GetProperty("agency").GetBoolean());
        var bad = await api.GetAsync("/api/v1/duties?pageSize=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Api_answers_and_downloads_are_not_stored()
    {
        var id = await Decide(Detainer("NOSTORE-1"));

        var response = await server.Api(Role.Auditor).GetAsync($"/api/v1/cases/{id}");
        var refused = await server.Api(null).GetAsync($"/api/v1/cases/{id}");

        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.True(refused.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task A_cookie_saved_before_sign_out_stops_working_after_it()
    {
        var users = server.Services.GetRequiredService<Comity.Server.Auth.UserDirectory>();
        var user = users.Store.Find(ServerFixture.UserName(Role.Auditor))!;
        using var client = await server.App(Role.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases")).StatusCode);
        var stamp = users.Store.Find(user.Id)!.Stamp; // what the saved cookie carries
        Assert.True(users.StillValid(user.Id, stamp));
        var form = await ServerFixture.Antiforgery(client, "/account/password");

        var signedOut = await client.PostAsync("/signout", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.False(users.StillValid(user.Id, stamp));
    }
}
