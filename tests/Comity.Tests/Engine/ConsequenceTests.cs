using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>Duties add obligations, risks add flags; both are evaluated after the outcome and may test it.</summary>
public class ConsequenceTests
{
    [Fact]
    public void Duty_adds_its_obligation_with_citations_when_its_condition_holds()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.deny", "deny")
            + LawText.Duty("d.copy", "act is one of hold, transfer and requester.agency is one of ice-ero, cbp"));

        var ice = engine.Decide(Req.Act("hold"));
        var fbi = engine.Decide(Req.With("""{ "requester": { "agency": "fbi" } }"""));

        var obligation = Assert.Single(ice.Obligations);
        Assert.Equal("d.copy", obligation.Rule);
        Assert.Equal(["Test § d.copy"], obligation.Citations);
        Assert.Equal("Duty d.copy.", obligation.Text);
        Assert.Empty(fbi.Obligations);
    }

    [Fact]
    public void Duty_changes_no_outcome_and_is_not_a_reason()
    {
        var engine = TempStack.Compile(LawText.Duty("d.notice", "always"));

        var answer = engine.Decide(Req.Act("hold"));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal([Flag.Gap], answer.Flags);
        Assert.Empty(answer.Reasons);
        Assert.Single(answer.Obligations);
    }

    [Fact]
    public void Risk_testing_outcome_flags_only_when_that_outcome_was_decided()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.deny", "deny", when: "purpose is civil-immigration")
            + LawText.Rule("r.permit", "permit", when: "purpose is criminal")
            + LawText.Risk("k.funding", "outcome is deny and purpose is civil-immigration", "funding-risk"));

        var denied = engine.Decide(Req.With("""{ "purpose": "civil-immigration" }"""));
        var permitted = engine.Decide(Req.With("""{ "purpose": "criminal" }"""));

        Assert.Equal([Flag.FundingRisk], denied.Flags);
        Assert.Empty(permitted.Flags);
        Assert.Equal(Outcome.Deny, denied.Outcome);
    }

    [Fact]
    public void Outcome_tested_is_the_stack_outcome_not_the_layer_outcome()
    {
        var engine = TempStack.Compile(
            ("federal", LawText.Rule("fed.must", "must", when: "act is transfer")),
            ("city", LawText.Rule("city.deny", "deny") + LawText.Risk("k.funding", "outcome is deny", "funding-risk")));

        var overridden = engine.Decide(Req.Act("transfer"));
        var denied = engine.Decide(Req.Act("hold"));

        Assert.Equal(Outcome.MustComply, overridden.Outcome);
        Assert.Empty(overridden.Flags);
        Assert.Equal([Flag.FundingRisk], denied.Flags);
    }

    [Fact]
    public void Duty_testing_outcome_obliges_only_for_that_outcome()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.permit", "permit", when: "act is notify-release")
            + LawText.Rule("r.deny", "deny", when: "act is hold")
            + LawText.Duty("d.record", "outcome is one of permit, must-comply"));

        Assert.Single(engine.Decide(Req.Act("notify-release")).Obligations);
        Assert.Empty(engine.Decide(Req.Act("hold")).Obligations);
    }

    [Fact]
    public void Duty_testing_outcome_sees_refer_to_counsel_for_a_gap()
    {
        var engine = TempStack.Compile(LawText.Duty("d.counsel", "outcome is refer-to-counsel"));

        Assert.Single(engine.Decide(Req.Act("hold")).Obligations);
    }

    [Fact]
    public void Duty_and_risk_follow_their_binding()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.deny", "deny")
            + LawText.Duty("d.jail", "always", binds: "jail")
            + LawText.Risk("k.port", "always", "litigation-pending", binds: "unit port-police"));

        var lapd = engine.Decide(Req.Act("hold"));
        var jail = engine.Decide(Req.With("""{ "actor": { "unit": "county-jail", "kind": "jail" } }"""));
        var port = engine.Decide(Req.With("""{ "actor": { "unit": "port-police", "kind": "law-enforcement" } }"""));

        Assert.Empty(lapd.Obligations);
        Assert.Empty(lapd.Flags);
        Assert.Single(jail.Obligations);
        Assert.Empty(jail.Flags);
        Assert.Empty(port.Obligations);
        Assert.Equal([Flag.LitigationPending], port.Flags);
    }

    [Fact]
    public void Rule_flags_are_raised_when_the_rule_applies()
    {
        var engine = TempStack.Compile(LawText.Rule("r.flagged", "deny", when: "act is hold", flags: "litigation-pending, state-enforcement-risk"));

        Assert.Equal([Flag.LitigationPending, Flag.StateEnforcementRisk], engine.Decide(Req.Act("hold")).Flags);
        Assert.Equal([Flag.Gap], engine.Decide(Req.Act("transfer")).Flags);
    }

    [Fact]
    public void Duty_triggered_by_several_items_is_one_obligation()
    {
        var engine = TempStack.Compile(LawText.Rule("r.permit", "permit") + LawText.Duty("d.log", "act is disclose"));

        var answer = engine.Decide(Req.Disclose(["release-date", "home-address", "contact"]));

        Assert.Single(answer.Obligations);
    }
}
