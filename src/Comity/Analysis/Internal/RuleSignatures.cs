using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// Everything about a rule that bears on what it decides, and where it sits, as one string: two
/// versions of a stack decide alike wherever only rules with the same signature in both apply.
/// <c>comity diff</c> splits the question space on the rules that differ; <c>comity replay</c>
/// names, for each changed case, the differing rules its answers rest on.
/// </summary>
internal static class RuleSignatures
{
    /// <summary>The rules (provisions of kind rule) of either stack with no rule of the same signature in the other.</summary>
    public static HashSet<Provision> Differing(Stack a, Stack b)
    {
        var sameTables = Tables(a) == Tables(b);
        var stacks = new[] { a, b };
        var rules = stacks.Select((s, side) => s.Layers.SelectMany((l, layer) => l.Provisions.Where(p => p.Kind == ProvisionKind.Rule)
            .Select(p => (Rule: p, Signature: Of(s, layer, p, side, sameTables)))).ToList()).ToArray();
        var signatures = rules.Select(r => r.Select(x => x.Signature).ToHashSet(StringComparer.Ordinal)).ToArray();
        var differing = new HashSet<Provision>(ReferenceEqualityComparer.Instance);
        for (var side = 0; side < 2; side++)
            foreach (var (rule, signature) in rules[side].Where(r => !signatures[1 - side].Contains(r.Signature)))
                differing.Add(rule);
        return differing;
    }

    /// <summary>
    /// The signature of rule <paramref name="p"/> of layer <paramref name="layer"/> of
    /// <paramref name="stack"/> (side <paramref name="side"/> of a comparison): a rule that reads
    /// offence tables differs whenever the two stacks' tables do.
    /// </summary>
    public static string Of(Stack stack, int layer, Provision p, int side, bool sameTables)
    {
        var classes = !sameTables && LawWalk.Of(p.When).OfType<HasClass>().Any() ? $"tables of stack {side}" : "";
        return string.Join("|", layer, stack.Layers[layer].Name, p.Id, p.Effect, p.Period, p.Binds.All, string.Join(",", p.Binds.Kinds),
            string.Join(",", p.Binds.Units), string.Join(",", p.ExceptionTo), string.Join(",", p.Flags), ConditionText.Of(p.When, expand: true), classes,
            string.Join(",", p.Range), p.OnConflict is { } c ? $"{c.Preempts}:{string.Join(",", c.Flags)}" : "");
    }

    /// <summary>The offence tables of a stack, as one string to compare.</summary>
    public static string Tables(Stack s) => string.Join("\n", s.Tables.OrderBy(t => t.Id, StringComparer.Ordinal)
        .Select(t => $"{t.Id}:{string.Join(",", t.Codes)}:{string.Join(";", t.Dated.Select(d => $"{string.Join(",", d.Codes)} {d.Period}"))}:{string.Join(",", t.Includes)}"));
}
