using System.Globalization;
using System.Numerics;
using Comity.Contract;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// Turns the boxes of a finding into classes a person can read: boxes that differ in one fact
/// only (or in adjacent periods) are merged until no two can be, and each class is described by
/// the facts it fixes, in the law language's words, with the witness of one of its boxes.
/// </summary>
internal static class RequestClasses
{
    private const int PeriodSlot = Space.DimCount;

    /// <param name="holds">
    /// what the boxes have in common, if it can be tested on any box: each box is then first
    /// widened, fact by fact, as far as it keeps holding, so that a class names only the facts
    /// that matter to it (the classes may then overlap; each still lies wholly inside the finding).
    /// </param>
    public static IReadOnlyList<RequestClass> Of(Universe u, IEnumerable<(Box Box, DecisionRequest Witness)> boxes, Func<Box, bool>? holds = null)
    {
        var items = boxes.ToList();
        if (holds is not null)
        {
            var wide = new List<(Box Box, DecisionRequest Witness)>();
            foreach (var (box, witness) in items)
                if (!InsideAny(box, wide))
                    wide.Add((Widen(u, box, holds), witness));
            items = wide;
        }
        // What the contract requires of an act (data, a place) is no part of a class: boxes of
        // acts with different requirements merge, and their description stays the same.
        items = items.Select(i => (Canonical(u, i.Box), i.Witness)).ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var slot = 0; slot <= PeriodSlot; slot++)
            {
                var merged = new List<(Box, DecisionRequest)>();
                foreach (var group in items.GroupBy(i => new SlotKey(i.Box, slot)))
                {
                    var members = group.ToList();
                    if (members.Count == 1)
                        merged.Add(members[0]);
                    else if (slot < PeriodSlot)
                    {
                        var mask = members.Aggregate(0UL, (m, i) => m | i.Box[(Dim)slot]);
                        merged.Add((members[0].Box.With((Dim)slot, mask), members[0].Witness));
                        changed = true;
                    }
                    else
                    {
                        // Only periods that touch make one period.
                        foreach (var run in Runs(members.OrderBy(i => i.Box.From).ToList()))
                        {
                            merged.Add(run.Count == 1 ? run[0] : (run[0].Box.WithDays(run[0].Box.From, run[^1].Box.Until), run[0].Witness));
                            changed |= run.Count > 1;
                        }
                    }
                }
                items = merged;
            }
        }
        // Widened classes may overlap: drop each that lies inside another (of equal ones, keep the first).
        var kept = new List<(Box Box, DecisionRequest Witness)>();
        for (var n = 0; n < items.Count; n++)
        {
            var inside = false;
            for (var m = 0; m < items.Count && !inside; m++)
                inside = m != n && items[n].Box.Within(items[m].Box) && (m < n || !items[m].Box.Within(items[n].Box));
            if (!inside)
                kept.Add(items[n]);
        }
        return kept.Select(i => new RequestClass(Describe(u, i.Box), i.Witness) { Membership = r => u.Contains(i.Box, r) }).ToList();
    }

    /// <summary>Whether the box lies inside one of the widened boxes: the latest first, which the boxes of a walk, met in order, are most often inside.</summary>
    private static bool InsideAny(Box box, List<(Box Box, DecisionRequest Witness)> wide)
    {
        for (var w = wide.Count - 1; w >= 0; w--)
            if (box.Within(wide[w].Box))
                return true;
        return false;
    }

    /// <summary>One box as a class, described by its facts unless <paramref name="description"/> says otherwise.</summary>
    public static RequestClass One(Universe u, Box box, string? description = null) =>
        new(description ?? Describe(u, box), u.Witness(box)) { Membership = r => u.Contains(box, r) };

    private static Box Canonical(Universe u, Box box)
    {
        var root = u.Root((Act)BitOperations.TrailingZeroCount(box[Dim.Act]));
        foreach (var dim in new[] { Dim.Item, Dim.Place })
            if (box[dim] == root[dim])
                box = box.With(dim, u.Space.Full(dim));
        return box;
    }

    /// <summary>The box with each fact, then the period, widened as far as <paramref name="holds"/> stays true.</summary>
    private static Box Widen(Universe u, Box box, Func<Box, bool> holds)
    {
        var root = u.Root((Act)BitOperations.TrailingZeroCount(box[Dim.Act]));
        bool Try(Box? candidate)
        {
            if (candidate is null || !holds(candidate))
                return false;
            box = candidate;
            return true;
        }
        foreach (var kind in new[] { RecordKind.Conviction, RecordKind.ProbableCauseCharge })
            if (box.Records(kind) is not null)
                Try(box.WithoutRecords(kind));
        for (var d = 1; d < Space.DimCount; d++)
            if (box[(Dim)d] != root[(Dim)d])
                Try(box.With((Dim)d, root[(Dim)d]).Normalized());
        // A wider period holds only if every narrower one does: the furthest boundary that still
        // holds is found by halving (a thousand dated rules make a thousand boundaries).
        var earlier = u.Boundaries.Where(b => b < box.From && b >= u.Start).OrderDescending().ToList();
        if (Furthest(earlier, from => holds(box.WithDays(from, box.Until))) is { } wideFrom)
            box = box.WithDays(wideFrom, box.Until);
        var later = u.Boundaries.Where(b => b > box.Until).Append(DateOnly.MaxValue).Order().ToList();
        if (Furthest(later, until => holds(box.WithDays(box.From, until))) is { } wideUntil)
            box = box.WithDays(box.From, wideUntil);
        return box;
    }

    /// <summary>The last of <paramref name="candidates"/> for which <paramref name="holds"/>, when it holds for a prefix of them; null when it holds for none.</summary>
    private static DateOnly? Furthest(List<DateOnly> candidates, Func<DateOnly, bool> holds)
    {
        int low = 0, high = candidates.Count; // holds for [0, low), unknown in [low, high), fails from high on
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (holds(candidates[mid]))
                low = mid + 1;
            else
                high = mid;
        }
        return low == 0 ? null : candidates[low - 1];
    }

    private static List<List<(Box Box, DecisionRequest Witness)>> Runs(List<(Box Box, DecisionRequest Witness)> sorted)
    {
        var runs = new List<List<(Box, DecisionRequest)>>();
        foreach (var item in sorted)
        {
            if (runs.Count > 0 && runs[^1][^1].Item1.Until == item.Box.From)
                runs[^1].Add(item);
            else
                runs.Add([item]);
        }
        return runs;
    }

    /// <summary>
    /// Everything about a box except one slot (a dimension, or the period), to group boxes that
    /// differ in that slot only: compared field by field (a string of it, built for every box and
    /// slot, was most of the time a check of a thousand generated rules took).
    /// </summary>
    private readonly struct SlotKey(Box box, int except) : IEquatable<SlotKey>
    {
        private readonly Box _box = box;
        private readonly int _except = except;

        public bool Equals(SlotKey other)
        {
            var (a, b) = (_box, other._box);
            for (var d = 0; d < Space.DimCount; d++)
                if (d != _except && a.Masks[d] != b.Masks[d])
                    return false;
            return (_except == PeriodSlot || (a.From == b.From && a.Until == b.Until))
                && a.Convictions?.Key == b.Convictions?.Key && a.Charges?.Key == b.Charges?.Key;
        }

        public override bool Equals(object? obj) => obj is SlotKey k && Equals(k);

        public override int GetHashCode()
        {
            var h = new HashCode();
            for (var d = 0; d < Space.DimCount; d++)
                if (d != _except)
                    h.Add(_box.Masks[d]);
            if (_except != PeriodSlot)
            {
                h.Add(_box.From);
                h.Add(_box.Until);
            }
            h.Add(_box.Convictions?.Key);
            h.Add(_box.Charges?.Key);
            return h.ToHashCode();
        }
    }

    /// <summary>The facts a box fixes, in the law language's words; "any request" when it fixes none.</summary>
    public static string Describe(Universe u, Box box)
    {
        var parts = new List<string>();
        var acts = box[Dim.Act];
        // What "every value" means here: the contract asks data of disclosures and a place of access.
        var roots = Enumerable.Range(0, Vocabularies.Acts.Count).Where(a => (acts & (1UL << a)) != 0).Select(a => u.Root((Act)a)).ToList();
        for (var d = 0; d < Space.DimCount; d++)
        {
            var dim = (Dim)d;
            var full = d == (int)Dim.Act ? u.Space.Full(Dim.Act) : roots.Aggregate(0UL, (m, r) => m | r[dim]);
            var mask = box[dim];
            if (mask != full && mask != u.Space.Full(dim))
                parts.Add(Test(u, dim, mask, full));
            if (d == (int)Dim.Act)
                AddPeriod(u, box, parts);
        }
        foreach (var choice in new[] { box.Convictions, box.Charges })
            if (choice is not null)
                foreach (var (test, holds) in choice.Truth.OrderBy(t => t.Key.At.File, StringComparer.Ordinal).ThenBy(t => t.Key.At.Line).ThenBy(t => t.Key.At.Column))
                    parts.Add(holds switch
                    {
                        Tri.True => ConditionText.Of(test),
                        Tri.False => "not " + ConditionText.Of(test),
                        _ => ConditionText.Of(test) + " (unknown: a record's juvenile is not given)",
                    });
        return parts.Count == 0 ? "any request" : string.Join("; ", parts);
    }

    private static string Test(Universe u, Dim dim, ulong mask, ulong full)
    {
        if (u.Space.Count(dim) == 2)
            return mask == 0b10 ? Space.FactName(dim) : "not " + Space.FactName(dim);
        if (Space.IsBoolean(dim))
            return (mask & full) switch
            {
                0b010 => Space.FactName(dim),
                0b101 => "not " + Space.FactName(dim),
                0b001 => Space.FactName(dim) + " is false",
                0b100 => Space.FactName(dim) + " is not given",
                0b011 => Space.FactName(dim) + " is given",
                _ => Space.FactName(dim) + " is true or not given",
            };
        var complement = full & ~mask;
        var negate = dim == Dim.ActorUnit
            ? (mask & (1UL << u.Space.OtherUnit)) != 0
            : BitOperations.PopCount(mask) > BitOperations.PopCount(complement);
        var shown = Values(u, dim, negate ? complement : mask);
        return $"{Space.FactName(dim)} is {(negate ? "not " : "")}{(shown.Count == 1 ? shown[0] : "one of " + string.Join(", ", shown))}";
    }

    private static void AddPeriod(Universe u, Box box, List<string> parts)
    {
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (box.From > u.Start && box.Until < DateOnly.MaxValue)
            parts.Add($"received from {Day(box.From)} until {Day(box.Until)}");
        else if (box.From > u.Start)
            parts.Add($"received from {Day(box.From)}");
        else if (box.Until < DateOnly.MaxValue)
            parts.Add($"received before {Day(box.Until)}");
    }

    private static List<string> Values(Universe u, Dim dim, ulong mask)
    {
        var names = new List<string>();
        for (var v = 0; v < u.Space.Count(dim); v++)
            if ((mask & (1UL << v)) != 0)
                names.Add(u.Space.ValueName(dim, v));
        return names;
    }
}
