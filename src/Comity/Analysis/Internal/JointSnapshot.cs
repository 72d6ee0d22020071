using Comity.Contract;
using Comity.Engine.Internal;

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

    public JointSnapshot(Snapshot a, Snapshot b, bool[] identicalLayers)
    {
        A = a;
        B = b;
        _identical = identicalLayers;
        var layers = Math.Max(a.Rules.LayerCount, b.Rules.LayerCount);
        Before = new ulong[layers];
        var pairs = Pair(LayerEffect.None, LayerEffect.None);
        for (var l = 0; l < layers; l++)
        {
            Before[l] = pairs;
            var next = 0UL;
            foreach (var (ea, eb) in Effects(l))
                for (var p = 0; p < 49; p++)
                    if ((pairs & (1UL << p)) != 0)
                        next |= Pair(Snapshot.Next((LayerEffect)(p / 7), ea), Snapshot.Next((LayerEffect)(p % 7), eb));
            pairs = next;
        }
        Final = pairs;
    }

    public Snapshot A { get; }
    public Snapshot B { get; }

    /// <summary>Per layer: the pairs of states (bit 7 * stateA + stateB) the layers above can leave.</summary>
    public ulong[] Before { get; }

    /// <summary>The pairs of states the two versions can end in.</summary>
    public ulong Final { get; }

    /// <summary>The pairs of outcomes the versions can give, one bit per (from, to).</summary>
    public int Outcomes
    {
        get
        {
            var set = 0;
            for (var p = 0; p < 49; p++)
                if ((Final & (1UL << p)) != 0)
                    set |= 1 << (4 * (int)OutcomeOf(p / 7) + (int)OutcomeOf(p % 7));
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

    /// <summary>The pending tests of undecided rules, of either version, in layers where the pair of states can still move.</summary>
    public void AddRelevant(List<Pending> into)
    {
        const ulong absorbing = Snapshot.Absorbing;
        for (var l = 0; l < Before.Length; l++)
        {
            var moving = false;
            for (var p = 0; p < 49 && !moving; p++)
                if ((Before[l] & (1UL << p)) != 0)
                    moving = (absorbing & (1UL << (p / 7))) == 0 || (absorbing & (1UL << (p % 7))) == 0;
            if (!moving)
                return;
            foreach (var s in new[] { A, B })
                if (l < s.Rules.LayerCount)
                    for (var i = s.Rules.LayerStart[l]; i < s.Rules.LayerStart[l + 1]; i++)
                        if (s.Applies[i] == Tri.Unknown)
                            into.AddRange(s.PendingOf(i));
        }
    }

    private IEnumerable<(LayerEffect A, LayerEffect B)> Effects(int l)
    {
        var inA = l < A.Rules.LayerCount;
        var inB = l < B.Rules.LayerCount;
        for (var ea = 0; ea < 7; ea++)
        {
            if (inA ? (A.LayerEffects[l] & (1 << ea)) == 0 : ea != (int)LayerEffect.None)
                continue;
            for (var eb = 0; eb < 7; eb++)
            {
                if (inB ? (B.LayerEffects[l] & (1 << eb)) == 0 : eb != (int)LayerEffect.None)
                    continue;
                if (_identical[l] && ea != eb)
                    continue;
                yield return ((LayerEffect)ea, (LayerEffect)eb);
            }
        }
    }

    private static ulong Pair(LayerEffect a, LayerEffect b) => 1UL << (7 * (int)a + (int)b);

    private static Outcome OutcomeOf(int state) => Snapshot.OutcomeOf(Snapshot.VerdictOf((LayerEffect)state));
}
