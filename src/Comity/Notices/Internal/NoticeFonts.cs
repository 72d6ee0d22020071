using PdfSharp.Fonts;

namespace Comity.Notices.Internal;

/// <summary>
/// The fonts notices are printed in, from Debian's font packages: DejaVu Sans (fonts-dejavu-core)
/// for Latin scripts, Vietnamese included, Droid Sans Fallback (fonts-droid-fallback) for Chinese
/// and Nanum Gothic (fonts-nanum) for Korean, which Droid lacks. Not Noto CJK: PDFsharp embeds
/// TrueType outlines, and Noto CJK's are CFF. A folder named by COMITY_FONTS is searched first. PDFsharp takes one resolver per process,
/// set before its first font is used: <see cref="Install"/> does so once.
/// </summary>
internal sealed class NoticeFonts : IFontResolver
{
    public const string Latin = "Comity Latin";
    public const string Han = "Comity Han";
    public const string Hangul = "Comity Hangul";

    /// <summary>The scripts a notice's text is cut into, each printed in its own face.</summary>
    public enum Script { Latin, Han, Hangul }

    private static readonly (string Face, string Package, string[] Files)[] Faces =
    [
        ("latin", "fonts-dejavu-core", ["DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]),
        ("han", "fonts-droid-fallback", ["DroidSansFallbackFull.ttf", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"]),
        ("hangul", "fonts-nanum", ["NanumGothic.ttf", "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"]),
        ("hangul-bold", "fonts-nanum", ["NanumGothicBold.ttf", "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"]),
    ];

    private static readonly Lock Gate = new();
    private static bool _installed;
    private readonly Dictionary<string, byte[]> _loaded = [];

    /// <summary>Makes sure the fonts exist and PDFsharp uses them.</summary>
    /// <exception cref="NoticeException">when a font file is missing, naming the Debian package that has it.</exception>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
                return;
            var resolver = new NoticeFonts();
            foreach (var (face, package, files) in Faces)
                resolver._loaded[face] = File.ReadAllBytes(Locate(files, package));
            GlobalFontSettings.FontResolver = resolver;
            _installed = true;
        }
    }

    private static string Locate(string[] files, string package)
    {
        var folder = Environment.GetEnvironmentVariable("COMITY_FONTS");
        if (!string.IsNullOrEmpty(folder) && File.Exists(Path.Combine(folder, files[0])))
            return Path.Combine(folder, files[0]);
        foreach (var f in files.Skip(1))
            if (File.Exists(f))
                return f;
        throw new NoticeException($"the font {files[0]} was not found (in $COMITY_FONTS or {string.Join(", ", files.Skip(1))}): install the Debian package {package}");
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => familyName switch
    {
        // Bold is DejaVu Sans thickened, not DejaVu Sans Bold: in a PDF written by PDFsharp the
        // bold face lost the second accent of Vietnamese letters ("ễ" printed as "ê"); the regular keeps them.
        Latin => new FontResolverInfo("latin", isBold, false),
        // Droid has no bold face: PDFsharp thickens the strokes.
        Han => new FontResolverInfo("han", isBold, false),
        Hangul => new FontResolverInfo(isBold ? "hangul-bold" : "hangul"),
        _ => null,
    };

    public byte[]? GetFont(string faceName) => _loaded.TryGetValue(faceName, out var bytes) ? bytes : null;

    /// <summary>
    /// The face a character is printed in: Hangul (syllables, jamo, compatibility jamo), Han (CJK
    /// ideographs, kana, CJK punctuation, full-width forms), else Latin.
    /// </summary>
    public static Script Of(char c) => c switch
    {
        >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F' or >= '\uA960' and <= '\uA97F' or >= '\uAC00' and <= '\uD7FF' => Script.Hangul,
        >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFFEF' => Script.Han,
        _ => Script.Latin,
    };

    public static string Family(Script script) => script switch
    {
        Script.Han => Han,
        Script.Hangul => Hangul,
        _ => Latin,
    };
}
