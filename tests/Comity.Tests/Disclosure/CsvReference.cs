using System.Text;

namespace Comity.Tests.Disclosure;

/// <summary>
/// RFC 4180 CSV read one character at a time, the plainest way: the reference the firewall's
/// vectorised scanner is checked against. It reports the first error with its line and column
/// under the scanner's conventions (a ragged record at its first character; a stray quote, a bare
/// CR at that character; an unclosed quote where it opened; junk after a closing quote where the
/// junk is).
/// </summary>
public static class CsvReference
{
    /// <summary>The cut of <paramref name="text"/> keeping <paramref name="keep"/>'s columns, or the first error's "line:column".</summary>
    public static (string? Output, string? ErrorAt) Cut(string text, Func<string, bool> keep)
    {
        if (text.StartsWith('\uFEFF'))
            text = text[1..];
        var records = new List<(List<string> Raw, List<string> Values, string Terminator, int Line, int Column)>();
        var (pos, line, lineStart) = (0, 1, 0);
        string At(int p) => $"{line}:{p - lineStart + 1}";
        while (pos < text.Length)
        {
            var (recordLine, recordColumn) = (line, pos - lineStart + 1);
            var raw = new List<string>();
            var values = new List<string>();
            string? terminator = null;
            while (terminator is null)
            {
                var start = pos;
                var value = new StringBuilder();
                if (pos < text.Length && text[pos] == '"')
                {
                    var (openLine, openColumn) = (line, pos - lineStart + 1);
                    pos++;
                    while (true)
                    {
                        if (pos >= text.Length)
                            return (null, $"{openLine}:{openColumn}");
                        if (text[pos] == '"')
                        {
                            if (pos + 1 < text.Length && text[pos + 1] == '"')
                            {
                                value.Append('"');
                                pos += 2;
                                continue;
                            }
                            pos++;
                            break;
                        }
                        if (text[pos] == '\n')
                            (line, lineStart) = (line + 1, pos + 1);
                        value.Append(text[pos++]);
                    }
                    if (pos < text.Length && text[pos] is not (',' or '\n' or '\r'))
                        return (null, At(pos));
                }
                else
                {
                    while (pos < text.Length && text[pos] is not (',' or '\n' or '\r'))
                    {
                        if (text[pos] == '"')
                            return (null, At(pos));
                        value.Append(text[pos++]);
                    }
                }
                raw.Add(text[start..pos]);
                values.Add(value.ToString());
                if (pos >= text.Length)
                    terminator = "";
                else if (text[pos] == ',')
                    pos++;
                else if (text[pos] == '\n')
                    (terminator, pos, line, lineStart) = ("\n", pos + 1, line + 1, pos + 1);
                else if (pos + 1 < text.Length && text[pos + 1] == '\n')
                    (terminator, pos, line, lineStart) = ("\r\n", pos + 2, line + 1, pos + 2);
                else
                    return (null, At(pos));
            }
            if (records.Count > 0 && raw.Count != records[0].Raw.Count)
                return (null, $"{recordLine}:{recordColumn}");
            records.Add((raw, values, terminator, recordLine, recordColumn));
        }
        if (records.Count == 0)
            return (null, "1:1");
        var header = records[0];
        var kept = Enumerable.Range(0, header.Values.Count).Where(k => keep(header.Values[k])).ToList();
        if (kept.Count == 0)
            return ("", null);
        var newline = header.Terminator == "\r\n" ? "\r\n" : "\n";
        var output = new StringBuilder();
        foreach (var r in records)
            output.Append(string.Join(',', kept.Select(k => r.Raw[k]))).Append(newline);
        return (output.ToString(), null);
    }
}
