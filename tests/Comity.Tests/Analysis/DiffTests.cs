using Comity.Analysis;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Tests.Analysis.Support;
using Comity.Tests.Cli.Support;

namespace Comity.Tests.Analysis;

/// <summary>
/// <c>comity diff</c>: the classes of requests whose outcome changes between two versions of the
/// law, each witness answered <c>from</c> by the first version's engine and <c>to</c> by the
/// second's, and no other request changing (checked over requests drawn at random).
/// </summary>
public sealed class DiffTests
{
    [Fact]
    public void Identical_stacks_change_nothing()
    {
        var report = StackDiffer.Diff(Fixtures.Folder("clean"), Fixtures.Folder("clean"));

        Assert.Empty(report.Changes);
        Assert.Equal(report.From.Digest, report.To.Digest);
    }

    [Fact]
    public void An_amendment_lists_each_change_with_the_rule_that_causes_it_and_witnesses_both_engines_confirm()
    {
        var (a, b) = (Fixtures.Load("clean"), Fixtures.Load("amended"));

        var report = StackDiffer.Diff(a, "clean", b, "amended");

        Assert.Equal(
            [("deny", "permit", "city.recent-felony"), ("permit", "refer-to-counsel", "fed.status-floor")],
            report.Changes.Select(c => (Vocabularies.Outcomes.Name(c.From), Vocabularies.Outcomes.Name(c.To), string.Join(",", c.Rules.Select(r => r.Id)))));
        var longer = Assert.Single(report.Changes[0].Classes);
        Assert.Equal("act is notify-release; received from 2020-01-01; any conviction (level is felony and within 15 years); "
            + "not any conviction (level is felony and within 10 years)", longer.Description);
        AssertWitnesses(a, b, report);
    }

    [Fact]
    public void Without_ordinance_188441_the_los_angeles_stack_changes_only_where_the_ordinance_applies()
    {
        using var temp = Repo.TempDir();
        // Where stacks/us/ca/los-angeles finds its shared federal layer: ../../federal.
        var without = temp.CopyFrom(LosAngeles.Folder, "us/ca/without-188441");
        temp.CopyFrom(Comity.Tests.Support.RepoRoot.Combine("stacks/us/federal"), "us/federal");
        File.Delete(Path.Combine(without, "los-angeles", "ordinance-188441.law"));
        var b = StackLoader.Load(without);

        var report = StackDiffer.Diff(LosAngeles.Stack, LosAngeles.Folder, b, without);

        Assert.NotEmpty(report.Changes);
        Assert.All(report.Changes.SelectMany(c => c.Rules), r => Assert.StartsWith("la.ord-188441.", r.Id, StringComparison.Ordinal));
        // The ordinance's bars and questions fall away: a transfer that state law permits under
        // 7282.5, which the ordinance leaves to counsel (legal-brief s. 5.4, R3), becomes a permit.
        Assert.Contains(report.Changes, c => c.From == Outcome.ReferToCounsel && c.To == Outcome.Permit && c.Rules.Any(r => r.Id == "la.ord-188441.transfer-7282-5"));
        Assert.Contains(report.Changes, c => c.From == Outcome.Deny && c.Rules.Any(r => r.Id == "la.ord-188441.no-data-sharing"));
        // Nothing changes before the ordinance took effect on 9 December 2024.
        Assert.All(report.Changes.SelectMany(c => c.Classes), c => Assert.True(c.Witness.ReceivedOn >= new DateOnly(2024, 12, 9), c.Description));
        AssertWitnesses(LosAngeles.Stack, b, report);
        AssertCompleteAndSound(LosAngeles.Stack, b, report, 4000);
    }

    [Fact]
    public void On_the_fixture_amendment_every_drawn_request_is_in_a_change_exactly_when_the_engines_answer_it_differently()
    {
        var (a, b) = (Fixtures.Load("clean"), Fixtures.Load("amended"));
        AssertCompleteAndSound(a, b, StackDiffer.Diff(a, "clean", b, "amended"), 4000);
    }

    [Fact]
    public void A_records_juvenile_not_given_is_read_as_unknown_as_the_engine_reads_it()
    {
        // The bare test reads a record that does not say as unknown (the layer may permit or have no
        // rule: counsel decides); the guarded one states its assumption (an adult conviction). They
        // differ exactly for a list of convictions none of which surely passes but one may.
        const string Default = "act is notify-release";
        using var bare = Comity.Tests.Support.TempStack.Layers(("only",
            Comity.Tests.Support.LawText.Rule("x.default", "deny", when: Default)
            + Comity.Tests.Support.LawText.Rule("x.adult", "permit", when: "act is notify-release and any conviction (level is felony and not juvenile)", exceptionTo: "x.default")));
        using var guarded = Comity.Tests.Support.TempStack.Layers(("only",
            Comity.Tests.Support.LawText.Rule("x.default", "deny", when: Default)
            + Comity.Tests.Support.LawText.Rule("x.adult", "permit", when: "act is notify-release and any conviction (level is felony and not (juvenile is given and juvenile))", exceptionTo: "x.default")));
        var (a, b) = (bare.Load(), guarded.Load());

        var report = StackDiffer.Diff(a, "bare", b, "guarded");

        var change = Assert.Single(report.Changes);
        Assert.Equal((Outcome.ReferToCounsel, Outcome.Permit), (change.From, change.To));
        Assert.All(change.Classes, c => Assert.Contains("unknown", c.Description, StringComparison.Ordinal));
        AssertWitnesses(a, b, report);
        AssertCompleteAndSound(a, b, report, 4000);
    }

    private static void AssertWitnesses(Stack a, Stack b, DiffReport report)
    {
        var (engineA, engineB) = (DecisionEngine.Compile(a), DecisionEngine.Compile(b));
        foreach (var change in report.Changes)
            foreach (var c in change.Classes)
            {
                var sent = Fixtures.AsSent(c.Witness);
                Assert.Equal((change.From, change.To), (engineA.Decide(sent).Outcome, engineB.Decide(sent).Outcome));
                Assert.True(c.Contains(sent), c.Description);
            }
    }

    private static void AssertCompleteAndSound(Stack a, Stack b, DiffReport report, int draws)
    {
        var (engineA, engineB) = (DecisionEngine.Compile(a), DecisionEngine.Compile(b));
        var changed = 0;
        foreach (var request in RandomRequests.For([a, b], draws))
        {
            var (from, to) = (engineA.Decide(request).Outcome, engineB.Decide(request).Outcome);
            var listed = report.Changes.Where(c => c.Classes.Any(k => k.Contains(request))).Select(c => (c.From, c.To)).Distinct().ToList();
            if (from == to)
                Assert.True(listed.Count == 0, $"unchanged ({Vocabularies.Outcomes.Name(from)}) but listed as a change: {RequestWriter.ToJson(request)}");
            else
            {
                changed++;
                Assert.True(listed.SequenceEqual([(from, to)]),
                    $"{Vocabularies.Outcomes.Name(from)} -> {Vocabularies.Outcomes.Name(to)} but listed as {string.Join(", ", listed)}: {RequestWriter.ToJson(request)}");
            }
        }
        Assert.True(changed > 0, "no drawn request changes outcome, yet changes are listed");
    }
}
