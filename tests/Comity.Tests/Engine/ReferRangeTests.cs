using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>
/// semantics.md rule 5: a layer that refers has a range; the outcome is computed for each choice
/// with the other layers as they are; when every choice gives the same outcome it stands, with
/// counsel-question, otherwise the answer refers and names the layer's possible outcomes.
/// </summary>
public class ReferRangeTests
{
    private static DecisionAnswer Decide(params (string Layer, string Law)[] layers) =>
        TempStack.Compile(layers).Decide(Req.Act("hold"));

    private static IReadOnlyList<Outcome> Possible(DecisionAnswer answer, string layer) => answer.Layers.Single(l => l.Layer == layer).Possible;

    [Fact]
    public void A_lower_deny_settles_a_refer_between_permit_and_deny_with_counsel_question()
    {
        var answer = Decide(
            ("state", LawText.Rule("st.discretion", "refer between permit, deny")),
            ("city", LawText.Rule("city.no-holds", "deny")));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["city.no-holds"], answer.DecidedBy);
        Assert.Equal(["st.discretion", "city.no-holds"], answer.ReasonIds());
        Assert.Equal([Flag.CounselQuestion], answer.Flags);
        Assert.Equal(["refer-to-counsel", "deny"], answer.LayerOutcomes());
        Assert.Equal([Outcome.Permit, Outcome.Deny], Possible(answer, "state"));
        Assert.Empty(answer.Reason("st.discretion").OverriddenBy);
    }

    [Fact]
    public void A_refer_whose_choices_give_different_outcomes_goes_to_counsel_naming_the_range()
    {
        var answer = Decide(
            ("federal", LawText.Rule("fed.permit", "permit")),
            ("state", LawText.Rule("st.discretion", "refer between permit, deny")),
            ("city", LawText.Rule("city.permit", "permit")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal(["st.discretion"], answer.DecidedBy);
        Assert.Empty(answer.Flags);
        Assert.Equal([Outcome.Permit, Outcome.Deny], Possible(answer, "state"));
        Assert.Empty(Possible(answer, "federal"));
    }

    [Fact]
    public void Where_the_unclear_layer_might_impose_a_must_a_lower_deny_cannot_settle_it()
    {
        var answer = Decide(
            ("state", LawText.Rule("st.unclear", "refer between must, permit")),
            ("city", LawText.Rule("city.no-holds", "deny")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal(["st.unclear"], answer.DecidedBy);
        Assert.DoesNotContain(Flag.CounselQuestion, answer.Flags);
        Assert.Equal([Outcome.MustComply, Outcome.Permit], Possible(answer, "state"));
    }

    [Fact]
    public void A_bare_refer_may_be_any_of_must_permit_and_deny()
    {
        var answer = Decide(("state", LawText.Rule("st.open", "refer")), ("city", LawText.Rule("city.no-holds", "deny")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal([Outcome.MustComply, Outcome.Permit, Outcome.Deny], Possible(answer, "state"));
    }

    [Fact]
    public void Several_refers_in_one_layer_may_reach_any_outcome_one_of_them_names()
    {
        var answer = Decide(
            ("state", LawText.Rule("st.one", "refer between permit, deny") + LawText.Rule("st.two", "refer between must, deny")),
            ("city", LawText.Rule("city.no-holds", "deny")));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal([Outcome.MustComply, Outcome.Permit, Outcome.Deny], Possible(answer, "state"));
        Assert.Equal(["st.one", "st.two"], answer.DecidedBy);
    }

    [Fact]
    public void Below_a_higher_deny_a_refer_is_overridden_without_counsel_question()
    {
        var answer = Decide(
            ("federal", LawText.Rule("fed.deny", "deny")),
            ("state", LawText.Rule("st.discretion", "refer between permit, deny")));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["fed.deny"], answer.DecidedBy);
        Assert.Empty(answer.Flags);
        Assert.Equal(["fed.deny"], answer.Reason("st.discretion").OverriddenBy);
    }

    [Fact]
    public void A_refer_between_permit_and_deny_under_a_higher_permit_and_above_a_lower_deny_is_a_deny()
    {
        var answer = Decide(
            ("federal", LawText.Rule("fed.permit", "permit")),
            ("state", LawText.Rule("st.discretion", "refer between permit, deny")),
            ("city", LawText.Rule("city.no-holds", "deny")));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["city.no-holds"], answer.DecidedBy);
        Assert.Contains(Flag.CounselQuestion, answer.Flags);
    }

    [Fact]
    public void A_deny_in_the_referring_layer_itself_beats_its_refer()
    {
        var answer = Decide(("state", LawText.Rule("st.discretion", "refer between permit, deny") + LawText.Rule("st.deny", "deny")));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["st.deny"], answer.DecidedBy);
        Assert.Empty(answer.Flags);
        Assert.Empty(Possible(answer, "state"));
    }

    [Theory]
    [InlineData("refer between permit, maybe", "2:", "expected must, permit or deny among the outcomes a refer names, found \"maybe\"")]
    [InlineData("refer between permit", "", "a refer names at least two outcomes")]
    [InlineData("refer between permit, permit", "", "\"permit\" is named twice")]
    [InlineData("refer between must-comply, deny", "", "found \"must-comply\"")]
    public void A_refer_range_with_a_bad_outcome_is_refused_where_it_is_written(string effect, string _, string message)
    {
        var error = Assert.Single(TempStack.ErrorsOf(LawText.Rule("r.bad", effect)));

        Assert.StartsWith("only/rules.law:7:", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
