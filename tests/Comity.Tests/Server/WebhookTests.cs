using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Ledger;
using Comity.Reports;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Comity.Tests.Server;

/// <summary>
/// Webhooks through the running server (issue 24): an administrator registers an endpoint over the
/// API; what happens to cases reaches a real HTTP receiver signed as Standard Webhooks says (checked
/// with the Standard Webhooks library a receiver would use, and by hand from the specification),
/// retried until the receiver takes it, each delivery recorded; the person's identity goes only to
/// an endpoint allowed to receive it.
/// </summary>
public sealed class WebhookTests(WebhookServerFixture server) : IClassFixture<WebhookServerFixture>
{
    private const string Person = "Rosalind Testperson-Quintero";

    private async Task<(long Id, string Secret)> Register(string url, string[] events, bool includeIdentity = false)
    {
        var body = new JsonObject { ["url"] = url, ["events"] = new JsonArray([.. events.Select(e => (JsonNode)e)]), ["includeIdentity"] = includeIdentity };
        var response = await server.Api(Role.Admin).PostAsync("/api/v1/webhooks", ServerFixture.Json(body.ToJsonString()));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var answer = JsonDocument.Parse(text).RootElement;
        return (answer.GetProperty("endpoint").GetProperty("id").GetInt64(), answer.GetProperty("secret").GetString()!);
    }

    /// <summary>Decides the Los Angeles detainer about a named person; returns the case number.</summary>
    private async Task<long> DecideAboutPerson(string id)
    {
        var request = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("examples/la/detainer-robbery.json")))!.AsObject();
        request["id"] = id;
        request["subject"]!["identity"] = new JsonObject { ["name"] = Person, ["bookingNumber"] = "LA-5550123" };
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(request.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task Refer(long caseId)
    {
        var response = await server.Api(Role.Intake).PostAsync($"/api/v1/cases/{caseId}/referrals", ServerFixture.Json("{\"note\":\"please look\"}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>The endpoint's deliveries, as the API lists them, once <paramref name="done"/> holds of one (the worker runs beside the test).</summary>
    private async Task<JsonElement> WaitForDelivery(long endpoint, Func<JsonElement, bool> done)
    {
        using var api = server.Api(Role.Auditor);
        for (var tries = 0; tries < 600; tries++)
        {
            var list = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/webhooks/{endpoint}/deliveries")).RootElement;
            if (list.EnumerateArray().FirstOrDefault(done) is { ValueKind: JsonValueKind.Object } found)
                return found;
            await Task.Delay(100);
        }
        Assert.Fail($"no delivery of endpoint {endpoint} came to that within a minute");
        return default;
    }

    private static JsonElement Data(WebhookReceiver.Received r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("data");

    private static bool About(WebhookReceiver.Received r, string type, long caseId) =>
        JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString() == type && Data(r).GetProperty("case").GetInt64() == caseId;

    [Fact]
    public async Task A_delivery_survives_a_receiver_that_fails_three_times_and_its_signature_verifies()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 3);
        var (endpoint, secret) = await Register(receiver.Url, ["case.needs-counsel"]);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var caseId = await DecideAboutPerson("WH-RETRY-1");
        await Refer(caseId);

        var delivery = await WaitForDelivery(endpoint, d => d.GetProperty("status").GetString() == "delivered");
        Assert.Equal(4, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatus").GetInt32());
        var attempts = receiver.All.Where(r => r.MessageId == delivery.GetProperty("messageId").GetString()).ToList();
        Assert.Equal([503, 503, 503, 200], attempts.Select(a => a.AnsweredWith));
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));

        // The receiver's library verifies it, and a changed body or another secret does not.
        var taken = attempts[^1];
        new StandardWebhook(secret).Verify(taken.Body, taken.Headers);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(taken.Body.Replace("lapd", "lasd", StringComparison.Ordinal), taken.Headers));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(Comity.Webhooks.WebhookSignature.NewSecret()).Verify(taken.Body, taken.Headers));

        // By hand, as the specification writes it: v1,base64(HMAC-SHA256(key, id.timestamp.body)).
        var signed = Encoding.UTF8.GetBytes($"{taken.Headers["webhook-id"]}.{taken.Headers["webhook-timestamp"]}.{taken.Body}");
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), signed));
        Assert.Contains(expected, taken.Headers["webhook-signature"].ToString().Split(' '));
        Assert.Equal("application/json", taken.Headers.ContentType.ToString());

        // What it says, and what it does not: this endpoint may not receive the person's identity.
        Assert.True(About(taken, "case.needs-counsel", caseId));
        var data = Data(taken);
        Assert.Equal("WH-RETRY-1", data.GetProperty("reference").GetString());
        Assert.Equal("lapd", data.GetProperty("unit").GetString());
        Assert.Equal("hold", data.GetProperty("act").GetString());
        Assert.False(data.TryGetProperty("subject", out _));
        Assert.DoesNotContain("Testperson", taken.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("LA-5550123", taken.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("please look", taken.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_persons_identity_goes_only_to_an_endpoint_allowed_to_receive_it()
    {
        await using var plain = await WebhookReceiver.StartAsync();
        await using var allowed = await WebhookReceiver.StartAsync();
        var (plainEndpoint, _) = await Register(plain.Url, ["case.needs-counsel", "duty.overdue"]);
        var (allowedEndpoint, _) = await Register(allowed.Url, ["case.needs-counsel", "duty.overdue"], includeIdentity: true);
        var caseId = await DecideAboutPerson("WH-IDENTITY-1");
        await Refer(caseId);

        // The notice to the person (Cal. Gov. Code 7283.1(b)) was due on receipt, in June 2025: overdue.
        foreach (var endpoint in new[] { plainEndpoint, allowedEndpoint })
        {
            await WaitForDelivery(endpoint, d => d.GetProperty("type").GetString() == "case.needs-counsel" && d.GetProperty("status").GetString() == "delivered");
            await WaitForDelivery(endpoint, d => d.GetProperty("type").GetString() == "duty.overdue" && d.GetProperty("status").GetString() == "delivered");
        }
        await Task.Delay(300); // the last delivery is recorded after the receiver answered; let both receivers hold theirs

        foreach (var type in new[] { "case.needs-counsel", "duty.overdue" })
        {
            var withIdentity = Data(allowed.All.Last(r => About(r, type, caseId)));
            Assert.Equal(Person, withIdentity.GetProperty("subject").GetProperty("name").GetString());
            Assert.Equal("LA-5550123", withIdentity.GetProperty("subject").GetProperty("bookingNumber").GetString());
            var without = plain.All.Last(r => About(r, type, caseId));
            Assert.False(Data(without).TryGetProperty("subject", out _));
            Assert.DoesNotContain("Testperson", without.Body, StringComparison.Ordinal);
        }
        var duty = Data(plain.All.Last(r => About(r, "duty.overdue", caseId)));
        Assert.Equal("ca.7283-1.b", duty.GetProperty("rule").GetString());
        Assert.Equal("2025-06-02T15:00:00Z", duty.GetProperty("dueAt").GetString());
    }

    [Fact]
    public async Task An_override_by_counsel_and_a_published_report_are_told()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpoint, _) = await Register(receiver.Url, ["decision.overridden", "report.published"]);
        var caseId = await DecideAboutPerson("WH-OVERRIDE-1");
        var review = await server.Api(Role.Counsel).PostAsync($"/api/v1/cases/{caseId}/reviews",
            ServerFixture.Json("{\"verdict\":\"override\",\"outcome\":\"permit\",\"justification\":\"The document is a judicial warrant after all; see the copy.\"}"));
        Assert.Equal(HttpStatusCode.Created, review.StatusCode);
        // A report version, as the report publisher records it in the ledger (the command line does this, not the server).
        await server.Services.GetRequiredService<TransparencyLog>().AppendAsync(new LedgerEntry(PublishedReport.Kind,
            PublishedReport.Write("us/ca/los-angeles", "truth-act", "2025", 1, "public", "sha256:" + new string('a', 64), "first publication", "as-supervisor"), DateTimeOffset.UtcNow));

        await WaitForDelivery(endpoint, d => d.GetProperty("type").GetString() == "report.published" && d.GetProperty("status").GetString() == "delivered");
        await WaitForDelivery(endpoint, d => d.GetProperty("type").GetString() == "decision.overridden" && d.GetProperty("status").GetString() == "delivered");
        var overridden = Data(receiver.All.Single(r => About(r, "decision.overridden", caseId)));
        Assert.Equal("deny", overridden.GetProperty("decidedOutcome").GetString());
        Assert.Equal("permit", overridden.GetProperty("outcome").GetString());
        Assert.Equal(ServerFixture.UserName(Role.Counsel), overridden.GetProperty("reviewer").GetString());
        Assert.DoesNotContain("judicial warrant", receiver.All.Single(r => About(r, "decision.overridden", caseId)).Body, StringComparison.Ordinal);
        var report = Data(receiver.All.Single(r => r.Body.Contains("\"report.published\"", StringComparison.Ordinal)));
        Assert.Equal("truth-act", report.GetProperty("report").GetString());
        Assert.Equal("2025", report.GetProperty("period").GetString());
    }

    [Fact]
    public async Task A_receiver_that_never_takes_it_leaves_a_failed_delivery_with_every_attempt_counted()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue, failStatus: 500);
        var (endpoint, _) = await Register(receiver.Url, ["case.needs-counsel"]);
        await Refer(await DecideAboutPerson("WH-FAIL-1"));

        var failed = await WaitForDelivery(endpoint, d => d.GetProperty("status").GetString() == "failed");
        Assert.Equal(WebhookServerFixture.MaxAttempts, failed.GetProperty("attempts").GetInt32());
        Assert.Equal(500, failed.GetProperty("lastStatus").GetInt32());
        Assert.Contains("500", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("deliveredAt").ValueKind);
        Assert.Equal(WebhookServerFixture.MaxAttempts, receiver.All.Count(r => r.MessageId == failed.GetProperty("messageId").GetString()));
    }

    [Fact]
    public async Task A_registration_is_checked_and_the_secret_is_shown_only_once()
    {
        using var admin = server.Api(Role.Admin);
        async Task<JsonElement> Refused(string body)
        {
            var response = await admin.PostAsync("/api/v1/webhooks", ServerFixture.Json(body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(text).RootElement.GetProperty("errors")[0];
        }
        Assert.Equal("$.url", (await Refused("{\"url\":\"ftp://county.example/hook\",\"events\":[\"case.needs-counsel\"]}")).GetProperty("path").GetString());
        Assert.Equal("$.url", (await Refused("{\"url\":\"https://user:pw@county.example/hook\",\"events\":[\"case.needs-counsel\"]}")).GetProperty("path").GetString());
        var unknown = await Refused("{\"url\":\"https://county.example/hook\",\"events\":[\"case.needs-counsel\",\"case.opened\"]}");
        Assert.Equal("$.events[1]", unknown.GetProperty("path").GetString());
        Assert.Contains("duty.overdue", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("$.dutyHours", (await Refused("{\"url\":\"https://county.example/hook\",\"events\":[\"duty.due-soon\"],\"dutyHours\":0}")).GetProperty("path").GetString());

        // Nothing listens on the discard port: what the worker sends there fails on this machine and goes nowhere else.
        var (id, secret) = await Register("http://127.0.0.1:9/hook", ["duty.due-soon"]);
        var listed = await server.Api(Role.Auditor).GetStringAsync("/api/v1/webhooks");
        Assert.Contains("http://127.0.0.1:9/hook", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
    }
}
