using System.Numerics;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// Splits boxes of questions where a question about them is undecided, on the tests that keep
/// it undecided: a fact's values into the blocks its tests name (values no test tells apart
/// stay together), days at the dates rules start and stop, and the subject's records into what
/// they can make true. The walk is exhaustive: every question the contract allows lies in
/// exactly one box, and every box it ends in has the question decided.
/// </summary>
/// <param name="daysLast">
/// split on the day only when no fact is pending (see <see cref="Choose"/>): for searches, which
/// answer yes or no and whose boxes no finding shows, so they need not split as the walk does.
/// </param>
internal sealed class Splitter(Universe universe, bool daysLast = false)
{
    /// <summary>
    /// Splits <paramref name="root"/> until <paramref name="decide"/> says the question is decided
    /// in a box, and hands each such box to <paramref name="leaf"/>. <paramref name="decide"/>
    /// fills the pending tests to split on when it is not decided, and returns what it learnt about
    /// the box (<typeparamref name="T"/>), which it is given back for the box's parts.
    /// </summary>
    public void Partition<T>(Box root, T context, Func<Box, T, List<Pending>, (bool Decided, T Context)> decide, Action<Box, T> leaf)
    {
        Walk(root, context, (box, parent, pending) =>
        {
            var (decided, learnt) = decide(box, parent, pending);
            return (decided ? Step.Leaf : Step.Split, learnt);
        }, (box, learnt) =>
        {
            leaf(box, learnt);
            return true;
        });
    }

    /// <summary>What a walk does with a box: split it, hand it to the leaf, or leave it (nothing in it is asked about).</summary>
    public enum Step { Split, Leaf, Skip }

    /// <summary>
    /// <see cref="Partition{T}"/> that leaves the boxes <paramref name="decide"/> skips, and stops
    /// as soon as <paramref name="leaf"/> returns false (then returns false). The boxes it does
    /// visit are split exactly as <see cref="Partition{T}"/> splits them, in the same order, so a
    /// walk restricted to part of the space meets the same leaves there as the whole walk.
    /// </summary>
    public bool Walk<T>(Box root, T context, Func<Box, T, List<Pending>, (Step Step, T Context)> decide, Func<Box, T, bool> leaf)
    {
        var pending = new List<Pending>();
        var (step, learnt) = decide(root, context, pending);
        switch (step)
        {
            case Step.Skip:
                return true;
            case Step.Leaf:
                return leaf(root, learnt);
        }
        foreach (var child in Children(root, pending))
            if (!Walk(child, learnt, decide, leaf))
                return false;
        return true;
    }

    /// <summary>
    /// Searches <paramref name="root"/>, depth first, for a box where <paramref name="test"/> is
    /// true for every question; null when it is false for every question of the root.
    /// </summary>
    public Box? Find<T>(Box root, T context, Func<Box, T, List<Pending>, (Tri Result, T Context)> test)
    {
        var pending = new List<Pending>();
        var (result, learnt) = test(root, context, pending);
        switch (result)
        {
            case Tri.True:
                return root;
            case Tri.False:
                return null;
        }
        foreach (var child in Children(root, pending))
            if (Find(child, learnt, test) is { } found)
                return found;
        return null;
    }

    /// <summary>
    /// Dives from <paramref name="root"/> to a decided box, <paramref name="dives"/> times, each
    /// time along one path whose children are drawn from <paramref name="random"/>: a quick look
    /// for a box where <paramref name="test"/> is true. Null when no dive met one, which proves
    /// nothing: <see cref="Find{T}"/> then settles it. (Whether a rule changes any answer is
    /// usually true in many places, but the first part a depth-first search exhausts may have none.)
    /// </summary>
    public Box? Dive<T>(Box root, T context, Func<Box, T, List<Pending>, (Tri Result, T Context)> test, int dives, Random random)
    {
        for (var d = 0; d < dives; d++)
        {
            var (box, known) = (root, context);
            while (true)
            {
                var pending = new List<Pending>();
                var (result, learnt) = test(box, known, pending);
                if (result == Tri.True)
                    return box;
                if (result == Tri.False)
                    break;
                var children = Children(box, pending).ToList();
                if (children.Count == 0)
                    break;
                (box, known) = (children[random.Next(children.Count)], learnt);
            }
        }
        return null;
    }

    /// <summary>The boxes one split makes, dropping those the contract cannot send.</summary>
    private IEnumerable<Box> Children(Box box, List<Pending> pending)
    {
        if (pending.Count == 0)
            throw new InvalidOperationException("a question about a box is undecided, yet nothing is left to split on");
        var slot = Choose(pending, daysLast);
        IEnumerable<Box> children;
        if (slot < Space.DimCount)
        {
            var dim = (Dim)slot;
            var blocks = new List<ulong> { box[dim] };
            foreach (var accepted in pending.Where(p => p.Kind == PendingKind.Value && p.Dim == dim).Select(p => p.Mask).Distinct())
                blocks = blocks.SelectMany(b => new[] { b & accepted, b & ~accepted }).Where(b => b != 0).ToList();
            // The block holding the plainest value first, so that searches meet plain witnesses first.
            var plain = 1UL << universe.Space.Preferred(dim);
            children = blocks.OrderBy(b => (b & plain) != 0 ? 0 : 1).ThenBy(BitOperations.TrailingZeroCount).Select(b => box.With(dim, b));
        }
        else if (slot == Space.DimCount)
        {
            var days = pending.Where(p => p.Kind == PendingKind.Day).Select(p => p.Day).Distinct().Order().ToList();
            var bounds = new List<DateOnly> { box.From, days[days.Count / 2], box.Until };
            children = Enumerable.Range(0, bounds.Count - 1).Select(i => box.WithDays(bounds[i], bounds[i + 1]));
        }
        else
        {
            var kind = slot == Space.DimCount + 1 ? RecordKind.Conviction : RecordKind.ProbableCauseCharge;
            var pendingKind = kind == RecordKind.Conviction ? PendingKind.Conviction : PendingKind.Charge;
            // One test at a time, the one most rules wait on: often one settles the answer.
            var node = pending.Where(p => p.Kind == pendingKind).GroupBy(p => p.Node!, ReferenceEqualityComparer.Instance)
                .OrderByDescending(g => g.Count()).First().Key;
            children = universe.Records.Split(kind, box.Records(kind), (Exists)node!, box).Select(c => box.WithRecords(kind, c));
        }
        foreach (var child in children)
            if (child.Normalized() is { } normal)
                yield return normal;
    }

    /// <summary>
    /// Where to split: the fact or the day that most pending tests wait on; the subject's
    /// convictions, then charges, only when nothing else is pending (their tests may read
    /// request facts and days, which must be settled first).
    /// </summary>
    /// <remarks>
    /// With <paramref name="daysLast"/>, the day only when no fact is pending: a rule whose
    /// condition fails on the facts drops out whatever the day, so splitting facts first leaves the
    /// days of the few rules that can still apply, where splitting days first repeats the facts'
    /// splits in every period that any rule's date makes (a thousand dated rules, a thousand periods).
    /// </remarks>
    private static int Choose(List<Pending> pending, bool daysLast)
    {
        Span<int> count = stackalloc int[Space.DimCount + 3];
        foreach (var p in pending)
            count[p.Kind switch
            {
                PendingKind.Value => (int)p.Dim,
                PendingKind.Day => Space.DimCount,
                PendingKind.Conviction => Space.DimCount + 1,
                _ => Space.DimCount + 2,
            }]++;
        var best = -1;
        for (var s = 0; s < Space.DimCount; s++)
            if (count[s] > 0 && (best < 0 || count[s] > count[best]))
                best = s;
        if (count[Space.DimCount] > 0 && (best < 0 || (!daysLast && count[Space.DimCount] > count[best])))
            best = Space.DimCount;
        return best >= 0 ? best : count[Space.DimCount + 1] > 0 ? Space.DimCount + 1 : Space.DimCount + 2;
    }
}
