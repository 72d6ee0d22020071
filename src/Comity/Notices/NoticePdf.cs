using System.Globalization;
using Comity.Notices.Internal;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static Comity.Notices.Internal.PdfLayout;

namespace Comity.Notices;

/// <summary>
/// Prints a filled notice as a PDF on US Letter paper: the title, the unreviewed-translation banner
/// when the English is printed beside, the blocks (two columns, the translation and the English,
/// row by row when beside), and on every page the notice's version line and page number. Text is
/// embedded with its Unicode mapping, so that it can be searched and extracted.
/// </summary>
public static class NoticePdf
{
    private const double PageWidth = 612, PageHeight = 792, Margin = 54, Gutter = 18, FooterSpace = 30;
    private static readonly XBrush Ink = XBrushes.Black;
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(90, 90, 90));

    /// <summary>The PDF's bytes.</summary>
    /// <exception cref="NoticeException">when the fonts are not installed.</exception>
    public static byte[] Render(FilledNotice notice)
    {
        NoticeFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = notice.Title;
        document.Info.Subject = notice.VersionLine;
        document.Info.Creator = "Comity";
        // Fixed dates: the same notice from the same case prints the same bytes.
        document.Info.CreationDate = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        document.Info.ModificationDate = document.Info.CreationDate;
        document.Language = notice.Template.Language;

        var columns = notice.EnglishBeside ? 2 : 1;
        var columnWidth = (PageWidth - 2 * Margin - (columns - 1) * Gutter) / columns;
        var bottom = PageHeight - Margin - FooterSpace;

        var page = NewPage(document, out var g);
        var layout = new PdfLayout(g);
        var y = Margin;

        // Title and banner: one row each, beside the English when the English is printed.
        y = Row(ref page, ref g, document, y, bottom, columnWidth,
            layout.Wrap(notice.Title, 15, true, columnWidth, Ink),
            notice.EnglishTitle is { } et ? layout.Wrap(et, 15, true, columnWidth, Ink) : null) + 6;
        if (notice.EnglishBeside)
        {
            var bannerTop = y;
            y = Row(ref page, ref g, document, y + 4, bottom, columnWidth,
                layout.Wrap(notice.UnreviewedBanner, 9.5, true, columnWidth - 8, Ink, 4),
                layout.Wrap(notice.EnglishUnreviewedBanner!, 9.5, true, columnWidth - 8, Ink, 4)) + 4;
            g.DrawRectangle(new XPen(XColors.Black, 1), Margin - 2, bannerTop, PageWidth - 2 * Margin + 4, y - bannerTop);
            y += 10;
        }
        foreach (var row in notice.Rows)
        {
            var left = Lines(layout, row.Block, columnWidth, notice.LawLabel);
            var right = row.English is { } en ? Lines(layout, en, columnWidth, "Law") : null;
            y = Row(ref page, ref g, document, y + Before(row.Block.Kind), bottom, columnWidth, left, right) + 4;
        }
        g.Dispose();

        var total = document.PageCount;
        for (var i = 0; i < total; i++)
        {
            using var fg = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var fl = new PdfLayout(fg);
            var pageText = string.Format(CultureInfo.InvariantCulture, notice.PageLabel, i + 1, total);
            var lines = fl.Wrap(notice.VersionLine + "    " + pageText, 7.5, false, PageWidth - 2 * Margin, Grey);
            var fy = PageHeight - Margin - FooterSpace + 12;
            foreach (var l in lines)
            {
                Draw(fg, l, Margin, fy);
                fy += l.Height;
            }
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static PdfPage NewPage(PdfDocument document, out XGraphics g)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        g = XGraphics.FromPdfPage(page);
        return page;
    }

    private static double Before(BlockKind kind) => kind switch
    {
        BlockKind.Heading => 10,
        BlockKind.Signature => 14,
        BlockKind.Footer => 10,
        _ => 2,
    };

    /// <summary>
    /// Draws one row (the block, and the English beside it), turning the page when the next line of
    /// either column does not fit. On each page the left column's lines are drawn before the right
    /// column's, so that the text reads (and extracts) column by column. Returns where the row ends.
    /// </summary>
    private static double Row(ref PdfPage page, ref XGraphics g, PdfDocument document, double y, double bottom, double columnWidth,
        List<Line> left, List<Line>? right)
    {
        var columns = right is null ? new[] { left } : new[] { left, right };
        var next = new int[columns.Length];
        var end = y;
        while (true)
        {
            end = y;
            for (var c = 0; c < columns.Length; c++)
            {
                var cy = y;
                var x = Margin + c * (columnWidth + Gutter);
                while (next[c] < columns[c].Count && cy + columns[c][next[c]].Height <= bottom)
                {
                    Draw(g, columns[c][next[c]], x, cy);
                    cy += columns[c][next[c]].Height;
                    next[c]++;
                }
                end = Math.Max(end, cy);
            }
            if (Enumerable.Range(0, columns.Length).All(c => next[c] >= columns[c].Count))
                return end;
            g.Dispose();
            page = NewPage(document, out g);
            y = Margin;
        }
    }

    private static List<Line> Lines(PdfLayout layout, FilledBlock b, double width, string lawLabel)
    {
        switch (b.Kind)
        {
            case BlockKind.Heading:
                return layout.Wrap(b.Text!, 12, true, width, Ink);
            case BlockKind.Field:
                var field = layout.Wrap(b.Label!, 8.5, false, width, Grey);
                field.AddRange(layout.Wrap(b.Value!, 11.5, true, width, Ink));
                return field;
            case BlockKind.Checkbox:
                var box = layout.Wrap(b.Text!, 10.5, false, width, Ink, 16);
                box[0] = box[0] with { Box = true };
                return box;
            case BlockKind.Signature:
                var sign = new List<Line> { new([], 22, Ink, 0, false, Math.Min(width, 260)) };
                sign.AddRange(layout.Wrap(b.Label!, 8.5, false, width, Grey));
                return sign;
            case BlockKind.Reasons:
                var reasons = new List<Line>();
                foreach (var r in b.Reasons)
                {
                    reasons.AddRange(layout.Wrap("• " + r.Text, 9.5, false, width, Ink, 0));
                    if (r.Citations.Count > 0)
                        reasons.AddRange(layout.Wrap($"{lawLabel}: {string.Join("; ", r.Citations)}", 8.5, false, width, Grey, 10));
                    reasons.Add(new Line([], 4, Ink));
                }
                return reasons;
            case BlockKind.Footer:
                return layout.Wrap(b.Text!, 8, false, width, Grey);
            default:
                return layout.Wrap(b.Text!, 10.5, false, width, Ink);
        }
    }
}
