using Comity.Reports.Privacy;
using CsCheck;

namespace Comity.Tests.Reports;

/// <summary>
/// Thousands of random two-way tables (up to 4 by 4, with row and column totals and a grand total
/// that may be an invariant): after suppression no withheld count can be worked out from what is
/// shown. The audit's exact ranges are compared with brute-force enumeration of every table that
/// agrees with the shown numbers, the lines and the markers' bounds.
/// </summary>
public sealed class SuppressionPropertyTests
{
    private static readonly Gen<long> Count = Gen.Frequency(
        (4, Gen.Long[0, 10]),
        (3, Gen.Long[11, 20]),
        (1, Gen.Long[0, 3]),
        (1, Gen.Const(0L)));

    private static readonly Gen<(long[,] Counts, bool GrandInvariant)> Tables =
        from rows in Gen.Int[1, 4]
        from cols in Gen.Int[2, 4]
        from values in Count.Array[rows * cols]
        from invariant in Gen.Bool
        select (ToMatrix(values, rows, cols), invariant);

    [Fact]
    public void Every_withheld_cell_keeps_three_values_and_the_audit_equals_brute_force()
    {
        var compared = 0;
        Tables.Sample(t =>
        {
            var (system, interior, _) = Build(t.Counts, t.GrandInvariant);
            var result = Suppressor.Run(system);
            Assert.True(result.Passed, result.Failure);
            var brute = BruteForce(system, interior);
            if (brute is not null)
                Interlocked.Increment(ref compared);
            foreach (var range in result.Ranges)
            {
                Assert.True(range.Protected, $"{range.Cell} narrowed to {range.Min}..{range.Max}");
                if (brute is null)
                    continue; // too many tables agree with what is shown to enumerate them all
                var (min, max) = brute[range.Cell];
                Assert.True((min, max) == (range.Min, range.Max), $"{range.Cell}: audit {range.Min}..{range.Max}, brute force {min}..{max}; cells {string.Join(" ", system.Cells)}");
            }
            // No count from 1 to 10 of a person is ever shown, unless it is an invariant.
            Assert.DoesNotContain(system.Cells, c => c.Mark == CellMark.Shown && !c.Invariant && c.Value is >= 1 and <= 10);
            // Zeros are never withheld as complementary cells.
            Assert.DoesNotContain(system.Cells, c => c.Mark == CellMark.Complementary && c.Value < 11);
        }, iter: 2000);
        // Most tables are small enough to enumerate: the comparison is not vacuous.
        Assert.True(compared > 1000, $"only {compared} of 2000 tables were compared with brute force");
    }

    private static long[,] ToMatrix(long[] values, int rows, int cols)
    {
        var m = new long[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                m[r, c] = values[r * cols + c];
        return m;
    }

    /// <summary>A table with row totals, column totals and a grand total, lines as the report declares them.</summary>
    private static (CellSystem, Cell[,], Cell[,]) Build(long[,] counts, bool grandInvariant)
    {
        int rows = counts.GetLength(0), cols = counts.GetLength(1);
        var s = new CellSystem();
        var all = new Cell[rows + 1, cols + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
                all[r, c] = s.Add("t", counts[r, c], person: true);
            all[r, cols] = s.Add("t", Enumerable.Range(0, cols).Sum(c => counts[r, c]), person: true);
        }
        for (var c = 0; c <= cols; c++)
            all[rows, c] = s.Add("t", Enumerable.Range(0, rows).Sum(r => all[r, c].Value), person: true, invariant: c == cols && grandInvariant, totalRow: true);
        for (var r = 0; r <= rows; r++)
            s.Line("t", Enumerable.Range(0, cols).Select(c => all[r, c]), all[r, cols]);
        for (var c = 0; c <= cols; c++)
            s.Line("t", Enumerable.Range(0, rows).Select(r => all[r, c]), all[rows, c]);
        var interior = new Cell[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                interior[r, c] = all[r, c];
        return (s, interior, all);
    }

    /// <summary>
    /// Every assignment of the withheld interior cells within their markers' bounds (hidden: 0 up;
    /// c: 11 up; 1-10), with every total computed from them and checked against what is shown and
    /// the markers' bounds; the min and max each withheld cell takes over them.
    /// </summary>
    private static Dictionary<Cell, (long, long)>? BruteForce(CellSystem system, Cell[,] interior)
    {
        int rows = interior.GetLength(0), cols = interior.GetLength(1);
        var grand = system.Cells.Max(c => c.Value);
        var ceiling = 2 * grand + 22;
        var values = new long[rows, cols];
        var found = new Dictionary<Cell, (long Min, long Max)>();
        var lines = system.Lines;
        var rowTotals = Enumerable.Range(0, rows).Select(r => lines[r].Total).ToArray();
        var colTotals = Enumerable.Range(0, cols).Select(c => lines[rows + 1 + c].Total).ToArray();
        var grandTotal = lines[rows].Total;

        bool Fits(Cell cell, long v) => cell.Mark switch
        {
            CellMark.Shown => v == cell.Value,
            CellMark.Small => v is >= 1 and <= 10,
            CellMark.Complementary => v >= 11 && v <= ceiling,
            _ => v >= 0 && v <= ceiling,
        };

        void Record(Cell cell, long v)
        {
            if (cell.Mark is CellMark.Small or CellMark.Complementary)
                found[cell] = found.TryGetValue(cell, out var mm) ? (Math.Min(mm.Min, v), Math.Max(mm.Max, v)) : (v, v);
        }

        long Cap(Cell total) => total.Mark switch
        {
            CellMark.Shown => total.Value,
            CellMark.Small => 10,
            _ => ceiling,
        };

        var rowPartial = new long[rows];
        var colPartial = new long[cols];

        var steps = 0L;
        void Visit(int i)
        {
            if (++steps > 200_000)
                throw new OperationCanceledException();
            if (i == rows * cols)
            {
                long g = 0;
                for (var c = 0; c < cols; c++)
                {
                    if (!Fits(colTotals[c], colPartial[c]))
                        return;
                    g += colPartial[c];
                }
                for (var r = 0; r < rows; r++)
                    if (!Fits(rowTotals[r], rowPartial[r]))
                        return;
                if (!Fits(grandTotal, g))
                    return;
                for (var r = 0; r < rows; r++)
                {
                    Record(rowTotals[r], rowPartial[r]);
                    for (var c = 0; c < cols; c++)
                        Record(interior[r, c], values[r, c]);
                }
                for (var c = 0; c < cols; c++)
                    Record(colTotals[c], colPartial[c]);
                Record(grandTotal, g);
                return;
            }
            int row = i / cols, col = i % cols;
            var cell = interior[row, col];
            long lo = cell.Mark switch { CellMark.Shown => cell.Value, CellMark.Small => 1, CellMark.Complementary => 11, _ => 0 };
            long hi = cell.Mark switch { CellMark.Shown => cell.Value, CellMark.Small => 10, _ => ceiling };
            hi = Math.Min(hi, Math.Min(Cap(rowTotals[row]) - rowPartial[row], Cap(colTotals[col]) - colPartial[col]));
            // The last cell of a row (or column) whose total is shown is fixed by it.
            if (col == cols - 1 && rowTotals[row].Mark == CellMark.Shown)
                lo = hi = rowTotals[row].Value - rowPartial[row] is var need && need >= lo && need <= hi ? need : -1;
            if (row == rows - 1 && colTotals[col].Mark == CellMark.Shown)
            {
                var need = colTotals[col].Value - colPartial[col];
                if (need < lo || need > hi)
                    return;
                lo = hi = need;
            }
            if (lo < 0)
                return;
            for (var v = lo; v <= hi; v++)
            {
                values[row, col] = v;
                rowPartial[row] += v;
                colPartial[col] += v;
                Visit(i + 1);
                rowPartial[row] -= v;
                colPartial[col] -= v;
            }
        }

        try
        {
            Visit(0);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        return found.ToDictionary(kv => kv.Key, kv => (kv.Value.Min, kv.Value.Max));
    }
}
