using System.Text;
using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Recording;
using Comity.Recording.Entries;
using Comity.Tests.Cli.Support;
using Comity.Tests.Recording.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Recording;

/// <summary>
/// Corrections and voids (issue 18, reports.md section 1): a new entry that points at the one it
/// replaces, the corrected request decided again; nothing recorded is edited; the case, its
/// projection from the ledger and its verification follow them.
/// </summary>
public abstract class CorrectionTests(StoreProvider provider)
{
    private const string Justification = "The record shows no qualifying conviction under 7282.5.";

    /// <summary>The example received before the city ordinance took effect: state law permits the notification.</summary>
    private static byte[] ReceivedIn2024(string id = "LAPD-2025-000123") =>
        Encoding.UTF8.GetBytes(CliExamples.ExampleLine(id, r => r["receivedAt"] = "2024-06-14T09:30:00-07:00"));

    [Fact]
    public async Task A_corrected_received_date_is_decided_again_and_points_at_the_decision()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample(id: "LAPD-2025-000123");
        Assert.Equal("deny", site.Cases.Find(decision.CaseId)!.Summary.Outcome);

        var corrected = await site.Workflow.CorrectAsync(decision.CaseId, ReceivedIn2024(), CorrectionReason.DataEntryError, "received date typed as 2025", "supervisor");

        Assert.Null(corrected.Error);
        Assert.Equal(Comity.Contract.Outcome.Permit, corrected.Value!.Answer.Outcome);
        var recorded = site.Ledger.Read(corrected.Value.Event.LedgerIndex);
        Assert.Equal("correction", recorded.Kind);
        Assert.Equal(decision.Receipt.Index, recorded.Corrects);
        var entry = CorrectionEntry.Read(recorded.Body);
        Assert.Equal((decision.CaseId, decision.Receipt.Index, decision.Receipt.Index, CorrectionReason.DataEntryError, "received date typed as 2025", "supervisor"),
            (entry.Case, entry.Decision, entry.Corrects, entry.Reason, entry.Note, entry.RecordedBy));
        var c = site.Cases.Find(decision.CaseId)!;
        Assert.Equal("2024-06-14T09:30:00-07:00", c.Summary.ReceivedAt);
        Assert.Equal("permit", c.Summary.DecidedOutcome);
        Assert.Equal("permit", c.Summary.Outcome);
        Assert.Equal(corrected.Value.Event.LedgerIndex, c.Current.LedgerIndex);
        // The decision entry itself is untouched.
        Assert.Equal("2025-03-14T09:30:00-07:00", site.Ledger.Read(decision.Receipt.Index).Body.GetProperty("request").GetProperty("receivedAt").GetString());
        Assert.Contains("\"receipt\"", Encoding.UTF8.GetString(corrected.Value.Sent()), StringComparison.Ordinal);
        Assert.True(site.Verifier.Verify(decision.CaseId)!.Verified, Failures(site, decision.CaseId));
    }

    [Fact]
    public async Task A_correction_records_the_law_that_decided_it_and_reproduces_from_the_ledger_alone()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample(id: "LAPD-2025-000123");

        var corrected = await site.Workflow.CorrectAsync(decision.CaseId, ReceivedIn2024(), CorrectionReason.DataEntryError, null, "supervisor");

        var entry = CorrectionEntry.Read(site.Ledger.Read(corrected.Value!.Event.LedgerIndex).Body);
        var decided = DecisionEntry.Read(site.Ledger.Read(decision.Receipt.Index).Body);
        Assert.NotNull(entry.StackEntry);
        Assert.Equal(decided.StackEntry, entry.StackEntry);
        Assert.Equal(entry.StackDigest, new StackVersions(site.Ledger, TimeProvider.System).Read(entry.StackEntry!.Value).Digest);
        Assert.Null(new Comity.Replay.Reproducer(site.Ledger).Check(corrected.Value.Event.LedgerIndex));
    }

    [Fact]
    public async Task A_correction_under_a_new_version_of_the_law_records_that_version_first()
    {
        using var dir = Repo.TempDir();
        var stack = dir.CopyFrom(Repo.DemoStack, "demo");
        var data = Path.Combine(dir.Path, "data");
        RecordedDecision decision;
        using (var folder = RecordingFolder.Open(data, Comity.Engine.StackCatalog.ForStack(stack), TimeProvider.System))
            decision = (await folder.Recorder.DecideAsync(Encoding.UTF8.GetBytes(CliExamples.ExampleLine("LAPD-2025-000123")), "clerk")).Value!;
        File.AppendAllText(Path.Combine(stack, "city", "ordinance.law"), "\n# amended after the decision\n");

        using var site = RecordingFolder.Open(data, Comity.Engine.StackCatalog.ForStack(stack), TimeProvider.System);
        var corrected = await site.Workflow.CorrectAsync(decision.CaseId, ReceivedIn2024(), CorrectionReason.DataEntryError, null, "supervisor");

        var index = corrected.Value!.Event.LedgerIndex;
        var entry = CorrectionEntry.Read(site.Ledger.Read(index).Body);
        Assert.NotEqual(decision.Answer.Policy.Digest, entry.StackDigest);
        Assert.Equal(index - 1, entry.StackEntry);
        Assert.Equal(["law-file", "stack", "correction"], new[] { index - 2, index - 1, index }.Select(i => site.Ledger.Read(i).Kind));
    }

    [Fact]
    public async Task A_second_correction_points_at_the_first_and_a_correction_that_changes_the_outcome_sets_reviews_aside()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample(id: "LAPD-2025-000123");
        await site.Workflow.ReviewAsync(decision.CaseId, ReviewVerdict.Override, Comity.Contract.Outcome.MustComply, Justification, "counsel");
        var first = await site.Workflow.CorrectAsync(decision.CaseId, ReceivedIn2024(), CorrectionReason.LateRecorded, null, "clerk");

        var c = site.Cases.Find(decision.CaseId)!;
        Assert.Equal("permit", c.Summary.Outcome);
        Assert.Equal(CaseStatus.Open, c.Summary.Status);

        var second = await site.Workflow.CorrectAsync(decision.CaseId, Encoding.UTF8.GetBytes(CliExamples.ExampleLine("LAPD-2025-000123-B")), CorrectionReason.DataEntryError, "", "clerk");
        Assert.Null(second.Error);
        Assert.Equal(first.Value!.Event.LedgerIndex, site.Ledger.Read(second.Value!.Event.LedgerIndex).Corrects);
        Assert.Equal("deny", site.Cases.Find(decision.CaseId)!.Summary.Outcome);
        Assert.True(site.Verifier.Verify(decision.CaseId)!.Verified, Failures(site, decision.CaseId));
    }

    [Fact]
    public async Task A_correction_that_leaves_the_outcome_keeps_counsels_review()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample(id: "LAPD-2025-000123");
        await site.Workflow.ReviewAsync(decision.CaseId, ReviewVerdict.Override, Comity.Contract.Outcome.Permit, Justification, "counsel");

        var corrected = await site.Workflow.CorrectAsync(decision.CaseId, Encoding.UTF8.GetBytes(CliExamples.ExampleLine("LAPD-2025-000124")), CorrectionReason.DataEntryError, null, "clerk");

        Assert.Null(corrected.Error);
        var c = site.Cases.Find(decision.CaseId)!;
        Assert.Equal("LAPD-2025-000124", c.Summary.Reference);
        Assert.Equal("permit", c.Summary.Outcome);
        Assert.Equal(CaseStatus.Reviewed, c.Summary.Status);
        Assert.True(site.Verifier.Verify(decision.CaseId)!.Verified, Failures(site, decision.CaseId));
    }

    [Fact]
    public async Task A_correction_must_change_something_give_a_correction_reason_and_keep_its_note_free_of_the_person()
    {
        using var site = new RecordingSite(provider);
        var named = CliExamples.ExampleLine("N-1", r => r["subject"]!["identity"] = new JsonObject { ["name"] = "Maria Exemplar-Sanchez", ["aNumber"] = "A-123-456-789" });
        var decision = (await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes(named), "clerk")).Value!;

        var same = await site.Workflow.CorrectAsync(decision.CaseId, Encoding.UTF8.GetBytes(CliExamples.ExampleLine("N-1")), CorrectionReason.DataEntryError, null, "clerk");
        var duplicate = await site.Workflow.CorrectAsync(decision.CaseId, ReceivedIn2024("N-1"), CorrectionReason.Duplicate, null, "clerk");
        var naming = await site.Workflow.CorrectAsync(decision.CaseId, ReceivedIn2024("N-1"), CorrectionReason.DataEntryError, "Exemplar's date was wrong", "clerk");
        var aNumber = await site.Workflow.CorrectAsync(decision.CaseId, ReceivedIn2024("N-1"), CorrectionReason.DataEntryError, "see A 987 654 321", "clerk");
        var broken = await site.Workflow.CorrectAsync(decision.CaseId, Encoding.UTF8.GetBytes("{\"act\":\"nope\"}"), CorrectionReason.DataEntryError, null, "clerk");

        Assert.Equal("request", same.Error!.Path);
        Assert.Equal("reason", duplicate.Error!.Path);
        Assert.Equal("note", naming.Error!.Path);
        Assert.Equal("note", aNumber.Error!.Path);
        Assert.NotEmpty(broken.Error!.ContractErrors!);
        Assert.Equal(decision.Receipt.Index + 1, site.Ledger.Size);
        // Without an identity, the correction keeps the one on record, and commits it again.
        var kept = await site.Workflow.CorrectAsync(decision.CaseId, ReceivedIn2024("N-1"), CorrectionReason.DataEntryError, "date typed wrong", "clerk");
        var c = site.Cases.Find(decision.CaseId)!;
        Assert.Equal("Maria Exemplar-Sanchez", c.Identity!.Identity.Name);
        Assert.Equal(c.Identity.Commitment, site.Ledger.Read(kept.Value!.Event.LedgerIndex).Body.GetProperty("identity").GetString());
        Assert.True(site.Verifier.Verify(decision.CaseId)!.Verified, Failures(site, decision.CaseId));
    }

    [Fact]
    public async Task A_void_case_stays_and_takes_no_further_entries()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample();

        var wrongReason = await site.Workflow.VoidAsync(decision.CaseId, CorrectionReason.LateRecorded, null, "supervisor");
        var voided = await site.Workflow.VoidAsync(decision.CaseId, CorrectionReason.Duplicate, "entered twice", "supervisor");
        var refer = await site.Workflow.ReferAsync(decision.CaseId, null, "clerk");
        var again = await site.Workflow.VoidAsync(decision.CaseId, CorrectionReason.Duplicate, null, "supervisor");

        Assert.Equal("reason", wrongReason.Error!.Path);
        Assert.Null(voided.Error);
        Assert.Equal(decision.Receipt.Index, site.Ledger.Read(voided.Value!.LedgerIndex).Corrects);
        Assert.Equal(RecordErrorKind.Conflict, refer.Error!.Kind);
        Assert.Equal(RecordErrorKind.Conflict, again.Error!.Kind);
        Assert.Equal(CaseStatus.Void, site.Cases.Find(decision.CaseId)!.Summary.Status);
        Assert.Equal(1, site.Cases.List(new CaseQuery { Status = CaseStatus.Void }).Total);
        Assert.True(site.Verifier.Verify(decision.CaseId)!.Verified, Failures(site, decision.CaseId));
    }

    [Fact]
    public async Task Corrections_voids_and_actions_are_rebuilt_from_the_ledger_alone()
    {
        using var site = new RecordingSite(provider);
        var decision = await site.DecideExample(id: "LAPD-2025-000123");
        await site.Workflow.CorrectAsync(decision.CaseId, ReceivedIn2024(), CorrectionReason.DataEntryError, null, "clerk");
        await site.Workflow.RecordActionAsync(decision.CaseId, CaseActionKind.Notified, "2024-06-15T10:00-07:00", null, null, "clerk");
        var other = await site.DecideExample(id: "OTHER");
        await site.Workflow.VoidAsync(other.CaseId, CorrectionReason.OpenedByMistake, null, "supervisor");
        var before = site.Cases.Find(decision.CaseId)!;

        // A fresh case database over the same ledger.
        using var fresh = Comity.Cases.CaseDatabase.Open(Path.Combine(site.DataFolder, "rebuilt"));
        using var cases = new CaseStore(fresh);
        var report = new CaseProjection(site.Ledger, cases).CatchUp();

        Assert.Empty(report.Problems);
        var rebuilt = cases.Find(cases.FindByLedgerIndex(decision.Receipt.Index)!.Value)!;
        // The ledger keeps times to the millisecond.
        Assert.Equal(before.Summary with { Id = rebuilt.Summary.Id, RecordedAt = rebuilt.Summary.RecordedAt }, rebuilt.Summary);
        Assert.Equal(before.Summary.RecordedAt.ToUnixTimeMilliseconds(), rebuilt.Summary.RecordedAt.ToUnixTimeMilliseconds());
        Assert.Equal(before.Actions.Select(a => a with { RecordedAt = default }), rebuilt.Actions.Select(a => a with { RecordedAt = default }));
        Assert.Equal(before.Obligations.Select(o => (o.Rule, o.ServedAt, string.Join("|", o.Citations))), rebuilt.Obligations.Select(o => (o.Rule, o.ServedAt, string.Join("|", o.Citations))));
        Assert.Equal(CaseStatus.Void, cases.Find(cases.FindByLedgerIndex(other.Receipt.Index)!.Value)!.Summary.Status);
    }

    internal static string Failures(RecordingSite site, long caseId)
    {
        var v = site.Verifier.Verify(caseId)!;
        return string.Join("\n", v.Facts.Where(f => !f.Verified).Select(f => $"{f.Fact}: {f.Detail}")
            .Concat(v.Entries.Where(e => !e.Verified).Select(e => $"{e.LedgerIndex} {e.Kind}: {e.Detail}")));
    }
}

public sealed class CorrectionTestsOnSqlite() : CorrectionTests(StoreProvider.Sqlite);

public sealed class CorrectionTestsOnPostgres() : CorrectionTests(StoreProvider.Postgres);
