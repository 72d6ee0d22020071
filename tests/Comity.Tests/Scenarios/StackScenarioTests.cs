using Comity.Engine;
using Comity.Law;
using Comity.Scenarios;
using Comity.Tests.Support;

namespace Comity.Tests.Scenarios;

/// <summary>
/// Every stack in the repository passes its own legal scenarios with complete rule coverage, the
/// same check as `comity test STACK`, run here so that a change to the law or the engine that
/// breaks a scenario fails the build.
/// </summary>
public class StackScenarioTests
{
    public static TheoryData<string> Stacks()
    {
        var data = new TheoryData<string>();
        var root = RepoRoot.Combine("stacks");
        foreach (var stackFile in Directory.GetFiles(root, StackLoader.StackFile, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var dir = Path.GetDirectoryName(stackFile)!;
            if (Directory.Exists(Path.Combine(dir, "scenarios")))
                data.Add(Path.GetRelativePath(root, dir).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Stack_passes_every_scenario_with_complete_rule_coverage(string stack)
    {
        var dir = RepoRoot.Combine("stacks/" + stack);
        var report = ScenarioRunner.Run(DecisionEngine.Compile(StackLoader.Load(dir)), ScenarioReader.ReadFolder(Path.Combine(dir, "scenarios")));

        Assert.True(report.Run > 0, $"{stack} has no scenarios");
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Select(f =>
            $"{Path.GetFileName(f.Scenario.File)}[{f.Scenario.Index}] {f.Scenario.Name}: {string.Join("; ", f.Problems)}")));
        Assert.True(report.CoverageComplete,
            $"uncovered: decide nothing {string.Join(", ", report.Undecided)}; never fire {string.Join(", ", report.ExceptionsNeverFired)}; never apply {string.Join(", ", report.ConsequencesNeverApplied)}");
    }

    [Fact]
    public void A_failing_scenario_and_an_uncovered_rule_are_both_reported()
    {
        var dir = RepoRoot.Combine("stacks/demo");
        var engine = DecisionEngine.Compile(StackLoader.Load(dir));
        var one = ScenarioReader.ReadFolder(Path.Combine(dir, "scenarios")).Take(1).ToList();
        var wrong = one[0] with { Expect = one[0].Expect with { Outcome = Comity.Contract.Outcome.Permit } };

        var report = ScenarioRunner.Run(engine, [wrong]);

        var failure = Assert.Single(report.Failures);
        Assert.Contains(failure.Problems, p => p.StartsWith("outcome is deny, expected permit", StringComparison.Ordinal));
        Assert.False(report.CoverageComplete);
        Assert.Contains("fed.judicial-warrant", report.Undecided);
    }

    [Fact]
    public void A_flag_or_obligation_expected_absent_fails_the_scenario_when_present()
    {
        var dir = RepoRoot.Combine("stacks/demo");
        var engine = DecisionEngine.Compile(StackLoader.Load(dir));
        var first = ScenarioReader.ReadFolder(Path.Combine(dir, "scenarios"))[0];
        var absent = first with { Expect = first.Expect with { AbsentFlags = [Comity.Contract.Flag.FundingRisk], AbsentObligations = ["st.copy-to-person"] } };
        var notRaised = first with { Expect = first.Expect with { AbsentFlags = [Comity.Contract.Flag.Gap], AbsentObligations = ["st.no-such-duty"] } };

        var failure = Assert.Single(ScenarioRunner.Run(engine, [absent, notRaised]).Failures);

        Assert.Same(absent, failure.Scenario);
        Assert.Contains("flag funding-risk is raised, expected absent", failure.Problems);
        Assert.Contains("obligation st.copy-to-person applies, expected absent", failure.Problems);
    }
}
