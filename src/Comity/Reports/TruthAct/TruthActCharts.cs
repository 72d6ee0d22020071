using System.Globalization;
using Comity.Reports.Formats;

namespace Comity.Reports.TruthAct;

/// <summary>
/// G1 to G4 of reports.md section 4, drawn from the public tables as published (so a chart never
/// shows what its table withholds): an active title of at most ten words generated from the data
/// (neutral where the comparison would use a withheld value), and a text alternative giving the
/// main values and the trend.
/// </summary>
public static class TruthActCharts
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames[..12];

    /// <summary>G1 from T7: requests received this year and last, and access given this year, by month.</summary>
    public static string MonthByMonth(string id, IReadOnlyList<string[]> t7, int year)
    {
        var months = t7.Skip(1).Where(r => r[0] != "total").ToList();
        var total = t7.Skip(1).FirstOrDefault(r => r[0] == "total");
        if (months.Count == 0)
            return Withheld(id, $"Requests by month, {year}: breakdown withheld");
        var series = new List<ChartSeries>
        {
            new($"Requests received {year}", [.. months.Select(r => ChartValue.Of(r[1]))]),
            new($"Requests received {year - 1}", [.. months.Select(r => ChartValue.Of(r[3]))]),
            new($"Access given {year}", [.. months.Select(r => ChartValue.Of(r[2]))]),
        };
        var now = total is null ? null : ChartValue.Of(total[1]).Value;
        var before = total is null ? null : ChartValue.Of(total[3]).Value;
        var title = Change("Requests", now, before, year - 1) ?? $"Requests received by month, {year}";
        var shown = series[0].Values.Select((v, i) => (v, i)).Where(x => x.v.Value is not null).ToList();
        var peak = shown.Count > 0 ? shown.MaxBy(x => x.v.Value) : default;
        var desc = $"Line chart of requests received by month in {year} and {year - 1}, and access given in {year}. " +
            (now is { } n ? $"{n} requests were received in {year}" + (before is { } b ? $", against {b} in {year - 1}. " : ". ") : "") +
            (shown.Count > 0 ? $"The most in one month of {year} was {peak.v.Value} in {MonthNames[peak.i]}. " : "") +
            (series[0].Values.Any(v => v.Value is null) ? "Months whose counts are withheld for privacy are labelled and not drawn." : "");
        return SvgChart.Lines(id, title, desc.Trim(), MonthNames, series);
    }

    /// <summary>G4 from T8: requests received and access given, year by year.</summary>
    public static string YearOverYear(string id, IReadOnlyList<string[]> t8)
    {
        var years = t8.Skip(1).ToList();
        if (years.Count == 0)
            return Withheld(id, "Requests by year: no year recorded");
        var series = new List<ChartSeries>
        {
            new("Requests received", [.. years.Select(r => ChartValue.Of(r[1]))]),
            new("Access given", [.. years.Select(r => ChartValue.Of(r[3]))]),
        };
        var last = years[^1];
        var previous = years.Count > 1 ? years[^2] : null;
        var lastYear = int.Parse(last[0], CultureInfo.InvariantCulture);
        var title = previous is null ? null : Change("Requests", ChartValue.Of(last[1]).Value, ChartValue.Of(previous[1]).Value, lastYear - 1);
        title ??= $"Requests received and access given, {years[0][0]}–{last[0]}";
        var desc = "Grouped bar chart of requests received and access given by year. " +
            string.Join("; ", years.Select(r => $"{r[0]}: {Say(r[1])} requests received, {Say(r[3])} given access")) + ".";
        return SvgChart.Bars(id, title, desc, [.. years.Select(r => r[0])], series, horizontal: false);
    }

    /// <summary>G2 from T2's total column: the funnel of dispositions, in funnel order.</summary>
    public static string Funnel(string id, IReadOnlyList<string[]> t2, int year)
    {
        var rows = t2.Skip(1).Where(r => r[0] != "total").ToList();
        if (rows.Count == 0)
            return Withheld(id, $"What happened to requests, {year}: breakdown withheld");
        var values = rows.Select(r => ChartValue.Of(r[4])).ToList();
        var top = values.Select((v, i) => (v, i)).Where(x => x.v.Value is > 0).OrderByDescending(x => x.v.Value).FirstOrDefault();
        var title = top.v is null ? $"What happened to hold, notification, transfer requests" : $"Most requests ended as {rows[top.i][0].Replace('-', ' ')}";
        var desc = $"Horizontal bar chart of hold, notification and transfer requests received in {year} by what happened to them: " +
            string.Join("; ", rows.Select(r => $"{r[0]} {Say(r[4])}")) + ".";
        return SvgChart.Bars(id, Trim(title), desc, [.. rows.Select(r => r[0])], [new ChartSeries("Requests", values)], horizontal: true);
    }

    /// <summary>G3 from T5: people given access by most serious offence category, largest first, <c>other</c> last.</summary>
    public static string OffenceCategories(string id, IReadOnlyList<string[]> t5, int year)
    {
        var rows = t5.Skip(1).Where(r => r[0] != "total").ToList();
        if (rows.Count == 0)
            return Withheld(id, $"Offences of people given access, {year}: breakdown withheld");
        var ordered = rows.Where(r => r[0] is not ("other" or "no-qualifying-offence")).OrderByDescending(r => ChartValue.Of(r[1]).Value ?? -1)
            .Concat(rows.Where(r => r[0] is "other" or "no-qualifying-offence")).ToList();
        var values = ordered.Select(r => ChartValue.Of(r[1])).ToList();
        var first = ordered.FirstOrDefault(r => ChartValue.Of(r[1]).Value is > 0 && r[0] is not ("other" or "no-qualifying-offence"));
        var title = first is null ? $"People given access by offence category, {year}" : $"Most people given access: {first[0].Replace('-', ' ')}";
        var desc = $"Horizontal bar chart of people given access in {year} by the most serious offence that allowed it: " +
            string.Join("; ", ordered.Select(r => $"{r[0]} {Say(r[1])}")) + ".";
        return SvgChart.Bars(id, Trim(title), desc, [.. ordered.Select(r => r[0])], [new ChartSeries("People", values)], horizontal: true);
    }

    /// <summary>"Requests fell by a third from 2024"-style title, or null when either value is withheld or there is nothing to compare.</summary>
    private static string? Change(string what, long? now, long? before, int beforeYear)
    {
        if (now is not { } n || before is not { } b || b == 0)
            return null;
        if (n == b)
            return $"{what} unchanged from {beforeYear}";
        var pct = Math.Abs(n - b) * 100.0 / b;
        return $"{what} {(n > b ? "rose" : "fell")} by {pct.ToString("0", CultureInfo.InvariantCulture)}% from {beforeYear}";
    }

    /// <summary>A withheld value is named by its marker, never guessed.</summary>
    private static string Say(string shown) => shown switch
    {
        "1-10" => "between 1 and 10",
        "c" => "withheld",
        "x" => "withheld",
        "" => "not applicable",
        _ => shown,
    };

    private static string Trim(string title)
    {
        var words = title.Split(' ');
        return words.Length <= 10 ? title : string.Join(' ', words[..10]);
    }

    private static string Withheld(string id, string title) =>
        SvgChart.Bars(id, title, title + ": the table shows only its total, so there is nothing to draw.", ["total"], [new ChartSeries("", [new ChartValue(null, "withheld")])], horizontal: true);
}
