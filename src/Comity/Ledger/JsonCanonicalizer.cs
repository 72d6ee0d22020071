using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Comity.Contract;

namespace Comity.Ledger;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: properties sorted by their UTF-16 code units, no white
/// space, strings with the fewest escapes, numbers as ECMAScript prints them. Two parties who
/// parse the same JSON value write the same bytes, so a hash of an entry can be recomputed from
/// any faithful copy of it. Input must be I-JSON: duplicate property names, lone surrogates and
/// numbers beyond double precision are refused.
/// <para>
/// Written the obvious way: System.Text.Json parses the value (and checks it), and it is written
/// back node by node. (An earlier version copied already-canonical values in one move; session 7
/// measured it against this one: docs/benchmarks.md, "Speed code earns its place".)
/// </para>
/// </summary>
public static class JsonCanonicalizer
{
    public static byte[] Canonicalize(ReadOnlySpan<byte> json)
    {
        var output = new ArrayBufferWriter<byte>(json.Length + 16);
        Canonicalize(json, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes the canonical form of <paramref name="json"/>; a FormatException or JsonException says what is not I-JSON and where.</summary>
    public static void Canonicalize(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        // I-JSON text is UTF-8; System.Text.Json does not check the bytes inside strings.
        var invalid = Utf8Validation.FirstInvalid(json);
        if (invalid >= 0)
            throw new FormatException($"byte {invalid} (0x{json[invalid]:X2}) is not valid UTF-8, which I-JSON requires");
        using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 128 });
        Write(document.RootElement, output, []);
    }

    /// <summary>One step of the path to a value: a property's name, or an item's index when the name is null.</summary>
    private readonly record struct Step(string? Name, int Index);

    private static void Write(JsonElement element, IBufferWriter<byte> output, List<Step> path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output, path);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index > 0)
                        output.Write(","u8);
                    path.Add(new Step(null, index++));
                    Write(item, output, path);
                    path.RemoveAt(path.Count - 1);
                }
                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteText(StringOf(element, path), output);
                break;
            case JsonValueKind.Number:
                var value = element.GetDouble();
                if (!double.IsFinite(value))
                    throw new FormatException($"{PathOf(path)}: the number {element.GetRawText()} is out of range");
                output.Write(Encoding.ASCII.GetBytes(FormatNumber(value)));
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

    /// <summary>Properties sorted by their names' UTF-16 code units (ordinal string order); a name given twice is refused.</summary>
    private static void WriteObject(JsonElement element, IBufferWriter<byte> output, List<Step> path)
    {
        var properties = new List<(string Name, JsonElement Value)>();
        foreach (var property in element.EnumerateObject())
            properties.Add((NameOf(property, path), property.Value));
        properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        output.Write("{"u8);
        for (var k = 0; k < properties.Count; k++)
        {
            var (name, value) = properties[k];
            if (k > 0)
            {
                if (name == properties[k - 1].Name)
                    throw new FormatException($"{PathOf(path)}: property \"{name}\" appears twice");
                output.Write(","u8);
            }
            path.Add(new Step(name, 0));
            WriteText(name, output);
            output.Write(":"u8);
            Write(value, output, path);
            path.RemoveAt(path.Count - 1);
        }
        output.Write("}"u8);
    }

    // System.Text.Json refuses to read a string or name holding a lone surrogate, which I-JSON forbids too.
    private static string StringOf(JsonElement element, List<Step> path)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw LoneSurrogate(path);
        }
    }

    private static string NameOf(JsonProperty property, List<Step> path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw LoneSurrogate(path);
        }
    }

    private static FormatException LoneSurrogate(List<Step> path) => new($"{PathOf(path)}: the string holds a lone surrogate, which I-JSON forbids");

    /// <summary>The JSON path of a value, e.g. $.answer.reasons[2], worked out only when an error needs it.</summary>
    private static string PathOf(List<Step> path)
    {
        var text = new StringBuilder("$");
        foreach (var step in path)
        {
            if (step.Name is null)
                text.Append('[').Append(step.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else
                text.Append('.').Append(step.Name);
        }
        return text.ToString();
    }

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(value[i]))
                return true;
        }
        return false;
    }

    /// <summary>A JSON string as RFC 8785 writes it: only '"', '\\' and control characters escaped.</summary>
    public static void WriteString(string value, IBufferWriter<byte> output, string path = "$")
    {
        if (HasLoneSurrogate(value))
            throw new FormatException($"{path}: the string holds a lone surrogate, which I-JSON forbids");
        WriteText(value, output);
    }

    /// <summary>Writes a string free of lone surrogates as RFC 8785 does.</summary>
    private static void WriteText(string value, IBufferWriter<byte> output) =>
        output.Advance(WriteString(value, output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length) * 2 + 2)));

    /// <summary>Writes <paramref name="value"/> (free of lone surrogates) as RFC 8785 does; returns the bytes written. UTF-8 with escapes is never longer than the JSON input it was read from.</summary>
    private static int WriteString(string value, Span<byte> span)
    {
        var n = 0;
        span[n++] = (byte)'"';
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
        span[n++] = (byte)'"';
        return n;
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
}
