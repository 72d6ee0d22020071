using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Comity.Ledger;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: properties sorted by their UTF-16 code units, no white
/// space, strings with the fewest escapes, numbers as ECMAScript prints them. Two parties who
/// parse the same JSON value write the same bytes, so a hash of an entry can be recomputed from
/// any faithful copy of it. Input must be I-JSON: duplicate property names, lone surrogates and
/// numbers beyond double precision are refused.
/// </summary>
public static class JsonCanonicalizer
{
    public static byte[] Canonicalize(ReadOnlySpan<byte> json)
    {
        var output = new ArrayBufferWriter<byte>(json.Length + 16);
        Canonicalize(json, output);
        return output.WrittenSpan.ToArray();
    }

    public static void Canonicalize(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 128 });
        using var document = JsonDocument.ParseValue(ref reader);
        if (reader.BytesConsumed < json.Length && !json[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).IsEmpty)
            throw new FormatException("trailing data after the JSON value");
        Write(document.RootElement, output, "$");
    }

    public static void Write(JsonElement element, IBufferWriter<byte> output) => Write(element, output, "$");

    private static void Write(JsonElement element, IBufferWriter<byte> output, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<JsonProperty>();
                foreach (var property in element.EnumerateObject())
                    properties.Add(property);
                properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                output.Write("{"u8);
                for (var i = 0; i < properties.Count; i++)
                {
                    if (i > 0)
                    {
                        if (properties[i].Name == properties[i - 1].Name)
                            throw new FormatException($"{path}: property \"{properties[i].Name}\" appears twice");
                        output.Write(","u8);
                    }
                    WriteString(properties[i].Name, output, path);
                    output.Write(":"u8);
                    Write(properties[i].Value, output, $"{path}.{properties[i].Name}");
                }
                output.Write("}"u8);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index > 0)
                        output.Write(","u8);
                    Write(item, output, $"{path}[{index++}]");
                }
                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output, path);
                break;
            case JsonValueKind.Number:
                var number = element.GetDouble();
                if (!double.IsFinite(number))
                    throw new FormatException($"{path}: the number is out of range");
                WriteAscii(FormatNumber(number), output);
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            default:
                output.Write("null"u8);
                break;
        }
    }

    /// <summary>A JSON string as RFC 8785 writes it: only '"', '\' and control characters escaped.</summary>
    public static void WriteString(string value, IBufferWriter<byte> output, string path = "$")
    {
        var escapes = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x20 || c == '"' || c == '\\')
                escapes++;
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                throw new FormatException($"{path}: the string holds a lone surrogate, which I-JSON forbids");
        }
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length) + escapes * 6 + 2);
        var n = 0;
        span[n++] = (byte)'"';
        if (escapes == 0)
            n += Encoding.UTF8.GetBytes(value, span[n..]);
        else
        {
            var start = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c >= 0x20 && c != '"' && c != '\\')
                    continue;
                n += Encoding.UTF8.GetBytes(value.AsSpan(start, i - start), span[n..]);
                start = i + 1;
                span[n++] = (byte)'\\';
                switch (c)
                {
                    case '"': span[n++] = (byte)'"'; break;
                    case '\\': span[n++] = (byte)'\\'; break;
                    case '\b': span[n++] = (byte)'b'; break;
                    case '\f': span[n++] = (byte)'f'; break;
                    case '\n': span[n++] = (byte)'n'; break;
                    case '\r': span[n++] = (byte)'r'; break;
                    case '\t': span[n++] = (byte)'t'; break;
                    default:
                        span[n++] = (byte)'u';
                        span[n++] = (byte)'0';
                        span[n++] = (byte)'0';
                        span[n++] = (byte)"0123456789abcdef"[c >> 4];
                        span[n++] = (byte)"0123456789abcdef"[c & 0xF];
                        break;
                }
            }
            n += Encoding.UTF8.GetBytes(value.AsSpan(start), span[n..]);
        }
        span[n++] = (byte)'"';
        output.Advance(n);
    }

    /// <summary>ECMAScript's Number.prototype.toString for a finite double (RFC 8785 §3.2.2.3).</summary>
    public static string FormatNumber(double value)
    {
        if (value == 0)
            return "0";
        // .NET's "R" is the shortest string that round-trips, as ECMAScript requires; only the layout differs.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        if (negative)
            r = r[1..];
        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }
        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? r : r[..dot] + r[(dot + 1)..];
        var pointAt = (dot < 0 ? r.Length : dot) + exponent; // value = 0.digits × 10^pointAt once leading zeros go
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        pointAt -= leading;
        var k = digits.Length;
        var n = pointAt;
        string text;
        if (k <= n && n <= 21)
            text = digits + new string('0', n - k);
        else if (0 < n && n <= 21)
            text = digits[..n] + "." + digits[n..];
        else if (-6 < n && n <= 0)
            text = "0." + new string('0', -n) + digits;
        else
        {
            var exp = n - 1;
            var sign = exp < 0 ? "-" : "+";
            text = (k == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + sign + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
        }
        return negative ? "-" + text : text;
    }

    private static void WriteAscii(string text, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
            span[i] = (byte)text[i];
        output.Advance(text.Length);
    }
}
