using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Engine;
using Comity.Ledger;
using Comity.Reports;
using Comity.Tests.Recording.Support;
using Comity.Tests.Support;
using Comity.Webhooks;

namespace Comity.Tests.Webhooks;

/// <summary>
/// The webhooks' use case in the core, on a clock the test sets (time is an input): when a duty is
/// told due soon and when overdue, and the back-off between attempts until a delivery is given up.
/// The HTTP side (a real receiver, the Standard Webhooks library) is in Server/WebhookTests.
/// </summary>
public abstract class WebhookDispatcherTests(StoreProvider provider)
{
    private static readonly StackCatalog Stacks = StackCatalog.ForRoot(RepoRoot.Combine("stacks"));

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Keeps what is sent and answers each with the status <paramref name="answer"/> gives.</summary>
    private sealed class Transport(int answer) : IWebhookTransport
    {
        public List<WebhookMessage> Sent { get; } = [];

        public Task<WebhookAnswer> SendAsync(WebhookMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.FromResult(new WebhookAnswer(answer, null));
        }
    }

    private static DateTimeOffset At(string time) => DateTimeOffset.Parse(time, CultureInfo.InvariantCulture);

    private static JsonElement Json(WebhookMessage m) => JsonDocument.Parse(m.Body).RootElement;

    [Fact]
    public async Task A_duty_is_told_due_soon_within_each_endpoints_hours_then_overdue_once()
    {
        using var site = new RecordingSite(provider, Stacks);
        using var database = site.OpenCaseDatabase();
        // The notice to the person of the Los Angeles detainer (received 2025-06-02 08:00 -07:00) is due on receipt: 15:00 UTC.
        var clock = new Clock(At("2025-06-02T10:00:00Z"));
        var webhooks = new WebhookDispatcher(new WebhookStore(database), site.Cases, site.Ledger, clock);
        var six = webhooks.Register(new NewWebhookEndpoint("http://127.0.0.1:9/six", ["duty.due-soon", "duty.overdue"], DutyHours: 6), "admin").Endpoint!;
        var two = webhooks.Register(new NewWebhookEndpoint("http://127.0.0.1:9/two", ["duty.due-soon"], DutyHours: 2), "admin").Endpoint!;
        var decided = await site.Recorder.DecideAsync(File.ReadAllBytes(RepoRoot.Combine("examples/la/detainer-robbery.json")), "clerk");
        Assert.Null(decided.Error);
        var transport = new Transport(200);

        async Task<List<(string Url, string Type)>> Pass(string now)
        {
            clock.Now = At(now);
            var before = transport.Sent.Count;
            await webhooks.RunAsync(transport, CancellationToken.None);
            return transport.Sent.Skip(before)
                .Where(m => Json(m).GetProperty("data").GetProperty("rule").GetString() == "ca.7283-1.b")
                .Select(m => (m.Url.AbsoluteUri, Json(m).GetProperty("type").GetString()!)).ToList();
        }

        Assert.Equal([(six.Url.AbsoluteUri, "duty.due-soon")], await Pass("2025-06-02T10:00:00Z"));   // due in 5 hours: within 6, not within 2
        Assert.Empty(await Pass("2025-06-02T11:00:00Z"));                                              // told once
        Assert.Equal([(two.Url.AbsoluteUri, "duty.due-soon")], await Pass("2025-06-02T13:30:00Z"));   // now within 2
        Assert.Equal([(six.Url.AbsoluteUri, "duty.overdue")], await Pass("2025-06-02T15:00:01Z"));    // past due; the second endpoint did not ask for overdue
        Assert.Empty(await Pass("2025-06-03T15:00:00Z"));

        var overdue = Json(transport.Sent.Last(m => Json(m).GetProperty("type").GetString() == "duty.overdue")).GetProperty("data");
        Assert.Equal(decided.Value!.CaseId, overdue.GetProperty("case").GetInt64());
        Assert.Equal("2025-06-02T15:00:00Z", overdue.GetProperty("dueAt").GetString());
        Assert.Equal("person", overdue.GetProperty("to")[0].GetString());

        // Served, it is no longer told.
        var served = await site.Workflow.ServeObligationAsync(decided.Value.CaseId, "ca.7283-1.b", "2025-06-02T09:00-07:00", "Officer Diaz", "clerk");
        Assert.Null(served.Error);
        var late = webhooks.Register(new NewWebhookEndpoint("http://127.0.0.1:9/late", ["duty.overdue"]), "admin").Endpoint!;
        Assert.Empty(await Pass("2025-06-04T00:00:00Z"));
        Assert.Empty(webhooks.Store.Deliveries(late.Id));
    }

    [Fact]
    public async Task A_failed_delivery_is_tried_again_after_each_wait_with_a_fresh_signature_then_given_up()
    {
        using var site = new RecordingSite(provider, Stacks);
        using var database = site.OpenCaseDatabase();
        var clock = new Clock(At("2026-01-05T09:00:00Z"));
        var webhooks = new WebhookDispatcher(new WebhookStore(database), site.Cases, site.Ledger, clock, [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)]);
        var endpoint = webhooks.Register(new NewWebhookEndpoint("http://127.0.0.1:9/reports", ["report.published"]), "admin").Endpoint!;
        await site.Ledger.AppendAsync(new LedgerEntry(PublishedReport.Kind,
            PublishedReport.Write("us/ca/los-angeles", "truth-act", "2025", 1, "public", "sha256:" + new string('b', 64), "first publication", "supervisor"), clock.Now));
        var transport = new Transport(503);

        async Task<int> Attempts(string now)
        {
            clock.Now = At(now);
            return (await webhooks.RunAsync(transport, CancellationToken.None)).Attempted;
        }

        Assert.Equal(1, await Attempts("2026-01-05T09:00:00Z"));
        Assert.Equal(0, await Attempts("2026-01-05T09:00:09Z"));
        Assert.Equal(1, await Attempts("2026-01-05T09:00:10Z"));
        Assert.Equal(0, await Attempts("2026-01-05T09:01:09Z"));
        Assert.Equal(1, await Attempts("2026-01-05T09:01:10Z"));
        Assert.Equal(0, await Attempts("2026-01-06T09:00:00Z"));

        var delivery = Assert.Single(webhooks.Store.Deliveries(endpoint.Id));
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(503, delivery.LastStatus);
        Assert.Null(delivery.NextAttemptAt);

        // One message id on every attempt; each attempt signed at its own time, as the receiver checks it.
        Assert.Single(transport.Sent.Select(m => m.Id).Distinct());
        Assert.Equal([At("2026-01-05T09:00:00Z").ToUnixTimeSeconds(), At("2026-01-05T09:00:10Z").ToUnixTimeSeconds(), At("2026-01-05T09:01:10Z").ToUnixTimeSeconds()],
            transport.Sent.Select(m => m.Timestamp));
        foreach (var m in transport.Sent)
        {
            var mac = HMACSHA256.HashData(Convert.FromBase64String(endpoint.Secret["whsec_".Length..]),
                Encoding.UTF8.GetBytes($"{m.Id}.{m.Timestamp}.").Concat(m.Body).ToArray());
            Assert.Equal("v1," + Convert.ToBase64String(mac), m.Signature);
        }
    }
}

public sealed class WebhookDispatcherTestsOnSqlite() : WebhookDispatcherTests(StoreProvider.Sqlite);

public sealed class WebhookDispatcherTestsOnPostgres() : WebhookDispatcherTests(StoreProvider.Postgres);
