using System.Net;
using System.Text;

namespace Comity.Notices;

/// <summary>
/// A filled notice as one print-ready HTML page (US Letter, its own styles, no script): the same
/// blocks as the PDF, in two columns beside the English when the translation is unreviewed. The
/// page declares its language so that a browser picks fonts that cover it.
/// </summary>
public static class NoticeHtml
{
    public static string Render(FilledNotice notice)
    {
        var lang = WebUtility.HtmlEncode(notice.Template.Language);
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head>
            <meta charset="utf-8">
            <title>{E(notice.Title)}</title>
            <style>
            @page {"{"} size: letter; margin: 0.75in; {"}"}
            body {"{"} font-family: "DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", "Noto Sans CJK KR", "Droid Sans Fallback", sans-serif; font-size: 10.5pt; color: #000; max-width: 7in; margin: 0 auto; {"}"}
            h1 {"{"} font-size: 15pt; margin: 0 0 0.5em; {"}"}
            h2 {"{"} font-size: 12pt; margin: 1em 0 0.3em; {"}"}
            .row {"{"} display: grid; grid-template-columns: {(notice.EnglishBeside ? "1fr 1fr" : "1fr")}; column-gap: 0.25in; break-inside: avoid; {"}"}
            .banner {"{"} border: 1px solid #000; padding: 0.4em; font-weight: bold; font-size: 9.5pt; margin: 0.5em 0 1em; {"}"}
            .label {"{"} color: #555; font-size: 8.5pt; margin-top: 0.4em; {"}"}
            .value {"{"} font-weight: bold; font-size: 11.5pt; {"}"}
            .box::before {"{"} content: "☐ "; font-size: 12pt; {"}"}
            .sign {"{"} border-top: 1px solid #000; width: 3.5in; max-width: 100%; margin-top: 2.2em; padding-top: 0.2em; color: #555; font-size: 8.5pt; {"}"}
            .law, .footer, .version {"{"} color: #555; font-size: 8.5pt; {"}"}
            .version {"{"} margin-top: 2em; border-top: 1px solid #ccc; padding-top: 0.3em; {"}"}
            </style>
            </head>
            <body>

            """);
        Row(html, E(notice.Title), notice.EnglishTitle is { } t ? E(t) : null, "h1");
        if (notice.EnglishBeside)
        {
            html.Append("<div class=\"banner\">");
            Row(html, E(notice.UnreviewedBanner), E(notice.EnglishUnreviewedBanner!), "div");
            html.Append("</div>\n");
        }
        foreach (var row in notice.Rows)
        {
            html.Append("<div class=\"row\">");
            Block(html, row.Block, notice.LawLabel, notice.Template.Language);
            if (row.English is { } en)
                Block(html, en, "Law", NoticeLibrary.English);
            html.Append("</div>\n");
        }
        html.Append($"<p class=\"version\">{E(notice.VersionLine)}</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string left, string? right, string tag)
    {
        html.Append("<div class=\"row\">");
        html.Append($"<{tag}>{left}</{tag}>");
        if (right is not null)
            html.Append($"<{tag} lang=\"en\">{right}</{tag}>");
        html.Append("</div>\n");
    }

    private static void Block(StringBuilder html, FilledBlock b, string lawLabel, string lang)
    {
        html.Append($"<div lang=\"{E(lang)}\">");
        switch (b.Kind)
        {
            case BlockKind.Heading:
                html.Append($"<h2>{E(b.Text)}</h2>");
                break;
            case BlockKind.Field:
                html.Append($"<div class=\"label\">{E(b.Label)}</div><div class=\"value\">{E(b.Value)}</div>");
                break;
            case BlockKind.Checkbox:
                html.Append($"<p class=\"box\">{E(b.Text)}</p>");
                break;
            case BlockKind.Signature:
                html.Append($"<div class=\"sign\">{E(b.Label)}</div>");
                break;
            case BlockKind.Reasons:
                html.Append("<ul>");
                foreach (var r in b.Reasons)
                {
                    html.Append($"<li>{E(r.Text)}");
                    if (r.Citations.Count > 0)
                        html.Append($"<div class=\"law\">{E(lawLabel)}: {E(string.Join("; ", r.Citations))}</div>");
                    html.Append("</li>");
                }
                html.Append("</ul>");
                break;
            case BlockKind.Footer:
                html.Append($"<p class=\"footer\">{E(b.Text)}</p>");
                break;
            default:
                html.Append($"<p>{E(b.Text)}</p>");
                break;
        }
        html.Append("</div>");
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
}
