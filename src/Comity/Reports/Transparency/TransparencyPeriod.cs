using System.Globalization;

namespace Comity.Reports.Transparency;

/// <summary>
/// What R3 covers through a quarter (<c>--through 2026-Q1</c>): the last complete calendar year and
/// each complete quarter since. Through a fourth quarter, the year is that quarter's own and its four
/// quarters are a line whose total is the year (reports.md section 6).
/// </summary>
public sealed record TransparencyPeriod(int Year, IReadOnlyList<(int Year, int Quarter)> Quarters, int ThroughYear, int ThroughQuarter)
{
    public string Name => $"{ThroughYear.ToString("D4", CultureInfo.InvariantCulture)}-Q{ThroughQuarter.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The quarters make up the year, so they sum to its cells.</summary>
    public bool QuartersMakeTheYear => Quarters.Count == 4 && Quarters.All(q => q.Year == Year);

    public DateOnly First => new(Year, 1, 1);
    public DateOnly Last => End(ThroughYear, ThroughQuarter);

    public static DateOnly Start(int year, int quarter) => new(year, quarter * 3 - 2, 1);
    public static DateOnly End(int year, int quarter) => Start(year, quarter).AddMonths(3).AddDays(-1);

    /// <exception cref="ReportException">when <paramref name="text"/> is not <c>YYYY-Qn</c>.</exception>
    public static TransparencyPeriod Parse(string text)
    {
        if (text.Length != 7 || text[4] != '-' || text[5] != 'Q' || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year < 2000 || text[6] is < '1' or > '4')
            throw new ReportException($"--through {text}: give a quarter such as 2026-Q1");
        var quarter = text[6] - '0';
        var complete = quarter == 4 ? year : year - 1;
        var quarters = Enumerable.Range(1, quarter).Select(q => (year, q)).ToList();
        return new TransparencyPeriod(complete, quarters, year, quarter);
    }
}
