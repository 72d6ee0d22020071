using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>semantics.md, Combining, inside one layer: deny beats refer beats permit; must with deny is a contradiction.</summary>
public class LayerCombiningTests
{
    private static DecisionAnswer Decide(params string[] rules) =>
        TempStack.Compile(string.Concat(rules)).Decide(Req.Act("hold"));

    [Theory]
    [InlineData("must", Outcome.MustComply)]
    [InlineData("permit", Outcome.Permit)]
    [InlineData("floor", Outcome.Permit)]
    [InlineData("deny", Outcome.Deny)]
    [InlineData("refer", Outcome.ReferToCounsel)]
    public void A_single_rule_gives_the_outcome_of_its_effect(string effect, Outcome expected)
    {
        var answer = Decide(LawText.Rule("r.one", effect));

        Assert.Equal(expected, answer.Outcome);
        Assert.Equal(["r.one"], answer.DecidedBy);
        Assert.Equal(expected, Assert.Single(answer.Layers).Outcome);
        Assert.Empty(answer.Flags);
    }

    [Fact]
    public void Deny_beats_refer_and_permit_in_one_layer()
    {
        var answer = Decide(LawText.Rule("r.permit", "permit"), LawText.Rule("r.refer", "refer"), LawText.Rule("r.deny", "deny"));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["r.deny"], answer.DecidedBy);
        Assert.Equal(["r.permit", "r.refer", "r.deny"], answer.ReasonIds());
        Assert.All(answer.Reasons, r => Assert.Empty(r.OverriddenBy));
    }

    [Fact]
    public void Deny_beats_permit_in_one_layer()
    {
        var answer = Decide(LawText.Rule("r.deny", "deny"), LawText.Rule("r.permit", "permit"));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["r.deny"], answer.DecidedBy);
    }

    [Fact]
    public void Refer_beats_permit_in_one_layer()
    {
        var answer = Decide(LawText.Rule("r.permit", "permit"), LawText.Rule("r.refer", "refer"));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal(["r.refer"], answer.DecidedBy);
        Assert.Empty(answer.Flags);
    }

    [Fact]
    public void Must_and_deny_in_one_layer_is_a_contradiction_that_refers_to_counsel()
    {
        var answer = Decide(LawText.Rule("r.must", "must"), LawText.Rule("r.deny", "deny"));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal(["refer-to-counsel"], answer.LayerOutcomes());
        Assert.Equal(["r.must", "r.deny"], answer.DecidedBy);
        Assert.DoesNotContain(Flag.Gap, answer.Flags);
    }

    [Fact]
    public void Refer_beats_must_in_one_layer_as_the_language_documents()
    {
        var answer = Decide(LawText.Rule("r.must", "must"), LawText.Rule("r.refer", "refer"));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal(["r.refer"], answer.DecidedBy);
    }

    [Fact]
    public void Must_and_permit_in_one_layer_is_a_duty()
    {
        var answer = Decide(LawText.Rule("r.permit", "permit"), LawText.Rule("r.must", "must"));

        Assert.Equal(Outcome.MustComply, answer.Outcome);
        Assert.Equal(["r.must"], answer.DecidedBy);
    }

    [Fact]
    public void Floor_and_permit_in_one_layer_both_decide_a_permit()
    {
        var answer = Decide(LawText.Rule("r.floor", "floor"), LawText.Rule("r.permit", "permit"));

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Equal(["r.floor", "r.permit"], answer.DecidedBy);
    }

    [Fact]
    public void Rules_that_do_not_apply_are_not_reasons()
    {
        var answer = Decide(LawText.Rule("r.hold", "deny", when: "act is hold"), LawText.Rule("r.transfer", "must", when: "act is transfer"));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["r.hold"], answer.ReasonIds());
    }

    [Fact]
    public void Negated_act_test_applies_to_every_other_act()
    {
        var engine = TempStack.Compile(LawText.Rule("r.not-hold", "deny", when: "act is not hold"));

        Assert.Equal(Outcome.ReferToCounsel, engine.Decide(Req.Act("hold")).Outcome);
        Assert.Equal(Outcome.Deny, engine.Decide(Req.Act("transfer")).Outcome);
        Assert.Equal(Outcome.Deny, engine.Decide(Req.Act("interview")).Outcome);
    }

    [Fact]
    public void Parenthesised_or_inside_and_is_evaluated_as_written()
    {
        var engine = TempStack.Compile(LawText.Rule("r.paren", "deny",
            when: "act is hold and (purpose is criminal or subject.inCustody)"));

        Assert.Equal(Outcome.Deny, engine.Decide(Req.With("""{ "purpose": "criminal" }""")).Outcome);
        Assert.Equal(Outcome.Deny, engine.Decide(Req.With("""{ "subject": { "inCustody": true } }""")).Outcome);
        Assert.Equal(Outcome.ReferToCounsel, engine.Decide(Req.With("{}")).Outcome);
        Assert.Equal(Outcome.ReferToCounsel, engine.Decide(Req.With("""{ "act": "transfer", "purpose": "criminal" }""")).Outcome);
    }
}
