using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>
/// semantics.md, "Facts that are not given": a fact the request leaves out (contract 1.1, no
/// default) is unknown, never false. A rule turning on it may apply: its layer refers between
/// what it would conclude with and without it, and the answer stands where every choice agrees.
/// <c>FACT is given</c> lets a rule say what it assumes instead.
/// </summary>
public class UnknownFactTests
{
    private static DecisionRequest Hold(string subject = "{}") =>
        Req.With($$"""{ "act": "hold", "purpose": "civil-immigration", "subject": {{subject}} }""");

    [Fact]
    public void A_rule_on_a_fact_not_given_makes_its_layer_refer_between_its_outcomes()
    {
        var engine = TempStack.Compile(
            LawText.Rule("city.permit", "permit", when: "act is hold")
            + LawText.Rule("city.victims", "deny", when: "act is hold and subject.role is one of victim, witness"));

        var unknown = engine.Decide(Hold());

        Assert.Equal(Outcome.ReferToCounsel, unknown.Outcome);
        Assert.Equal([Outcome.Permit, Outcome.Deny], unknown.Layers.Single().Possible);
        Assert.Equal(["city.permit", "city.victims"], unknown.ReasonIds());
        Assert.Equal(["city.permit", "city.victims"], unknown.DecidedBy);
        // Given, it decides: never read as false.
        Assert.Equal(Outcome.Deny, engine.Decide(Hold("""{ "role": "victim" }""")).Outcome);
        Assert.Equal(Outcome.Permit, engine.Decide(Hold("""{ "role": "arrestee" }""")).Outcome);
    }

    [Fact]
    public void Where_every_choice_gives_the_same_answer_it_stands_with_counsel_question()
    {
        // A lower layer denies every hold: whether the federal rule applies changes nothing.
        var engine = TempStack.Compile(
            ("federal", LawText.Rule("fed.proof", "permit", when: "act is hold and not subject.citizenshipProof")),
            ("city", LawText.Rule("city.no-holds", "deny", when: "act is hold")));

        var answer = engine.Decide(Hold());

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["city.no-holds"], answer.DecidedBy);
        Assert.Contains(Flag.CounselQuestion, answer.Flags);
    }

    [Fact]
    public void A_lower_layer_that_may_conclude_nothing_keeps_the_rules_above_among_the_deciders()
    {
        // The city's rule turns on a role not given: the city may conclude nothing or permit, and
        // either way the state's permit stands. Followed as "nothing", the walk used to forget the
        // state's rule and answer permit decided by no rule.
        var engine = TempStack.Compile(
            ("state", LawText.Rule("st.permit", "permit", when: "act is hold")),
            ("city", LawText.Rule("city.victims", "permit", when: "act is hold and subject.role is victim")));

        var answer = engine.Decide(Hold());

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Equal(["st.permit", "city.victims"], answer.DecidedBy);
    }

    [Fact]
    public void A_test_that_is_false_whatever_the_fact_keeps_the_rule_from_applying()
    {
        // Kleene's "and": act is transfer is false, so the rule does not apply, known role or not.
        var engine = TempStack.Compile(
            LawText.Rule("city.permit", "permit", when: "act is hold")
            + LawText.Rule("city.victims", "deny", when: "act is transfer and subject.role is victim"));

        var answer = engine.Decide(Hold());

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Equal(["city.permit"], answer.ReasonIds());
    }

    [Fact]
    public void Is_given_says_what_a_rule_assumes_and_is_never_unknown()
    {
        // The rule denies only where the proof is given and shown; left out, the hold is permitted.
        var engine = TempStack.Compile(
            LawText.Rule("city.permit", "permit", when: "act is hold")
            + LawText.Rule("city.proof", "deny", when: "act is hold and subject.citizenshipProof is given and subject.citizenshipProof")
            + LawText.Rule("city.ask", "refer", when: "act is hold and subject.role is not given"));

        var answer = engine.Decide(Hold("""{ "role": "arrestee" }"""));

        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Equal(["city.permit"], answer.ReasonIds());
        Assert.Equal(Outcome.Deny, engine.Decide(Hold("""{ "role": "arrestee", "citizenshipProof": true }""")).Outcome);
        var noRole = engine.Decide(Hold());
        Assert.Equal(Outcome.ReferToCounsel, noRole.Outcome);
        Assert.Equal(["city.permit", "city.ask"], noRole.ReasonIds());
    }

    [Fact]
    public void An_exception_that_may_apply_leaves_the_rule_it_would_set_aside_open()
    {
        var engine = TempStack.Compile(
            LawText.Rule("city.no-holds", "deny", when: "act is hold")
            + LawText.Rule("city.with-warrant", "permit", when: "act is hold and document.administrativeWarrantAttached", exceptionTo: "city.no-holds"));

        var unknown = engine.Decide(Hold());

        Assert.Equal(Outcome.ReferToCounsel, unknown.Outcome);
        Assert.Equal([Outcome.Permit, Outcome.Deny], unknown.Layers.Single().Possible);
        Assert.Empty(unknown.Reasons.Single(r => r.Rule == "city.no-holds").SetAsideBy);
        var given = engine.Decide(Req.With("""{ "act": "hold", "purpose": "civil-immigration", "document": { "type": "i-247a", "administrativeWarrantAttached": true } }"""));
        Assert.Equal(Outcome.Permit, given.Outcome);
        Assert.Equal(["city.with-warrant"], given.Reasons.Single(r => r.Rule == "city.no-holds").SetAsideBy);
    }

    [Fact]
    public void Data_held_not_given_leaves_item_held_unknown_and_no_item_makes_it_false()
    {
        var engine = TempStack.Compile(
            LawText.Rule("city.permit", "permit", when: "act is one of disclose, hold")
            + LawText.Rule("city.not-held", "deny", when: "act is one of disclose, hold and not item.held"));

        var noDataHeld = engine.Decide(Req.With("""{ "act": "disclose", "purpose": "civil-immigration", "data": ["immigration-status"] }"""));
        var held = engine.Decide(Req.With("""{ "act": "disclose", "purpose": "civil-immigration", "data": ["immigration-status"], "dataHeld": ["immigration-status"] }"""));
        var notHeld = engine.Decide(Req.With("""{ "act": "disclose", "purpose": "civil-immigration", "data": ["immigration-status"], "dataHeld": [] }"""));

        Assert.Equal(Outcome.ReferToCounsel, noDataHeld.Outcome);
        Assert.Equal(Outcome.Permit, held.Outcome);
        Assert.Equal(Outcome.Deny, notHeld.Outcome);
        // An act that asks for no data holds no item: item.held is false, not unknown.
        Assert.Equal(Outcome.Deny, engine.Decide(Hold()).Outcome);
    }

    [Fact]
    public void A_duty_or_risk_on_a_fact_not_given_is_listed_and_raised_fail_closed()
    {
        var engine = TempStack.Compile(
            LawText.Rule("city.permit", "permit", when: "act is hold")
            + LawText.Duty("city.tell-victim", when: "act is hold and subject.role is victim")
            + LawText.Risk("city.victim-risk", when: "act is hold and subject.role is victim", flags: "state-enforcement-risk")
            + LawText.Duty("city.proof-shown", when: "act is hold and subject.citizenshipProof is given and subject.citizenshipProof"));

        var unknown = engine.Decide(Hold());
        var arrestee = engine.Decide(Hold("""{ "role": "arrestee" }"""));

        // Not given: the duty may be owed and the risk may be run, so both are shown.
        Assert.Equal(["city.tell-victim"], unknown.Obligations.Select(o => o.Rule));
        Assert.Contains(Flag.StateEnforcementRisk, unknown.Flags);
        // Given and false: neither. A duty that states its assumption with "is given" is not listed.
        Assert.Empty(arrestee.Obligations);
        Assert.DoesNotContain(Flag.StateEnforcementRisk, arrestee.Flags);
        Assert.Contains("city.proof-shown", engine.Decide(Hold("""{ "citizenshipProof": true }""")).Obligations.Select(o => o.Rule));
    }

    [Fact]
    public void A_records_juvenile_not_given_is_unknown_and_is_given_states_the_assumption()
    {
        var engine = TempStack.Compile(
            LawText.Rule("city.default", "deny", when: "act is hold")
            + LawText.Rule("city.adult", "permit", when: "act is hold and any conviction (level is felony and not juvenile)", exceptionTo: "city.default")
            + LawText.Rule("city.marked", "refer", when: "act is hold and any conviction (juvenile is given and juvenile)"));
        static DecisionRequest With(string juvenile) =>
            Req.Convictions($$"""[{ "code": "PC 211", "level": "felony", "date": "2016-05-01"{{juvenile}} }]""");

        var adult = engine.Decide(With(""", "juvenile": false"""));
        var unknown = engine.Decide(With(""));
        var adjudication = engine.Decide(With(""", "juvenile": true"""));

        Assert.Equal(Outcome.Permit, adult.Outcome);
        // Not given: city.adult may apply, so its exception may set the default aside: counsel decides.
        Assert.Equal(Outcome.ReferToCounsel, unknown.Outcome);
        Assert.Equal([Outcome.Permit, Outcome.Deny], unknown.Layers.Single().Possible);
        Assert.DoesNotContain("city.marked", unknown.ReasonIds());
        Assert.Equal(Outcome.Deny, adjudication.Outcome);
        Assert.Contains("city.marked", adjudication.ReasonIds());
    }

    [Fact]
    public void A_floor_that_may_meet_a_deny_names_its_conflict()
    {
        // Whether the unit holds the status is not given: if it does, the floor meets the city's
        // deny (a conflict); if not, the floor says nothing. The conflict may be there: flagged.
        var engine = TempStack.Compile(
            ("federal", LawText.Rule("fed.floor", "floor", when: "act is disclose and item.held")),
            ("city", LawText.Rule("city.confidential", "deny", when: "act is disclose")));
        static DecisionRequest Status(string held) =>
            Req.With($$"""{ "act": "disclose", "purpose": "civil-immigration", "data": ["immigration-status"]{{held}} }""");

        var unknown = engine.Decide(Status(""));
        var notHeld = engine.Decide(Status(""", "dataHeld": []"""));

        Assert.Equal(Outcome.ReferToCounsel, unknown.Outcome);
        Assert.Contains(Flag.Fed1373Conflict, unknown.Flags);
        Assert.Equal(Outcome.Deny, notHeld.Outcome);
        Assert.DoesNotContain(Flag.Fed1373Conflict, notHeld.Flags);
    }

    [Theory]
    [InlineData("subject.inCustody is given", "only/rules.law:6:29: subject.inCustody always has a value (the contract gives it one when a request leaves it out): \"is given\" tests only the facts a request may leave out")]
    [InlineData("act is not given", "only/rules.law:6:19: act always has a value (the contract gives it one when a request leaves it out): \"is given\" tests only the facts a request may leave out")]
    public void Is_given_of_a_fact_that_always_has_a_value_is_refused_at_its_place(string when, string error)
    {
        var errors = TempStack.ErrorsOf(LawText.Rule("city.r", "deny", when: when));

        Assert.StartsWith(error, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fact_that_may_be_left_out_is_refused_inside_any()
    {
        var errors = TempStack.ErrorsOf(LawText.Rule("city.r", "deny", when: "any conviction (level is felony and subject.citizenshipProof)"));

        Assert.Equal(["only/rules.law:6:44: subject.citizenshipProof may be left out of a request, and inside \"any (...)\" it cannot be read as unknown: test it outside \"any\""], errors);
    }
}
