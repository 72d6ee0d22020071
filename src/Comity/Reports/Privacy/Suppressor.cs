namespace Comity.Reports.Privacy;

/// <summary>What the audit found for one withheld cell: every value it can take given what is shown.</summary>
public sealed record CellRange(Cell Cell, long Min, long Max)
{
    /// <summary>At least three possible values (max - min >= 2).</summary>
    public bool Protected => Max - Min >= 2;
}

/// <summary>The outcome of suppression: passed or not, each withheld cell's range, and the tables reduced to totals only.</summary>
public sealed record SuppressionResult(bool Passed, IReadOnlyList<CellRange> Ranges, IReadOnlyList<string> TotalsOnly, string? Failure);

/// <summary>
/// Steps 1 to 5 of reports.md section 3 over a <see cref="CellSystem"/>: small cells (P1),
/// complementary cells (P2) until a whole pass adds nothing, the exact audit of every withheld
/// cell, and "totals only" where no candidate is left. The public copy is never written unless
/// <see cref="SuppressionResult.Passed"/>.
/// </summary>
public static class Suppressor
{
    public const int SmallMax = 10;
    public const int CandidateMin = 11;

    public static SuppressionResult Run(CellSystem system)
    {
        foreach (var cell in system.Cells)
            if (!cell.Fixed && cell.Person && !cell.Invariant && cell.Value is >= 1 and <= SmallMax)
                cell.Mark = CellMark.Small;
        var totalsOnly = new List<string>();
        for (var round = 0; round < system.Cells.Count + 10; round++)
        {
            Complement(system, totalsOnly);
            IReadOnlyList<CellRange> ranges;
            try
            {
                ranges = Audit(system);
            }
            catch (AuditBudgetExceededException e)
            {
                return new SuppressionResult(false, [], totalsOnly, e.Message);
            }
            var failing = ranges.FirstOrDefault(r => !r.Protected);
            if (failing is null)
                return new SuppressionResult(true, ranges, totalsOnly, null);
            var through = system.Lines.Where(l => l.Cells.Contains(failing.Cell)).ToList();
            if (Candidate(through.SelectMany(l => l.Cells)) is { } extra)
            {
                extra.Mark = CellMark.Complementary;
                continue;
            }
            if (!totalsOnly.Contains(failing.Cell.Table))
            {
                TotalsOnly(system, failing.Cell.Table, totalsOnly);
                continue;
            }
            if (failing.Cell.TotalRow && !failing.Cell.Fixed)
            {
                // Even the total row gives it away: only the exact totals the law requires stay.
                foreach (var c in system.Cells)
                    if (c.Table == failing.Cell.Table && !c.Invariant && !c.Fixed)
                        c.Mark = CellMark.Hidden;
                continue;
            }
            return new SuppressionResult(false, ranges, totalsOnly,
                $"{failing.Cell.Table}: a withheld count could be narrowed to {failing.Min} to {failing.Max} and no cell is left to withhold beside it");
        }
        return new SuppressionResult(false, [], totalsOnly, "suppression did not settle");
    }

    /// <summary>Steps 2, 3 and 5: adds complementary cells line by line until a whole pass adds nothing.</summary>
    private static void Complement(CellSystem system, List<string> totalsOnly)
    {
        bool added;
        do
        {
            added = false;
            foreach (var line in system.Lines)
            {
                if (!NeedsComplement(line))
                    continue;
                if (Candidate(line.Cells) is { } candidate)
                {
                    candidate.Mark = CellMark.Complementary;
                    added = true;
                }
                else if (line.Cells.FirstOrDefault(c => !c.TotalRow && !totalsOnly.Contains(c.Table)) is { } inTable)
                {
                    TotalsOnly(system, inTable.Table, totalsOnly);
                    added = true;
                }
            }
        }
        while (added);
    }

    private static bool NeedsComplement(Line line)
    {
        var withheld = line.Cells.Where(c => c.Withheld).ToList();
        if (withheld.Count == 0)
            return false;
        // A line whose every withheld cell is hidden by a totals-only table shows no breakdown to protect.
        if (withheld.All(c => c.Mark == CellMark.Hidden))
            return false;
        if (withheld.Count == 1)
            return true;
        if (line.Total.Withheld)
            return false;
        var members = line.Members.Where(c => c.Withheld && c.Mark != CellMark.Hidden).ToList();
        if (members.Count == 0 || line.Members.Any(c => c.Mark == CellMark.Hidden))
            return false;
        return members.Sum(c => c.Value) < CandidateMin || members.All(c => c.Value <= 3);
    }

    /// <summary>The shown, non-invariant cell of 11 or more with the smallest value, the first in line order among equals.</summary>
    private static Cell? Candidate(IEnumerable<Cell> inOrder)
    {
        Cell? best = null;
        foreach (var c in inOrder)
            if (c.Mark == CellMark.Shown && !c.Invariant && !c.Fixed && c.Value >= CandidateMin && (best is null || c.Value < best.Value))
                best = c;
        return best;
    }

    private static void TotalsOnly(CellSystem system, string table, List<string> totalsOnly)
    {
        totalsOnly.Add(table);
        foreach (var c in system.Cells)
            if (c.Table == table && !c.TotalRow && !c.Fixed)
                c.Mark = CellMark.Hidden;
    }

    /// <summary>Step 4: the range of every cell marked <c>1-10</c> or <c>c</c> over every table that agrees with what is shown.</summary>
    public static IReadOnlyList<CellRange> Audit(CellSystem system)
    {
        var unknowns = system.Cells.Where(c => c.Withheld).ToList();
        if (unknowns.Count == 0)
            return [];
        var index = new Dictionary<Cell, int>();
        for (var i = 0; i < unknowns.Count; i++)
            index[unknowns[i]] = i;
        // An upper bound for unknowns no line bounds: above any count of the report, so it never decides a range.
        var ceiling = 2 * system.Cells.Max(c => c.Value) + 2 * CandidateMin;
        var lower = unknowns.Select(c => c.Mark switch { CellMark.Small => 1L, CellMark.Complementary => CandidateMin, _ => 0L }).ToList();
        var upper = unknowns.Select(c => c.Mark == CellMark.Small ? SmallMax : ceiling).ToList();
        var ranges = new IntegerRanges(lower, upper);
        foreach (var line in system.Lines)
        {
            var vars = new List<int>();
            var coefs = new List<int>();
            long rhs = 0;
            foreach (var m in line.Members)
            {
                if (index.TryGetValue(m, out var v)) { vars.Add(v); coefs.Add(1); }
                else rhs -= m.Value;
            }
            if (index.TryGetValue(line.Total, out var t)) { vars.Add(t); coefs.Add(-1); }
            else rhs += line.Total.Value;
            if (vars.Count > 0)
                ranges.AddEquality(vars, coefs, rhs);
        }
        var known = unknowns.Select(c => c.Value).ToList();
        var result = new List<CellRange>();
        for (var i = 0; i < unknowns.Count; i++)
        {
            if (unknowns[i].Mark is not (CellMark.Small or CellMark.Complementary))
                continue;
            var (min, max) = ranges.Range(i, known);
            result.Add(new CellRange(unknowns[i], min, max));
        }
        return result;
    }
}
