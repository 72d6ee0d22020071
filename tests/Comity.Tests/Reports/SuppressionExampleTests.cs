using Comity.Reports.Privacy;

namespace Comity.Tests.Reports;

/// <summary>The two worked examples of reports.md section 3, cell by cell.</summary>
public sealed class SuppressionExampleTests
{
    [Fact]
    public void Example1_gender_line_withholds_male_beside_two_small_cells()
    {
        var s = new CellSystem();
        var female = s.Add("t6", 4, person: true);
        var male = s.Add("t6", 31, person: true);
        var another = s.Add("t6", 0, person: true);
        var notRecorded = s.Add("t6", 2, person: true);
        var total = s.Add("t6", 37, person: true, invariant: true, totalRow: true);
        s.Line("t6", [female, male, another, notRecorded], total);

        var result = Suppressor.Run(s);

        Assert.True(result.Passed, result.Failure);
        Assert.Equal(["1-10", "c", "0", "1-10", "37"], new[] { female, male, another, notRecorded, total }.Select(c => c.Text));
        Assert.Equal((1, 10), Range(result, female));
        Assert.Equal((1, 10), Range(result, notRecorded));
        Assert.Equal((17, 35), Range(result, male));
    }

    [Fact]
    public void Example2_three_rows_of_the_funnel_withhold_each_rows_smallest_candidate()
    {
        var s = new CellSystem();
        long[,] counts = { { 40, 12, 3 }, { 0, 25, 8 }, { 0, 14, 2 } };
        var cells = new Cell[4, 4];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
                cells[r, c] = s.Add("t2", counts[r, c], person: true);
            cells[r, 3] = s.Add("t2", counts[r, 0] + counts[r, 1] + counts[r, 2], person: true);
        }
        for (var c = 0; c < 4; c++)
            cells[3, c] = s.Add("t2", Enumerable.Range(0, 3).Sum(r => cells[r, c].Value), person: true, invariant: c == 3, totalRow: true);
        for (var r = 0; r < 4; r++)
            s.Line("t2", [cells[r, 0], cells[r, 1], cells[r, 2]], cells[r, 3]);
        for (var c = 0; c < 4; c++)
            s.Line("t2", [cells[0, c], cells[1, c], cells[2, c]], cells[3, c]);

        var result = Suppressor.Run(s);

        Assert.True(result.Passed, result.Failure);
        string[][] expected =
        [
            ["40", "c", "1-10", "55"],
            ["0", "c", "1-10", "33"],
            ["0", "c", "1-10", "16"],
            ["40", "51", "13", "104"],
        ];
        for (var r = 0; r < 4; r++)
            Assert.Equal(expected[r], Enumerable.Range(0, 4).Select(c => cells[r, c].Text));
        Assert.Equal((1, 4), Range(result, cells[0, 2]));
        Assert.Equal((4, 10), Range(result, cells[1, 2]));
        Assert.Equal((1, 5), Range(result, cells[2, 2]));
        Assert.Equal((11, 14), Range(result, cells[0, 1]));
        Assert.Equal((23, 29), Range(result, cells[1, 1]));
        Assert.Equal((11, 15), Range(result, cells[2, 1]));
    }

    [Fact]
    public void A_small_invariant_total_with_small_members_makes_the_table_totals_only()
    {
        var s = new CellSystem();
        var female = s.Add("t6", 4, person: true);
        var male = s.Add("t6", 1, person: true);
        var total = s.Add("t6", 5, person: true, invariant: true, totalRow: true);
        s.Line("t6", [female, male], total);

        var result = Suppressor.Run(s);

        Assert.True(result.Passed, result.Failure);
        Assert.Equal(["t6"], result.TotalsOnly);
        Assert.Equal(["", "", "5"], new[] { female, male, total }.Select(c => c.Text));
    }

    [Fact]
    public void Counts_of_requests_that_concern_no_person_stay_exact()
    {
        var s = new CellSystem();
        var a = s.Add("t1", 3, person: false);
        var b = s.Add("t1", 20, person: false);
        var total = s.Add("t1", 23, person: false, totalRow: true);
        s.Line("t1", [a, b], total);

        Assert.True(Suppressor.Run(s).Passed);
        Assert.Equal(["3", "20", "23"], new[] { a, b, total }.Select(c => c.Text));
    }

    private static (long, long) Range(SuppressionResult result, Cell cell)
    {
        var r = Assert.Single(result.Ranges, x => x.Cell == cell);
        return (r.Min, r.Max);
    }
}
