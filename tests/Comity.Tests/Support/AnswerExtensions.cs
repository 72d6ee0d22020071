using Comity.Contract;

namespace Comity.Tests.Support;

/// <summary>Short reads of an answer for assertions.</summary>
public static class AnswerExtensions
{
    /// <summary>The reason for rule <paramref name="id"/>; fails the test when that rule is not among the reasons.</summary>
    public static Reason Reason(this DecisionAnswer answer, string id)
    {
        var found = answer.Reasons.Where(r => r.Rule == id).ToList();
        Assert.True(found.Count == 1, $"expected exactly one reason for {id}; reasons: {string.Join(", ", answer.Reasons.Select(r => r.Rule))}");
        return found[0];
    }

    public static IReadOnlyList<string> ReasonIds(this DecisionAnswer answer) => answer.Reasons.Select(r => r.Rule).ToList();

    /// <summary>Each layer's outcome as its kebab-case name, or "-" when no rule of it applied.</summary>
    public static IReadOnlyList<string> LayerOutcomes(this DecisionAnswer answer) =>
        answer.Layers.Select(l => l.Outcome is { } o ? Vocabularies.Outcomes.Name(o) : "-").ToList();

    public static Outcome ItemOutcome(this DecisionAnswer answer, DataItem item) =>
        answer.Data.Single(d => d.Item == item).Outcome;
}
