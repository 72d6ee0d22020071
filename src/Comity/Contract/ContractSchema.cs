using System.Text.Json.Nodes;

namespace Comity.Contract;

/// <summary>
/// The JSON Schema (draft 2020-12) of a decision request, built from the same vocabularies the
/// reader validates against, so the published schema and the validation cannot drift apart.
/// </summary>
public static class ContractSchema
{
    public const string Id = "https://comity.invalid/schema/decision-request/v1";

    public static JsonObject Request()
    {
        var boolean = () => new JsonObject { ["type"] = "boolean", ["default"] = false };
        var offenceClasses = () => Array(Enum(Vocabularies.OffenceClasses));
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "Comity decision request, contract v1",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = Strings("receivedAt", "actor", "requester", "act", "purpose", "document"),
            ["properties"] = new JsonObject
            {
                ["id"] = Text("the caller's own reference; echoed back"),
                ["receivedAt"] = new JsonObject
                {
                    ["type"] = "string",
                    ["description"] = "ISO 8601 date or date-time; selects the law in force on that day",
                    ["pattern"] = @"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$",
                },
                ["jurisdiction"] = Text("which policy stack decides, e.g. us/ca/los-angeles"),
                ["actor"] = Object(["unit", "kind"], new JsonObject
                {
                    ["unit"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
                    ["kind"] = Enum(Vocabularies.ActorKinds),
                }),
                ["requester"] = Object(["agency"], new JsonObject
                {
                    ["agency"] = Enum(Vocabularies.Agencies),
                    ["office"] = Text("the requesting office"),
                    ["officer"] = Text("the requesting officer"),
                }),
                ["act"] = Enum(Vocabularies.Acts),
                ["purpose"] = Enum(Vocabularies.Purposes),
                ["document"] = Object(["type"], new JsonObject
                {
                    ["type"] = Enum(Vocabularies.DocumentTypes),
                    ["issuedByFederalJudge"] = boolean(),
                    ["federalCriminalImmigrationLaw"] = boolean(),
                    ["namesSubject"] = boolean(),
                    ["coversPlace"] = boolean(),
                }),
                ["data"] = Array(Enum(Vocabularies.DataItems), unique: true),
                ["dataPublic"] = Array(Enum(Vocabularies.DataItems), unique: true),
                ["place"] = Enum(Vocabularies.Places),
                ["taskForce"] = Object(["primaryPurposeImmigration", "dutiesPrimarilyImmigration", "dedicatedResources", "federalMembers"], new JsonObject
                {
                    ["primaryPurposeImmigration"] = new JsonObject { ["type"] = "boolean" },
                    ["dutiesPrimarilyImmigration"] = new JsonObject { ["type"] = "boolean" },
                    ["dedicatedResources"] = new JsonObject { ["type"] = "boolean" },
                    ["federalMembers"] = new JsonObject { ["type"] = "boolean" },
                }),
                ["subject"] = Object([], new JsonObject
                {
                    ["inCustody"] = boolean(),
                    ["convictions"] = Array(Object(["code", "level", "date"], new JsonObject
                    {
                        ["code"] = new JsonObject { ["type"] = "string", ["pattern"] = @"\S" },
                        ["level"] = Enum(Vocabularies.Levels),
                        ["wobbler"] = boolean(),
                        ["date"] = new JsonObject { ["type"] = "string", ["format"] = "date" },
                        ["jurisdiction"] = Enum(Vocabularies.ConvictionJurisdictions, "ca"),
                        ["classes"] = offenceClasses(),
                        ["reducedByProp47"] = boolean(),
                    })),
                    ["sexArsonRegistrant"] = boolean(),
                    ["federalFelonyWarrant"] = boolean(),
                    ["magistrateProbableCause"] = Array(Object(["code"], new JsonObject
                    {
                        ["code"] = new JsonObject { ["type"] = "string", ["pattern"] = @"\S" },
                        ["classes"] = offenceClasses(),
                    })),
                    ["reentryAfterAggravatedFelony"] = boolean(),
                    ["hateCrimeVictimOrWitnessNotCharged"] = boolean(),
                }),
            },
            // The combinations the reader refuses that a schema can express.
            ["allOf"] = new JsonArray
            {
                Requires(["disclose", "bulk-disclose"], "data", new JsonObject { ["properties"] = new JsonObject { ["data"] = new JsonObject { ["minItems"] = 1 } } }),
                Requires(["facility-access", "property-use"], "place"),
                Requires(["task-force"], "taskForce"),
            },
        };
    }

    private static JsonObject Requires(string[] acts, string property, JsonObject? more = null)
    {
        var then = more ?? new JsonObject();
        then["required"] = Strings(property);
        return new JsonObject
        {
            ["if"] = new JsonObject { ["properties"] = new JsonObject { ["act"] = new JsonObject { ["enum"] = Strings(acts) } }, ["required"] = Strings("act") },
            ["then"] = then,
        };
    }

    private static JsonObject Object(string[] required, JsonObject properties) => new()
    {
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["required"] = Strings(required),
        ["properties"] = properties,
    };

    private static JsonObject Array(JsonObject items, bool unique = false)
    {
        var a = new JsonObject { ["type"] = "array", ["items"] = items };
        if (unique)
            a["uniqueItems"] = true;
        return a;
    }

    private static JsonObject Enum<T>(Vocabulary<T> vocabulary, string? defaultValue = null) where T : struct, System.Enum
    {
        var e = new JsonObject { ["type"] = "string", ["enum"] = Strings([.. vocabulary.Names]) };
        if (defaultValue is not null)
            e["default"] = defaultValue;
        return e;
    }

    private static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };

    private static JsonArray Strings(params string[] values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
