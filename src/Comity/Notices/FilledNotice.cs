using System.Globalization;
using Comity.Notices.Internal;

namespace Comity.Notices;

/// <summary>A block with its placeholders filled; <see cref="Reasons"/> only for a reasons block.</summary>
public sealed record FilledBlock(BlockKind Kind, string? Text, string? Label, string? Value, IReadOnlyList<NoticeReason> Reasons);

/// <summary>One row of a notice: the block in the notice's language, and the English block beside it when the translation needs it.</summary>
public sealed record NoticeRow(FilledBlock Block, FilledBlock? English);

/// <summary>
/// A notice filled from a case, ready to print: title, rows, the phrases its printing needs, and the
/// template's identity (notice, language, version, digest, review) that the ledger records when it
/// is handed over.
/// </summary>
public sealed record FilledNotice(
    NoticeTemplate Template,
    NoticeTemplate English,
    bool EnglishBeside,
    string Title,
    string? EnglishTitle,
    IReadOnlyList<NoticeRow> Rows,
    string UnreviewedBanner,
    string? EnglishUnreviewedBanner,
    string LawLabel,
    string PageLabel,
    string VersionLine)
{
    /// <summary>
    /// Fills <paramref name="notice"/> in <paramref name="language"/> from <paramref name="facts"/>.
    /// </summary>
    /// <exception cref="NoticeException">when the library has no such notice, or not in that language.</exception>
    public static FilledNotice Fill(NoticeLibrary library, string notice, string language, NoticeFacts facts)
    {
        var english = library.EnglishOf(notice) ?? throw new NoticeException($"there is no notice \"{notice}\": expected one of {string.Join(", ", library.Notices)}");
        var t = library.Find(notice, language)
            ?? throw new NoticeException($"notice {notice} has no template in \"{language}\": it is available in {string.Join(", ", library.LanguagesOf(notice).Select(l => l.Language))}");
        var beside = NoticeLibrary.NeedsEnglishBeside(t, english);
        var phrases = library.Phrases(t.Language);
        var englishPhrases = library.Phrases(NoticeLibrary.English);
        var rows = new List<NoticeRow>();
        for (var i = 0; i < t.Blocks.Count; i++)
        {
            var block = Fill(t.Blocks[i], facts, phrases, englishPhrases);
            var en = beside ? Fill(english.Blocks[i], facts, englishPhrases, englishPhrases) : null;
            // A paragraph whose only content is a fact that does not apply (no review) is left out.
            if (block.Kind is BlockKind.Text && string.IsNullOrWhiteSpace(block.Text) && string.IsNullOrWhiteSpace(en?.Text))
                continue;
            rows.Add(new NoticeRow(block, en));
        }
        var review = t.Review.Status.ToString().ToLowerInvariant();
        return new FilledNotice(t, english, beside,
            Fill(t.Title, facts, phrases, englishPhrases),
            beside ? Fill(english.Title, facts, englishPhrases, englishPhrases) : null,
            rows,
            Phrase(phrases, englishPhrases, "unreviewed"),
            beside ? Phrase(englishPhrases, englishPhrases, "unreviewed") : null,
            Phrase(phrases, englishPhrases, "reasons.law"),
            Phrase(phrases, englishPhrases, "page"),
            string.Format(CultureInfo.InvariantCulture, Phrase(phrases, englishPhrases, "version"), t.Notice, t.Language, t.Version, review)
                + (t.Cites.Count > 0 ? " · " + string.Join("; ", t.Cites) : ""));
    }

    private static FilledBlock Fill(NoticeBlock b, NoticeFacts facts, PhraseBook phrases, PhraseBook english) => new(
        b.Kind,
        b.Text is null ? null : Fill(b.Text, facts, phrases, english),
        b.Label is null ? null : Fill(b.Label, facts, phrases, english),
        b.Value is null ? null : Fill(b.Value, facts, phrases, english),
        b.Kind == BlockKind.Reasons
            ? facts.Reasons.Count > 0 ? facts.Reasons : [new NoticeReason(Phrase(phrases, english, "reasons.none"), [])]
            : []);

    private static string Fill(string text, NoticeFacts facts, PhraseBook phrases, PhraseBook english) =>
        TemplateReader.Placeholder().Replace(text, m =>
        {
            var (literal, phrase, fallback) = facts.Value(m.Groups[1].Value);
            if (literal is not null)
                return literal;
            if (phrase is null)
                return Phrase(phrases, english, "unknown");
            var value = phrases.Phrases.TryGetValue(phrase, out var p) ? p : english.Phrases.TryGetValue(phrase, out var e) ? e : fallback ?? Phrase(phrases, english, "unknown");
            // The one phrase with an argument: the outcome counsel settled on.
            return phrase == "reviewed" ? string.Format(CultureInfo.InvariantCulture, value, Fill("{decision.outcome}", facts, phrases, english)) : value;
        });

    private static string Phrase(PhraseBook phrases, PhraseBook english, string key) =>
        phrases.Phrases.TryGetValue(key, out var p) ? p : english.Phrases.TryGetValue(key, out var e) ? e : key;
}
