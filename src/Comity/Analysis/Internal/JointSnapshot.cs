using Comity.Contract;
using Comity.Engine;

namespace Comity.Analysis.Internal;

/// <summary>
/// Two versions of a stack on one box at once. The combination follows pairs of states, one per
/// version, layer by layer: in a layer written identically in both, the two versions reach the
/// same effect for every question, so only equal pairs of effects combine there; elsewhere any
/// pair may. Following pairs keeps what the versions share, so a box where an upper layer is still
/// undecided but both versions end alike for each of its possibilities is known not to change
/// without splitting the upper layer.
/// </summary>
internal sealed class JointSnapshot
{
    private readonly bool[] _identical;

    /// <param name="paired">
    /// for one layer that differs, the pairs of effects the versions can reach together, when they
    /// are known more closely than "any effect of one with any of the other"
    /// </param>
    public JointSnapshot(Snapshot a, Snapshot b, bool[] identicalLayers, (int Layer, IReadOnlyCollection<(byte A, byte B)> Effects)? paired = null)
    {
        A = a;
        B = b;
        _identical = identicalLayers;
        var layers = Math.Max(a.Rules.LayerCount, b.Rules.LayerCount);
        Before = new HashSet<int>[layers];
        const byte none = 1 << (int)Standing.None;
        var pairs = new HashSet<int> { Pair(none, none) };
        for (var l = 0; l < layers; l++)
        {
            Before[l] = pairs;
            var next = new HashSet<int>();
            foreach (var (ea, eb) in paired is { } known && known.Layer == l ? known.Effects : Effects(l))
                foreach (var p in pairs)
                    next.Add(Pair(Combining.Next((byte)(p >> 8), ea), Combining.Next((byte)(p & 0xFF), eb)));
            pairs = next;
        }
        Final = pairs;
    }

    public Snapshot A { get; }
    public Snapshot B { get; }

    /// <summary>Per layer: the pairs of members (256 * memberA + memberB, see <see cref="ChoiceSet"/>) the layers above can leave.</summary>
    public HashSet<int>[] Before { get; }

    /// <summary>The pairs the two versions can end in.</summary>
    public HashSet<int> Final { get; }

    /// <summary>The pairs of outcomes the versions can give, one bit per (from, to).</summary>
    public int Outcomes
    {
        get
        {
            var set = 0;
            foreach (var p in Final)
                set |= 1 << (4 * (int)OutcomeOf((byte)(p >> 8)) + (int)OutcomeOf((byte)(p & 0xFF)));
            return set;
        }
    }

    /// <summary>Whether every pair of outcomes is the same outcome twice: nothing changes in the box.</summary>
    public bool Unchanged
    {
        get
        {
            for (var o = 0; o < 16; o++)
                if ((Outcomes & (1 << o)) != 0 && o / 4 != o % 4)
                    return false;
            return true;
        }
    }

    /// <summary>The one change every question of the box makes, or null when there is none or more than one.</summary>
    public (Outcome From, Outcome To)? Change
    {
        get
        {
            var set = Outcomes;
            if (set == 0 || (set & (set - 1)) != 0)
                return null;
            var o = System.Numerics.BitOperations.TrailingZeroCount(set);
            return o / 4 == o % 4 ? null : ((Outcome)(o / 4), (Outcome)(o % 4));
        }
    }

    /// <summary>
    /// Whether the versions give different verdicts (outcome, gap, floor conflict): for every
    /// question of the box (true: every pair the box can end in differs), for none, or for some.
    /// </summary>
    public Tri VerdictsDiffer
    {
        get
        {
            bool any = false, all = true;
            foreach (var p in Final)
            {
                var differ = Combining.Resolve((byte)(p >> 8)) != Combining.Resolve((byte)(p & 0xFF));
                any |= differ;
                all &= differ;
            }
            return all ? Tri.True : any ? Tri.Unknown : Tri.False;
        }
    }

    /// <summary>The pending tests of undecided rules, of either version, in layers where the pair of states can still move.</summary>
    public void AddRelevant(List<Pending> into)
    {
        for (var l = 0; l < Before.Length; l++)
        {
            var moving = Before[l].Any(p => !ChoiceSet.Absorbing((byte)(p >> 8)) || !ChoiceSet.Absorbing((byte)(p & 0xFF)));
            if (!moving)
                return;
            foreach (var s in new[] { A, B })
                if (l < s.Rules.LayerCount)
                    for (var i = s.Rules.LayerStart[l]; i < s.Rules.LayerStart[l + 1]; i++)
                        if (s.Applies[i] == Tri.Unknown)
                            into.AddRange(s.PendingOf(i));
        }
    }

    private IEnumerable<(byte A, byte B)> Effects(int l)
    {
        const byte none = 1 << (int)Standing.None;
        var inA = l < A.Rules.LayerCount ? A.LayerEffects[l].Members.ToList() : [none];
        var inB = l < B.Rules.LayerCount ? B.LayerEffects[l].Members.ToList() : [none];
        foreach (var ea in inA)
            foreach (var eb in inB)
                if (!_identical[l] || ea == eb)
                    yield return (ea, eb);
    }

    private static int Pair(byte a, byte b) => (a << 8) | b;

    private static Outcome OutcomeOf(byte member) => Combining.OutcomeOf(Combining.Resolve(member));
}
