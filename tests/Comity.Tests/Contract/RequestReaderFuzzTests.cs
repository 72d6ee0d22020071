using System.Text;
using System.Text.Json.Nodes;
using Comity.Contract;
using CsCheck;

namespace Comity.Tests.Contract;

/// <summary>
/// Random mutations of a valid request never make the reader throw: every text is either a
/// request or a list of contract errors, each at a JSON path. The mutations cut, repeat and
/// overwrite bytes and insert the pieces that have broken readers before (lone surrogate escapes,
/// byte-order marks, deep brackets, stray quotes and commas).
/// </summary>
public sealed class RequestReaderFuzzTests
{
    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(RequestJson.Full().ToJsonString());

    private static readonly byte[][] Pieces =
    [
        .. new[]
        {
            "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\\", "\"", ",", ":", "{", "}", "[", "]", "null", "true", "-0", "1e999",
            "\"\":", "\"x\":1,", new string('[', 40), new string('{', 20), "\"receivedAt\":\"2025-03-14\",", "\"identity\":{},",
        }.Select(Encoding.UTF8.GetBytes),
        [0xEF, 0xBB, 0xBF],
        [0xC3],
        [0xFF],
        [0xED, 0xA0, 0x80],
    ];

    private sealed record Mutation(int Kind, int At, int Length, int Piece);

    private static readonly Gen<Mutation> OneMutation =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Int[1, 12], Gen.Int[0, Pieces.Length - 1], (k, a, l, p) => new Mutation(k, a, l, p));

    private static byte[] Apply(byte[] text, Mutation m)
    {
        var at = text.Length == 0 ? 0 : m.At % (text.Length + 1);
        var length = Math.Min(m.Length, text.Length - at);
        return m.Kind switch
        {
            0 => [.. text[..at], .. text[(at + length)..]],                                   // cut
            1 => [.. text[..at], .. Pieces[m.Piece], .. text[at..]],                           // insert a piece
            2 => [.. text[..at], .. text[at..(at + length)], .. text[at..]],                   // repeat a stretch
            3 => [.. text[..at], .. Pieces[m.Piece], .. text[(at + length)..]],               // overwrite with a piece
            _ => at < text.Length ? [.. text[..at], (byte)(text[at] ^ (1 << (m.Length % 8))), .. text[(at + 1)..]] : text, // flip a bit
        };
    }

    [Fact]
    public void Mutated_requests_are_read_or_refused_with_paths_never_thrown_on()
    {
        var refused = 0;
        OneMutation.Array[1, 6].Sample(mutations =>
        {
            var text = mutations.Aggregate(Valid, Apply);

            var result = RequestReader.Read(text);

            Assert.True(result.Ok == (result.Request is not null));
            Assert.True(result.Ok || result.Errors.Count > 0, "refused without an error");
            Assert.All(result.Errors, e => Assert.StartsWith("$", e.Path, StringComparison.Ordinal));
            Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
            if (!result.Ok)
                Interlocked.Increment(ref refused);
        }, iter: 10_000, threads: 1);

        Assert.True(refused > 1_000, $"only {refused} of 10,000 mutations were refused: the mutations hardly touch the request");
    }

    [Fact]
    public void Any_JSON_value_put_anywhere_in_a_request_is_read_or_refused_never_thrown_on()
    {
        var paths = Paths(RequestJson.Full(), "").ToArray();
        var values = Gen.OneOf(
            Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : null),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Const(0).Select(_ => (JsonNode?)null),
            Gen.Const(0).Select(_ => (JsonNode?)new JsonArray()),
            Gen.Const(0).Select(_ => (JsonNode?)new JsonObject()));

        Gen.Select(Gen.Int[0, paths.Length - 1], values).Sample((index, value) =>
        {
            var request = RequestJson.Full().With(paths[index], value);

            var result = RequestReader.Read(request.ToJsonString());

            Assert.True(result.Ok || result.Errors.Count > 0);
            Assert.All(result.Errors, e => Assert.StartsWith("$", e.Path, StringComparison.Ordinal));
        }, iter: 5_000, threads: 1);
    }

    /// <summary>Every property path of a request (<c>subject.convictions[0].code</c>).</summary>
    private static IEnumerable<string> Paths(JsonNode node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                    yield return path;
                    if (child is not null)
                        foreach (var p in Paths(child, path))
                            yield return p;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is JsonObject item)
                        foreach (var p in Paths(item, $"{prefix}[{i}]"))
                            yield return p;
                break;
        }
    }
}
