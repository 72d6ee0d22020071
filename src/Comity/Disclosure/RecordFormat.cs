namespace Comity.Disclosure;

/// <summary>The export formats the firewall cuts.</summary>
public enum RecordFormat
{
    /// <summary>RFC 4180 CSV, UTF-8, a header line naming the fields, LF or CR LF line ends.</summary>
    Csv,

    /// <summary>JSON Lines: one JSON object per line, UTF-8; its top-level properties are the fields.</summary>
    JsonLines,
}

public static class RecordFormats
{
    public static string Name(RecordFormat format) => format == RecordFormat.Csv ? "csv" : "jsonl";

    public static bool TryParse(string name, out RecordFormat format)
    {
        format = name.ToLowerInvariant() switch
        {
            "csv" => RecordFormat.Csv,
            "jsonl" or "ndjson" => RecordFormat.JsonLines,
            _ => (RecordFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    /// <summary>The format a file's name says: <c>.csv</c>, <c>.jsonl</c> or <c>.ndjson</c>; null otherwise.</summary>
    public static RecordFormat? FromFileName(string path) =>
        TryParse(Path.GetExtension(path).TrimStart('.'), out var format) ? format : null;
}
