using System.Numerics;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// Compares two versions of a stack. Rules written identically in both (same layer, same
/// condition, effect, period, binding, exceptions and flags, over the same offence tables)
/// decide identically, so only where a rule that differs applies can an outcome change. For each
/// act the question space is split until, in each box, either no differing rule applies, or both
/// outcomes are decided and, where they differ, so is which differing rules apply (the change's
/// cause). Each changed box's witness is decided by both real engines, which must agree with the
/// analysis on the outcomes and on the cause.
/// </summary>
internal sealed class Differ
{
    private readonly Stack _a;
    private readonly Stack _b;
    private readonly string _folderA;
    private readonly string _folderB;
    private readonly Universe _u;
    private readonly DecisionEngine _engineA;
    private readonly DecisionEngine _engineB;
    private readonly HashSet<Provision> _differing = new(ReferenceEqualityComparer.Instance);
    private int _classes;

    public Differ(Stack a, string folderA, Stack b, string folderB)
    {
        _a = a;
        _b = b;
        _folderA = folderA;
        _folderB = folderB;
        _u = new Universe([a, b]);
        _engineA = DecisionEngine.Compile(a);
        _engineB = DecisionEngine.Compile(b);
        var sameTables = Tables(a) == Tables(b);
        var signatures = new[] { a, b }.Select((s, i) => _u.Rules.Where(r => r.Stack == i).Select(r => Signature(r, sameTables)).ToHashSet(StringComparer.Ordinal)).ToArray();
        foreach (var r in _u.Rules.Where(r => !signatures[1 - r.Stack].Contains(Signature(r, sameTables))))
            _differing.Add(r.Source);
    }

    public DiffReport Run()
    {
        var splitter = new Splitter(_u);
        var changed = new List<(Outcome From, Outcome To, string Causes, string Shown, Box Box, DecisionRequest Witness)>();
        var holds = new Dictionary<Act, Func<Box, (Outcome, Outcome, string)?>>();
        foreach (var act in Enum.GetValues<Act>())
        {
            var sides = new[] { new ActRules(_u, 0, act), new ActRules(_u, 1, act) };
            var differing = sides.Select(s => Enumerable.Range(0, s.Rules.Length).Where(i => _differing.Contains(s.Rules[i].Source)).ToArray()).ToArray();
            var identical = IdenticalLayers(sides);
            JointSnapshot Joint(Box box, JointSnapshot? parent) => new(
                Snapshot.Of(sides[0], box, _u.Evaluator, parent?.A), Snapshot.Of(sides[1], box, _u.Evaluator, parent?.B), identical);
            holds[act] = box => Change(Joint(box, null), differing);
            splitter.Partition(_u.Root(act), (JointSnapshot?)null, (box, parent, pending) =>
            {
                var joint = Joint(box, parent);
                return (Decided(joint, differing, pending), joint);
            }, (box, joint) =>
            {
                _classes++;
                if (Change(joint!, differing) is not var (from, to, causes))
                    return;
                var witness = _u.Witness(box);
                changed.Add((from, to, causes, Agree(witness, from, to, causes), box, witness));
            });
        }
        // Classes are built where every question has the same change and the same differing rules
        // applying; they are shown grouped by the differing rules that decide them.
        var classes = changed
            .GroupBy(c => (c.From, c.To, c.Causes, c.Shown))
            .SelectMany(g => RequestClasses.Of(_u, g.Select(c => (c.Box, c.Witness)), box => holds[ActOf(box)](box) == (g.Key.From, g.Key.To, g.Key.Causes))
                .Select(c => (g.Key.From, g.Key.To, g.Key.Shown, Class: c)));
        var changes = classes
            .GroupBy(c => (c.From, c.To, c.Shown))
            .OrderBy(g => g.Key.From).ThenBy(g => g.Key.To).ThenBy(g => g.Key.Shown, StringComparer.Ordinal)
            .Select(g => new DiffReport.Change(g.Key.From, g.Key.To,
                g.Key.Shown.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Ref).ToList(), g.Select(c => c.Class).ToList()))
            .ToList();
        return new DiffReport(new(_a.Id, _folderA, _a.Digest), new(_b.Id, _folderB, _b.Digest), changes, _classes);
    }

    /// <summary>Layers that hold, for this act, the same rules in both versions (at the same place, under the same name).</summary>
    private bool[] IdenticalLayers(ActRules[] sides)
    {
        var sameTables = Tables(_a) == Tables(_b);
        var layers = Math.Max(sides[0].LayerCount, sides[1].LayerCount);
        return Enumerable.Range(0, layers).Select(l =>
            l < sides[0].LayerCount && l < sides[1].LayerCount && _a.Layers[l].Name == _b.Layers[l].Name
            && Enumerable.Range(sides[0].LayerStart[l], sides[0].LayerStart[l + 1] - sides[0].LayerStart[l]).Select(i => Signature(sides[0].Rules[i], sameTables)).Order(StringComparer.Ordinal)
                .SequenceEqual(Enumerable.Range(sides[1].LayerStart[l], sides[1].LayerStart[l + 1] - sides[1].LayerStart[l]).Select(i => Signature(sides[1].Rules[i], sameTables)).Order(StringComparer.Ordinal)))
            .ToArray();
    }

    /// <summary>
    /// Whether the box is settled: no differing rule applies anywhere in it, or the outcome
    /// changes nowhere in it, or it changes alike everywhere and which differing rules apply is
    /// decided. Otherwise fills what to split on.
    /// </summary>
    private static bool Decided(JointSnapshot joint, int[][] differing, List<Pending> pending)
    {
        if (!Applying(joint, differing, Tri.True, Tri.Maybe, Tri.Unknown).Any() || joint.Unchanged)
            return true;
        var undecided = Applying(joint, differing, Tri.Unknown).ToList();
        if (joint.Change is not null && undecided.Count == 0)
            return true;
        if (joint.Change is null)
            joint.AddRelevant(pending);
        foreach (var (side, i) in undecided)
            pending.AddRange(Side(joint, side).PendingOf(i));
        return false;
    }

    /// <summary>In a settled box: the change and the differing rules that apply, when the outcome changes; null when it does not.</summary>
    private static (Outcome From, Outcome To, string Causes)? Change(JointSnapshot joint, int[][] differing)
    {
        if (!Applying(joint, differing, Tri.True, Tri.Maybe, Tri.Unknown).Any() || joint.Change is not var (from, to) || Applying(joint, differing, Tri.Unknown).Any())
            return null;
        var causes = Applying(joint, differing, Tri.True, Tri.Maybe).Select(p => Side(joint, p.Side).Rules.Rules[p.Index].Source.Id).Distinct().Order(StringComparer.Ordinal);
        return (from, to, string.Join(",", causes));
    }

    private static IEnumerable<(int Side, int Index)> Applying(JointSnapshot joint, int[][] differing, params Tri[] values) =>
        Enumerable.Range(0, 2).SelectMany(side => differing[side].Where(i => values.Contains(Side(joint, side).Applies[i])).Select(i => (side, i)));

    private static Snapshot Side(JointSnapshot joint, int side) => side == 0 ? joint.A : joint.B;

    /// <summary>
    /// Both engines must answer the witness as the analysis says, and the differing rules that
    /// apply must be those the analysis found. Returns, of those, the ones that decide the witness
    /// in either version or set a rule aside there (all of them if none does): the cause to show.
    /// </summary>
    private string Agree(DecisionRequest witness, Outcome from, Outcome to, string causes)
    {
        var answerA = _engineA.Decide(witness);
        var answerB = _engineB.Decide(witness);
        var seen = string.Join(",", answerA.Reasons.Concat(answerB.Reasons).Select(r => r.Rule).Distinct()
            .Where(id => _differing.Any(p => p.Id == id && p.Period.Contains(witness.ReceivedOn))).Order(StringComparer.Ordinal));
        if (answerA.Outcome != from || answerB.Outcome != to || seen != causes)
            throw new InvalidOperationException(
                $"the analysis expected {Vocabularies.Outcomes.Name(from)} -> {Vocabularies.Outcomes.Name(to)} because of {causes} but the engines answer " +
                $"{Vocabularies.Outcomes.Name(answerA.Outcome)} -> {Vocabularies.Outcomes.Name(answerB.Outcome)} because of {seen} for {RequestWriter.ToJson(witness)}");
        var deciding = new[] { answerA, answerB }.SelectMany(a => a.DecidedBy.Concat(a.Reasons.SelectMany(r => r.SetAsideBy))).ToHashSet();
        var shown = causes.Split(',').Where(deciding.Contains).ToList();
        return shown.Count > 0 ? string.Join(",", shown) : causes;
    }

    /// <summary>Everything about a rule that bears on what it decides, and where it sits.</summary>
    private string Signature(AnalysedRule r, bool sameTables)
    {
        var p = r.Source;
        var stack = r.Stack == 0 ? _a : _b;
        var classes = !sameTables && LawWalk.Of(p.When).OfType<HasClass>().Any() ? $"tables of stack {r.Stack}" : "";
        return string.Join("|", r.Layer, stack.Layers[r.Layer].Name, p.Id, p.Effect, p.Period, p.Binds.All, string.Join(",", p.Binds.Kinds),
            string.Join(",", p.Binds.Units), string.Join(",", p.ExceptionTo), string.Join(",", p.Flags), ConditionText.Of(p.When, expand: true), classes,
            string.Join(",", p.Range), p.OnConflict is { } c ? $"{c.Preempts}:{string.Join(",", c.Flags)}" : "");
    }

    private static string Tables(Stack s) => string.Join("\n", s.Tables.OrderBy(t => t.Id, StringComparer.Ordinal)
        .Select(t => $"{t.Id}:{string.Join(",", t.Codes)}:{string.Join(";", t.Dated.Select(d => $"{string.Join(",", d.Codes)} {d.Period}"))}:{string.Join(",", t.Includes)}"));

    private RuleRef Ref(string id)
    {
        var p = _differing.FirstOrDefault(p => p.Id == id && _b.Provisions.Contains(p)) ?? _differing.First(p => p.Id == id);
        return new RuleRef(id, p.At);
    }

    private static Act ActOf(Box box) => (Act)BitOperations.TrailingZeroCount(box[Dim.Act]);
}
