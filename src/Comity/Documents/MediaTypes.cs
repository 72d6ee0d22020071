namespace Comity.Documents;

/// <summary>
/// What kind of file a document is, read from its first bytes (its "magic number"), never from its
/// name or from what the sender says it is: a PDF (<c>%PDF-</c>), a PNG, a JPEG or a TIFF image,
/// the forms in which a detainer, a warrant or a letter arrives by fax, scan or e-mail.
/// </summary>
public static class MediaTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Tiff = "image/tiff";

    /// <summary>What the kinds accepted are, for a message.</summary>
    public const string Expected = "a PDF, or a PNG, JPEG or TIFF image";

    /// <summary>The media type <paramref name="content"/> begins as; null when none of those accepted.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith("%PDF-"u8) ? Pdf
        : content.StartsWith(PngMagic) ? Png
        : content.StartsWith(JpegMagic) ? Jpeg
        : content.StartsWith(TiffLittleEndian) || content.StartsWith(TiffBigEndian) ? Tiff
        : null;

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> TiffLittleEndian => [0x49, 0x49, 0x2A, 0x00];
    private static ReadOnlySpan<byte> TiffBigEndian => [0x4D, 0x4D, 0x00, 0x2A];

    /// <summary>The file name extension a download of <paramref name="mediaType"/> takes.</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        Pdf => "pdf",
        Png => "png",
        Jpeg => "jpg",
        Tiff => "tif",
        _ => "bin",
    };
}
