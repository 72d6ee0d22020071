using Comity.Contract;
using Comity.Engine;
using Comity.Law;

namespace Comity.Scenarios;

/// <summary>
/// Runs scenarios against a stack and measures rule coverage: a rule is covered when it decides
/// at least one scenario (its outcome, or one data item's); an exception when it sets aside a rule in at least one; a duty or risk
/// when it applies in at least one.
/// </summary>
public static class ScenarioRunner
{
    public sealed record Failure(Scenario Scenario, IReadOnlyList<string> Problems);

    public sealed record Report(int Run, IReadOnlyList<Failure> Failures, IReadOnlyList<string> Undecided, IReadOnlyList<string> ExceptionsNeverFired,
        IReadOnlyList<string> ConsequencesNeverApplied, int Provisions)
    {
        public bool CoverageComplete => Undecided.Count == 0 && ExceptionsNeverFired.Count == 0 && ConsequencesNeverApplied.Count == 0;
    }

    public static Report Run(DecisionEngine engine, IReadOnlyList<Scenario> scenarios)
    {
        var decided = new HashSet<string>();
        var fired = new HashSet<string>();
        var applied = new HashSet<string>();
        var failures = new List<Failure>();
        foreach (var s in scenarios)
        {
            var answer = engine.Decide(s.Request);
            decided.UnionWith(answer.DecidedBy);
            decided.UnionWith(answer.Reasons.Where(r => r.Decides.Count > 0).Select(r => r.Rule));
            fired.UnionWith(answer.Reasons.SelectMany(r => r.SetAsideBy));
            applied.UnionWith(answer.Obligations.Select(o => o.Rule));
            applied.UnionWith(answer.Reasons.Select(r => r.Rule));
            var problems = Check(s.Expect, answer);
            if (problems.Count > 0)
                failures.Add(new Failure(s, problems));
        }
        var provisions = engine.Stack.Provisions.DistinctBy(p => p.Id).ToList();
        var rules = provisions.Where(p => p.Kind == ProvisionKind.Rule).ToList();
        return new Report(
            scenarios.Count,
            failures,
            rules.Where(r => !decided.Contains(r.Id)).Select(r => r.Id).ToList(),
            rules.Where(r => r.ExceptionTo.Count > 0 && !fired.Contains(r.Id)).Select(r => r.Id).ToList(),
            provisions.Where(p => p.Kind == ProvisionKind.Duty && !applied.Contains(p.Id)).Select(p => p.Id).ToList(),
            provisions.Count);
    }

    private static List<string> Check(Expectation e, DecisionAnswer a)
    {
        var problems = new List<string>();
        if (a.Outcome != e.Outcome)
            problems.Add($"outcome is {Name(a.Outcome)}, expected {Name(e.Outcome)} (decided by {string.Join(", ", a.DecidedBy)})");
        foreach (var (layer, expected) in e.Layers)
        {
            var result = a.Layers.FirstOrDefault(l => l.Layer == layer);
            if (result is null)
                problems.Add($"the stack has no layer {layer}");
            else if (result.Outcome != expected)
                problems.Add($"layer {layer} is {Name(result.Outcome)}, expected {Name(expected)}");
        }
        foreach (var (item, expected) in e.Data)
        {
            var got = a.Data.FirstOrDefault(d => d.Item == item);
            if (got == default)
                problems.Add($"no outcome for data item {Vocabularies.DataItems.Name(item)}");
            else if (got.Outcome != expected)
                problems.Add($"data item {Vocabularies.DataItems.Name(item)} is {Name(got.Outcome)}, expected {Name(expected)}");
        }
        var citations = a.Reasons.SelectMany(r => r.Citations).Concat(a.Obligations.SelectMany(o => o.Citations)).ToHashSet();
        problems.AddRange(e.Citations.Where(c => !citations.Contains(c)).Select(c => $"no reason cites {c}"));
        problems.AddRange(e.DecidedBy.Where(r => !a.DecidedBy.Contains(r)).Select(r => $"{r} did not decide (decided by {string.Join(", ", a.DecidedBy)})"));
        problems.AddRange(e.Flags.Where(f => !a.Flags.Contains(f)).Select(f => $"flag {Vocabularies.Flags.Name(f)} is missing"));
        problems.AddRange(e.Obligations.Where(o => a.Obligations.All(x => x.Rule != o)).Select(o => $"obligation {o} is missing"));
        problems.AddRange(e.AbsentFlags.Where(a.Flags.Contains).Select(f => $"flag {Vocabularies.Flags.Name(f)} is raised, expected absent"));
        problems.AddRange(e.AbsentObligations.Where(o => a.Obligations.Any(x => x.Rule == o)).Select(o => $"obligation {o} applies, expected absent"));
        return problems;
    }

    private static string Name(Outcome? o) => o is { } v ? Vocabularies.Outcomes.Name(v) : "null";
}
