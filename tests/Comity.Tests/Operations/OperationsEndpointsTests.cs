using System.Net;
using System.Text.Json;
using Comity.Ledger;
using Comity.Tests.Server.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Operations;

/// <summary>Liveness, readiness and metrics: what a load balancer and a monitoring system read, with no sign-in and no case data.</summary>
public sealed class OperationsEndpointsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Readiness_answers_without_sign_in_with_the_ledger_size()
    {
        var response = await server.Api(null).GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", ready.RootElement.GetProperty("status").GetString());
        Assert.Equal(server.Services.GetRequiredService<TransparencyLog>().Checkpoint().Size, ready.RootElement.GetProperty("ledgerEntries").GetInt64());
        Assert.Equal("ok", await server.Api(null).GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Metrics_count_recorded_decisions_by_outcome_and_show_the_ledger_and_the_counsel_queue_without_case_data()
    {
        await server.Decide();
        await server.Decide();

        var response = await server.Api(null).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var decisions = System.Text.RegularExpressions.Regex.Match(text, @"^comity_decisions_recorded_total\{[^}]*outcome=""deny""[^}]*\} (\d+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(decisions.Success, text);
        Assert.True(long.Parse(decisions.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.Matches(@"(?m)^comity_decision_duration_seconds_bucket\{", text);
        Assert.Matches(@"(?m)^comity_ledger_entries(\{[^}]*\})? [1-9]", text);
        Assert.Matches(@"(?m)^comity_referrals_waiting", text);
        // The example's reference and the person's details never reach the metrics.
        Assert.DoesNotContain("LAPD-2025-000200", text, StringComparison.Ordinal);
    }
}
