using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Comity.Notices.Internal;

/// <summary>
/// Lays text out in lines for PDFsharp, which draws strings but neither wraps them nor falls back
/// to a second font: a line is cut into runs by script (Latin, Han or Hangul face), wrapped at
/// spaces, and between any two Han characters, which have no spaces between words.
/// </summary>
internal sealed class PdfLayout(XGraphics measure)
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    // PDFsharp's subset leaves out the parts of composite glyphs, and DejaVu builds its accented
    // letters from them: Vietnamese "ễ" printed as "e". The Latin face goes in whole (about 0.7 MB a face).
    private static readonly XPdfFontOptions UnicodeWhole = new(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);
    private readonly Dictionary<(string, double, bool), XFont> _fonts = [];

    public XFont Font(NoticeFonts.Script script, double size, bool bold)
    {
        var key = (NoticeFonts.Family(script), size, bold);
        if (!_fonts.TryGetValue(key, out var f))
            _fonts[key] = f = new XFont(key.Item1, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, script == NoticeFonts.Script.Latin ? UnicodeWhole : Unicode);
        return f;
    }

    /// <summary>A piece of a line in one face.</summary>
    public sealed record Run(string Text, XFont Font, double Width);

    /// <summary>A line of runs, its height, and the colour it is drawn in.</summary>
    public sealed record Line(IReadOnlyList<Run> Runs, double Height, XBrush Brush, double Indent = 0, bool Box = false, double RuleWidth = 0);

    /// <summary>Wraps <paramref name="text"/> (paragraphs split at line feeds) into lines at most <paramref name="width"/> wide.</summary>
    public List<Line> Wrap(string text, double size, bool bold, double width, XBrush brush, double indent = 0)
    {
        var lines = new List<Line>();
        var height = size * 1.35;
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var current = new List<Run>();
            var used = 0.0;
            foreach (var atom in Atoms(paragraph))
            {
                var runs = Runs(atom, size, bold);
                var w = runs.Sum(r => r.Width);
                if (used + w > width - indent && current.Count > 0)
                {
                    lines.Add(new Line(Trim(current), height, brush, indent));
                    current = [];
                    used = 0;
                    if (string.IsNullOrWhiteSpace(atom))
                        continue;
                }
                current.AddRange(runs);
                used += w;
            }
            lines.Add(new Line(Trim(current), height, brush, indent));
        }
        return lines;
    }

    /// <summary>Words with their trailing space, and single Han characters: the places a line may break.</summary>
    private static IEnumerable<string> Atoms(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (NoticeFonts.Of(text[i]) == NoticeFonts.Script.Han)
            {
                if (i > start)
                    yield return text[start..i];
                // Closing punctuation stays with the character before it.
                var end = i + 1;
                while (end < text.Length && "，。、；：）」』！？".Contains(text[end]))
                    end++;
                yield return text[i..end];
                start = end;
                i = end - 1;
            }
            else if (text[i] == ' ')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }
        if (start < text.Length)
            yield return text[start..];
    }

    private List<Run> Runs(string atom, double size, bool bold)
    {
        var runs = new List<Run>();
        var start = 0;
        for (var i = 1; i <= atom.Length; i++)
        {
            if (i < atom.Length && NoticeFonts.Of(atom[i]) == NoticeFonts.Of(atom[start]))
                continue;
            var piece = atom[start..i];
            var font = Font(NoticeFonts.Of(atom[start]), size, bold);
            runs.Add(new Run(piece, font, measure.MeasureString(piece, font).Width));
            start = i;
        }
        return runs;
    }

    private static List<Run> Trim(List<Run> runs)
    {
        if (runs.Count > 0 && runs[^1].Text.EndsWith(' '))
            runs[^1] = runs[^1] with { Text = runs[^1].Text.TrimEnd() };
        return runs;
    }

    public static void Draw(XGraphics g, Line line, double x, double y)
    {
        if (line.Box)
            g.DrawRectangle(new XPen(XColors.Black, 0.8), x, y + 2, 9, 9);
        if (line.RuleWidth > 0)
            g.DrawLine(new XPen(XColors.Black, 0.6), x, y + line.Height - 2, x + line.RuleWidth, y + line.Height - 2);
        var cx = x + line.Indent;
        foreach (var run in line.Runs)
        {
            g.DrawString(run.Text, run.Font, line.Brush, cx, y, XStringFormats.TopLeft);
            cx += run.Width;
        }
    }
}
