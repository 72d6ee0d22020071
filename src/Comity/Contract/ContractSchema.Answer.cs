using System.Text.Json.Nodes;

namespace Comity.Contract;

// The answer's schema, from the same vocabularies its writer (AnswerWriter) spells values with.
public static partial class ContractSchema
{
    public const string AnswerId = "https://comity.invalid/schema/decision-answer/v1";

    /// <summary>
    /// The JSON Schema (draft 2020-12) of an answer as <see cref="AnswerWriter"/> writes it. Open to
    /// new properties (a later contract version may add some, as 1.1 did), so a client built on it
    /// keeps working; <c>receipt</c> is described by <see cref="Receipt"/> and added by whoever records.
    /// </summary>
    public static JsonObject Answer()
    {
        var outcome = () => Enum(Vocabularies.Outcomes);
        var dataItems = () => Array(Enum(Vocabularies.DataItems));
        var strings = (string description) => new JsonObject { ["type"] = "array", ["description"] = description, ["items"] = new JsonObject { ["type"] = "string" } };
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = AnswerId,
            ["title"] = "Comity decision answer, contract v1 with the 1.1 additions",
            ["type"] = "object",
            ["required"] = Strings("outcome", "layers", "decidedBy", "reasons", "obligations", "flags", "policy"),
            ["properties"] = new JsonObject
            {
                ["id"] = Text("the request's id, echoed back when it had one"),
                ["outcome"] = Described(outcome(), "must-comply (federal law or judicial process requires it), permit (lawful and discretionary), deny (forbidden), refer-to-counsel"),
                ["data"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "for disclose and bulk-disclose: one outcome per requested data item; outcome is then the most restrictive of them",
                    ["propertyNames"] = Enum(Vocabularies.DataItems),
                    ["additionalProperties"] = outcome(),
                },
                ["layers"] = Array(Open(["layer", "outcome"], new JsonObject
                {
                    ["layer"] = new JsonObject { ["type"] = "string" },
                    ["outcome"] = new JsonObject
                    {
                        ["type"] = new JsonArray("string", "null"),
                        ["enum"] = Strings([.. Vocabularies.Outcomes.Names, null]),
                        ["description"] = "the outcome the layer reached on its own; null when none of its rules applied",
                    },
                    ["possible"] = Described(Array(outcome()), "when the layer refers: the outcomes counsel must choose between (1.1)"),
                })),
                ["decidedBy"] = strings("the rules that fixed outcome"),
                ["reasons"] = Array(Open(["rule", "layer", "effect", "citations", "text", "source"], new JsonObject
                {
                    ["rule"] = new JsonObject { ["type"] = "string" },
                    ["layer"] = new JsonObject { ["type"] = "string" },
                    ["effect"] = Enum(Vocabularies.Effects),
                    ["citations"] = strings("as lawyers write them"),
                    ["text"] = new JsonObject { ["type"] = "string" },
                    ["source"] = Enum(Vocabularies.SourceGrades),
                    ["items"] = Described(dataItems(), "the data items the rule applied to"),
                    ["decides"] = Described(dataItems(), "the data items whose outcome the rule fixed"),
                    ["setAsideBy"] = strings("the exceptions that took the rule out"),
                    ["overriddenBy"] = strings("the higher-layer rules that prevailed over it"),
                })),
                ["obligations"] = Array(Open(["rule", "citations", "text"], new JsonObject
                {
                    ["rule"] = new JsonObject { ["type"] = "string" },
                    ["citations"] = strings("as lawyers write them"),
                    ["text"] = new JsonObject { ["type"] = "string" },
                })),
                ["flags"] = Described(Array(Enum(Vocabularies.Flags)), "risk flags that change no outcome"),
                ["policy"] = Open(["stack", "asOf", "digest"], new JsonObject
                {
                    ["stack"] = new JsonObject { ["type"] = "string", ["examples"] = new JsonArray("us/ca/los-angeles") },
                    ["asOf"] = new JsonObject { ["type"] = "string", ["format"] = "date", ["description"] = "the day whose law was applied" },
                    ["digest"] = new JsonObject { ["type"] = "string", ["pattern"] = "^sha256:[0-9a-f]{64}$", ["description"] = "the digest of the stack's text" },
                }),
            },
        };
    }

    /// <summary>
    /// The JSON Schema of a receipt, as an answer that was recorded carries it (<c>receipt</c>):
    /// the ledger index, the leaf hash, the signed checkpoint that includes the entry and the
    /// C2SP tlog-proof that shows it.
    /// </summary>
    public static JsonObject Receipt() => new()
    {
        ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
        ["title"] = "Receipt of a ledger entry",
        ["type"] = "object",
        ["required"] = Strings("index", "leafHash", "checkpoint", "proof"),
        ["properties"] = new JsonObject
        {
            ["index"] = new JsonObject { ["type"] = "integer", ["format"] = "int64", ["minimum"] = 0, ["description"] = "the entry's index in the ledger" },
            ["leafHash"] = new JsonObject { ["type"] = "string", ["contentEncoding"] = "base64", ["description"] = "the RFC 9162 leaf hash of the entry" },
            ["checkpoint"] = Text("the C2SP tlog-checkpoint that includes the entry, signed as a C2SP signed note (Ed25519)"),
            ["proof"] = Text("the C2SP tlog-proof of the entry's inclusion in that checkpoint"),
        },
    };

    /// <summary>An object that names what it requires and allows more (answers gain properties between versions).</summary>
    private static JsonObject Open(string[] required, JsonObject properties) => new()
    {
        ["type"] = "object",
        ["required"] = Strings(required),
        ["properties"] = properties,
    };

    private static JsonObject Described(JsonObject schema, string description)
    {
        schema["description"] = description;
        return schema;
    }
}
