using Comity.Analysis;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Tests.Analysis.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Analysis;

/// <summary>
/// <c>comity check</c> on fixture stacks built each to contain one kind of finding (and one built
/// to contain none). Every finding's witness is sent, as contract JSON, to the real engine, whose
/// answer must show the problem the finding names.
/// </summary>
public sealed class CheckTests
{
    [Fact]
    public void A_stack_built_to_be_clean_has_no_finding_at_all()
    {
        var report = Fixtures.Check("clean");

        Assert.Empty(report.Findings);
        Assert.True(report.Classes > 0);
        Assert.Equal(2, report.Periods);
    }

    [Fact]
    public void A_deny_of_what_a_floor_protects_is_an_error_and_its_witness_is_referred_with_fed_1373_conflict()
    {
        var stack = Fixtures.Load("floor-violation");

        var finding = Assert.Single(Fixtures.Check("floor-violation").Findings);

        Assert.Equal((FindingType.FloorViolation, Severity.Error), (finding.Type, finding.Severity));
        Assert.Equal(["city.no-disclosure", "fed.status-floor"], finding.Rules.Select(r => r.Id));
        Assert.EndsWith("city/rules.law", finding.Rules[0].At.File, StringComparison.Ordinal);
        Assert.Equal(1, finding.Rules[0].At.Line);
        Assert.Contains("conflicts with fed.status-floor", finding.Message, StringComparison.Ordinal);
        Assert.Equal("act is disclose; item is immigration-status", Assert.Single(finding.Classes).Description);
        var answer = Fixtures.Decide(stack, finding.Witness);
        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Contains(Flag.Fed1373Conflict, answer.Flags);
        Assert.Contains("city.no-disclosure", answer.DecidedBy);
        Assert.Contains("fed.status-floor", answer.DecidedBy);
    }

    [Fact]
    public void Refer_ranges_a_preempting_floor_and_units_are_checked_against_the_engine()
    {
        var stack = Fixtures.Load("refer-range");

        var report = Fixtures.Check("refer-range");

        Assert.Equal(0, report.Errors);
        var floor = Assert.Single(report.Findings, f => f.Type == FindingType.FloorViolation);
        Assert.Equal(Severity.Warning, floor.Severity);
        // The preempted deny decides nothing anywhere: the state floor voids it.
        var dead = Assert.Single(report.Findings, f => f.Type == FindingType.DeadRule);
        Assert.Equal("city.no-address", dead.Rules[0].Id);
        var answer = Fixtures.Decide(stack, dead.Witness);
        Assert.Equal(Outcome.Permit, answer.Outcome);
        Assert.Contains(Flag.StatePreemptionConflict, answer.Flags);
        // Every witness names a declared unit.
        Assert.All(report.Findings.SelectMany(f => f.Classes), c => Assert.Contains(c.Witness.Actor.Unit, stack.Units.Select(u => u.Id)));
    }

    [Fact]
    public void The_same_conflict_declared_with_conflicts_with_is_a_warning_whose_witness_is_still_referred()
    {
        var stack = Fixtures.Load("floor-acknowledged");

        var finding = Assert.Single(Fixtures.Check("floor-acknowledged").Findings);

        Assert.Equal((FindingType.FloorViolation, Severity.Warning), (finding.Type, finding.Severity));
        Assert.Contains("acknowledged", finding.Message, StringComparison.Ordinal);
        var answer = Fixtures.Decide(stack, finding.Witness);
        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Contains(Flag.Fed1373Conflict, answer.Flags);
    }

    [Fact]
    public void Must_and_deny_active_in_one_layer_is_a_contradiction_the_engine_refers()
    {
        var stack = Fixtures.Load("contradiction");

        var finding = Assert.Single(Fixtures.Check("contradiction").Findings);

        Assert.Equal((FindingType.Contradiction, Severity.Error), (finding.Type, finding.Severity));
        Assert.Equal(["city.warrant", "city.no-transfer"], finding.Rules.Select(r => r.Id));
        Assert.Equal("act is transfer; document.type is judicial-warrant", Assert.Single(finding.Classes).Description);
        var answer = Fixtures.Decide(stack, finding.Witness);
        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        var city = answer.Reasons.Where(r => r.Layer == "city" && r.SetAsideBy.Count == 0).ToList();
        Assert.Contains(city, r => r.Rule == "city.warrant" && r.Effect == Effect.Must);
        Assert.Contains(city, r => r.Rule == "city.no-transfer" && r.Effect == Effect.Deny);
        Assert.Equal(["city.warrant", "city.no-transfer"], answer.DecidedBy);
    }

    [Fact]
    public void A_request_no_rule_applies_to_is_a_gap_the_engine_refers_with_the_flag_gap()
    {
        var stack = Fixtures.Load("gap");

        var finding = Assert.Single(Fixtures.Check("gap").Findings);

        Assert.Equal((FindingType.Gap, Severity.Warning), (finding.Type, finding.Severity));
        Assert.Equal("act is not hold", Assert.Single(finding.Classes).Description);
        var answer = Fixtures.Decide(stack, finding.Witness);
        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal([Flag.Gap], answer.Flags);
        Assert.Empty(answer.Reasons);
    }

    [Fact]
    public void Rules_that_never_apply_or_are_always_set_aside_or_overridden_are_dead_and_say_by_what()
    {
        var stack = Fixtures.Load("dead-rule");

        var findings = Fixtures.Check("dead-rule").Findings;

        Assert.All(findings, f => Assert.Equal((FindingType.DeadRule, Severity.Warning), (f.Type, f.Severity)));
        var byRule = findings.ToDictionary(f => f.Rules[0].Id);
        Assert.Equal(["city.holds-allowed", "city.never", "city.no-transfer"], byRule.Keys.Order(StringComparer.Ordinal));

        Assert.Contains("never applies", byRule["city.never"].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("city.never", Fixtures.Decide(stack, byRule["city.never"].Witness).Reasons.Select(r => r.Rule));

        Assert.Contains("set aside by city.transfer-allowed", byRule["city.no-transfer"].Message, StringComparison.Ordinal);
        Assert.Equal(["city.transfer-allowed"], Fixtures.Decide(stack, byRule["city.no-transfer"].Witness).Reason("city.no-transfer").SetAsideBy);

        Assert.Contains("overridden by fed.no-holds", byRule["city.holds-allowed"].Message, StringComparison.Ordinal);
        Assert.Equal(["fed.no-holds"], Fixtures.Decide(stack, byRule["city.holds-allowed"].Witness).Reason("city.holds-allowed").OverriddenBy);
    }

    [Fact]
    public void A_rule_whose_removal_changes_no_answer_is_redundant_and_its_witness_is_answered_alike_without_it()
    {
        var stack = Fixtures.Load("redundant-rule");

        var finding = Assert.Single(Fixtures.Check("redundant-rule").Findings);

        Assert.Equal((FindingType.RedundantRule, Severity.Warning), (finding.Type, finding.Severity));
        Assert.Equal(["city.no-civil-holds", "city.no-holds"], finding.Rules.Select(r => r.Id));
        var with = Fixtures.Decide(stack, finding.Witness);
        var without = Fixtures.Decide(Fixtures.Without(stack, "city.no-civil-holds"), finding.Witness);
        Assert.Contains("city.no-civil-holds", with.DecidedBy);
        Assert.Equal(with.Outcome, without.Outcome);
        Assert.Equal(with.Flags, without.Flags);
        Assert.Equal(["city.no-holds"], without.DecidedBy);
    }

    [Theory]
    [InlineData("exception-cycle", FindingType.ExceptionCycle, "fed.a", 1, "exceptions form a cycle: fed.a -> fed.b -> fed.a")]
    [InlineData("missing-citation", FindingType.MissingCitation, "fed.uncited", 1, "rule fed.uncited has no \"cites\" clause")]
    [InlineData("overlapping-periods", FindingType.OverlappingPeriods, "fed.no-holds", 10, "fed.no-holds is in force from 2020-01-01, overlapping its version")]
    [InlineData("unknown-fact", FindingType.UnknownFact, "fed.aliens", 6, "unknown fact \"subject.isAlien\"")]
    [InlineData("unknown-value", FindingType.UnknownValue, "fed.no-holds", 6, "\"hodl\" is not a value of act")]
    public void A_stack_that_does_not_load_reports_each_error_as_a_finding_with_the_same_place_the_engine_refuses_it_at(
        string fixture, FindingType type, string rule, int line, string message)
    {
        var report = Fixtures.Check(fixture);

        Assert.Null(report.Digest);
        var finding = Assert.Single(report.Findings);
        Assert.Equal((type, Severity.Error, rule, line), (finding.Type, finding.Severity, finding.Rules[0].Id, finding.Rules[0].At.Line));
        Assert.StartsWith(message, finding.Message, StringComparison.Ordinal);
        // comity decide refuses the witness with this stack, with exactly this error at this place.
        var refused = Assert.Throws<LawException>(() => StackCatalog.ForStack(Fixtures.Folder(fixture)).Find(Fixtures.AsSent(finding.Witness), out _));
        Assert.Contains(refused.Errors, e => e.Message == finding.Message && e.At.Line == line && e.Kind.ToString() == type.ToString());
    }

    [Fact]
    public void An_empty_citation_is_a_missing_citation_and_the_witness_shows_the_rule_citing_nothing()
    {
        using var temp = TempStack.Layers(("only", LawText.Rule("x.everything", "deny").Replace("\"Test § x.everything\"", "\"\"", StringComparison.Ordinal)));

        var report = StackChecker.Check(temp.Root);

        var finding = Assert.Single(report.Findings);
        Assert.Equal((FindingType.MissingCitation, Severity.Error, "x.everything"), (finding.Type, finding.Severity, finding.Rules[0].Id));
        Assert.Equal([""], DecisionEngine.Compile(temp.Load()).Decide(Fixtures.AsSent(finding.Witness)).Reason("x.everything").Citations);
    }

    [Fact]
    public void Conflicts_with_a_floor_that_no_request_meets_is_a_stale_declaration_warning()
    {
        using var temp = TempStack.Layers(
            ("federal", LawText.Rule("fed.all", "permit") + LawText.Rule("fed.status", "floor", when: "act is disclose and item is immigration-status")),
            ("city", LawText.Rule("city.holds", "deny", when: "act is hold").Replace("  effect deny", "  conflicts with fed.status\n  effect deny", StringComparison.Ordinal)));

        var finding = Assert.Single(StackChecker.Check(temp.Root).Findings, f => f.Type == FindingType.FloorViolation);

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("says it conflicts with fed.status, but no request the contract allows meets both", finding.Message, StringComparison.Ordinal);
        Assert.Contains("city.holds", DecisionEngine.Compile(temp.Load()).Decide(Fixtures.AsSent(finding.Witness)).DecidedBy);
    }
}
