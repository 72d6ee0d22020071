using System.Text.Json;
using Comity.Contract;

namespace Comity.Scenarios;

/// <summary>
/// Reads scenario files: each a JSON array of objects with <c>name</c>, <c>reason</c>,
/// <c>citation</c>, <c>request</c> (contract v1) and <c>expect</c> (<c>outcome</c>, and optionally
/// <c>layers</c>, <c>data</c>, <c>citations</c>, <c>decidedBy</c>, <c>flags</c>, <c>obligations</c>
/// that must be present, and <c>absent</c>: <c>flags</c> and <c>obligations</c> that must not be).
/// Errors name the file and the JSON path, as request errors do.
/// </summary>
public static class ScenarioReader
{
    public sealed class ScenarioException(string message) : Exception(message);

    public static IReadOnlyList<Scenario> ReadFolder(string directory)
    {
        if (!Directory.Exists(directory))
            throw new ScenarioException($"{directory}: no such folder");
        return Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).SelectMany(ReadFile).ToList();
    }

    public static IReadOnlyList<Scenario> ReadFile(string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new ScenarioException($"{path}: $: expected an array of scenarios");
            var list = new List<Scenario>();
            var i = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                try
                {
                    list.Add(Read(path, i, e));
                }
                catch (InvalidOperationException x)
                {
                    // A string the JSON parser accepts but that is no text (a lone surrogate escape, "\ud800").
                    throw new ScenarioException($"{path}: $[{i}]: {x.Message}");
                }
                i++;
            }
            return list;
        }
    }

    private static Scenario Read(string file, int index, JsonElement e)
    {
        var at = $"$[{index}]";
        string Text(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw Fail(file, $"{at}.{name}", "required string is missing");
        foreach (var p in e.EnumerateObject())
            if (p.Name is not ("name" or "reason" or "citation" or "request" or "expect"))
                throw Fail(file, $"{at}.{p.Name}", "unknown property; expected name, reason, citation, request, expect");
        if (!e.TryGetProperty("request", out var requestJson))
            throw Fail(file, $"{at}.request", "required request is missing");
        var read = GuardedRequestReader.Read(JsonSerializer.SerializeToUtf8Bytes(requestJson));
        if (!read.Ok)
            throw new ScenarioException(string.Join(Environment.NewLine,
                read.Errors.Select(error => $"{file}: {at}.request{error.Path[1..]}: {error.Message}")));
        if (!e.TryGetProperty("expect", out var expect) || expect.ValueKind != JsonValueKind.Object)
            throw Fail(file, $"{at}.expect", "required object is missing");
        return new Scenario(file, index, Text("name"), Text("reason"), Text("citation"), read.Request!, ReadExpect(file, $"{at}.expect", expect));
    }

    private static Expectation ReadExpect(string file, string at, JsonElement e)
    {
        Outcome? outcome = null;
        var layers = new Dictionary<string, Outcome?>();
        var data = new Dictionary<DataItem, Outcome>();
        List<string> citations = [], decidedBy = [], obligations = [], absentObligations = [];
        List<Flag> flags = [], absentFlags = [];
        foreach (var p in e.EnumerateObject())
        {
            var path = $"{at}.{p.Name}";
            switch (p.Name)
            {
                case "outcome": outcome = Parse(file, path, p.Value, Vocabularies.Outcomes); break;
                case "layers":
                    foreach (var l in Object(file, path, p.Value))
                        layers[l.Name] = l.Value.ValueKind == JsonValueKind.Null ? null : Parse(file, $"{path}.{l.Name}", l.Value, Vocabularies.Outcomes);
                    break;
                case "data":
                    foreach (var d in Object(file, path, p.Value))
                    {
                        if (!Vocabularies.DataItems.TryParse(d.Name, out var item))
                            throw Fail(file, $"{path}.{d.Name}", $"not a data item; expected {Vocabularies.DataItems.Expected}");
                        data[item] = Parse(file, $"{path}.{d.Name}", d.Value, Vocabularies.Outcomes);
                    }
                    break;
                case "citations": citations = Strings(file, path, p.Value); break;
                case "decidedBy": decidedBy = Strings(file, path, p.Value); break;
                case "obligations": obligations = Strings(file, path, p.Value); break;
                case "flags": flags = Flags(file, path, p.Value); break;
                case "absent":
                    foreach (var a in Object(file, path, p.Value))
                        switch (a.Name)
                        {
                            case "flags": absentFlags = Flags(file, $"{path}.flags", a.Value); break;
                            case "obligations": absentObligations = Strings(file, $"{path}.obligations", a.Value); break;
                            default: throw Fail(file, $"{path}.{a.Name}", "unknown property; expected flags, obligations");
                        }
                    break;
                default:
                    throw Fail(file, path, "unknown property; expected outcome, layers, data, citations, decidedBy, flags, obligations, absent");
            }
        }
        return new Expectation
        {
            Outcome = outcome ?? throw Fail(file, $"{at}.outcome", "required outcome is missing"),
            Layers = layers, Data = data, Citations = citations, DecidedBy = decidedBy, Flags = flags, Obligations = obligations,
            AbsentFlags = absentFlags, AbsentObligations = absentObligations,
        };
    }

    private static List<Flag> Flags(string file, string path, JsonElement v) =>
        Strings(file, path, v).Select((f, i) =>
            Vocabularies.Flags.TryParse(f, out var flag) ? flag : throw Fail(file, $"{path}[{i}]", $"\"{f}\" is not a flag; expected {Vocabularies.Flags.Expected}")).ToList();

    private static T Parse<T>(string file, string path, JsonElement v, Vocabulary<T> vocabulary) where T : struct, Enum =>
        v.ValueKind == JsonValueKind.String && vocabulary.TryParse(v.GetString()!, out var value)
            ? value
            : throw Fail(file, path, $"expected {vocabulary.Expected}");

    private static JsonElement.ObjectEnumerator Object(string file, string path, JsonElement v) =>
        v.ValueKind == JsonValueKind.Object ? v.EnumerateObject() : throw Fail(file, path, "expected an object");

    private static List<string> Strings(string file, string path, JsonElement v) =>
        v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String)
            ? v.EnumerateArray().Select(x => x.GetString()!).ToList()
            : throw Fail(file, path, "expected an array of strings");

    private static ScenarioException Fail(string file, string path, string message) => new($"{file}: {path}: {message}");
}
