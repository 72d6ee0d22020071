using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>semantics.md rule 4: a floor names what a lower deny of it becomes, contested or preempted.</summary>
public class FloorConflictTests
{
    private static DecisionAnswer Decide(string floorEffect) => TempStack.Compile(
            ("state", LawText.Rule("st.floor", floorEffect)),
            ("city", LawText.Rule("city.deny", "deny")))
        .Decide(Req.Act("hold"));

    [Fact]
    public void A_contested_floor_refers_the_conflict_to_counsel_with_its_flag()
    {
        var answer = Decide("floor on conflict refer flags state-enforcement-risk");

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal([Flag.StateEnforcementRisk], answer.Flags);
        Assert.Equal(["st.floor", "city.deny"], answer.DecidedBy);
    }

    [Fact]
    public void A_floor_that_names_no_conflict_refers_with_fed_1373_conflict()
    {
        var answer = Decide("floor");

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal([Flag.Fed1373Conflict], answer.Flags);
    }

    [Fact]
    public void A_preempting_floor_keeps_its_own_outcome_and_reports_the_lower_deny_as_preempted()
    {
        var answer = Decide("floor on conflict preempt flags state-preemption-conflict");

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Equal(["st.floor"], answer.DecidedBy);
        Assert.Equal([Flag.StatePreemptionConflict], answer.Flags);
        Assert.Equal(["st.floor"], answer.Reason("city.deny").OverriddenBy);
        Assert.Equal(["permit", "deny"], answer.LayerOutcomes());
    }

    [Fact]
    public void The_conflict_may_be_its_own_clause_below_the_effect()
    {
        var law = LawText.Rule("st.floor", "floor").Replace("  effect floor\n", "  effect floor\n  on conflict preempt flags state-preemption-conflict\n", StringComparison.Ordinal);
        var answer = TempStack.Compile(("state", law), ("city", LawText.Rule("city.deny", "deny"))).Decide(Req.Act("hold"));

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Equal([Flag.StatePreemptionConflict], answer.Flags);
    }

    [Fact]
    public void Only_a_floor_names_a_conflict()
    {
        var law = LawText.Rule("r.permit", "permit").Replace("  effect permit\n", "  effect permit\n  on conflict refer flags gap\n", StringComparison.Ordinal);

        var error = Assert.Single(TempStack.ErrorsOf(law));

        Assert.Contains("only/rules.law:8:3: only a floor names what a conflict with it becomes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conflict_mode_other_than_refer_or_preempt_is_refused()
    {
        var error = Assert.Single(TempStack.ErrorsOf(LawText.Rule("st.floor", "floor on conflict ignore flags gap")));

        Assert.Contains("only/rules.law:7:28: expected \"refer\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Below_a_higher_must_a_lower_deny_is_reported_overridden()
    {
        var answer = TempStack.Compile(
                ("federal", LawText.Rule("fed.must", "must")),
                ("state", LawText.Rule("st.floor", "floor on conflict preempt flags state-preemption-conflict")),
                ("city", LawText.Rule("city.deny", "deny")))
            .Decide(Req.Act("hold"));

        Assert.Equal(Outcome.MustComply, answer.Outcome);
        Assert.Equal(["fed.must"], answer.Reason("city.deny").OverriddenBy);
        Assert.Empty(answer.Flags);
    }
}
