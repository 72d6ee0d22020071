using Comity.Cases;
using Comity.Contract;
using Comity.Recording;
using Comity.Recording.Entries;
using Comity.Tests.Recording.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Recording;

/// <summary>The rules of what follows a decision, in the core: every door gets the same answers.</summary>
public abstract class CaseWorkflowTests(StoreProvider provider)
{
    private const string Justification = "The record shows no qualifying conviction under 7282.5.";

    [Fact]
    public async Task A_review_needs_a_written_justification()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample();

        var refused = await site.Workflow.ReviewAsync(decision.CaseId, ReviewVerdict.Confirm, null, "  fine  ", "counsel");

        Assert.Equal(RecordErrorKind.Invalid, refused.Error!.Kind);
        Assert.Equal("justification", refused.Error.Path);
        Assert.Empty(site.Cases.Find(decision.CaseId)!.Events);
        Assert.Equal(decision.Receipt.Index + 1, site.Ledger.Size);
    }

    [Fact]
    public async Task A_confirmation_cannot_change_the_outcome_and_an_override_must()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample();

        var confirmChanging = await site.Workflow.ReviewAsync(decision.CaseId, ReviewVerdict.Confirm, Outcome.MustComply, Justification, "counsel");
        var overrideKeeping = await site.Workflow.ReviewAsync(decision.CaseId, ReviewVerdict.Override, Outcome.Deny, Justification, "counsel");
        var overrideSilent = await site.Workflow.ReviewAsync(decision.CaseId, ReviewVerdict.Override, null, Justification, "counsel");

        Assert.Equal("outcome", confirmChanging.Error!.Path);
        Assert.Equal("outcome", overrideKeeping.Error!.Path);
        Assert.Equal("outcome", overrideSilent.Error!.Path);
        Assert.Empty(site.Cases.Find(decision.CaseId)!.Events);

        var confirmed = await site.Workflow.ReviewAsync(decision.CaseId, ReviewVerdict.Confirm, null, Justification, "counsel");
        var entry = ReviewEntry.Read(site.Ledger.Read(confirmed.Value!.LedgerIndex).Body);
        Assert.Equal(new ReviewEntry(decision.CaseId, decision.Receipt.Index, ReviewVerdict.Confirm, Outcome.Deny, Justification, "counsel"), entry);
        Assert.Equal("deny", site.Cases.Find(decision.CaseId)!.Summary.Outcome);
    }

    [Fact]
    public async Task An_obligation_is_served_once_by_a_named_person_at_a_time_not_in_the_future()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample();
        const string rule = "st.copy-to-person";

        var future = await site.Workflow.ServeObligationAsync(decision.CaseId, rule, DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mmzzz"), "Officer Ruiz", "clerk");
        var nobody = await site.Workflow.ServeObligationAsync(decision.CaseId, rule, "2025-03-14T10:00-07:00", " ", "clerk");
        var unknown = await site.Workflow.ServeObligationAsync(decision.CaseId, "no.such-rule", "2025-03-14T10:00-07:00", "Officer Ruiz", "clerk");
        var served = await site.Workflow.ServeObligationAsync(decision.CaseId, rule, "2025-03-14T10:00-07:00", "Officer Ruiz", "clerk");
        var again = await site.Workflow.ServeObligationAsync(decision.CaseId, rule, "2025-03-14T11:00-07:00", "Officer Ruiz", "clerk");

        Assert.Equal("servedAt", future.Error!.Path);
        Assert.Equal("servedBy", nobody.Error!.Path);
        Assert.Equal(RecordErrorKind.NotFound, unknown.Error!.Kind);
        Assert.Null(served.Error);
        Assert.Equal(RecordErrorKind.Conflict, again.Error!.Kind);
        var entry = ObligationEntry.Read(site.Ledger.Read(served.Value!.LedgerIndex).Body);
        Assert.Equal(new ObligationEntry(decision.CaseId, decision.Receipt.Index, rule, "2025-03-14T10:00-07:00", "Officer Ruiz", "clerk"), entry);
        Assert.Equal(decision.Receipt.Index + 2, site.Ledger.Size);
    }

    [Fact]
    public async Task A_case_waits_for_counsel_once()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample();

        var referred = await site.Workflow.ReferAsync(decision.CaseId, "  unsure about the 2016 conviction  ", "clerk");
        var again = await site.Workflow.ReferAsync(decision.CaseId, null, "clerk");

        Assert.Equal(new ReferralEntry(decision.CaseId, decision.Receipt.Index, "unsure about the 2016 conviction", "clerk"),
            ReferralEntry.Read(site.Ledger.Read(referred.Value!.LedgerIndex).Body));
        Assert.Equal(RecordErrorKind.Conflict, again.Error!.Kind);
        Assert.Equal(CaseStatus.AwaitingCounsel, site.Cases.Find(decision.CaseId)!.Summary.Status);
    }
}

public sealed class CaseWorkflowTestsOnSqlite() : CaseWorkflowTests(StoreProvider.Sqlite);

public sealed class CaseWorkflowTestsOnPostgres() : CaseWorkflowTests(StoreProvider.Postgres);
