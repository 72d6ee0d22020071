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

    /// <summary>The records of a CSV file this class wrote (RFC 4180: quoted fields, doubled quotes, CRLF or LF).</summary>
    public static List<string[]> Read(byte[] bytes)
    {
        var text = Utf8.GetString(bytes);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"')
                    field.Append(text[++i]);
                else
                    quoted = false;
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add([.. fields]);
                    fields.Clear();
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }
        return records;
    }
}
