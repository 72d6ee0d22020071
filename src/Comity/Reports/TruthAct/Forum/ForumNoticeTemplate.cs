using System.Globalization;
using System.Text.Json;

namespace Comity.Reports.TruthAct.Forum;

/// <summary>
/// The words of the forum notice in one language, kept with the stack as
/// <c>reports/forum-notice/{language}.json</c> (reports.md section 4: the Spanish text is a
/// certified translation kept with the stack, never machine-made). Its <c>review</c> says what the
/// text is: <c>original</c> (the English), <c>certified</c> (a certified translation the county
/// dropped in) or <c>not-certified</c>; the notice prints the review note in a small line, so a
/// translation nobody certified never passes for one.
/// </summary>
public sealed class ForumNoticeTemplate
{
    public const string Folder = "reports/forum-notice";

    /// <summary>The languages a notice is written in (notice_en.html, notice_es.html).</summary>
    public static readonly string[] Languages = ["en", "es"];

    /// <summary>Every word the notice needs; each may use the placeholders the notice fills (<c>{governingBody}</c>, <c>{date}</c>, ...).</summary>
    public static readonly string[] Words =
    [
        "title", "lead", "whenLabel", "when", "whereLabel", "reportLabel", "report", "accessibilityLabel", "accessibility",
        "interpretationLabel", "interpretation", "comment", "publishByLabel", "publishBy", "allAgencies", "draft", "skip", "draftVersion", "version",
    ];

    public static readonly string[] Statuses = ["original", "certified", "not-certified"];

    public required string Language { get; init; }
    public required string ReviewStatus { get; init; }
    public required string? ReviewNote { get; init; }
    public required IReadOnlyList<string> Months { get; init; }
    public required string DateFormat { get; init; }
    public required bool TwelveHourClock { get; init; }
    public required IReadOnlyDictionary<string, string> Text { get; init; }
    public required string Path { get; init; }

    public bool Certified => ReviewStatus is "original" or "certified";

    public string this[string word] => Text[word];

    public string FormatDate(DateOnly d) => DateFormat
        .Replace("{day}", d.Day.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{month}", Months[d.Month - 1], StringComparison.Ordinal)
        .Replace("{year}", d.Year.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public string FormatTime(TimeOnly t) => TwelveHourClock
        ? string.Create(CultureInfo.InvariantCulture, $"{(t.Hour % 12 == 0 ? 12 : t.Hour % 12)}:{t.Minute:D2} {(t.Hour < 12 ? "a.m." : "p.m.")}")
        : t.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The templates of every language the notice is written in, from the stack in <paramref name="stackDirectory"/>.</summary>
    /// <exception cref="ReportException">when one is missing or wrong, naming the file and the JSON path.</exception>
    public static IReadOnlyList<ForumNoticeTemplate> LoadAll(string stackDirectory) =>
        [.. Languages.Select(l => Load(System.IO.Path.Combine(stackDirectory, Folder, l + ".json"), l))];

    public static ForumNoticeTemplate Load(string path, string language)
    {
        if (!File.Exists(path))
            throw new ReportException($"{path}: the stack has no forum notice template in \"{language}\" (reports.md section 4 asks for notice_en.html and notice_es.html)");
        var bytes = File.ReadAllBytes(path);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            var cut = e.Message.IndexOf(" LineNumber", StringComparison.Ordinal);
            throw new ReportException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not JSON: {(cut > 0 ? e.Message[..cut] : e.Message).TrimEnd()}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            string Str(JsonElement e, string name, string at) =>
                e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } s
                    ? s
                    : throw new ReportException($"{path}: {at}.{name}: expected a non-empty string");
            if (Str(root, "language", "$") != language)
                throw new ReportException($"{path}: $.language: the file is named for \"{language}\"");
            var review = root.TryGetProperty("review", out var r) ? r : default;
            var status = Str(review, "status", "$.review");
            if (!Statuses.Contains(status, StringComparer.Ordinal))
                throw new ReportException($"{path}: $.review.status: expected {string.Join(", ", Statuses)}");
            if (status == "original" && language != "en")
                throw new ReportException($"{path}: $.review.status: only the English text is the original; a translation is certified or not-certified");
            var note = review.ValueKind == JsonValueKind.Object && review.TryGetProperty("note", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } nn ? nn : null;
            if (status == "not-certified" && note is null)
                throw new ReportException($"{path}: $.review.note: a translation not certified says so in a note the notice prints");
            var months = root.TryGetProperty("months", out var m) && m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 12
                ? m.EnumerateArray().Select((x, i) => x.GetString() is { Length: > 0 } s ? s : throw new ReportException($"{path}: $.months[{i}]: expected a month's name")).ToList()
                : throw new ReportException($"{path}: $.months: expected the twelve months' names");
            var clock = Str(root, "clock", "$");
            if (clock is not ("12h" or "24h"))
                throw new ReportException($"{path}: $.clock: expected \"12h\" or \"24h\"");
            var words = root.TryGetProperty("words", out var w) ? w : default;
            return new ForumNoticeTemplate
            {
                Language = language,
                ReviewStatus = status,
                ReviewNote = note,
                Months = months,
                DateFormat = Str(root, "date", "$"),
                TwelveHourClock = clock == "12h",
                Text = Words.ToDictionary(x => x, x => Str(words, x, "$.words"), StringComparer.Ordinal),
                Path = path,
            };
        }
    }
}
