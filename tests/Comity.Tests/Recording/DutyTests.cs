using System.Text;
using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Engine;
using Comity.Law;
using Comity.Recording;
using Comity.Tests.Cli.Support;
using Comity.Tests.Support;
using Comity.Tests.Recording.Support;

namespace Comity.Tests.Recording;

/// <summary>
/// Case duties and agency duties (issue 18): a case duty is served on the case and has a due time
/// from the law (the stack's duties.json) and the facts; an agency duty goes to the reports and is
/// never served on a case; the dashboard lists open case duties and referrals, overdue first.
/// </summary>
public abstract class DutyTests(StoreProvider provider)
{
    private static readonly StackCatalog Stacks = StackCatalog.ForRoot(RepoRoot.Combine("stacks"));

    private RecordingSite LosAngeles() => new(provider, Stacks);

    private static byte[] La(string file, Action<JsonObject>? change = null)
    {
        var request = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine(file)))!.AsObject();
        change?.Invoke(request);
        return Encoding.UTF8.GetBytes(request.ToJsonString());
    }

    [Fact]
    public void Every_duty_of_every_stack_is_in_its_schedule()
    {
        foreach (var folder in new[] { "stacks/us/ca/los-angeles", "stacks/us/tx/austin", "stacks/demo" })
        {
            var stack = StackLoader.Load(RepoRoot.Combine(folder));
            var duties = stack.Provisions.Where(p => p.Kind == ProvisionKind.Duty).Select(p => p.Id).ToHashSet();
            Assert.DoesNotContain(duties, d => stack.Duties.For(d).Unmapped);
        }
    }

    [Fact]
    public async Task A_detainer_gives_the_person_notice_on_receipt_and_the_records_duty_is_the_agencys()
    {
        using var site = LosAngeles();
        var decision = (await site.Recorder.DecideAsync(La("examples/la/detainer-robbery.json"), "clerk")).Value!;

        var c = site.Cases.Find(decision.CaseId)!;
        var notice = c.Obligations.Single(o => o.Rule == "ca.7283-1.b");
        Assert.False(notice.Agency);
        Assert.Equal(["person"], notice.To);
        Assert.Equal("on-receipt", notice.Due);
        Assert.Equal(DateTimeOffset.Parse("2025-06-02T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture), notice.DueAt);
        var records = c.Obligations.Single(o => o.Rule == "ca.7283-1.c");
        Assert.True(records.Agency);

        var served = await site.Workflow.ServeObligationAsync(decision.CaseId, "ca.7283-1.c", "2025-06-02T09:00-07:00", "Officer Diaz", "clerk");
        Assert.Equal(RecordErrorKind.Conflict, served.Error!.Kind);

        var board = site.Cases.OpenDuties(null, false, DateTimeOffset.UtcNow);
        var line = Assert.Single(board.Items, d => d.CaseId == decision.CaseId);
        Assert.Equal("ca.7283-1.b", line.Rule);
        Assert.True(line.Overdue);
    }

    [Fact]
    public async Task A_bare_received_date_is_due_at_the_end_of_that_day_in_the_units_time_zone()
    {
        using var site = LosAngeles();
        var decision = (await site.Recorder.DecideAsync(La("examples/la/detainer-robbery.json", r => r["receivedAt"] = "2025-06-02"), "clerk")).Value!;

        var notice = site.Cases.Find(decision.CaseId)!.Obligations.Single(o => o.Rule == "ca.7283-1.b");

        // Midnight between 2 and 3 June in Los Angeles (PDT, UTC-7).
        Assert.Equal(DateTimeOffset.Parse("2025-06-03T07:00:00Z", System.Globalization.CultureInfo.InvariantCulture), notice.DueAt);
    }

    [Fact]
    public async Task The_dashboard_lists_overdue_duties_first_then_by_due_time_then_referrals_and_filters_by_unit_and_overdue()
    {
        using var site = LosAngeles();
        var late = (await site.Recorder.DecideAsync(La("examples/la/detainer-robbery.json", r => r["id"] = "LATE"), "clerk")).Value!;
        var soon = DateTimeOffset.UtcNow.AddHours(6);
        var due = (await site.Recorder.DecideAsync(La("examples/la/detainer-robbery.json", r =>
        {
            r["id"] = "NOT-YET";
            r["receivedAt"] = soon.ToOffset(TimeSpan.FromHours(-7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        }), "clerk")).Value!;
        var served = (await site.Recorder.DecideAsync(La("examples/la/detainer-robbery.json", r => r["id"] = "SERVED"), "clerk")).Value!;
        await site.Workflow.ServeObligationAsync(served.CaseId, "ca.7283-1.b", "2025-06-02T09:00-07:00", "Officer Diaz", "clerk");
        var scenario = JsonNode.Parse("""
            {"receivedAt": "2025-08-14", "jurisdiction": "us/ca/los-angeles", "actor": {"unit": "lapd", "kind": "law-enforcement"}, "requester": {"agency": "ice-ero"},
             "act": "disclose", "purpose": "civil-immigration", "document": {"type": "letter"}, "data": ["release-date", "home-address", "immigration-status"],
             "subject": {"inCustody": true, "convictions": [{"code": "PC 211", "level": "felony", "date": "2016-05-01"}]}}
            """)!.ToJsonString();
        var referred = (await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes(scenario), "clerk")).Value!;

        var board = site.Cases.OpenDuties(null, false, DateTimeOffset.UtcNow, pageSize: 200);
        var order = board.Items.Select(d => (d.CaseId, d.Kind)).ToList();

        Assert.True(order.IndexOf((late.CaseId, "duty")) < order.IndexOf((due.CaseId, "duty")));
        Assert.True(order.IndexOf((due.CaseId, "duty")) < order.IndexOf((referred.CaseId, "referral")));
        Assert.DoesNotContain(board.Items, d => d.CaseId == served.CaseId);
        var referral = board.Items.Single(d => d.Kind == "referral");
        Assert.Equal(["immigration-status"], referral.ReferredItems);
        Assert.Equal(CaseStatus.AwaitingCounsel, site.Cases.Find(referred.CaseId)!.Summary.Status);
        Assert.Equal("deny", site.Cases.Find(referred.CaseId)!.Summary.Outcome);

        var overdue = site.Cases.OpenDuties(null, true, DateTimeOffset.UtcNow, pageSize: 200);
        Assert.Contains(overdue.Items, d => d.CaseId == late.CaseId);
        Assert.DoesNotContain(overdue.Items, d => d.CaseId == due.CaseId || d.Kind == "referral");
        Assert.Empty(site.Cases.OpenDuties("lasd", false, DateTimeOffset.UtcNow).Items);
        var overdueCases = site.Cases.List(new CaseQuery { OverdueAt = DateTimeOffset.UtcNow });
        Assert.Contains(overdueCases.Items, c => c.Id == late.CaseId);
        Assert.DoesNotContain(overdueCases.Items, c => c.Id == due.CaseId || c.Id == served.CaseId);
        Assert.True(site.Verifier.Verify(referred.CaseId)!.Verified, CorrectionTests.Failures(site, referred.CaseId));
    }

    [Fact]
    public void The_consent_form_is_due_before_the_interview_and_the_release_notice_at_release()
    {
        var stack = StackLoader.Load(RepoRoot.Combine("stacks/us/ca/los-angeles"));
        var read = Comity.Contract.RequestReader.Read(Encoding.UTF8.GetBytes("""
            {"receivedAt": "2025-08-14T10:00:00-07:00", "actor": {"unit": "lapd", "kind": "law-enforcement"}, "requester": {"agency": "ice-ero"},
             "act": "notify-release", "purpose": "civil-immigration", "document": {"type": "i-247a"},
             "subject": {"inCustody": true, "custody": {"eligibleForReleaseAt": "2025-08-20T08:00:00"}}}
            """));
        Assert.True(read.Ok);
        Comity.Contract.Obligation Duty(string rule) => new(rule, ["x"], "x");

        var plans = CaseDuties.Plan([Duty("ca.7283-1.a"), Duty("ca.7283-1.b.notice"), Duty("ca.7283-1.d"), Duty("not.in-the-schedule")], read.Request!, stack);

        Assert.Equal(("before-interview", (DateTimeOffset?)null), (plans[0].Due, plans[0].DueAt));
        // 8:00 on the unit's clock in Los Angeles (PDT): 15:00 UTC.
        Assert.Equal(("at-release", (DateTimeOffset?)DateTimeOffset.Parse("2025-08-20T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), (plans[1].Due, plans[1].DueAt));
        Assert.Equal(["person", "attorney"], plans[1].To);
        Assert.True(plans[2].Agency);
        // A duty the schedule does not name is shown on the case, due at once (fail closed).
        Assert.Equal((false, "on-receipt"), (plans[3].Agency, plans[3].Due));
    }
}

public sealed class DutyTestsOnSqlite() : DutyTests(StoreProvider.Sqlite);

public sealed class DutyTestsOnPostgres() : DutyTests(StoreProvider.Postgres);
