using System.Text.Json.Nodes;
using Comity.Contract;

namespace Comity.Tests.Support;

/// <summary>
/// Builds requests from a minimal valid JSON template and JSON overrides merged into it: objects
/// merge property by property, anything else replaces; a null override removes the property.
/// The result goes through <see cref="RequestReader"/>, so every test request honours the contract.
/// </summary>
public static class Req
{
    /// <summary>A hold request from ICE to an LAPD law-enforcement unit, received 2025-03-14.</summary>
    public const string Template = """
        {
          "receivedAt": "2025-03-14",
          "actor": { "unit": "lapd", "kind": "law-enforcement" },
          "requester": { "agency": "ice-ero" },
          "act": "hold",
          "purpose": "civil-immigration",
          "document": { "type": "i-247a" }
        }
        """;

    /// <summary>The template with <paramref name="overrides"/> (a JSON object) merged in.</summary>
    public static DecisionRequest With(string overrides = "{}") => Read(Json(overrides));

    /// <summary>The JSON text of the template with the overrides merged in.</summary>
    public static string Json(string overrides = "{}")
    {
        var root = JsonNode.Parse(Template)!.AsObject();
        Merge(root, JsonNode.Parse(overrides)?.AsObject() ?? throw new ArgumentException("overrides must be a JSON object"));
        return root.ToJsonString();
    }

    /// <summary>Reads a whole request; fails the test with the contract errors if it is refused.</summary>
    public static DecisionRequest Read(string json)
    {
        var read = RequestReader.Read(json);
        Assert.True(read.Ok, "test request breaks the contract: " + string.Join("; ", read.Errors));
        return read.Request!;
    }

    /// <summary>A request asking for one act, received on one day, optionally with more overrides.</summary>
    public static DecisionRequest Act(string act, string receivedAt = "2025-03-14", string more = "{}")
    {
        var root = JsonNode.Parse(more)!.AsObject();
        root["act"] ??= act;
        root["receivedAt"] ??= receivedAt;
        return With(root.ToJsonString());
    }

    /// <summary>A hold request with these convictions (a JSON array), received on <paramref name="receivedAt"/>.</summary>
    public static DecisionRequest Convictions(string convictions, string receivedAt = "2025-03-14") =>
        With($$"""{ "receivedAt": "{{receivedAt}}", "subject": { "convictions": {{convictions}} } }""");

    /// <summary>A disclose request for these data items (and those of them that are public).</summary>
    public static DecisionRequest Disclose(string[] data, string[]? dataPublic = null, string more = "{}")
    {
        var root = JsonNode.Parse(more)!.AsObject();
        root["act"] = "disclose";
        root["data"] = new JsonArray(data.Select(d => (JsonNode)JsonValue.Create(d)).ToArray());
        root["dataPublic"] = new JsonArray((dataPublic ?? []).Select(d => (JsonNode)JsonValue.Create(d)).ToArray());
        return With(root.ToJsonString());
    }

    private static void Merge(JsonObject target, JsonObject overrides)
    {
        foreach (var (name, value) in overrides.ToList())
        {
            if (value is null)
            {
                target.Remove(name);
                continue;
            }
            if (value is JsonObject o && target[name] is JsonObject t)
            {
                Merge(t, o);
                continue;
            }
            target[name] = value.DeepClone();
        }
    }
}
