using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>semantics.md, Exceptions: an applying exception sets aside the rules it names, and the answer says so.</summary>
public class ExceptionTests
{
    private static readonly Comity.Engine.DecisionEngine RuleAndException = TempStack.Compile(
        LawText.Rule("r.default", "deny", flags: "litigation-pending")
        + LawText.Rule("r.unless-custody", "permit", when: "subject.inCustody", exceptionTo: "r.default"));

    private static DecisionRequest Request(bool inCustody = false, bool registrant = false, bool warrant = false) =>
        Req.With($$"""
            { "subject": { "inCustody": {{(inCustody ? "true" : "false")}},
                           "sexArsonRegistrant": {{(registrant ? "true" : "false")}},
                           "federalFelonyWarrant": {{(warrant ? "true" : "false")}} } }
            """);

    /// <summary>
    /// Rules are indexed by the acts their conditions allow, and the engine reuses its scratch
    /// between decisions: an exception active in one decision must not linger into the next,
    /// where an act it cannot apply to leaves it out of the index.
    /// </summary>
    [Fact]
    public void Exception_active_in_one_decision_does_not_set_aside_the_rule_in_the_next()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.default", "deny")
            + LawText.Rule("r.holds-only", "permit", when: "act is hold", exceptionTo: "r.default"));

        var hold = engine.Decide(Req.Act("hold"));
        var transfer = engine.Decide(Req.Act("transfer"));

        Assert.Equal(Outcome.Permit, hold.Outcome);
        Assert.Equal(Outcome.Deny, transfer.Outcome);
        Assert.Empty(transfer.Reason("r.default").SetAsideBy);
    }

    [Fact]
    public void Applying_exception_sets_aside_the_rule_and_decides()
    {
        var answer = RuleAndException.Decide(Request(inCustody: true));

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Equal(["r.unless-custody"], answer.DecidedBy);
    }

    [Fact]
    public void Rule_set_aside_is_still_reported_with_the_exception_that_set_it_aside()
    {
        var answer = RuleAndException.Decide(Request(inCustody: true));

        Assert.Equal(["r.default", "r.unless-custody"], answer.ReasonIds());
        Assert.Equal(["r.unless-custody"], answer.Reason("r.default").SetAsideBy);
        Assert.Empty(answer.Reason("r.unless-custody").SetAsideBy);
        Assert.Empty(answer.Reason("r.default").OverriddenBy);
    }

    [Fact]
    public void Exception_whose_condition_does_not_hold_leaves_the_rule_in_force()
    {
        var answer = RuleAndException.Decide(Request(inCustody: false));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["r.default"], answer.DecidedBy);
        Assert.Equal(["r.default"], answer.ReasonIds());
        Assert.Empty(answer.Reason("r.default").SetAsideBy);
    }

    [Fact]
    public void Flags_of_a_rule_set_aside_are_not_raised()
    {
        var setAside = RuleAndException.Decide(Request(inCustody: true));
        var inForce = RuleAndException.Decide(Request(inCustody: false));

        Assert.Empty(setAside.Flags);
        Assert.Equal([Flag.LitigationPending], inForce.Flags);
    }

    [Fact]
    public void Exception_to_an_exception_re_enables_the_rule()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.default", "deny")
            + LawText.Rule("r.exception", "permit", when: "subject.inCustody", exceptionTo: "r.default")
            + LawText.Rule("r.counter", "refer", when: "subject.sexArsonRegistrant", exceptionTo: "r.exception"));

        var answer = engine.Decide(Request(inCustody: true, registrant: true));

        // r.counter sets aside r.exception, so r.default is no longer set aside: deny beats refer.
        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["r.default"], answer.DecidedBy);
        Assert.Empty(answer.Reason("r.default").SetAsideBy);
        Assert.Equal(["r.counter"], answer.Reason("r.exception").SetAsideBy);
        Assert.Empty(answer.Reason("r.counter").SetAsideBy);
    }

    [Fact]
    public void Exception_to_an_exception_that_does_not_apply_leaves_the_first_exception_deciding()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.default", "deny")
            + LawText.Rule("r.exception", "permit", when: "subject.inCustody", exceptionTo: "r.default")
            + LawText.Rule("r.counter", "refer", when: "subject.sexArsonRegistrant", exceptionTo: "r.exception"));

        var answer = engine.Decide(Request(inCustody: true, registrant: false));

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Equal(["r.exception"], answer.DecidedBy);
        Assert.Equal(["r.exception"], answer.Reason("r.default").SetAsideBy);
        Assert.DoesNotContain("r.counter", answer.ReasonIds());
    }

    [Fact]
    public void Exceptions_nest_three_deep()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.a", "deny")
            + LawText.Rule("r.b", "permit", when: "subject.inCustody", exceptionTo: "r.a")
            + LawText.Rule("r.c", "deny", when: "subject.sexArsonRegistrant", exceptionTo: "r.b")
            + LawText.Rule("r.d", "permit", when: "subject.federalFelonyWarrant", exceptionTo: "r.c"));

        var answer = engine.Decide(Request(inCustody: true, registrant: true, warrant: true));

        // d sets aside c, so b stands again and sets aside a: only b and d remain, both permit.
        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Equal(["r.b", "r.d"], answer.DecidedBy);
        Assert.Equal(["r.b"], answer.Reason("r.a").SetAsideBy);
        Assert.Empty(answer.Reason("r.b").SetAsideBy);
        Assert.Equal(["r.d"], answer.Reason("r.c").SetAsideBy);
    }

    [Fact]
    public void Exception_naming_several_rules_sets_aside_each_of_them()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.deny", "deny")
            + LawText.Rule("r.refer", "refer")
            + LawText.Rule("r.exception", "permit", when: "subject.inCustody", exceptionTo: "r.deny, r.refer"));

        var answer = engine.Decide(Request(inCustody: true));

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Equal(["r.exception"], answer.Reason("r.deny").SetAsideBy);
        Assert.Equal(["r.exception"], answer.Reason("r.refer").SetAsideBy);
    }

    [Fact]
    public void Rule_set_aside_by_two_exceptions_names_both()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.default", "deny")
            + LawText.Rule("r.one", "permit", when: "subject.inCustody", exceptionTo: "r.default")
            + LawText.Rule("r.two", "permit", when: "subject.sexArsonRegistrant", exceptionTo: "r.default"));

        var both = engine.Decide(Request(inCustody: true, registrant: true));
        var one = engine.Decide(Request(registrant: true));

        Assert.Equal(["r.one", "r.two"], both.Reason("r.default").SetAsideBy);
        Assert.Equal(["r.one", "r.two"], both.DecidedBy);
        Assert.Equal(["r.two"], one.Reason("r.default").SetAsideBy);
        Assert.DoesNotContain("r.one", one.ReasonIds());
    }

    [Fact]
    public void Exception_works_whatever_the_order_of_rules_and_files_in_the_layer()
    {
        // The exception is written first, in the first file; the rules it excepts come later.
        using var stack = TempStack.Files(
            ("stack.law", TempStack.StackLaw("only")),
            ("only/a.law", LawText.Rule("r.counter", "refer", when: "subject.sexArsonRegistrant", exceptionTo: "r.exception")),
            ("only/b.law", LawText.Rule("r.exception", "permit", when: "subject.inCustody", exceptionTo: "r.default")),
            ("only/c.law", LawText.Rule("r.default", "deny")));
        var engine = stack.Engine();

        var exceptionOnly = engine.Decide(Request(inCustody: true));
        var both = engine.Decide(Request(inCustody: true, registrant: true));

        Assert.Equal(Outcome.Permit, exceptionOnly.Outcome);
        Assert.Equal(["r.exception"], exceptionOnly.Reason("r.default").SetAsideBy);
        Assert.Equal(Outcome.Deny, both.Outcome);
        Assert.Empty(both.Reason("r.default").SetAsideBy);
        // Reasons come in the order of the provisions: file by file, in name order.
        Assert.Equal(["r.counter", "r.exception", "r.default"], both.ReasonIds());
    }

    [Fact]
    public void Exception_for_another_act_does_not_set_aside_the_rule()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.default", "deny", when: "act is one of hold, transfer")
            + LawText.Rule("r.transfer-only", "permit", when: "act is transfer", exceptionTo: "r.default"));

        var hold = engine.Decide(Req.Act("hold"));
        var transfer = engine.Decide(Req.Act("transfer"));

        Assert.Equal(Outcome.Deny, hold.Outcome);
        Assert.Empty(hold.Reason("r.default").SetAsideBy);
        Assert.Equal(Outcome.Permit, transfer.Outcome);
        Assert.Equal(["r.transfer-only"], transfer.Reason("r.default").SetAsideBy);
    }

    [Fact]
    public void Exception_sets_aside_every_version_of_the_rule_it_names()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.default", "deny", effective: "from 2018-01-01 until 2024-01-01")
            + LawText.Rule("r.default", "refer", effective: "from 2024-01-01")
            + LawText.Rule("r.exception", "permit", when: "subject.inCustody", exceptionTo: "r.default"));

        var old = engine.Decide(Req.With("""{ "receivedAt": "2020-01-01", "subject": { "inCustody": true } }"""));
        var current = engine.Decide(Req.With("""{ "receivedAt": "2025-01-01", "subject": { "inCustody": true } }"""));

        Assert.Equal(Outcome.Permit, old.Outcome);
        Assert.Equal(Effect.Deny, old.Reason("r.default").Effect);
        Assert.Equal(["r.exception"], old.Reason("r.default").SetAsideBy);
        Assert.Equal(Outcome.Permit, current.Outcome);
        Assert.Equal(Effect.Refer, current.Reason("r.default").Effect);
        Assert.Equal(["r.exception"], current.Reason("r.default").SetAsideBy);
    }
}
