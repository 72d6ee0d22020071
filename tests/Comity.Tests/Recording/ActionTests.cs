using System.Text;
using Comity.Cases;
using Comity.Recording;
using Comity.Recording.Entries;
using Comity.Tests.Cli.Support;
using Comity.Tests.Recording.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Recording;

/// <summary>
/// What the unit did (reports.md section 1 <c>action</c>): recorded per case, each an action entry;
/// an action the decision in force did not allow is recorded and flagged on the case.
/// </summary>
public abstract class ActionTests(StoreProvider provider)
{
    [Fact]
    public async Task A_notification_the_decision_denied_is_recorded_and_flagged()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample();

        var done = await site.Workflow.RecordActionAsync(decision.CaseId, CaseActionKind.Notified, "2025-03-15T08:00-07:00", null, null, "clerk");

        Assert.Null(done.Error);
        Assert.Equal(new ActionEntry(decision.CaseId, decision.Receipt.Index, CaseActionKind.Notified, "2025-03-15T08:00-07:00", null, null, "clerk"),
            ActionEntry.Read(site.Ledger.Read(done.Value!.LedgerIndex).Body));
        var c = site.Cases.Find(decision.CaseId)!;
        var action = Assert.Single(c.Actions);
        Assert.Contains("deny", action.AgainstDecision, StringComparison.Ordinal);
        Assert.Equal(1, c.Summary.ActionsAgainstDecision);
        Assert.True(site.Verifier.Verify(decision.CaseId)!.Verified, CorrectionTests.Failures(site, decision.CaseId));
    }

    [Fact]
    public async Task A_notification_the_decision_permitted_and_a_release_are_allowed()
    {
        using var site = new RecordingSite(provider);
        var decision = (await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes(CliExamples.ExampleLine("P-1", r => r["receivedAt"] = "2024-06-14T09:30:00-07:00")), "clerk")).Value!;

        await site.Workflow.RecordActionAsync(decision.CaseId, CaseActionKind.Notified, "2024-06-15T08:00-07:00", null, null, "clerk");
        await site.Workflow.RecordActionAsync(decision.CaseId, CaseActionKind.Released, "2024-06-16T08:00-07:00", null, null, "clerk");

        var c = site.Cases.Find(decision.CaseId)!;
        Assert.Equal(2, c.Actions.Count);
        Assert.All(c.Actions, a => Assert.Null(a.AgainstDecision));
        Assert.Equal(0, c.Summary.ActionsAgainstDecision);
    }

    [Theory]
    [InlineData(CaseActionKind.Transferred, null, null, "receivingAgency")]
    [InlineData(CaseActionKind.Notified, "ICE ERO", null, "receivingAgency")]
    [InlineData(CaseActionKind.InterviewHeld, null, null, "attorneyPresent")]
    [InlineData(CaseActionKind.Declined, null, true, "attorneyPresent")]
    public async Task Each_action_says_what_it_needs_and_nothing_else(CaseActionKind kind, string? agency, bool? attorney, string path)
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample();

        var refused = await site.Workflow.RecordActionAsync(decision.CaseId, kind, "2025-03-15T08:00-07:00", agency, attorney, "clerk");

        Assert.Equal(path, refused.Error!.Path);
        Assert.Equal(decision.Receipt.Index + 1, site.Ledger.Size);
    }

    [Fact]
    public async Task An_action_needs_a_time_that_is_not_in_the_future()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample();

        var none = await site.Workflow.RecordActionAsync(decision.CaseId, CaseActionKind.Released, "yesterday", null, null, "clerk");
        var future = await site.Workflow.RecordActionAsync(decision.CaseId, CaseActionKind.Released, DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mmzzz"), null, null, "clerk");

        Assert.Equal("at", none.Error!.Path);
        Assert.Equal("at", future.Error!.Path);
    }
}

public sealed class ActionTestsOnSqlite() : ActionTests(StoreProvider.Sqlite);

public sealed class ActionTestsOnPostgres() : ActionTests(StoreProvider.Postgres);
