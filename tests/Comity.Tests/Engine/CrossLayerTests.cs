using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>semantics.md, Combining, across layers (top down), rules 1 to 6.</summary>
public class CrossLayerTests
{
    private static DecisionAnswer Decide(params (string Layer, string Law)[] layers) =>
        TempStack.Compile(layers).Decide(Req.Act("hold"));

    // Rule 1: a higher must stands.

    [Fact]
    public void Higher_must_stands_and_the_lower_deny_is_reported_overridden()
    {
        var answer = Decide(("federal", LawText.Rule("fed.must", "must")), ("city", LawText.Rule("city.deny", "deny")));

        Assert.Equal(Outcome.MustComply, answer.Outcome);
        Assert.Equal(["fed.must"], answer.DecidedBy);
        Assert.Equal(["must-comply", "deny"], answer.LayerOutcomes());
        Assert.Equal(["fed.must"], answer.Reason("city.deny").OverriddenBy);
        Assert.Empty(answer.Reason("fed.must").OverriddenBy);
    }

    [Fact]
    public void Higher_must_stands_and_the_lower_refer_is_reported_overridden()
    {
        var answer = Decide(("federal", LawText.Rule("fed.must", "must")), ("city", LawText.Rule("city.refer", "refer")));

        Assert.Equal(Outcome.MustComply, answer.Outcome);
        Assert.Equal(["fed.must"], answer.DecidedBy);
        Assert.Equal(["fed.must"], answer.Reason("city.refer").OverriddenBy);
    }

    [Fact]
    public void Higher_must_stands_over_a_lower_contradiction()
    {
        var answer = Decide(
            ("federal", LawText.Rule("fed.must", "must")),
            ("city", LawText.Rule("city.must", "must") + LawText.Rule("city.deny", "deny")));

        Assert.Equal(Outcome.MustComply, answer.Outcome);
        Assert.Equal(["must-comply", "refer-to-counsel"], answer.LayerOutcomes());
        Assert.Equal(["fed.must"], answer.Reason("city.deny").OverriddenBy);
    }

    [Fact]
    public void Higher_must_overrides_the_lower_deny_through_a_silent_middle_layer()
    {
        var answer = Decide(
            ("federal", LawText.Rule("fed.must", "must")),
            ("state", LawText.Rule("st.other-act", "deny", when: "act is transfer")),
            ("city", LawText.Rule("city.deny", "deny")));

        Assert.Equal(Outcome.MustComply, answer.Outcome);
        Assert.Equal(["must-comply", "-", "deny"], answer.LayerOutcomes());
        Assert.Equal(["fed.must"], answer.Reason("city.deny").OverriddenBy);
    }

    // Rule 2: a higher deny stands.

    [Fact]
    public void Higher_deny_stands_over_a_lower_permit()
    {
        var answer = Decide(("state", LawText.Rule("st.deny", "deny")), ("city", LawText.Rule("city.permit", "permit")));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["st.deny"], answer.DecidedBy);
        Assert.Equal(["deny", "permit"], answer.LayerOutcomes());
        Assert.Equal(["st.deny"], answer.Reason("city.permit").OverriddenBy);
    }

    [Fact]
    public void Higher_deny_stands_over_a_lower_must()
    {
        var answer = Decide(("state", LawText.Rule("st.deny", "deny")), ("city", LawText.Rule("city.must", "must")));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["st.deny"], answer.DecidedBy);
        Assert.Equal(["st.deny"], answer.Reason("city.must").OverriddenBy);
    }

    // Rule 3: a lower layer may be stricter than a higher permit.

    [Fact]
    public void Lower_deny_stricter_than_a_higher_permit_wins()
    {
        var answer = Decide(("state", LawText.Rule("st.permit", "permit")), ("city", LawText.Rule("city.deny", "deny")));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["city.deny"], answer.DecidedBy);
        Assert.Equal(["permit", "deny"], answer.LayerOutcomes());
        Assert.Empty(answer.Reason("st.permit").OverriddenBy);
        Assert.Empty(answer.Reason("city.deny").OverriddenBy);
        Assert.DoesNotContain(Flag.Fed1373Conflict, answer.Flags);
    }

    [Fact]
    public void Lower_permit_agrees_with_a_higher_permit_and_both_decide()
    {
        var answer = Decide(("state", LawText.Rule("st.permit", "permit")), ("city", LawText.Rule("city.permit", "permit")));

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Equal(["st.permit", "city.permit"], answer.DecidedBy);
    }

    // Rule 4: a lower deny of a higher floor is a conflict with federal law.

    [Fact]
    public void Lower_deny_of_a_higher_floor_refers_with_fed_1373_conflict()
    {
        var answer = Decide(("federal", LawText.Rule("fed.floor", "floor")), ("city", LawText.Rule("city.deny", "deny")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal([Flag.Fed1373Conflict], answer.Flags);
        Assert.Equal(["fed.floor", "city.deny"], answer.DecidedBy);
        Assert.Equal(["permit", "deny"], answer.LayerOutcomes());
    }

    [Fact]
    public void Lower_deny_of_a_floor_is_a_conflict_even_below_a_permitting_middle_layer()
    {
        var answer = Decide(
            ("federal", LawText.Rule("fed.floor", "floor")),
            ("state", LawText.Rule("st.permit", "permit")),
            ("city", LawText.Rule("city.deny", "deny")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Contains(Flag.Fed1373Conflict, answer.Flags);
        Assert.Contains("city.deny", answer.DecidedBy);
        Assert.Contains("fed.floor", answer.DecidedBy);
    }

    [Fact]
    public void Lower_permit_under_a_floor_permits_without_conflict()
    {
        var answer = Decide(("federal", LawText.Rule("fed.floor", "floor")), ("city", LawText.Rule("city.permit", "permit")));

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Empty(answer.Flags);
        Assert.Equal(["fed.floor", "city.permit"], answer.DecidedBy);
    }

    [Fact]
    public void Floor_alone_permits_without_conflict()
    {
        var answer = Decide(("federal", LawText.Rule("fed.floor", "floor")), ("city", LawText.Rule("city.other", "deny", when: "act is transfer")));

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Empty(answer.Flags);
    }

    // Rule 5: refer at any layer refers, unless a higher must or deny decided.

    [Fact]
    public void Lower_refer_under_a_higher_permit_refers_to_counsel()
    {
        var answer = Decide(("state", LawText.Rule("st.permit", "permit")), ("city", LawText.Rule("city.refer", "refer")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal(["city.refer"], answer.DecidedBy);
        Assert.DoesNotContain(Flag.Gap, answer.Flags);
    }

    [Fact]
    public void Higher_refer_over_a_lower_deny_refers_to_counsel()
    {
        var answer = Decide(("state", LawText.Rule("st.refer", "refer")), ("city", LawText.Rule("city.deny", "deny")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal(["st.refer"], answer.DecidedBy);
        Assert.Equal(["refer-to-counsel", "deny"], answer.LayerOutcomes());
    }

    [Fact]
    public void Higher_refer_over_a_lower_must_refers_to_counsel()
    {
        var answer = Decide(("state", LawText.Rule("st.refer", "refer")), ("city", LawText.Rule("city.must", "must")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal(["st.refer"], answer.DecidedBy);
    }

    [Fact]
    public void Refer_at_several_layers_names_every_referring_rule()
    {
        var answer = Decide(("state", LawText.Rule("st.refer", "refer")), ("city", LawText.Rule("city.refer", "refer")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal(["st.refer", "city.refer"], answer.DecidedBy);
    }

    [Fact]
    public void Lower_refer_under_a_higher_deny_does_not_refer()
    {
        var answer = Decide(("state", LawText.Rule("st.deny", "deny")), ("city", LawText.Rule("city.refer", "refer")));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["st.deny"], answer.DecidedBy);
        Assert.Equal(["st.deny"], answer.Reason("city.refer").OverriddenBy);
    }

    [Fact]
    public void Contradiction_in_a_higher_layer_refers_whatever_lower_layers_say()
    {
        var answer = Decide(
            ("state", LawText.Rule("st.must", "must") + LawText.Rule("st.deny", "deny")),
            ("city", LawText.Rule("city.permit", "permit")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal(["st.must", "st.deny"], answer.DecidedBy);
    }

    // Rule 6: no applicable rule anywhere is a gap.

    [Fact]
    public void No_applicable_rule_in_any_layer_refers_to_counsel_with_gap()
    {
        var answer = Decide(
            ("federal", LawText.Rule("fed.transfer", "must", when: "act is transfer")),
            ("city", LawText.Rule("city.interview", "deny", when: "act is interview")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal([Flag.Gap], answer.Flags);
        Assert.Empty(answer.DecidedBy);
        Assert.Empty(answer.Reasons);
        Assert.Equal(["-", "-"], answer.LayerOutcomes());
    }

    [Fact]
    public void A_layer_without_an_applicable_rule_is_skipped_and_is_no_gap()
    {
        var answer = Decide(
            ("federal", LawText.Rule("fed.transfer", "must", when: "act is transfer")),
            ("city", LawText.Rule("city.deny", "deny")));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Empty(answer.Flags);
        Assert.Equal(["-", "deny"], answer.LayerOutcomes());
        Assert.Equal(["federal", "city"], answer.Layers.Select(l => l.Layer));
    }

    [Fact]
    public void Empty_layer_folder_is_a_layer_that_never_applies()
    {
        using var stack = TempStack.Files(
            ("stack.law", TempStack.StackLaw("federal", "city")),
            ("federal/", ""),
            ("city/rules.law", LawText.Rule("city.deny", "deny")));

        var answer = stack.Engine().Decide(Req.Act("hold"));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["-", "deny"], answer.LayerOutcomes());
    }
}
