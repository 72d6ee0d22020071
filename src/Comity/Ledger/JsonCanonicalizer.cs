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
/// The input is read once (System.Text.Json's reader checks it) into a flat list of tokens. While
/// reading, each object and array learns whether its bytes are canonical already: no white space,
/// no escapes, only plain integers, every object's plain-ASCII names in strictly ascending order
/// (which also rules out duplicates). Such a value is copied as it is, in one move; only the
/// others are taken apart, sorted and written token by token. Input written by a canonical or
/// sorted writer costs one validating read and a copy.
/// </para>
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>The most bytes ECMAScript's form of a number can add to the input's spelling of it ("1e20" becomes 21 digits; "-1.2345678901234567e+308" is the longest).</summary>
    private const int NumberGrowth = 24;

    public static byte[] Canonicalize(ReadOnlySpan<byte> json)
    {
        var output = new ArrayBufferWriter<byte>(json.Length + 16);
        Canonicalize(json, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes the canonical form of <paramref name="json"/>; a FormatException or JsonException says what is not I-JSON and where.</summary>
    public static void Canonicalize(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        // I-JSON text is UTF-8; the reader below does not check the bytes inside strings.
        var invalid = Utf8Validation.FirstInvalid(json);
        if (invalid >= 0)
            throw new FormatException($"byte {invalid} (0x{json[invalid]:X2}) is not valid UTF-8, which I-JSON requires");
        var tokens = ArrayPool<Token>.Shared.Rent(Math.Max(16, json.Length / 8));
        byte[]? source = null;
        try
        {
            var (count, numbers) = Tokenize(json, ref tokens);
            // Canonical strings are never longer than their input (escapes only shrink or stay),
            // white space only goes: only numbers can grow.
            var destination = output.GetSpan(json.Length + numbers * NumberGrowth + 1);
            if (tokens[0].Canonical)
            {
                json.Slice(tokens[0].Start, tokens[0].Length).CopyTo(destination);
                output.Advance(tokens[0].Length);
                return;
            }
            // Sorting needs the bytes in an array (a comparer cannot hold a span).
            source = ArrayPool<byte>.Shared.Rent(json.Length);
            json.CopyTo(source);
            var written = 0;
            var end = Write(source, tokens, 0, destination, ref written);
            if (end != count)
                throw new FormatException("trailing data after the JSON value");
            output.Advance(written);
        }
        finally
        {
            ArrayPool<Token>.Shared.Return(tokens);
            if (source is not null)
                ArrayPool<byte>.Shared.Return(source);
        }
    }

    /// <summary>
    /// One token: where it is in the input, and for containers the index just past their end.
    /// Strings and names: <see cref="Start"/> after the opening quote, <see cref="Length"/> of the
    /// content; a name is <see cref="Canonical"/> when it is plain ASCII without escapes (its bytes
    /// then sort as its UTF-16 code units do). Objects and arrays: <see cref="Start"/> at the
    /// bracket, <see cref="Length"/> up to and with the closing one, <see cref="Canonical"/> when
    /// those bytes are canonical as they are.
    /// </summary>
    private struct Token
    {
        public JsonTokenType Type;
        public bool Escaped;
        public bool Canonical;
        public int Start;
        public int Length;
        public int Next;
    }

    /// <summary>What reading needs to know of each open object or array.</summary>
    private struct Open
    {
        public int Token;
        public bool Altered; // some byte inside is not canonical as it is
        public int LastName; // token of the previous property name in an object, -1 before the first
    }

    private static (int Count, int Numbers) Tokenize(ReadOnlySpan<byte> json, ref Token[] tokens)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 128 });
        Span<Open> open = stackalloc Open[129];
        var depth = 0;
        var count = 0;
        var numbers = 0;
        long previousEnd = 0;
        var previousType = JsonTokenType.None;
        while (reader.Read())
        {
            if (count == tokens.Length)
            {
                var grown = ArrayPool<Token>.Shared.Rent(tokens.Length * 2);
                tokens.AsSpan(0, count).CopyTo(grown);
                ArrayPool<Token>.Shared.Return(tokens);
                tokens = grown;
            }
            var type = reader.TokenType;
            var tokenStart = reader.TokenStartIndex;
            ref var t = ref tokens[count];
            t.Type = type;
            t.Escaped = reader.ValueIsEscaped;
            t.Canonical = false;
            t.Next = count + 1;
            if (depth > 0)
            {
                // Between two tokens the reader allows white space and one separator (',' or ':'):
                // the input is compact exactly where the gap is the separator alone.
                var separator = type is JsonTokenType.EndObject or JsonTokenType.EndArray || previousType is JsonTokenType.StartObject or JsonTokenType.StartArray ? 0 : 1;
                if (tokenStart - previousEnd != separator)
                    open[depth - 1].Altered = true;
            }
            switch (type)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    t.Start = (int)tokenStart;
                    open[depth++] = new Open { Token = count, LastName = -1 };
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var closed = open[--depth];
                    ref var container = ref tokens[closed.Token];
                    container.Next = count + 1;
                    container.Length = (int)tokenStart + 1 - container.Start;
                    container.Canonical = !closed.Altered;
                    if (closed.Altered && depth > 0)
                        open[depth - 1].Altered = true;
                    break;
                case JsonTokenType.PropertyName:
                    t.Start = (int)tokenStart + 1;
                    t.Length = reader.ValueSpan.Length;
                    ref var parent = ref open[depth - 1];
                    // Plain ASCII names compare as bytes exactly as they do as UTF-16 code units.
                    var name = json.Slice(t.Start, t.Length);
                    t.Canonical = !t.Escaped && name.IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0;
                    if (!t.Canonical || (parent.LastName >= 0 && json.Slice(tokens[parent.LastName].Start, tokens[parent.LastName].Length).SequenceCompareTo(name) >= 0))
                        parent.Altered = true;
                    parent.LastName = count;
                    break;
                case JsonTokenType.String:
                    t.Start = (int)tokenStart + 1;
                    t.Length = reader.ValueSpan.Length;
                    if (t.Escaped && depth > 0)
                        open[depth - 1].Altered = true;
                    break;
                case JsonTokenType.Number:
                    t.Start = (int)tokenStart;
                    t.Length = reader.ValueSpan.Length;
                    numbers++;
                    if (!IsPlainInteger(json.Slice(t.Start, t.Length)) && depth > 0)
                        open[depth - 1].Altered = true;
                    break;
                default:
                    t.Start = (int)tokenStart;
                    t.Length = reader.ValueSpan.Length;
                    break;
            }
            previousEnd = reader.BytesConsumed;
            previousType = type;
            count++;
        }
        return (count, numbers);
    }

    /// <summary>A plain integer of at most 15 digits, no leading zero, no "-0": ECMAScript prints it as it is.</summary>
    private static bool IsPlainInteger(ReadOnlySpan<byte> raw)
    {
        var digits = raw[0] == '-' ? raw[1..] : raw;
        return digits.Length is > 0 and <= 15 && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 && (digits[0] != '0' || raw.Length == 1);
    }

    /// <summary>Writes the value starting at token <paramref name="i"/>; returns the index just past it.</summary>
    private static int Write(byte[] json, Token[] tokens, int i, Span<byte> output, ref int n)
    {
        var t = tokens[i];
        switch (t.Type)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray when t.Canonical:
                Put(json.AsSpan(t.Start, t.Length), output, ref n);
                return t.Next;
            case JsonTokenType.StartObject:
                WriteObject(json, tokens, i, output, ref n);
                return t.Next;
            case JsonTokenType.StartArray:
                output[n++] = (byte)'[';
                for (var item = i + 1; tokens[item].Type != JsonTokenType.EndArray;)
                {
                    if (item > i + 1)
                        output[n++] = (byte)',';
                    item = Write(json, tokens, item, output, ref n);
                }
                output[n++] = (byte)']';
                return t.Next;
            case JsonTokenType.String:
                WriteString(json, tokens, i, output, ref n);
                return t.Next;
            case JsonTokenType.Number:
                WriteNumber(json, tokens, i, output, ref n);
                return t.Next;
            case JsonTokenType.True:
                Put("true"u8, output, ref n);
                return t.Next;
            case JsonTokenType.False:
                Put("false"u8, output, ref n);
                return t.Next;
            default:
                Put("null"u8, output, ref n);
                return t.Next;
        }
    }

    private static void Put(ReadOnlySpan<byte> bytes, Span<byte> output, ref int n)
    {
        bytes.CopyTo(output[n..]);
        n += bytes.Length;
    }

    private static void WriteObject(byte[] json, Token[] tokens, int start, Span<byte> output, ref int n)
    {
        var count = 0;
        for (var p = start + 1; tokens[p].Type != JsonTokenType.EndObject; p = tokens[p + 1].Next)
            count++;
        // Objects are small: their name tokens are sorted on the stack, by insertion (one
        // comparison per property when they are in order already). Names that are not plain
        // ASCII are decoded once, kept by their token.
        int[]? large = null;
        var properties = count <= 64 ? stackalloc int[count] : (large = new int[count]);
        Dictionary<int, string>? decoded = null;
        var k = 0;
        for (var p = start + 1; tokens[p].Type != JsonTokenType.EndObject; p = tokens[p + 1].Next)
        {
            if (!tokens[p].Canonical)
                (decoded ??= [])[p] = Unescape(json.AsSpan(tokens[p].Start, tokens[p].Length), tokens[p].Escaped);
            properties[k++] = p;
        }
        if (large is not null)
            Array.Sort(large, (a, b) => Compare(json, tokens, decoded, a, b));
        else
        {
            for (var i = 1; i < count; i++)
            {
                var (p, j) = (properties[i], i - 1);
                for (; j >= 0 && Compare(json, tokens, decoded, properties[j], p) > 0; j--)
                    properties[j + 1] = properties[j];
                properties[j + 1] = p;
            }
        }
        output[n++] = (byte)'{';
        for (k = 0; k < count; k++)
        {
            var property = properties[k];
            if (k > 0)
            {
                if (Compare(json, tokens, decoded, properties[k - 1], property) == 0)
                    throw new FormatException($"{PathOf(json, tokens, start)}: property \"{Unescape(json.AsSpan(tokens[property].Start, tokens[property].Length), tokens[property].Escaped)}\" appears twice");
                output[n++] = (byte)',';
            }
            WriteString(json, tokens, property, output, ref n);
            output[n++] = (byte)':';
            Write(json, tokens, property + 1, output, ref n);
        }
        output[n++] = (byte)'}';
    }

    /// <summary>
    /// Orders two property names (tokens <paramref name="a"/> and <paramref name="b"/>) by their
    /// UTF-16 code units. Plain ASCII names compare as bytes; <paramref name="decoded"/> holds the
    /// others, by token.
    /// </summary>
    private static int Compare(byte[] json, Token[] tokens, Dictionary<int, string>? decoded, int a, int b)
    {
        if (tokens[a].Canonical && tokens[b].Canonical)
            return json.AsSpan(tokens[a].Start, tokens[a].Length).SequenceCompareTo(json.AsSpan(tokens[b].Start, tokens[b].Length));
        return string.CompareOrdinal(Name(json, tokens, decoded, a), Name(json, tokens, decoded, b));
    }

    private static string Name(byte[] json, Token[] tokens, Dictionary<int, string>? decoded, int token) =>
        decoded is not null && decoded.TryGetValue(token, out var name) ? name : Encoding.UTF8.GetString(json, tokens[token].Start, tokens[token].Length);

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
    private static void WriteString(byte[] json, Token[] tokens, int i, Span<byte> output, ref int n)
    {
        var raw = json.AsSpan(tokens[i].Start, tokens[i].Length);
        // Unescaped JSON string content holds no quote, backslash or control character, and its
        // UTF-8 was checked on the way in: it is already canonical.
        if (!tokens[i].Escaped)
        {
            output[n++] = (byte)'"';
            Put(raw, output, ref n);
            output[n++] = (byte)'"';
            return;
        }
        var value = Unescape(raw, escaped: true);
        if (HasLoneSurrogate(value))
            throw new FormatException($"{PathOf(json, tokens, i)}: the string holds a lone surrogate, which I-JSON forbids");
        n += WriteString(value, output[n..]);
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
    private static string PathOf(ReadOnlySpan<byte> json, Token[] tokens, int target)
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
                        path.Append('.').Append(Unescape(json.Slice(tokens[p].Start, tokens[p].Length), tokens[p].Escaped));
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

    /// <summary>A JSON string as RFC 8785 writes it: only '"', '\\' and control characters escaped.</summary>
    public static void WriteString(string value, IBufferWriter<byte> output, string path = "$")
    {
        if (HasLoneSurrogate(value))
            throw new FormatException($"{path}: the string holds a lone surrogate, which I-JSON forbids");
        output.Advance(WriteString(value, output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length) * 2 + 2)));
    }

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

    private static void WriteNumber(byte[] json, Token[] tokens, int i, Span<byte> output, ref int n)
    {
        var raw = json.AsSpan(tokens[i].Start, tokens[i].Length);
        if (IsPlainInteger(raw))
        {
            Put(raw, output, ref n);
            return;
        }
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new FormatException($"{PathOf(json, tokens, i)}: the number {Encoding.UTF8.GetString(raw)} is out of range");
        n += Encoding.ASCII.GetBytes(FormatNumber(value), output[n..]);
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
