using System.Buffers;
using System.Text;
using System.Text.Json;
using Comity.Ledger;

namespace Comity.Tests.Ledger;

/// <summary>
/// The canonicalizer must give RFC 8785's bytes whatever the input's layout. Checked against a
/// reference written separately (parse, sort names by UTF-16 code units, write strings and numbers
/// as RFC 8785 does) on many generated documents, written sorted and unsorted, compact and indented.
/// </summary>
public sealed class CanonicalizerTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[true,false,null],"c":{"d":"e"}}""")]
    [InlineData("""[{"a":"x"},[],{},"é",-5,0]""")]
    [InlineData("""{"":0,"A":1,"a":2}""")]
    public void Canonical_input_comes_back_byte_for_byte(string json)
    {
        Assert.Equal(json, Canonical(json));
    }

    [Theory]
    [InlineData("""{"a":1, "b":2}""", """{"a":1,"b":2}""")]
    [InlineData("""{"a":[1 ,2]}""", """{"a":[1,2]}""")]
    [InlineData("""{"a" :1}""", """{"a":1}""")]
    [InlineData("""{"a":{"b":1.0}}""", """{"a":{"b":1}}""")]
    [InlineData("""{"a":{"b":1e2,"c":-0}}""", """{"a":{"b":100,"c":0}}""")]
    [InlineData("""{"a":{"b":"\u0041\/"}}""", """{"a":{"b":"A/"}}""")]
    [InlineData("""{"a":{"c":1,"b":2}}""", """{"a":{"b":2,"c":1}}""")]
    [InlineData("""{"\u0061":{"b":2}}""", """{"a":{"b":2}}""")]
    [InlineData("""{"b":{"y":1,"z":2},"a":[{"q":1,"p":2}]}""", """{"a":[{"p":2,"q":1}],"b":{"y":1,"z":2}}""")]
    [InlineData("""{"a":1,"é":2,"z":3}""", """{"a":1,"z":3,"é":2}""")]
    [InlineData("""{"a":{"\ufb33":1,"😀":2}}""", "{\"a\":{\"😀\":2,\"\uFB33\":1}}")]
    public void What_is_not_canonical_is_rewritten_however_little_differs(string json, string expected)
    {
        Assert.Equal(expected, Canonical(json));
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"x":{"a":1,"a":2}}""")]
    [InlineData("""{"x":{"b":1,"a":2,"b":3}}""")]
    [InlineData("""{"x":{"a":1,"\u0061":2}}""")]
    public void Duplicate_names_are_refused_in_order_or_not(string json)
    {
        var error = Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("appears twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, (byte)'(', (byte)'"', (byte)'}' }, 6)]
    [InlineData(new byte[] { (byte)'[', (byte)'"', 0xFF, (byte)'"', (byte)']' }, 2)]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xE2, 0x82, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, 2)]
    public void Text_that_is_not_UTF8_is_refused_with_the_place_of_the_first_bad_byte(byte[] json, int bad)
    {
        var error = Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(json));
        Assert.StartsWith($"byte {bad} (0x{json[bad]:X2}) is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_documents_canonicalize_as_the_reference_does()
    {
        var random = new Random(8785);
        for (var i = 0; i < 2000; i++)
        {
            var document = Generate(random, depth: 0);
            foreach (var (sorted, indented) in new[] { (true, false), (false, false), (true, true), (false, true) })
            {
                var json = Write(document, sorted, indented, random);
                Assert.Equal(Reference(json), Canonical(json));
            }
        }
    }

    [Fact]
    public void Objects_too_large_to_sort_on_the_stack_sort_the_same()
    {
        var names = Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? $"é{i}" : i % 3 == 1 ? $"\\u00{i % 100 + 100:x}{i}" : $"k{i}").ToList();
        var shuffled = names.OrderBy(n => n.GetHashCode(StringComparison.Ordinal)).ToList();
        var json = "{" + string.Join(",", shuffled.Select((n, i) => $"\"{n}\":{i}")) + "}";
        Assert.Equal(Reference(json), Canonical(json));
    }

    private static string Canonical(string json) => Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));

    /// <summary>RFC 8785 the slow, obvious way.</summary>
    private static string Reference(string json)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var document = JsonDocument.Parse(json))
            WriteReference(document.RootElement, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void WriteReference(JsonElement element, ArrayBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                output.Write("{"u8);
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                        output.Write(","u8);
                    first = false;
                    JsonCanonicalizer.WriteString(property.Name, output);
                    output.Write(":"u8);
                    WriteReference(property.Value, output);
                }
                output.Write("}"u8);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                        output.Write(","u8);
                    WriteReference(item, output);
                }
                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                JsonCanonicalizer.WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                output.Write(Encoding.ASCII.GetBytes(JsonCanonicalizer.FormatNumber(element.GetDouble())));
                break;
            default:
                output.Write(Encoding.UTF8.GetBytes(element.GetRawText()));
                break;
        }
    }

    private static readonly string[] Names = ["a", "b", "id", "rule", "text", "Z", "é", "\u20ac", "😀", "\ufb33", "a\"b", "line\nbreak", ""];
    private static readonly string[] Strings = ["", "plain", "tab\there", "quote\"", "back\\slash", "é", "😀", "\u0001", "</script>"];
    private static readonly object[] Numbers = [0, 1, -7, 123456789012345L, 1234567890123456L, 1.5, -0.25, 1e21, 1e-7, 333333333.33333329];

    private static object? Generate(Random random, int depth)
    {
        var pick = depth >= 4 ? random.Next(4) : random.Next(6);
        switch (pick)
        {
            case 0: return Strings[random.Next(Strings.Length)];
            case 1: return Numbers[random.Next(Numbers.Length)];
            case 2: return random.Next(3) switch { 0 => true, 1 => false, _ => null };
            case 3: return Strings[random.Next(Strings.Length)] + random.Next(100);
            case 4:
                return Enumerable.Range(0, random.Next(4)).Select(_ => Generate(random, depth + 1)).ToList();
            default:
                var properties = new Dictionary<string, object?>();
                for (var i = random.Next(6); i > 0; i--)
                    properties[Names[random.Next(Names.Length)]] = Generate(random, depth + 1);
                return properties;
        }
    }

    /// <summary>Writes a generated value, names in order or shuffled, escaping some characters that need no escape.</summary>
    private static string Write(object? value, bool sorted, bool indented, Random random)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, Encoder = random.Next(2) == 0 ? System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping : System.Text.Encodings.Web.JavaScriptEncoder.Default }))
            WriteValue(writer, value, sorted, random);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, bool sorted, Random random)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string s: writer.WriteStringValue(s); break;
            case int n: writer.WriteNumberValue(n); break;
            case long n: writer.WriteNumberValue(n); break;
            case double d: writer.WriteNumberValue(d); break;
            case List<object?> items:
                writer.WriteStartArray();
                foreach (var item in items)
                    WriteValue(writer, item, sorted, random);
                writer.WriteEndArray();
                break;
            case Dictionary<string, object?> properties:
                writer.WriteStartObject();
                var order = sorted ? properties.OrderBy(p => p.Key, StringComparer.Ordinal) : properties.OrderBy(_ => random.Next());
                foreach (var (name, item) in order)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, item, sorted, random);
                }
                writer.WriteEndObject();
                break;
        }
    }
}
