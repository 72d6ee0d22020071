using System.Text.Json.Nodes;

namespace Comity.Contract;

/// <summary>
/// The JSON Schema (draft 2020-12) of a decision request, built from the same vocabularies the
/// reader validates against, so the published schema and the validation cannot drift apart.
/// </summary>
public static partial class ContractSchema
{
    public const string Id = "https://comity.invalid/schema/decision-request/v1";

    /// <summary>An ISO 8601 date-time with its time (and an offset or not), as <c>subject.custody</c> takes.</summary>
    private const string DateTimePattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$";

    public static JsonObject Request()
    {
        var boolean = () => new JsonObject { ["type"] = "boolean", ["default"] = false };
        // 1.1 booleans have no default: absent is unknown, never false.
        var unknowable = () => new JsonObject { ["type"] = "boolean", ["description"] = "absent: unknown (contract 1.1)" };
        var offenceClasses = () => Array(Enum(Vocabularies.OffenceClasses));
        var dateTime = (string description) => new JsonObject
        {
            ["type"] = "string", ["description"] = description + " (in the years 1900 to 2200)", ["pattern"] = DateTimePattern,
            ["examples"] = new JsonArray("2025-03-14T09:30:00-07:00"),
        };
        var languageTag = (string description) => new JsonObject
        {
            ["type"] = "string", ["description"] = description + "; a BCP 47 tag", ["maxLength"] = MaxLength,
            ["pattern"] = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", ["examples"] = new JsonArray("es"),
        };
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "Comity decision request, contract v1 with the 1.1 additions",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = Strings("receivedAt", "actor", "requester", "act", "purpose", "document"),
            ["properties"] = new JsonObject
            {
                ["id"] = Text("the caller's own reference; echoed back"),
                ["receivedAt"] = new JsonObject
                {
                    ["type"] = "string",
                    ["description"] = "ISO 8601 date or date-time in the years 1900 to 2200; selects the law in force on that day",
                    ["pattern"] = @"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$",
                },
                ["jurisdiction"] = Text("which policy stack decides, e.g. us/ca/los-angeles"),
                ["actor"] = Object(["unit", "kind"], new JsonObject
                {
                    ["unit"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
                    ["kind"] = Enum(Vocabularies.ActorKinds),
                    ["role"] = Enum(Vocabularies.ActorRoles),
                    ["agreement287g"] = Enum(Vocabularies.Agreements287g),
                }),
                ["requester"] = Object(["agency"], new JsonObject
                {
                    ["agency"] = Enum(Vocabularies.Agencies),
                    ["office"] = Text("the requesting office"),
                    ["officer"] = Text("the requesting officer"),
                    ["federalParticipation"] = unknowable(),
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
                    ["administrativeWarrantAttached"] = unknowable(),
                    ["servedOnSubject"] = unknowable(),
                    ["court"] = Enum(Vocabularies.Courts),
                }),
                ["data"] = Array(Enum(Vocabularies.DataItems), unique: true),
                ["dataPublic"] = Array(Enum(Vocabularies.DataItems), unique: true),
                ["dataHeld"] = Array(Enum(Vocabularies.DataItems), unique: true),
                ["place"] = Enum(Vocabularies.Places),
                ["placeArea"] = Enum(Vocabularies.PlaceAreas),
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
                        ["code"] = Code(),
                        ["level"] = Enum(Vocabularies.Levels),
                        ["wobbler"] = boolean(),
                        ["date"] = new JsonObject { ["type"] = "string", ["format"] = "date", ["description"] = "in the years 1900 to 2200" },
                        ["jurisdiction"] = Enum(Vocabularies.ConvictionJurisdictions, "ca"),
                        ["classes"] = offenceClasses(),
                        ["reducedByProp47"] = boolean(),
                        ["juvenile"] = unknowable(),
                    })),
                    ["sexArsonRegistrant"] = boolean(),
                    ["federalFelonyWarrant"] = boolean(),
                    ["magistrateProbableCause"] = Array(Object(["code"], new JsonObject
                    {
                        ["code"] = Code(),
                        ["classes"] = offenceClasses(),
                    })),
                    ["reentryAfterAggravatedFelony"] = boolean(),
                    ["hateCrimeVictimOrWitnessNotCharged"] = boolean(),
                    ["custody"] = Object([], new JsonObject
                    {
                        ["eligibleForReleaseAt"] = dateTime("when the person would be released but for the request"),
                        ["heldSince"] = dateTime("since when the person is held"),
                    }),
                    ["citizenshipProof"] = unknowable(),
                    ["role"] = Enum(Vocabularies.SubjectRoles),
                    ["interviewConsent"] = Object([], new JsonObject
                    {
                        ["formServed"] = unknowable(),
                        ["language"] = languageTag("the language of the consent form served"),
                        ["consented"] = new JsonObject { ["type"] = "boolean", ["description"] = "absent: not yet asked" },
                        ["attorneyPresent"] = unknowable(),
                    }),
                    ["identity"] = Object([], new JsonObject
                    {
                        ["name"] = ShortText("the person's name"),
                        ["dateOfBirth"] = new JsonObject { ["type"] = "string", ["format"] = "date", ["description"] = "in the years 1900 to 2200" },
                        ["bookingNumber"] = ShortText("the booking number"),
                        ["ciiNumber"] = ShortText("the California identification (CII) number"),
                        ["fbiNumber"] = ShortText("the FBI number"),
                        ["aNumber"] = ShortText("the alien registration number"),
                        ["language"] = languageTag("the person's language"),
                        ["gender"] = ShortText("for the reports' privacy-protected tables only"),
                        ["raceEthnicity"] = ShortText("for the reports' privacy-protected tables only"),
                        ["countryOfBirth"] = new JsonObject
                        {
                            ["type"] = "string", ["description"] = "ISO 3166-1 alpha-2", ["pattern"] = "^[A-Z]{2}$", ["examples"] = new JsonArray("MX"),
                        },
                        ["attorney"] = Object([], new JsonObject
                        {
                            ["name"] = ShortText("the attorney's name"),
                            ["contact"] = ShortText("how to reach the attorney"),
                        }),
                    }),
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

    /// <summary>The longest text a string of <c>subject.identity</c> or <c>subject.interviewConsent</c> may carry.</summary>
    public const int MaxLength = Internal.JsonReading.MaxStringLength;

    private static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };

    private static JsonObject ShortText(string description) => new() { ["type"] = "string", ["description"] = description, ["maxLength"] = MaxLength };

    private static JsonObject Code() => new() { ["type"] = "string", ["pattern"] = @"\S" };

    private static JsonArray Strings(params string?[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
