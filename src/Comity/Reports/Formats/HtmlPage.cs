using System.Globalization;
using System.Net;
using System.Text;

namespace Comity.Reports.Formats;

/// <summary>
/// One self-contained report page (reports.md section 8): inline CSS, no script, no external font,
/// <c>lang</c> set, a skip link, headings in order, each table with its caption and <c>th scope</c>.
/// Colours meet WCAG 2.2 AA (text 4.5:1, graphics 3:1) on white; nothing is shown only on hover.
/// </summary>
public sealed class HtmlPage
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-variant-ligatures:none;color:#1b1b1b;background:#fff;max-width:62rem;margin:0 auto;padding:1rem 1.25rem;line-height:1.45}
        a{color:#0b5394}a:focus,summary:focus{outline:3px solid #b35900;outline-offset:2px}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
        .draft{border:3px solid #8a1c1c;color:#8a1c1c;font-weight:700;padding:.5rem 1rem;margin:1rem 0}
        .scroll{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-variant-numeric:tabular-nums}
        caption{text-align:left;font-weight:700;padding:.25rem 0}
        th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}
        td.n{text-align:right}thead th{background:#eef2f6}th{white-space:nowrap}
        figure{margin:1rem 0 2rem}figcaption{font-size:.95rem;color:#333}
        .note{font-size:.95rem;color:#333}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
        pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:.5rem}
        @page{margin:14mm 12mm}
        @media print{body{max-width:none;padding:0}.scroll{overflow:visible}table{font-size:8.5pt}th,td{padding:2px 4px}figure,tr{break-inside:avoid}h2,h3{break-after:avoid}}
        """;

    private readonly StringBuilder body = new();

    /// <param name="language">The page's <c>lang</c> (a report is in English; a forum notice also in Spanish).</param>
    /// <param name="skipText">The skip link's words, in the page's language.</param>
    public HtmlPage(string title, string? draftNote, string language = "en", string skipText = "Skip to the report")
    {
        Title = title;
        DraftNote = draftNote;
        Language = language;
        SkipText = skipText;
    }

    public string Title { get; }
    public string? DraftNote { get; }
    public string Language { get; }
    public string SkipText { get; }

    public static string E(string text) => WebUtility.HtmlEncode(text);

    public HtmlPage Heading(int level, string text, string? id = null)
    {
        body.Append(CultureInfo.InvariantCulture, $"<h{level}{(id is null ? "" : $" id=\"{E(id)}\"")}>{E(text)}</h{level}>\n");
        return this;
    }

    public HtmlPage Paragraph(string text, string? cssClass = null)
    {
        body.Append(CultureInfo.InvariantCulture, $"<p{(cssClass is null ? "" : $" class=\"{cssClass}\"")}>{E(text)}</p>\n");
        return this;
    }

    /// <summary>Markup the caller built from encoded parts.</summary>
    public HtmlPage Raw(string html)
    {
        body.Append(html).Append('\n');
        return this;
    }

    public HtmlPage List(IEnumerable<string> items)
    {
        body.Append("<ul>\n");
        foreach (var item in items)
            body.Append(CultureInfo.InvariantCulture, $"<li>{E(item)}</li>\n");
        body.Append("</ul>\n");
        return this;
    }

    /// <summary>A table from CSV records (header first), as the public file shows them; the first column heads each row.</summary>
    public HtmlPage Table(string caption, IReadOnlyList<string[]> records, string? id = null, string? note = null)
    {
        // A wide table scrolls inside its own box (reachable by keyboard), never the page.
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{E(caption)}\"><table{(id is null ? "" : $" id=\"{E(id)}\"")}>\n<caption>{E(caption)}</caption>\n");
        if (records.Count > 0)
        {
            body.Append("<thead><tr>");
            foreach (var h in records[0])
                body.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(h)}</th>");
            body.Append("</tr></thead>\n<tbody>\n");
            foreach (var r in records.Skip(1))
            {
                body.Append("<tr>");
                for (var i = 0; i < r.Length; i++)
                    body.Append(i == 0
                        ? $"<th scope=\"row\">{E(r[i])}</th>"
                        : IsCount(r[i]) ? $"<td class=\"n\">{E(r[i])}</td>" : $"<td>{E(r[i])}</td>");
                body.Append("</tr>\n");
            }
            if (records.Count == 1)
                body.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"{records[0].Length}\">No rows.</td></tr>\n");
            body.Append("</tbody>\n");
        }
        body.Append("</table></div>\n");
        if (note is not null)
            Paragraph(note, "note");
        return this;
    }

    public static bool IsCount(string v) => v.Length > 0 && (v.All(c => char.IsAsciiDigit(c) || c == '.' || c == '-') || v is "c" or "x");

    public byte[] Write()
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{E(Language)}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        b.Append(CultureInfo.InvariantCulture, $"<title>{E(Title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n");
        b.Append(CultureInfo.InvariantCulture, $"<a class=\"skip\" href=\"#main\">{E(SkipText)}</a>\n<main id=\"main\">\n");
        if (DraftNote is not null)
            b.Append(CultureInfo.InvariantCulture, $"<p class=\"draft\">{E(DraftNote)}</p>\n");
        b.Append(body);
        b.Append("</main>\n</body>\n</html>\n");
        return Csv.Utf8.GetBytes(b.ToString());
    }
}
