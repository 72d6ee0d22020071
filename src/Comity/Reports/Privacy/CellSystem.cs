namespace Comity.Reports.Privacy;

/// <summary>How a count is shown in a public copy (reports.md section 3).</summary>
public enum CellMark
{
    /// <summary>The exact count.</summary>
    Shown,

    /// <summary><c>1-10</c>: a count of person requests or individuals from 1 to 10 (P1).</summary>
    Small,

    /// <summary><c>c</c>: withheld so that another count cannot be worked out; 11 or more (P2).</summary>
    Complementary,

    /// <summary>Not shown at all: the cell's table is "totals only" (step 5).</summary>
    Hidden,
}

/// <summary>
/// One count of a report. A quantity shown in several tables is one cell, withheld everywhere or
/// nowhere. <see cref="Person"/>: a count of person requests or individuals, which P1 covers;
/// <see cref="Invariant"/>: a total the law requires exact (P6), never withheld;
/// <see cref="Fixed"/>: already published for an overlapping period, so its mark cannot change.
/// </summary>
public sealed class Cell
{
    internal Cell(int id, string table, long value, bool person, bool invariant, bool totalRow)
    {
        Id = id;
        Table = table;
        Value = value;
        Person = person;
        Invariant = invariant;
        TotalRow = totalRow;
    }

    public int Id { get; }
    public string Table { get; }
    public long Value { get; }
    public bool Person { get; }
    public bool Invariant { get; }

    /// <summary>In its table's total row: kept when the table is reduced to totals only.</summary>
    public bool TotalRow { get; }

    public bool Fixed { get; internal set; }
    public CellMark Mark { get; internal set; }

    public bool Withheld => Mark != CellMark.Shown;

    /// <summary>The public text of the cell: the count, <c>1-10</c>, <c>c</c>, or empty when hidden.</summary>
    public string Text => Mark switch
    {
        CellMark.Shown => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CellMark.Small => "1-10",
        CellMark.Complementary => "c",
        _ => "",
    };

    /// <summary>The exact count, for internal copies.</summary>
    public string Exact => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"{Table}#{Id}={Value}{(Mark == CellMark.Shown ? "" : $"[{Text}]")}";
}

/// <summary>An additive identity: the members sum to the total.</summary>
public sealed record Line(string Table, IReadOnlyList<Cell> Members, Cell Total)
{
    /// <summary>Members then total: the order in which a candidate is chosen among equals.</summary>
    public IEnumerable<Cell> Cells => Members.Append(Total);
}

/// <summary>
/// A report as one system of cells and the lines between them (reports.md section 3, "The
/// suppression algorithm"). Lines are visited in the order they were declared: tables in report
/// order, rows top to bottom, then columns left to right.
/// </summary>
public sealed class CellSystem
{
    private readonly List<Cell> cells = [];
    private readonly List<Line> lines = [];

    public IReadOnlyList<Cell> Cells => cells;
    public IReadOnlyList<Line> Lines => lines;

    public Cell Add(string table, long value, bool person, bool invariant = false, bool totalRow = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var cell = new Cell(cells.Count, table, value, person, invariant, totalRow);
        cells.Add(cell);
        return cell;
    }

    /// <summary>A cell already published for an overlapping period, with the mark it was published with.</summary>
    public Cell AddFixed(string table, long value, CellMark mark, bool person, bool totalRow = false)
    {
        var cell = Add(table, value, person, totalRow: totalRow);
        cell.Mark = mark;
        cell.Fixed = true;
        return cell;
    }

    /// <summary>Declares that <paramref name="members"/> sum to <paramref name="total"/>.</summary>
    /// <exception cref="InvalidOperationException">when they do not: a failed C8 check is a bug in the table, not data to publish.</exception>
    public void Line(string table, IEnumerable<Cell> members, Cell total)
    {
        var list = members.ToList();
        var sum = list.Sum(c => c.Value);
        if (sum != total.Value)
            throw new InvalidOperationException($"{table}: the members of a line sum to {sum}, but its total is {total.Value}");
        lines.Add(new Line(table, list, total));
    }
}
