using Comity.Analysis;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Tests.Analysis.Support;

namespace Comity.Tests.Analysis;

/// <summary>
/// The analysis is complete for its abstraction, and sound: over thousands of requests drawn
/// at random from the whole contract, a request is in a reported class exactly when the real
/// engine shows the problem for it (no rule applies; a floor met by a deny; must with deny in one
/// layer), and, for a diff, exactly when the two versions' engines answer it differently.
/// </summary>
public sealed class CompletenessTests
{
    private const int Draws = 4000;

    [Theory]
    [MemberData(nameof(Fixtures.WithWitnessedFindings), MemberType = typeof(Fixtures))]
    public void On_a_fixture_every_drawn_request_is_in_a_reported_class_exactly_when_the_engine_shows_the_problem(string fixture)
    {
        var stack = Fixtures.Load(fixture);
        AssertCompleteAndSound(stack, Fixtures.Check(fixture), Draws);
    }

    [Fact]
    public void On_the_los_angeles_stack_every_drawn_request_is_in_a_reported_class_exactly_when_the_engine_shows_the_problem()
    {
        var stack = LosAngeles.Stack;
        AssertCompleteAndSound(stack, LosAngeles.Report, 2 * Draws);
    }

    internal static void AssertCompleteAndSound(Stack stack, CheckReport report, int draws)
    {
        var engine = DecisionEngine.Compile(stack);
        var effects = stack.Provisions.Where(p => p.Kind == ProvisionKind.Rule).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().Effect);
        // A declared conflict that never happens is a finding too, but its class is where the rule is alive.
        IEnumerable<RequestClass> Classes(FindingType type) => report.Findings
            .Where(f => f.Type == type && !f.Message.Contains("no request the contract allows meets both", StringComparison.Ordinal))
            .SelectMany(f => f.Classes);
        var gaps = Classes(FindingType.Gap).ToList();
        var floors = Classes(FindingType.FloorViolation).ToList();
        var contradictions = Classes(FindingType.Contradiction).ToList();
        var seen = new Dictionary<string, int> { ["gap"] = 0, ["floor"] = 0, ["contradiction"] = 0 };

        // The analysis starts on the first day a rule is in force: before it the stack says nothing.
        foreach (var request in RandomRequests.For([stack], draws).Where(r => r.ReceivedOn >= report.From))
        {
            var answer = engine.Decide(request);
            var deciders = answer.DecidedBy.Select(id => effects[id]).ToList();
            var active = answer.Reasons.Where(r => r.SetAsideBy.Count == 0).ToList();
            var facts = new[]
            {
                ("gap", answer.Reasons.Count == 0, gaps),
                ("floor", deciders.Contains(Effect.Floor) && deciders.Contains(Effect.Deny), floors),
                ("contradiction", active.GroupBy(r => r.Layer).Any(l => l.Any(r => r.Effect == Effect.Must) && l.Any(r => r.Effect == Effect.Deny)), contradictions),
            };
            foreach (var (what, shows, classes) in facts)
            {
                var listed = classes.Any(c => c.Contains(request));
                Assert.True(shows == listed, $"{what}: the engine {(shows ? "shows" : "does not show")} it, but the request is {(listed ? "" : "not ")}in a reported class: {RequestWriter.ToJson(request)}");
                if (shows)
                    seen[what]++;
            }
        }
        // The draws reach the problems the report lists (a report with classes of a kind must see some).
        Assert.True(gaps.Count == 0 || seen["gap"] > 0, "no drawn request is a gap, yet gaps are reported");
        Assert.True(floors.Count == 0 || seen["floor"] > 0, "no drawn request meets a floor conflict, yet one is reported");
    }
}

/// <summary>The Los Angeles stack and its check, computed once for the tests that need them.</summary>
internal static class LosAngeles
{
    public static readonly string Folder = Comity.Tests.Support.RepoRoot.Combine("stacks/us/ca/los-angeles");

    private static readonly Lazy<(Stack Stack, CheckReport Report)> Checked = new(() => (StackLoader.Load(Folder), StackChecker.Check(Folder)));

    public static Stack Stack => Checked.Value.Stack;

    public static CheckReport Report => Checked.Value.Report;
}
