using Comity.Notices.Internal;

namespace Comity.Notices;

/// <summary>One language of a notice as the library offers it: whether it prints alone or with the English beside it.</summary>
public sealed record NoticeLanguage(string Language, string Version, ReviewStatus Review, bool EnglishBeside, string Digest);

/// <summary>
/// The notice templates in force for a stack: the <c>notices</c> folders from the stacks root down
/// to the stack's own folder (a nearer file replaces a farther one of the same notice and
/// language), then the data folder's own <c>notices</c> folder, where a county drops its certified
/// translation without touching the law. Every file is checked when the library is opened: a
/// translation must have the English template's blocks, one for one and of the same kinds.
/// </summary>
public sealed class NoticeLibrary
{
    /// <summary>The authoritative language.</summary>
    public const string English = "en";

    /// <summary>The folder name the library looks for.</summary>
    public const string FolderName = "notices";

    /// <summary>The folder of phrase books inside a notices folder.</summary>
    public const string PhrasesFolder = "phrases";

    private readonly Dictionary<string, Dictionary<string, NoticeTemplate>> _templates;
    private readonly Dictionary<string, PhraseBook> _phrases;

    private NoticeLibrary(Dictionary<string, Dictionary<string, NoticeTemplate>> templates, Dictionary<string, PhraseBook> phrases)
    {
        _templates = templates;
        _phrases = phrases;
    }

    /// <summary>The notices folders for <paramref name="jurisdiction"/> under <paramref name="stacksRoot"/>, farthest first, then <paramref name="dataFolder"/>'s.</summary>
    public static IReadOnlyList<string> FoldersFor(string stacksRoot, string jurisdiction, string? dataFolder)
    {
        var root = System.IO.Path.GetFullPath(stacksRoot);
        var folders = new List<string> { System.IO.Path.Combine(root, FolderName) };
        var here = root;
        foreach (var part in jurisdiction.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part is "." or "..")
                break;
            here = System.IO.Path.Combine(here, part);
            folders.Add(System.IO.Path.Combine(here, FolderName));
        }
        if (dataFolder is not null)
            folders.Add(System.IO.Path.Combine(System.IO.Path.GetFullPath(dataFolder), FolderName));
        return folders;
    }

    /// <summary>Opens the library of <see cref="FoldersFor"/>.</summary>
    /// <exception cref="NoticeException">when a template does not read, or a translation does not match its English.</exception>
    public static NoticeLibrary Open(string stacksRoot, string jurisdiction, string? dataFolder) =>
        Open(FoldersFor(stacksRoot, jurisdiction, dataFolder));

    /// <summary>Opens the templates of <paramref name="folders"/>, a later folder's file replacing an earlier one's.</summary>
    /// <exception cref="NoticeException">when a template does not read, or a translation does not match its English.</exception>
    public static NoticeLibrary Open(IEnumerable<string> folders)
    {
        var templates = new Dictionary<string, Dictionary<string, NoticeTemplate>>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, PhraseBook>(StringComparer.Ordinal);
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var dir in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                var isPhrases = System.IO.Path.GetFileName(dir) == PhrasesFolder;
                foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
                {
                    if (isPhrases)
                    {
                        var book = TemplateReader.ReadPhrases(file);
                        phrases[book.Language] = book;
                    }
                    else
                    {
                        var t = TemplateReader.ReadTemplate(file);
                        if (!templates.TryGetValue(t.Notice, out var byLanguage))
                            templates[t.Notice] = byLanguage = new(StringComparer.Ordinal);
                        byLanguage[t.Language] = t;
                    }
                }
            }
        }
        foreach (var (notice, byLanguage) in templates)
        {
            if (!byLanguage.TryGetValue(English, out var english))
                throw new NoticeException($"{System.IO.Path.GetDirectoryName(byLanguage.Values.First().Path)}: notice {notice} has no English template ({English}.json), the authoritative text");
            foreach (var t in byLanguage.Values.Where(t => t.Language != English))
                Match(t, english);
        }
        if (templates.Count > 0 && !phrases.ContainsKey(English))
            throw new NoticeException($"no English phrase book ({FolderName}/{PhrasesFolder}/{English}.json) in {string.Join(", ", folders)}");
        if (phrases.TryGetValue(English, out var englishPhrases))
            foreach (var book in phrases.Values)
                foreach (var key in book.Phrases.Keys.Where(k => !englishPhrases.Phrases.ContainsKey(k)))
                    throw new NoticeException($"{book.Path}: phrases.{key}: the English phrase book has no such phrase");
        return new NoticeLibrary(templates, phrases);
    }

    private static void Match(NoticeTemplate t, NoticeTemplate english)
    {
        if (t.Blocks.Count != english.Blocks.Count)
            throw new NoticeException($"{t.Path}: blocks: the English template has {english.Blocks.Count} blocks, this translation {t.Blocks.Count}: a translation has the English blocks, one for one");
        for (var i = 0; i < t.Blocks.Count; i++)
            if (t.Blocks[i].Kind != english.Blocks[i].Kind)
                throw new NoticeException($"{t.Path}: blocks[{i}].kind: the English block is a {english.Blocks[i].Kind.ToString().ToLowerInvariant()}, this one a {t.Blocks[i].Kind.ToString().ToLowerInvariant()}");
    }

    /// <summary>Every notice the library holds, by name.</summary>
    public IEnumerable<string> Notices => _templates.Keys.Order(StringComparer.Ordinal);

    /// <summary>
    /// The notices a case calls for: those whose English template names one of the case's duties
    /// (obligation rules), and those for every case.
    /// </summary>
    public IReadOnlyList<string> CalledFor(IEnumerable<string> duties)
    {
        var set = duties.ToHashSet(StringComparer.Ordinal);
        return [.. _templates.Where(t => t.Value[English].Duties.Any(d => d == NoticeTemplate.EveryCase || set.Contains(d))).Select(t => t.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>The English template of a notice, or null when the library has no such notice.</summary>
    public NoticeTemplate? EnglishOf(string notice) => _templates.TryGetValue(notice, out var t) ? t[English] : null;

    /// <summary>The languages of a notice, English first.</summary>
    public IReadOnlyList<NoticeLanguage> LanguagesOf(string notice)
    {
        if (!_templates.TryGetValue(notice, out var byLanguage))
            return [];
        var english = byLanguage[English];
        return [.. byLanguage.Values.OrderBy(t => t.Language == English ? 0 : 1).ThenBy(t => t.Language, StringComparer.Ordinal)
            .Select(t => new NoticeLanguage(t.Language, t.Version, t.Review.Status, NeedsEnglishBeside(t, english), t.Digest))];
    }

    /// <summary>
    /// The template of <paramref name="notice"/> in <paramref name="language"/> (a BCP 47 tag; <c>zh-Hant</c>
    /// falls back to <c>zh</c>), or null when the library has neither.
    /// </summary>
    public NoticeTemplate? Find(string notice, string language)
    {
        if (!_templates.TryGetValue(notice, out var byLanguage))
            return null;
        foreach (var tag in Fallbacks(language))
            if (byLanguage.TryGetValue(tag, out var t))
                return t;
        return null;
    }

    /// <summary>The phrase book of a language (its fallback tag too), or the English one.</summary>
    public PhraseBook Phrases(string language)
    {
        foreach (var tag in Fallbacks(language))
            if (_phrases.TryGetValue(tag, out var book))
                return book;
        return _phrases[English];
    }

    /// <summary>
    /// Whether a template prints with the English beside it: a translation not reviewed or certified,
    /// or one that translates an older English version than the one in force.
    /// </summary>
    public static bool NeedsEnglishBeside(NoticeTemplate t, NoticeTemplate english) =>
        t.Language != English && (t.Review.Status == ReviewStatus.Unreviewed || t.Translates != english.Version);

    /// <summary>A language tag in the form the files are named: lower case, then each shorter prefix (<c>zh-hant-tw</c>, <c>zh-hant</c>, <c>zh</c>).</summary>
    private static IEnumerable<string> Fallbacks(string language)
    {
        var parts = language.Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        for (var n = parts.Length; n > 0; n--)
        {
            // A script subtag is written as files name it (zh-Hant); other subtags lower case.
            yield return string.Join('-', parts.Take(n).Select((p, i) => i == 0 ? p.ToLowerInvariant() : p.Length == 4 ? char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant() : p.ToLowerInvariant()));
        }
    }
}
