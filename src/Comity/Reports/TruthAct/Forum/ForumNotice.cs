using System.Globalization;
using System.Text;
using Comity.Reports.Formats;

namespace Comity.Reports.TruthAct.Forum;

/// <summary>What a forum notice is made from: the forum file, the stack's templates, and today's date where the units are (time is an input).</summary>
public sealed record ForumRequest(ForumDetails Details, IReadOnlyList<ForumNoticeTemplate> Templates, DateOnly Today);

/// <summary>
/// <c>notice_en.html</c> and <c>notice_es.html</c> (reports.md section 4, "Packaging"): the
/// community forum's governing body, date, time, place, accessibility and interpretation contacts,
/// where the report is, and the day the notice must be published by, 30 days before the forum
/// (Gov. Code 7283(a), 7283.1(d)). Self-contained pages with no script, each in its own language;
/// a translation that is not certified says so in a small line it cannot leave out.
/// </summary>
public static class ForumNotice
{
    /// <summary>The notices' files, and what to warn the publisher of (a publish-by day already past, a forum outside the year after).</summary>
    public static (SortedDictionary<string, byte[]> Files, List<string> Warnings) Write(ForumRequest forum, int year, AgencyScope agency, ReportManifest manifest, int? version)
    {
        var d = forum.Details;
        var warnings = new List<string>();
        if (d.PublishBy < forum.Today)
            warnings.Add($"warning: the forum notice must be published by {d.PublishBy:yyyy-MM-dd}, 30 days before the forum on {d.Date:yyyy-MM-dd} (Gov. Code 7283.1(d)), and that day is past ({forum.Today:yyyy-MM-dd}): move the forum, or the public gets less notice than the law asks");
        if (d.Date.Year != year + 1)
            warnings.Add($"warning: the forum on {d.Date:yyyy-MM-dd} is not in {year + 1}: the forum on {year}'s ICE access is held in the following year (Gov. Code 7283.1(d))");
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var t in forum.Templates)
            files[$"notice_{t.Language}.html"] = Page(forum.Details, t, year, agency, manifest, version);
        return (files, warnings);
    }

    /// <param name="version">The version being published; null for a draft.</param>
    private static byte[] Page(ForumDetails d, ForumNoticeTemplate t, int year, AgencyScope agency, ReportManifest manifest, int? version)
    {
        var versionText = version is { } n ? Fill(t["version"], ("n", n.ToString(CultureInfo.InvariantCulture))) : t["draftVersion"];
        (string, string)[] values =
        [
            ("governingBody", d.GoverningBody),
            ("year", year.ToString("D4", CultureInfo.InvariantCulture)),
            ("date", t.FormatDate(d.Date)),
            ("time", t.FormatTime(d.Time)),
            ("place", d.Place),
            ("reportAt", d.ReportAt),
            ("period", manifest.Period),
            ("version", versionText),
            ("publishBy", t.FormatDate(d.PublishBy)),
            ("agencies", agency.Agency?.Name ?? t["allAgencies"]),
        ];
        string W(string word, params (string, string)[] more) => Fill(t[word], [.. values, .. more]);

        var title = W("title");
        var page = new HtmlPage(title, manifest.Draft ? t["draft"] : null, t.Language, t["skip"]);
        page.Heading(1, title);
        page.Paragraph(W("lead"));
        var b = new StringBuilder("<dl>");
        void Item(string label, string text) => b.Append(CultureInfo.InvariantCulture, $"<dt>{HtmlPage.E(label)}</dt><dd>{HtmlPage.E(text)}</dd>");
        Item(t["whenLabel"], W("when"));
        Item(t["whereLabel"], d.Place);
        Item(t["reportLabel"], W("report"));
        Item(t["accessibilityLabel"], W("accessibility", ("contact", Contact(d.Accessibility))));
        Item(t["interpretationLabel"], W("interpretation", ("contact", Contact(d.Interpretation))));
        Item(t["publishByLabel"], W("publishBy"));
        b.Append("</dl>");
        page.Raw(b.ToString());
        page.Paragraph(W("comment"));
        if (t.ReviewNote is { } note)
            page.Paragraph(note, "note");
        return page.Write();
    }

    private static string Contact(ForumContact c) => string.Join(", ", new[] { c.Contact, c.Phone, c.Email }.OfType<string>());

    private static string Fill(string text, IEnumerable<(string Name, string Value)> values)
    {
        foreach (var (name, value) in values)
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return text;
    }

    private static string Fill(string text, params (string Name, string Value)[] values) => Fill(text, (IEnumerable<(string, string)>)values);
}
