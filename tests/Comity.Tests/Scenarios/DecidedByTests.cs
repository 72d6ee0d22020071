using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Scenarios;
using Comity.Tests.Support;

namespace Comity.Tests.Scenarios;

/// <summary>
/// What the answer must let a reader check (semantics.md): which rules decided. Only an answer
/// that no rule reached (refer-to-counsel with the flag gap) may name none; every other answer,
/// including one settled through a layer that refers (rule 5) or whose rules turn on a fact not
/// given, names at least one rule that decided it.
/// </summary>
public class DecidedByTests
{
    [Theory]
    [MemberData(nameof(StackScenarioTests.Stacks), MemberType = typeof(StackScenarioTests))]
    public void Every_answer_but_a_gap_names_a_rule_that_decided_it(string stack)
    {
        var dir = RepoRoot.Combine("stacks/" + stack);
        var engine = DecisionEngine.Compile(StackLoader.Load(dir));

        var unnamed = ScenarioReader.ReadFolder(Path.Combine(dir, "scenarios"))
            .Select(s => (Scenario: s, Answer: engine.Decide(s.Request)))
            .Where(x => x.Answer.DecidedBy.Count == 0 && !(x.Answer.Outcome == Outcome.ReferToCounsel && x.Answer.Flags.Contains(Flag.Gap)))
            .Select(x => $"{Path.GetFileName(x.Scenario.File)}[{x.Scenario.Index}] {x.Scenario.Name}: {x.Answer.Outcome}, decided by no rule")
            .ToList();

        Assert.True(unnamed.Count == 0, string.Join("\n", unnamed));
    }
}
