using System.Globalization;
using Comity.Documents;
using Comity.Notices;

namespace Comity.Server.Web;

/// <summary>The words of a case's papers: the notices' languages and review status, and documents' kinds and sizes.</summary>
public static class Papers
{
    /// <summary>A language's own name, to be read by the person it is for.</summary>
    public static string LanguageName(string tag) => tag switch
    {
        "en" => "English",
        "es" => "Español",
        "zh" => "中文",
        "tl" => "Tagalog",
        "vi" => "Tiếng Việt",
        "ko" => "한국어",
        _ => tag,
    };

    /// <summary>The language in English, for staff.</summary>
    public static string LanguageInEnglish(string tag) => tag switch
    {
        "en" => "English",
        "es" => "Spanish",
        "zh" => "Chinese",
        "tl" => "Tagalog",
        "vi" => "Vietnamese",
        "ko" => "Korean",
        _ => tag,
    };

    public static string Review(NoticeLanguage l) => l.Review switch
    {
        ReviewStatus.Authoritative => "the authoritative text",
        ReviewStatus.Certified => "certified translation",
        ReviewStatus.Reviewed => "reviewed translation",
        _ => l.EnglishBeside ? "unreviewed translation: prints with the English beside it" : "unreviewed translation",
    };

    public static string Kind(string mediaType) => mediaType switch
    {
        MediaTypes.Pdf => "PDF",
        MediaTypes.Png => "PNG image",
        MediaTypes.Jpeg => "JPEG image",
        MediaTypes.Tiff => "TIFF image",
        _ => mediaType,
    };

    /// <summary>Whether a browser shows the kind as a picture on the page (TIFF it does not).</summary>
    public static bool Pictured(string mediaType) => mediaType is MediaTypes.Png or MediaTypes.Jpeg;

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB"),
    };

    /// <summary>An identity fact as the intake form asks it.</summary>
    public static string Fact(string fact) => fact switch
    {
        "name" => "Name",
        "dateOfBirth" => "Date of birth",
        "aNumber" => "A-number",
        "bookingNumber" => "Booking number",
        "fbiNumber" => "FBI number",
        "ciiNumber" => "CII number",
        _ => fact,
    };
}
