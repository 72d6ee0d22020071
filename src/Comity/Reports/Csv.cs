using System.Text;

namespace Comity.Reports;

/// <summary>RFC 4180 CSV as reports.md section 8 asks: UTF-8 without byte-order mark, CRLF, a field quoted only when it must be.</summary>
public static class Csv
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var b = new StringBuilder(Line(header));
        foreach (var row in rows)
            b.Append(Line(row));
        return Utf8.GetBytes(b.ToString());
    }

    public static byte[] Write(ReportTable table, bool exact) =>
        Write(table.Header, table.Shown(exact).Select(r => r.Values.Select(v => exact ? v.Exact : v.Public)));
}
