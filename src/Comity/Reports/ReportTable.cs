using System.Globalization;
using Comity.Reports.Privacy;

namespace Comity.Reports;

/// <summary>One value of a table: a count (a <see cref="Cell"/> of the report's system), a word, or a statistic derived from counts.</summary>
public abstract record TableValue
{
    /// <summary>The value as the public copy shows it (markers of section 3).</summary>
    public abstract string Public { get; }

    /// <summary>The exact value, for internal copies and the R2 submission.</summary>
    public abstract string Exact { get; }
}

public sealed record CountValue(Cell Cell) : TableValue
{
    public override string Public => Cell.Text;
    public override string Exact => Cell.Exact;
}

public sealed record TextValue(string Text) : TableValue
{
    public override string Public => Text;
    public override string Exact => Text;
}

/// <summary>
/// A percentage, rate, median or amount computed from counts: <c>x</c> in the public copy when any
/// count it rests on is withheld (P3), or when it rests on fewer than 11 people (no means or
/// medians of small groups); empty when it cannot be computed (a missing denominator).
/// </summary>
public sealed record DerivedValue(IReadOnlyList<Cell> From, string? Value, bool SmallGroup = false) : TableValue
{
    public override string Public => Value is null ? "" : From.Any(c => c.Withheld) || SmallGroup ? "x" : Value;
    public override string Exact => Value ?? "";

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

public sealed record TableRow(IReadOnlyList<TableValue> Values, bool Total = false);

/// <summary>
/// One table of a report, written as one CSV file: the file name, the caption's title and unit,
/// the header line of the spec, and its rows. A table reduced to totals only by the privacy audit
/// keeps its header and total row, with the footnote.
/// </summary>
public sealed class ReportTable(string file, string title, string unit, params string[] header)
{
    public const string TotalsOnlyNote = "Breakdown withheld: fewer than 11 people";

    public string File { get; } = file;
    public string Title { get; } = title;
    public string Unit { get; } = unit;
    public IReadOnlyList<string> Header { get; } = header;
    public List<TableRow> Rows { get; } = [];
    public List<string> Notes { get; } = [];
    public bool TotalsOnly { get; set; }

    /// <summary>The table's id in the cell system: its file name without extension.</summary>
    public string Id => Path.GetFileNameWithoutExtension(File);

    public void Add(params TableValue[] values)
    {
        if (values.Length != Header.Count)
            throw new InvalidOperationException($"{File}: a row of {values.Length} values under {Header.Count} columns");
        Rows.Add(new TableRow(values));
    }

    public void AddTotal(params TableValue[] values)
    {
        if (values.Length != Header.Count)
            throw new InvalidOperationException($"{File}: a row of {values.Length} values under {Header.Count} columns");
        Rows.Add(new TableRow(values, Total: true));
    }

    /// <summary>The rows a copy shows: all of them, or only the total row of a totals-only public table.</summary>
    public IEnumerable<TableRow> Shown(bool exact) => TotalsOnly && !exact ? Rows.Where(r => r.Total) : Rows;
}
