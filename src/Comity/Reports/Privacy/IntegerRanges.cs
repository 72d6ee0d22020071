namespace Comity.Reports.Privacy;

/// <summary>
/// The exact smallest and largest value of one unknown over every non-negative integer solution of
/// a system of equalities with coefficients +1 and -1 and bounds on each unknown: the audit of
/// reports.md section 3, step 4, as Statistics Netherlands' tau-ARGUS audits a pattern.
/// <para>
/// Why not a general solver: the systems are a report's tables (tens to a few hundred unknowns, each
/// line a sum), and bound propagation with bisection search settles them exactly in milliseconds;
/// a general CP-SAT solver would ship some 400 MB of native code for every platform to every
/// build of the CLI and the server. The property test compares this with brute-force enumeration.
/// A search that exceeds its budget throws, and the audit fails closed.
/// </para>
/// </summary>
internal sealed class IntegerRanges
{
    private readonly int count;
    private readonly long[] lower;
    private readonly long[] upper;
    private readonly List<(int[] Vars, int[] Coefs, long Rhs)> constraints = [];
    private readonly List<int>[] constraintsOf;
    private long nodes;

    /// <summary>Search nodes allowed per question before the audit gives up (and fails closed).</summary>
    public long Budget { get; init; } = 2_000_000;

    public IntegerRanges(IReadOnlyList<long> lower, IReadOnlyList<long> upper)
    {
        count = lower.Count;
        this.lower = [.. lower];
        this.upper = [.. upper];
        constraintsOf = new List<int>[count];
        for (var i = 0; i < count; i++)
            constraintsOf[i] = [];
    }

    /// <summary>Σ coef·x = rhs, each coefficient +1 or -1.</summary>
    public void AddEquality(IReadOnlyList<int> vars, IReadOnlyList<int> coefs, long rhs)
    {
        var index = constraints.Count;
        constraints.Add(([.. vars], [.. coefs], rhs));
        foreach (var v in vars)
            constraintsOf[v].Add(index);
    }

    /// <summary>Min and max of unknown <paramref name="k"/>, given one solution <paramref name="known"/> (the true values).</summary>
    /// <exception cref="AuditBudgetExceededException">when the search needs more than <see cref="Budget"/> nodes.</exception>
    public (long Min, long Max) Range(int k, IReadOnlyList<long> known)
    {
        var lo = (long[])lower.Clone();
        var hi = (long[])upper.Clone();
        if (!Propagate(lo, hi))
            throw new InvalidOperationException("the true values do not satisfy the system");
        var value = known[k];
        // Smallest m with a solution where x_k <= m, in [lo_k, value]; largest M with x_k >= M, in [value, hi_k].
        long a = lo[k], b = value;
        while (a < b)
        {
            var mid = a + (b - a) / 2;
            if (Feasible(k, lo[k], mid)) b = mid; else a = mid + 1;
        }
        var min = a;
        a = value;
        b = hi[k];
        while (a < b)
        {
            var mid = a + (b - a + 1) / 2;
            if (Feasible(k, mid, hi[k])) a = mid; else b = mid - 1;
        }
        return (min, a);
    }

    private bool Feasible(int k, long from, long to)
    {
        var lo = (long[])lower.Clone();
        var hi = (long[])upper.Clone();
        lo[k] = Math.Max(lo[k], from);
        hi[k] = Math.Min(hi[k], to);
        nodes = 0;
        return Search(lo, hi);
    }

    private bool Search(long[] lo, long[] hi)
    {
        if (++nodes > Budget)
            throw new AuditBudgetExceededException();
        if (!Propagate(lo, hi))
            return false;
        var pick = -1;
        long width = long.MaxValue;
        for (var i = 0; i < count; i++)
        {
            var w = hi[i] - lo[i];
            if (w > 0 && w < width)
            {
                width = w;
                pick = i;
            }
        }
        if (pick < 0)
            return Satisfied(lo);
        var mid = lo[pick] + (hi[pick] - lo[pick]) / 2;
        var lo2 = (long[])lo.Clone();
        var hi2 = (long[])hi.Clone();
        hi2[pick] = mid;
        if (Search(lo2, hi2))
            return true;
        lo[pick] = mid + 1;
        return Search(lo, hi);
    }

    private bool Satisfied(long[] x)
    {
        foreach (var (vars, coefs, rhs) in constraints)
        {
            long sum = 0;
            for (var i = 0; i < vars.Length; i++)
                sum += coefs[i] * x[vars[i]];
            if (sum != rhs)
                return false;
        }
        return true;
    }

    /// <summary>Tightens bounds from every equality until nothing changes; false when some unknown has no value left.</summary>
    private bool Propagate(long[] lo, long[] hi)
    {
        var queue = new Queue<int>(Enumerable.Range(0, constraints.Count));
        var queued = new bool[constraints.Count];
        Array.Fill(queued, true);
        var rounds = 0L;
        var limit = 50L * (constraints.Count + 1) * (count + 1);
        while (queue.Count > 0)
        {
            var c = queue.Dequeue();
            queued[c] = false;
            if (++rounds > limit)
                return true; // still sound: the search checks every leaf exactly
            var (vars, coefs, rhs) = constraints[c];
            long minSum = 0, maxSum = 0;
            for (var i = 0; i < vars.Length; i++)
            {
                if (coefs[i] > 0) { minSum += lo[vars[i]]; maxSum += hi[vars[i]]; }
                else { minSum -= hi[vars[i]]; maxSum -= lo[vars[i]]; }
            }
            if (minSum > rhs || maxSum < rhs)
                return false;
            for (var i = 0; i < vars.Length; i++)
            {
                var v = vars[i];
                long restMin, restMax, newLo, newHi;
                if (coefs[i] > 0)
                {
                    restMin = minSum - lo[v];
                    restMax = maxSum - hi[v];
                    newLo = rhs - restMax;
                    newHi = rhs - restMin;
                }
                else
                {
                    restMin = minSum + hi[v];
                    restMax = maxSum + lo[v];
                    newLo = restMin - rhs;
                    newHi = restMax - rhs;
                }
                var changed = false;
                if (newLo > lo[v]) { lo[v] = newLo; changed = true; }
                if (newHi < hi[v]) { hi[v] = newHi; changed = true; }
                if (lo[v] > hi[v])
                    return false;
                if (!changed)
                    continue;
                // Recompute this constraint's sums for the remaining members from scratch next time.
                foreach (var other in constraintsOf[v])
                    if (!queued[other])
                    {
                        queued[other] = true;
                        queue.Enqueue(other);
                    }
                minSum = 0;
                maxSum = 0;
                for (var j = 0; j < vars.Length; j++)
                {
                    if (coefs[j] > 0) { minSum += lo[vars[j]]; maxSum += hi[vars[j]]; }
                    else { minSum -= hi[vars[j]]; maxSum -= lo[vars[j]]; }
                }
            }
        }
        return true;
    }
}

/// <summary>The audit's search ran out of budget: the pattern is treated as failing (fail closed).</summary>
public sealed class AuditBudgetExceededException() : Exception("the privacy audit's search exceeded its budget");
