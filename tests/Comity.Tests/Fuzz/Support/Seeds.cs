using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Tests.Support;

namespace Comity.Tests.Fuzz.Support;

/// <summary>
/// What the fuzzers start from: real inputs of the repository, so that most mutants are one or two
/// changes away from something valid and reach deep into each door instead of failing at byte 0.
/// </summary>
public static class Seeds
{
    /// <summary>Every request of every scenario under stacks/ and every example request, as compact JSON.</summary>
    public static IReadOnlyList<string> Requests { get; } = LoadRequests();

    /// <summary>Every string value in <see cref="Requests"/>: vocabulary words, dates, codes, to swap in for one another.</summary>
    public static IReadOnlyList<string> Strings { get; } = Requests
        .SelectMany(r => Nodes(JsonNode.Parse(r)!))
        .Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
        .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Each node of a JSON tree, the root first.</summary>
    public static IEnumerable<JsonNode> Nodes(JsonNode root)
    {
        yield return root;
        IEnumerable<JsonNode?> children = root switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var n in Nodes(child))
                yield return n;
    }

    private static string[] LoadRequests()
    {
        var requests = new List<string>();
        foreach (var file in Directory.GetFiles(RepoRoot.Combine("stacks"), "*.json", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "scenarios").Order(StringComparer.Ordinal))
        {
            using var scenarios = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var scenario in scenarios.RootElement.EnumerateArray())
                requests.Add(JsonNode.Parse(scenario.GetProperty("request").GetRawText())!.ToJsonString());
        }
        foreach (var file in Directory.GetFiles(RepoRoot.Combine("examples"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var node = JsonNode.Parse(File.ReadAllBytes(file));
            if (node is JsonObject o && o.ContainsKey("act"))
                requests.Add(o.ToJsonString());
        }
        Assert.True(requests.Count > 100, $"expected the scenarios' requests as seeds, found {requests.Count}");
        return [.. requests];
    }

    /// <summary>The text of a rule file, for the law fuzzer.</summary>
    public static string Law(string relative) => File.ReadAllText(RepoRoot.Combine(relative));

    /// <summary>Shows a fuzzed input in a failure message: printable, escaped, cut short.</summary>
    public static string Show(byte[] input)
    {
        var text = new StringBuilder();
        foreach (var b in input.Take(2000))
            text.Append(b is >= 0x20 and < 0x7F && b != '\\' ? ((char)b).ToString() : $"\\x{b:X2}");
        if (input.Length > 2000)
            text.Append($"... ({input.Length} bytes)");
        return text.ToString();
    }
}
