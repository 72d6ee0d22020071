using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Engine;
using Comity.Recording;
using Comity.Recording.Entries;
using Comity.Tests.Recording.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Recording;

/// <summary>
/// Issue 18 point 6: counsel settles what the decision referred, item by item, with a justification;
/// a referral is never confirmed as it stands; after an override the case's duties follow the
/// settled outcome (each duty's condition checked again under it), recorded in the review entry;
/// the case verifies against the ledger and is rebuilt from it the same.
/// </summary>
public abstract class CounselOverrideTests(StoreProvider provider)
{
    private const string Justification = "Counsel's reading of 8 U.S.C. 1373 for this request, in the file.";

    private static readonly StackCatalog Stacks = StackCatalog.ForRoot(RepoRoot.Combine("stacks"));

    /// <summary>LAPD asked for a release date, a home address and immigration status in 2025: status is referred (1373 against the ordinance), the rest denied.</summary>
    private const string ItemRequest = """
        {"receivedAt": "2025-08-14", "jurisdiction": "us/ca/los-angeles", "actor": {"unit": "lapd", "kind": "law-enforcement"}, "requester": {"agency": "ice-ero"},
         "act": "disclose", "purpose": "civil-immigration", "document": {"type": "letter"}, "data": ["release-date", "home-address", "immigration-status"],
         "subject": {"inCustody": true, "convictions": [{"code": "PC 211", "level": "felony", "date": "2016-05-01"}]}}
        """;

    /// <summary>An ICE civil interview in February 2017: no rule yet but the TRUTH Act's consent duty, so it refers (a gap).</summary>
    private const string Interview2017 = """
        {"receivedAt": "2017-02-15", "jurisdiction": "us/ca/los-angeles", "actor": {"unit": "lapd", "kind": "law-enforcement"}, "requester": {"agency": "ice-ero"},
         "act": "interview", "purpose": "civil-immigration", "document": {"type": "none"}, "subject": {"inCustody": true}}
        """;

    private static async Task<long> Decide(RecordingSite site, string request)
    {
        var recorded = await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes(request), "clerk");
        Assert.Null(recorded.Error);
        return recorded.Value!.CaseId;
    }

    [Fact]
    public async Task Counsel_who_denies_the_interview_withdraws_the_consent_form_and_the_ledger_says_so()
    {
        using var site = new RecordingSite(provider, Stacks);
        var id = await Decide(site, Interview2017);
        Assert.Equal("refer-to-counsel", site.Cases.Find(id)!.Summary.Outcome);
        Assert.Contains(site.Cases.Find(id)!.Obligations, o => o.Rule == "ca.7283-1.a");

        var confirmed = await site.Workflow.ReviewAsync(id, ReviewVerdict.Confirm, null, Justification, "counsel");
        Assert.Equal("outcome", confirmed.Error!.Path);
        var referred = await site.Workflow.ReviewAsync(id, ReviewVerdict.Override, Outcome.ReferToCounsel, Justification, "counsel");
        Assert.Equal("outcome", referred.Error!.Path);

        var denied = await site.Workflow.ReviewAsync(id, ReviewVerdict.Override, Outcome.Deny, Justification, "counsel");

        Assert.Null(denied.Error);
        var c = site.Cases.Find(id)!;
        Assert.Equal("deny", c.Summary.Outcome);
        Assert.DoesNotContain(c.Obligations, o => o.Rule == "ca.7283-1.a");
        Assert.Contains(c.Obligations, o => o.Rule == "ca.7283-1.c");
        var entry = ReviewEntry.Read(site.Ledger.Read(denied.Value!.LedgerIndex).Body);
        Assert.Equal(c.Obligations.Select(o => o.Rule), entry.Obligations!.Select(o => o.Rule));
        Assert.True(site.Verifier.Verify(id)!.Verified, CorrectionTests.Failures(site, id));
        Assert.Equal(c.Obligations.Select(o => o.Rule), Rebuilt(site, id).Obligations.Select(o => o.Rule));
    }

    [Fact]
    public async Task An_item_referred_to_counsel_is_settled_item_by_item_and_the_outcome_is_the_most_restrictive()
    {
        using var site = new RecordingSite(provider, Stacks);
        var id = await Decide(site, ItemRequest);
        var before = site.Cases.Find(id)!;
        Assert.Equal(["immigration-status"], before.Summary.ReferredItems);
        Assert.Equal("deny", before.Summary.Outcome);

        var confirm = await site.Workflow.ReviewAsync(id, ReviewVerdict.Confirm, null, Justification, "counsel");
        var missing = await site.Workflow.ReviewAsync(id, ReviewVerdict.Override, null, Justification, "counsel",
            [new ItemOutcome(DataItem.HomeAddress, Outcome.Permit)]);
        var unasked = await site.Workflow.ReviewAsync(id, ReviewVerdict.Override, null, Justification, "counsel",
            [new ItemOutcome(DataItem.ImmigrationStatus, Outcome.Permit), new ItemOutcome(DataItem.WorkAddress, Outcome.Deny)]);
        var stillReferred = await site.Workflow.ReviewAsync(id, ReviewVerdict.Override, null, Justification, "counsel",
            [new ItemOutcome(DataItem.ImmigrationStatus, Outcome.ReferToCounsel)]);
        Assert.Equal("items", confirm.Error!.Path);
        Assert.Equal("items", missing.Error!.Path);
        Assert.Equal("items.work-address", unasked.Error!.Path);
        Assert.Equal("items.immigration-status", stillReferred.Error!.Path);
        Assert.Empty(site.Cases.Find(id)!.Events);

        var settled = await site.Workflow.ReviewAsync(id, ReviewVerdict.Override, null, Justification, "counsel",
            [new ItemOutcome(DataItem.ImmigrationStatus, Outcome.Permit)]);

        Assert.Null(settled.Error);
        var c = site.Cases.Find(id)!;
        Assert.Equal(CaseStatus.Reviewed, c.Summary.Status);
        Assert.Equal("deny", c.Summary.Outcome); // the release date and the address stay denied
        var items = CaseWorkflow.ItemsInForce(c);
        Assert.Equal(Outcome.Permit, items.Single(i => i.Item == DataItem.ImmigrationStatus).Outcome);
        Assert.Equal(Outcome.Deny, items.Single(i => i.Item == DataItem.HomeAddress).Outcome);
        var body = site.Ledger.Read(settled.Value!.LedgerIndex).Body;
        Assert.Equal("permit", body.GetProperty("items").GetProperty("immigration-status").GetString());
        Assert.False(body.GetProperty("items").TryGetProperty("home-address", out _));
        Assert.Equal([new ItemOutcome(DataItem.ImmigrationStatus, Outcome.Permit)], c.Reviews.Single().Items);
        Assert.True(site.Verifier.Verify(id)!.Verified, CorrectionTests.Failures(site, id));
        Assert.DoesNotContain(site.Cases.OpenDuties(null, false, DateTimeOffset.UtcNow, pageSize: 200).Items, d => d.CaseId == id && d.Kind == "referral");

        // Every item permitted: the request's outcome becomes permit, and confirming that is allowed.
        var all = await site.Workflow.ReviewAsync(id, ReviewVerdict.Override, Outcome.Permit, Justification, "counsel",
            [new ItemOutcome(DataItem.ReleaseDate, Outcome.Permit), new ItemOutcome(DataItem.HomeAddress, Outcome.Permit)]);
        Assert.Null(all.Error);
        Assert.Equal("permit", site.Cases.Find(id)!.Summary.Outcome);
        Assert.Null((await site.Workflow.ReviewAsync(id, ReviewVerdict.Confirm, null, Justification, "counsel")).Error);
        Assert.True(site.Verifier.Verify(id)!.Verified, CorrectionTests.Failures(site, id));
        Assert.Equal(site.Cases.Find(id)!.Obligations.Select(o => o.Rule), Rebuilt(site, id).Obligations.Select(o => o.Rule));
    }

    [Fact]
    public void A_review_entry_written_before_items_existed_still_reads()
    {
        using var old = JsonDocument.Parse("""{"case":3,"decision":7,"verdict":"override","outcome":"permit","justification":"A judicial warrant was produced.","recordedBy":"counsel"}""");

        var entry = ReviewEntry.Read(old.RootElement);

        Assert.Equal(new ReviewEntry(3, 7, ReviewVerdict.Override, Outcome.Permit, "A judicial warrant was produced.", "counsel"), entry);
        Assert.Null(entry.Items);
        Assert.Null(entry.Obligations);
    }

    [Fact]
    public void The_duties_under_the_engines_own_outcomes_are_the_answers()
    {
        var read = RequestReader.Read(Encoding.UTF8.GetBytes(ItemRequest));
        var engine = Stacks.Find(read.Request!, out _)!;
        var answer = engine.Decide(read.Request!);

        var duties = engine.DutiesUnder(read.Request!, answer.Outcome, answer.Data);

        Assert.Equal(answer.Obligations.Select(o => o.Rule), duties.Select(o => o.Rule));
    }

    /// <summary>The case as a fresh case database rebuilds it from the ledger alone.</summary>
    private static CaseDetail Rebuilt(RecordingSite site, long id)
    {
        using var dir = Comity.Tests.Cli.Support.Repo.TempDir();
        using var database = CaseDatabase.Open(dir.Path);
        using var store = new CaseStore(database);
        var report = new CaseProjection(site.Ledger, store, Stacks).CatchUp();
        Assert.Empty(report.Problems);
        return store.Find(store.FindByLedgerIndex(site.Cases.Find(id)!.Summary.LedgerIndex)!.Value)!;
    }
}

public sealed class CounselOverrideTestsOnSqlite() : CounselOverrideTests(StoreProvider.Sqlite);

public sealed class CounselOverrideTestsOnPostgres() : CounselOverrideTests(StoreProvider.Postgres);
