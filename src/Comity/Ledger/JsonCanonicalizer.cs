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
/// <para>
/// The input is read once into a flat list of tokens; output copies the input's own bytes
/// wherever they are already canonical (unescaped strings, plain integers), so canonicalizing
/// costs little more than sorting each object's properties.
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
        var tokens = ArrayPool<Token>.Shared.Rent(Math.Max(16, json.Length / 4));
        var source = ArrayPool<byte>.Shared.Rent(json.Length);
        try
        {
            json.CopyTo(source);
            var count = Tokenize(json, ref tokens);
            var end = Write(source, tokens, 0, output);
            if (end != count)
                throw new FormatException("trailing data after the JSON value");
        }
        finally
        {
            ArrayPool<Token>.Shared.Return(tokens);
            ArrayPool<byte>.Shared.Return(source);
        }
    }

    /// <summary>One token: where it is in the input, and for containers the index just past their end.</summary>
    private struct Token
    {
        public JsonTokenType Type;
        public bool Escaped;
        public int Start;
        public int Length;
        public int Next;
    }

    private static int Tokenize(ReadOnlySpan<byte> json, ref Token[] tokens)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 128 });
        Span<int> open = stackalloc int[129];
        var depth = 0;
        var count = 0;
        while (reader.Read())
        {
            if (count == tokens.Length)
            {
                var grown = ArrayPool<Token>.Shared.Rent(tokens.Length * 2);
                tokens.AsSpan(0, count).CopyTo(grown);
                ArrayPool<Token>.Shared.Return(tokens);
                tokens = grown;
            }
            ref var t = ref tokens[count];
            t.Type = reader.TokenType;
            t.Escaped = reader.ValueIsEscaped;
            t.Start = (int)reader.TokenStartIndex + (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? 1 : 0);
            t.Length = reader.ValueSpan.Length;
            t.Next = count + 1;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    open[depth++] = count;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    tokens[open[--depth]].Next = count + 1;
                    break;
            }
            count++;
        }
        return count;
    }

    /// <summary>Writes the value starting at token <paramref name="i"/>; returns the index just past it.</summary>
    private static int Write(byte[] json, Token[] tokens, int i, IBufferWriter<byte> output)
    {
        var t = tokens[i];
        switch (t.Type)
        {
            case JsonTokenType.StartObject:
                WriteObject(json, tokens, i, output);
                return t.Next;
            case JsonTokenType.StartArray:
                output.Write("["u8);
                var index = 0;
                for (var item = i + 1; tokens[item].Type != JsonTokenType.EndArray; index++)
                {
                    if (index > 0)
                        output.Write(","u8);
                    item = Write(json, tokens, item, output);
                }
                output.Write("]"u8);
                return t.Next;
            case JsonTokenType.String:
                WriteString(json, tokens, i, output);
                return t.Next;
            case JsonTokenType.Number:
                WriteNumber(json.AsSpan(t.Start, t.Length), output, tokens, i, json);
                return t.Next;
            case JsonTokenType.True:
                output.Write("true"u8);
                return t.Next;
            case JsonTokenType.False:
                output.Write("false"u8);
                return t.Next;
            default:
                output.Write("null"u8);
                return t.Next;
        }
    }

    private readonly record struct Property(int NameToken, string? Name, int ValueToken);

    private static void WriteObject(byte[] json, Token[] tokens, int start, IBufferWriter<byte> output)
    {
        var properties = new List<Property>();
        for (var p = start + 1; tokens[p].Type != JsonTokenType.EndObject; p = tokens[p + 1].Next)
        {
            var name = tokens[p];
            var raw = json.AsSpan(name.Start, name.Length);
            // Names that are plain ASCII compare as bytes exactly as they do as UTF-16; the rest are decoded.
            properties.Add(new Property(p, name.Escaped || !Ascii.IsValid(raw) ? Unescape(raw, name.Escaped) : null, p + 1));
        }
        properties.Sort((a, b) => Compare(json, tokens, a, b));
        output.Write("{"u8);
        for (var k = 0; k < properties.Count; k++)
        {
            var property = properties[k];
            var name = tokens[property.NameToken];
            var raw = json.AsSpan(name.Start, name.Length);
            if (k > 0)
            {
                if (Compare(json, tokens, properties[k - 1], property) == 0)
                    throw new FormatException($"{PathOf(json, tokens, start)}: property \"{property.Name ?? Encoding.UTF8.GetString(raw)}\" appears twice");
                output.Write(","u8);
            }
            WriteString(json, tokens, property.NameToken, output);
            output.Write(":"u8);
            Write(json, tokens, property.ValueToken, output);
        }
        output.Write("}"u8);
    }

    private static int Compare(byte[] json, Token[] tokens, Property a, Property b)
    {
        if (a.Name is null && b.Name is null)
            return json.AsSpan(tokens[a.NameToken].Start, tokens[a.NameToken].Length).SequenceCompareTo(json.AsSpan(tokens[b.NameToken].Start, tokens[b.NameToken].Length));
        var left = a.Name ?? Encoding.UTF8.GetString(json, tokens[a.NameToken].Start, tokens[a.NameToken].Length);
        var right = b.Name ?? Encoding.UTF8.GetString(json, tokens[b.NameToken].Start, tokens[b.NameToken].Length);
        return string.CompareOrdinal(left, right);
    }

    private static string Unescape(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
            return Encoding.UTF8.GetString(raw);
        var quoted = new byte[raw.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        raw.CopyTo(quoted.AsSpan(1));
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>Writes the string (or property name) at token <paramref name="i"/>.</summary>
    private static void WriteString(byte[] json, Token[] tokens, int i, IBufferWriter<byte> output)
    {
        var raw = json.AsSpan(tokens[i].Start, tokens[i].Length);
        // Unescaped JSON string content holds no quote, backslash or control character, and the
        // reader has checked its UTF-8: it is already canonical.
        if (!tokens[i].Escaped)
        {
            output.Write("\""u8);
            output.Write(raw);
            output.Write("\""u8);
            return;
        }
        var value = Unescape(raw, escaped: true);
        if (HasLoneSurrogate(value))
            throw new FormatException($"{PathOf(json, tokens, i)}: the string holds a lone surrogate, which I-JSON forbids");
        WriteString(value, output);
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

    /// <summary>The JSON path of token <paramref name="target"/>, worked out only when an error needs it.</summary>
    private static string PathOf(byte[] json, Token[] tokens, int target)
    {
        var path = new StringBuilder("$");
        var at = 0;
        while (at != target)
        {
            if (tokens[at].Type == JsonTokenType.StartObject)
            {
                for (var p = at + 1; tokens[p].Type != JsonTokenType.EndObject; p = tokens[p + 1].Next)
                {
                    if (target == p)
                        return path.ToString();
                    if (target >= p + 1 && target < tokens[p + 1].Next)
                    {
                        path.Append('.').Append(Unescape(json.AsSpan(tokens[p].Start, tokens[p].Length), tokens[p].Escaped));
                        at = p + 1;
                        break;
                    }
                }
            }
            else if (tokens[at].Type == JsonTokenType.StartArray)
            {
                var index = 0;
                for (var item = at + 1; tokens[item].Type != JsonTokenType.EndArray; item = tokens[item].Next, index++)
                {
                    if (target >= item && target < tokens[item].Next)
                    {
                        path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                        at = item;
                        break;
                    }
                }
            }
            else
                break;
        }
        return path.ToString();
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
        var start = 0;
        for (var i = 0; i < value.Length && escapes > 0; i++)
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
        output.Advance(n);
    }

    private static void WriteNumber(ReadOnlySpan<byte> raw, IBufferWriter<byte> output, Token[] tokens, int i, byte[] json)
    {
        // A plain integer of at most 15 digits, no leading zero, no "-0": ECMAScript prints it as it is.
        var digits = raw[0] == '-' ? raw[1..] : raw;
        if (digits.Length is > 0 and <= 15 && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 && (digits[0] != '0' || raw.Length == 1))
        {
            output.Write(raw);
            return;
        }
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new FormatException($"{PathOf(json, tokens, i)}: the number {Encoding.UTF8.GetString(raw)} is out of range");
        output.Write(Encoding.ASCII.GetBytes(FormatNumber(value)));
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
