using Comity.Contract;
using Comity.Engine;

namespace Comity.Analysis.Internal;

/// <summary>
/// One stack's rules that can apply to one act, layer by layer, each layer's exceptions before
/// the rules they set aside: the order in which the engine decides, and so the order in which
/// <see cref="Snapshot"/> follows it. A rule can be left out, to see what the stack says without it.
/// </summary>
internal sealed class ActRules
{
    public ActRules(Universe universe, int stack, Act act, AnalysedRule? without = null)
    {
        Act = act;
        LayerCount = universe.Stacks[stack].Layers.Count;
        var rules = new List<AnalysedRule>();
        LayerStart = new int[LayerCount + 1];
        for (var l = 0; l < LayerCount; l++)
        {
            LayerStart[l] = rules.Count;
            var layer = universe.Rules.Where(r => r.Stack == stack && r.Layer == l && !ReferenceEquals(r, without)).ToList();
            // As the engine does: order the whole layer, then keep the rules that can apply to the act.
            rules.AddRange(ExceptionsFirst(layer).Where(r => (r.Acts & (1UL << (int)act)) != 0));
        }
        LayerStart[LayerCount] = rules.Count;
        Rules = rules.ToArray();
        ExceptedBy = Rules.Select(r => Enumerable.Range(0, Rules.Length)
            .Where(e => Rules[e].Layer == r.Layer && Rules[e].Source.ExceptionTo.Contains(r.Source.Id)).ToArray()).ToArray();
        IsException = Rules.Select(r => r.Source.ExceptionTo.Count > 0).ToArray();
        Slot = Rules.Select(r => Combining.SlotOf(r.Source)).ToArray();
    }

    /// <summary>For each rule, what it adds to its layer when active (<see cref="Combining.SlotOf"/>).</summary>
    public int[] Slot { get; }

    public Act Act { get; }
    public int LayerCount { get; }
    public AnalysedRule[] Rules { get; }

    /// <summary>Layer l's rules are <c>Rules[LayerStart[l] .. LayerStart[l + 1])</c>.</summary>
    public int[] LayerStart { get; }

    /// <summary>For each rule, the rules (indices into <see cref="Rules"/>) that are exceptions to it.</summary>
    public int[][] ExceptedBy { get; }

    public bool[] IsException { get; }

    public int IndexOf(AnalysedRule rule) => Array.IndexOf(Rules, rule);

    private static List<AnalysedRule> ExceptionsFirst(List<AnalysedRule> rules)
    {
        var ordered = new List<AnalysedRule>();
        var done = new HashSet<AnalysedRule>(ReferenceEqualityComparer.Instance);
        void Visit(AnalysedRule r)
        {
            if (!done.Add(r))
                return;
            foreach (var e in rules.Where(e => e.Source.ExceptionTo.Contains(r.Source.Id)))
                Visit(e);
            ordered.Add(r);
        }
        foreach (var r in rules)
            Visit(r);
        return ordered;
    }
}
