using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Comity.Tests.Fuzz.Support;

/// <summary>
/// Mutated decision requests: a real request (<see cref="Seeds.Requests"/>), changed first in its
/// structure (a value swapped for one of another type or an extreme one, a property removed,
/// renamed or nested thousands deep), then in its bytes (flips, truncations, deletions, inserted
/// byte-order marks, lone surrogate escapes, broken UTF-8, stray JSON punctuation). Every change
/// takes its place as a fraction of the input, so that shrinking keeps failures small.
/// </summary>
public static class RequestMutants
{
    /// <summary>Values put in place of a value of the request: other types, extremes, text that is no text.</summary>
    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => null, () => true, () => false, () => 0, () => -1, () => 1.5, () => 1e308, () => long.MaxValue,
        () => "", () => " ", () => "x", () => LoneSurrogate, () => "x" + LoneSurrogate, () => "a\u0000b", () => "\uFEFF",
        () => new string('z', 70_000), () => "2025-02-30", () => "0000-01-01", () => "9999-12-31T23:59:59+14:00",
        () => new JsonArray(), () => new JsonObject(), () => new JsonArray(JsonValue.Create("hold")),
        () => new JsonObject { ["x"] = 1 }, () => Deep(200),
        () => new JsonArray(Enumerable.Range(0, 2000).Select(_ => (JsonNode)new JsonObject { ["code"] = "PC 211", ["level"] = "felony", ["date"] = "2019-01-01" }).ToArray()),
    ];

    /// <summary>Bytes put into a request: byte-order marks, surrogate escapes, broken UTF-8, punctuation, nesting.</summary>
    private static readonly byte[][] Insertions =
    [
        [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], .. new[]
        {
            "\\ud800", "\\udfff", "\\ud800\\u0041", "\\udc00\\ud800", "\\u0000", "\\", "\"", "{", "}", "[", "]", ",", ":", "null",
            "1e999", "-0", "99999999999999999999999", "\t", "\r", "/*", "//", "\"id\":\"dup\",", "\"act\":1,",
        }.Select(Encoding.UTF8.GetBytes),
        [0xC3], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00], [0x7F],
        Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)),
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000)),
    ];

    /// <summary>One change, at a place given as a fraction of the nodes or bytes of the input.</summary>
    private abstract record Change(double Where);
    private sealed record Replace(double Where, int With) : Change(Where);
    private sealed record Remove(double Where) : Change(Where);
    private sealed record Rename(double Where, int To) : Change(Where);
    private sealed record SwapString(double Where, int To) : Change(Where);
    private sealed record FlipByte(double Where, byte To) : Change(Where);
    private sealed record FlipBit(double Where, int Bit) : Change(Where);
    private sealed record Truncate(double Where) : Change(Where);
    private sealed record Delete(double Where, int Length) : Change(Where);
    private sealed record Insert(double Where, int What) : Change(Where);
    private sealed record IntoString(double Where, int What) : Change(Where);

    /// <summary>
    /// Stands for a lone surrogate in a replacement: System.Text.Json refuses to write one, so it
    /// goes in as this string and becomes the escape <c>\ud800</c> in the bytes.
    /// </summary>
    private const string LoneSurrogate = "LONE-SURROGATE-ESCAPE";

    private static readonly JsonSerializerOptions Writing = new() { MaxDepth = 4096 };

    private static readonly Gen<double> Where = Gen.Double[0, 1];

    private static readonly Gen<Change> Structural = Gen.Frequency(
        (3, Gen.Select(Where, Gen.Int[0, Replacements.Length - 1], (w, i) => (Change)new Replace(w, i))),
        (1, Where.Select(w => (Change)new Remove(w))),
        (1, Gen.Select(Where, Gen.Int[0, 1000], (w, i) => (Change)new Rename(w, i))),
        (3, Gen.Select(Where, Gen.Int[0, 100_000], (w, i) => (Change)new SwapString(w, i))));

    private static readonly Gen<Change> Textual = Gen.Frequency(
        (2, Gen.Select(Where, Gen.Byte, (w, b) => (Change)new FlipByte(w, b))),
        (1, Gen.Select(Where, Gen.Int[0, 7], (w, b) => (Change)new FlipBit(w, b))),
        (1, Where.Select(w => (Change)new Truncate(w))),
        (1, Gen.Select(Where, Gen.Int[1, 40], (w, n) => (Change)new Delete(w, n))),
        (2, Gen.Select(Where, Gen.Int[0, Insertions.Length - 1], (w, i) => (Change)new Insert(w, i))),
        (2, Gen.Select(Where, Gen.Int[0, 5], (w, i) => (Change)new IntoString(w, i))));

    /// <summary>A seed with up to two structural and up to three byte changes; now and then none at all (a valid request).</summary>
    public static readonly Gen<byte[]> Requests = Gen.Select(
        Gen.Int[0, Seeds.Requests.Count - 1], Structural.Array[0, 2], Textual.Array[0, 3],
        (seed, structure, bytes) => Apply(Seeds.Requests[seed], structure, bytes));

    /// <summary>The same, made to fit on one line of JSON Lines: line ends become spaces.</summary>
    public static readonly Gen<byte[]> Lines = Requests.Select(r => r.Select(b => b is (byte)'\n' or (byte)'\r' ? (byte)' ' : b).ToArray());

    private static byte[] Apply(string seed, Change[] structure, Change[] bytes)
    {
        var root = JsonNode.Parse(seed)!;
        foreach (var change in structure)
            root = Restructure(root, change);
        var text = Encoding.UTF8.GetBytes(root.ToJsonString(Writing).Replace(LoneSurrogate, "\\ud800", StringComparison.Ordinal)).ToList();
        foreach (var change in bytes)
            Mutate(text, change);
        return [.. text];
    }

    private static int At(double where, int count) => ByteEdits.At(where, count);

    private static JsonNode Restructure(JsonNode root, Change change)
    {
        var nodes = Seeds.Nodes(root).ToList();
        var node = nodes[At(change.Where, nodes.Count)];
        switch (change)
        {
            case Replace r when node.Parent is null:
                return Replacements[r.With]() ?? JsonValue.Create(0)!;
            case Replace r:
                Set(node, Replacements[r.With]());
                break;
            case Remove when node.Parent is JsonObject o:
                o.Remove(node.GetPropertyName());
                break;
            case Remove when node.Parent is JsonArray a:
                a.Remove(node);
                break;
            case Rename r when node.Parent is JsonObject o && node.GetPropertyName().Length > 1:
                var name = node.GetPropertyName();
                o.Remove(name);
                o[r.To % 3 == 0 ? name.ToUpperInvariant() : r.To % 3 == 1 ? name + "s" : name[..^1]] = node;
                break;
            case SwapString s when node is JsonValue && node.Parent is not null:
                Set(node, Seeds.Strings[s.To % Seeds.Strings.Count]);
                break;
        }
        return root;
    }

    private static void Set(JsonNode node, JsonNode? value)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = value;
                break;
            case JsonArray a:
                a[node.GetElementIndex()] = value;
                break;
        }
    }

    private static void Mutate(List<byte> text, Change change)
    {
        if (text.Count == 0)
            return;
        switch (change)
        {
            case FlipByte f:
                ByteEdits.Replace(text, f.Where, f.To);
                break;
            case FlipBit f:
                text[At(f.Where, text.Count)] ^= (byte)(1 << f.Bit);
                break;
            case Truncate t:
                ByteEdits.Truncate(text, t.Where);
                break;
            case Delete d:
                ByteEdits.Delete(text, d.Where, d.Length);
                break;
            case Insert i:
                text.InsertRange(i.Where < 0.1 ? 0 : At(i.Where, text.Count), Insertions[i.What]);
                break;
            case IntoString s:
                // Just inside a string: after a quote, where an escape is read as text.
                var quotes = Enumerable.Range(0, text.Count).Where(k => text[k] == '"').ToList();
                if (quotes.Count > 0)
                    text.InsertRange(quotes[At(s.Where, quotes.Count)] + 1, Insertions[2 + s.What]);
                break;
        }
    }

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
            node = new JsonArray(node);
        return node;
    }
}
