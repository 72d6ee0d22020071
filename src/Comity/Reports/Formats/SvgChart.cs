using System.Globalization;
using System.Text;

namespace Comity.Reports.Formats;

/// <summary>A value of a chart as the public table shows it: a count, or a marker (<c>1-10</c>, <c>c</c>, <c>x</c>) that draws nothing and is labelled.</summary>
public sealed record ChartValue(long? Value, string Label)
{
    public static ChartValue Of(string shown) =>
        long.TryParse(shown, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? new(n, shown) : new(null, shown.Length == 0 ? "n/a" : shown);
}

public sealed record ChartSeries(string Name, IReadOnlyList<ChartValue> Values);

/// <summary>
/// The reports' own small SVG writer (reports.md section 4, 8): deterministic output, inline SVG
/// with <c>role="img"</c>, <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c>, a zero baseline, direct
/// value labels, and series told apart by line style or pattern as well as colour (both colours
/// reach 3:1 against white). A withheld value draws no bar or point; its marker is written instead.
/// No pie charts.
/// </summary>
public static class SvgChart
{
    private static readonly string[] Colours = ["#0b5394", "#a04000", "#4d4d4d", "#2e7d32"];
    private static readonly string[] Dashes = ["", "6 4", "2 3", "10 3 2 3"];
    private const string Font = "font-family=\"system-ui,Arial,sans-serif\"";

    /// <summary>Lines over categories (months), at most four series.</summary>
    public static string Lines(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        const int w = 720, h = 340, left = 56, right = 16, top = 56, bottom = 48;
        var b = Open(id, title, description, w, h);
        var max = Nice(series.SelectMany(s => s.Values).Max(v => v.Value ?? 0));
        var plotW = w - left - right;
        var plotH = h - top - bottom;
        Axis(b, left, top, plotW, plotH, max);
        double X(int i) => left + (categories.Count == 1 ? plotW / 2.0 : i * plotW / (double)(categories.Count - 1));
        double Y(long v) => top + plotH - v * plotH / (double)max;
        for (var i = 0; i < categories.Count; i++)
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{h - bottom + 18}\" text-anchor=\"middle\" font-size=\"12\" {Font} fill=\"#1b1b1b\">{Esc(categories[i])}</text>\n");
        for (var s = 0; s < series.Count; s++)
        {
            var points = new StringBuilder();
            var runs = new List<string>();
            for (var i = 0; i < categories.Count; i++)
            {
                var v = series[s].Values[i];
                if (v.Value is { } n)
                    points.Append(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(n):0.#} ");
                else if (points.Length > 0)
                {
                    runs.Add(points.ToString().Trim());
                    points.Clear();
                }
            }
            if (points.Length > 0)
                runs.Add(points.ToString().Trim());
            foreach (var run in runs)
                b.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{run}\" fill=\"none\" stroke=\"{Colours[s]}\" stroke-width=\"2.5\"{Dash(s)}/>\n");
            for (var i = 0; i < categories.Count; i++)
            {
                var v = series[s].Values[i];
                var y = v.Value is { } n ? Y(n) : top + plotH - 6 - 14 * s;
                if (v.Value is not null)
                    b.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i):0.#}\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"{(s == 0 ? Colours[s] : "#fff")}\" stroke=\"{Colours[s]}\" stroke-width=\"2\"/>\n");
                // Direct labels: the first series above its points, the others below, markers on the baseline;
                // a zero after the first series is left to the table, where it would only cover the month names.
                if (s > 0 && v.Value == 0)
                    continue;
                var ly = v.Value is null ? y : s == 0 ? y - 8 : y + 16;
                b.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{ly:0.#}\" text-anchor=\"middle\" font-size=\"11\" {Font} fill=\"{Colours[s]}\">{Esc(v.Label)}</text>\n");
            }
        }
        Legend(b, series, left, 40, lines: true);
        return Close(b);
    }

    /// <summary>Bars: vertical and grouped by category (years), or <paramref name="horizontal"/> in the order given (a funnel, categories by size).</summary>
    public static string Bars(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, bool horizontal)
    {
        var max = Nice(series.SelectMany(s => s.Values).Max(v => v.Value ?? 0));
        return horizontal ? Horizontal(id, title, description, categories, series, max) : Vertical(id, title, description, categories, series, max);
    }

    private static string Vertical(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, long max)
    {
        const int w = 720, h = 340, left = 56, right = 16, top = 56, bottom = 48;
        var b = Open(id, title, description, w, h);
        Patterns(b, id, series.Count);
        var plotW = w - left - right;
        var plotH = h - top - bottom;
        Axis(b, left, top, plotW, plotH, max);
        var group = plotW / (double)Math.Max(1, categories.Count);
        var bar = Math.Min(48, group * 0.8 / series.Count);
        for (var c = 0; c < categories.Count; c++)
        {
            var x0 = left + c * group + (group - bar * series.Count) / 2;
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + c * group + group / 2:0.#}\" y=\"{h - bottom + 18}\" text-anchor=\"middle\" font-size=\"12\" {Font} fill=\"#1b1b1b\">{Esc(categories[c])}</text>\n");
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[c];
                var x = x0 + s * bar;
                var height = (v.Value ?? 0) * plotH / (double)max;
                var y = top + plotH - height;
                if (v.Value is > 0)
                    b.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{bar - 2:0.#}\" height=\"{height:0.#}\" fill=\"{Fill(id, s)}\" stroke=\"{Colours[s]}\" stroke-width=\"1.5\"/>\n");
                b.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (bar - 2) / 2:0.#}\" y=\"{y - 4:0.#}\" text-anchor=\"middle\" font-size=\"11\" {Font} fill=\"#1b1b1b\">{Esc(v.Label)}</text>\n");
            }
        }
        Legend(b, series, left, 40, lines: false, id);
        return Close(b);
    }

    private static string Horizontal(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, long max)
    {
        const int w = 720, left = 250, right = 60, top = 48, row = 30;
        var h = top + categories.Count * row * series.Count + 24;
        var b = Open(id, title, description, w, h);
        Patterns(b, id, series.Count);
        var plotW = w - left - right;
        b.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top - 6}\" x2=\"{left}\" y2=\"{h - 18}\" stroke=\"#1b1b1b\" stroke-width=\"1.5\"/>\n");
        b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{h - 4}\" text-anchor=\"middle\" font-size=\"11\" {Font} fill=\"#1b1b1b\">0</text>\n");
        for (var c = 0; c < categories.Count; c++)
            for (var s = 0; s < series.Count; s++)
            {
                var y = top + (c * series.Count + s) * row;
                var v = series[s].Values[c];
                var width = (v.Value ?? 0) * plotW / (double)max;
                if (s == 0)
                    b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"12\" {Font} fill=\"#1b1b1b\">{Esc(categories[c])}</text>\n");
                if (v.Value is > 0)
                    b.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{width:0.#}\" height=\"{row - 8}\" fill=\"{Fill(id, s)}\" stroke=\"{Colours[s]}\" stroke-width=\"1.5\"/>\n");
                b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + width + 6:0.#}\" y=\"{y + 15}\" font-size=\"11\" {Font} fill=\"#1b1b1b\">{Esc(v.Label)}</text>\n");
            }
        if (series.Count > 1)
            Legend(b, series, left, 30, lines: false, id);
        return Close(b);
    }

    private static StringBuilder Open(string id, string title, string description, int w, int h)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" style=\"max-width:100%;height:auto\">\n");
        b.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Esc(title)}</title>\n<desc id=\"{id}-desc\">{Esc(description)}</desc>\n");
        b.Append(CultureInfo.InvariantCulture, $"<rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>\n");
        b.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"22\" font-size=\"16\" font-weight=\"700\" {Font} fill=\"#1b1b1b\">{Esc(title)}</text>\n");
        return b;
    }

    private static string Close(StringBuilder b) => b.Append("</svg>\n").ToString();

    private static void Axis(StringBuilder b, int left, int top, int plotW, int plotH, long max)
    {
        foreach (var tick in new[] { 0, max / 2, max }.Distinct())
        {
            var y = top + plotH - tick * plotH / (double)max;
            b.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{left + plotW}\" y2=\"{y:0.#}\" stroke=\"{(tick == 0 ? "#1b1b1b" : "#c8c8c8")}\" stroke-width=\"{(tick == 0 ? 1.5 : 1)}\"/>\n");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" {Font} fill=\"#1b1b1b\">{tick}</text>\n");
        }
    }

    private static void Patterns(StringBuilder b, string id, int count)
    {
        b.Append("<defs>\n");
        for (var s = 1; s < count; s++)
            b.Append(CultureInfo.InvariantCulture,
                $"<pattern id=\"{id}-p{s}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate({(s == 1 ? 45 : -45)})\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{Colours[s]}\" stroke-width=\"3\"/></pattern>\n");
        b.Append("</defs>\n");
    }

    private static string Fill(string id, int s) => s == 0 ? Colours[0] : $"url(#{id}-p{s})";

    private static string Dash(int s) => Dashes[s].Length == 0 ? "" : $" stroke-dasharray=\"{Dashes[s]}\"";

    private static void Legend(StringBuilder b, IReadOnlyList<ChartSeries> series, int x, int y, bool lines, string? id = null)
    {
        for (var s = 0; s < series.Count; s++)
        {
            if (lines)
                b.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 28}\" y2=\"{y - 4}\" stroke=\"{Colours[s]}\" stroke-width=\"2.5\"{Dash(s)}/>\n");
            else
                b.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y - 11}\" width=\"20\" height=\"12\" fill=\"{Fill(id!, s)}\" stroke=\"{Colours[s]}\" stroke-width=\"1.5\"/>\n");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 34}\" y=\"{y}\" font-size=\"12\" {Font} fill=\"#1b1b1b\">{Esc(series[s].Name)}</text>\n");
            x += 46 + series[s].Name.Length * 7;
        }
    }

    /// <summary>A round maximum for the axis: 1, 2, 2.5 or 5 times a power of ten, at least the largest value (and at least 10).</summary>
    private static long Nice(long max)
    {
        long step = 10;
        while (true)
        {
            foreach (var m in new long[] { 10, 20, 25, 50 })
                if (step * m / 10 >= max)
                    return step * m / 10;
            step *= 10;
        }
    }

    private static string Esc(string s) => System.Net.WebUtility.HtmlEncode(s);
}
