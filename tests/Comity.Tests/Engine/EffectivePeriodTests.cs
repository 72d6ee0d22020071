using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>semantics.md, Time: a rule is in force on day D when from &lt;= D and (no until, or D &lt; until).</summary>
public class EffectivePeriodTests
{
    private static readonly Comity.Engine.DecisionEngine Bounded = TempStack.Compile(
        LawText.Rule("r.bounded", "deny", effective: "from 2020-01-01 until 2024-07-01"));

    [Fact]
    public void Rule_is_in_force_on_its_from_day()
    {
        var answer = Bounded.Decide(Req.Act("hold", "2020-01-01"));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["r.bounded"], answer.DecidedBy);
    }

    [Fact]
    public void Rule_is_not_in_force_the_day_before_its_from_day()
    {
        var answer = Bounded.Decide(Req.Act("hold", "2019-12-31"));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Empty(answer.Reasons);
        Assert.Contains(Flag.Gap, answer.Flags);
    }

    [Fact]
    public void Rule_is_in_force_on_the_last_day_before_its_until_day()
    {
        var answer = Bounded.Decide(Req.Act("hold", "2024-06-30"));

        Assert.Equal(Outcome.Deny, answer.Outcome);
    }

    [Fact]
    public void Rule_is_no_longer_in_force_on_its_until_day()
    {
        var answer = Bounded.Decide(Req.Act("hold", "2024-07-01"));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Empty(answer.Reasons);
        Assert.Equal([Flag.Gap], answer.Flags);
    }

    [Fact]
    public void Repealed_rule_keeps_its_history_for_requests_received_while_it_was_in_force()
    {
        var stack = TempStack.Compile(
            LawText.Rule("r.repealed", "deny", effective: "from 2018-01-01 until 2021-01-01")
            + LawText.Rule("r.successor", "permit", effective: "from 2021-01-01"));

        var before = stack.Decide(Req.Act("hold", "2020-06-15"));
        var after = stack.Decide(Req.Act("hold", "2025-03-14"));

        Assert.Equal(Outcome.Deny, before.Outcome);
        Assert.Equal(["r.repealed"], before.ReasonIds());
        Assert.Equal(Outcome.Permit, after.Outcome);
        Assert.Equal(["r.successor"], after.ReasonIds());
    }

    [Fact]
    public void Versions_of_one_id_each_decide_in_their_own_period()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.amended", "deny", effective: "from 2018-01-01 until 2024-01-01", text: "Original text.")
            + LawText.Rule("r.amended", "permit", effective: "from 2024-01-01", text: "Amended text."));

        var old = engine.Decide(Req.Act("hold", "2023-12-31"));
        var amended = engine.Decide(Req.Act("hold", "2024-01-01"));

        Assert.Equal(Outcome.Deny, old.Outcome);
        Assert.Equal("Original text.", Assert.Single(old.Reasons).Text);
        Assert.Equal(Outcome.Permit, amended.Outcome);
        var reason = Assert.Single(amended.Reasons);
        Assert.Equal("Amended text.", reason.Text);
        Assert.Equal(Effect.Permit, reason.Effect);
        Assert.Equal(["r.amended"], amended.DecidedBy);
    }

    [Fact]
    public void Received_at_selects_the_day_as_written_in_its_own_offset_not_in_utc()
    {
        var engine = TempStack.Compile(LawText.Rule("r.new", "deny", effective: "from 2025-03-15"));

        // 23:30 in Los Angeles on the 14th is already the 15th in UTC: the law of the 14th decides.
        var lateEvening = engine.Decide(Req.Act("hold", "2025-03-14T23:30:00-07:00"));
        // 00:30 on the 15th at +02:00 is still the 14th in UTC: the law of the 15th decides.
        var earlyMorning = engine.Decide(Req.Act("hold", "2025-03-15T00:30:00+02:00"));

        Assert.Equal(Outcome.ReferToCounsel, lateEvening.Outcome);
        Assert.Equal(new DateOnly(2025, 3, 14), lateEvening.Policy.AsOf);
        Assert.Equal(Outcome.Deny, earlyMorning.Outcome);
        Assert.Equal(new DateOnly(2025, 3, 15), earlyMorning.Policy.AsOf);
    }

    [Fact]
    public void Duties_and_risks_also_follow_their_effective_period()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.deny", "deny")
            + LawText.Duty("d.notice", "act is hold", effective: "from 2025-01-01")
            + LawText.Risk("k.funding", "outcome is deny", "funding-risk", effective: "from 2000-01-01 until 2025-01-01"));

        var before = engine.Decide(Req.Act("hold", "2024-12-31"));
        var after = engine.Decide(Req.Act("hold", "2025-01-01"));

        Assert.Empty(before.Obligations);
        Assert.Equal([Flag.FundingRisk], before.Flags);
        Assert.Equal("d.notice", Assert.Single(after.Obligations).Rule);
        Assert.Empty(after.Flags);
    }
}
