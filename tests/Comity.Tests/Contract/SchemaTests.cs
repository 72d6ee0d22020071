using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Comity.Contract;
using static Comity.Tests.Contract.RequestJson;

namespace Comity.Tests.Contract;

/// <summary>
/// The published JSON Schema and the reader describe the same contract: the same properties at
/// each level, the same enumerations, the same required facts, no additional properties, and the
/// same verdict on the values a schema can judge.
/// </summary>
public sealed class SchemaTests
{
    /// <summary>Each object level of a request: where it is in the schema, in <see cref="Full"/>, and in error paths.</summary>
    private static readonly string[] LevelNames =
        ["", "actor", "requester", "document", "taskForce", "subject", "subject.convictions[0]", "subject.magistrateProbableCause[0]",
         "subject.custody", "subject.interviewConsent", "subject.identity", "subject.identity.attorney"];

    public static TheoryData<string> Levels => new(LevelNames);

    private static string ErrorPath(string level) => level.Length == 0 ? "$" : "$." + level;

    private static string RequestPath(string level, string property) => level.Length == 0 ? property : $"{level}.{property}";

    /// <summary>The schema of the object at a level (<c>subject.convictions[0]</c> is the items of convictions).</summary>
    private static JsonObject SchemaAt(JsonObject root, string level)
    {
        var node = root;
        if (level.Length == 0)
            return node;
        foreach (var segment in level.Split('.'))
        {
            var array = segment.EndsWith(']');
            var name = array ? segment[..segment.IndexOf('[', StringComparison.Ordinal)] : segment;
            node = node["properties"]![name]!.AsObject();
            if (array)
                node = node["items"]!.AsObject();
        }
        Assert.Equal("object", (string?)node["type"]);
        return node;
    }

    private static string[] PropertyNames(JsonObject objectSchema) => objectSchema["properties"]!.AsObject().Select(p => p.Key).ToArray();

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(v => (string)v!).ToArray();

    /// <summary>The names the reader accepts at a level, as it lists them when it meets an unknown one.</summary>
    private static string[] ReaderNames(string level)
    {
        var error = SingleError(Read(Full().With(RequestPath(level, "zzUnknown"), 1)));
        Assert.Equal(ErrorPath(level) + ".zzUnknown", error.Path);
        const string prefix = "unknown property; expected one of ";
        Assert.StartsWith(prefix, error.Message, StringComparison.Ordinal);
        return error.Message[prefix.Length..].Split(", ");
    }

    /// <summary>A value the schema accepts for a property, built from the schema alone.</summary>
    private static JsonNode Valid(JsonObject schema)
    {
        if (schema["enum"] is JsonArray values)
            return values[^1]!.DeepClone();
        if (schema["examples"] is JsonArray examples)
        {
            if (schema["pattern"] is { } shape)
                Assert.Matches((string)shape!, (string)examples[0]!);
            return examples[0]!.DeepClone();
        }
        switch ((string?)schema["type"])
        {
            case "boolean":
                return JsonValue.Create(true);
            case "string":
                if (schema["pattern"] is { } pattern)
                {
                    Assert.Matches((string)pattern!, "2025-03-14");
                    return JsonValue.Create("2025-03-14");
                }
                return JsonValue.Create((string?)schema["format"] == "date" ? "2016-05-01" : "x");
            case "array":
                return new JsonArray(Valid(schema["items"]!.AsObject()));
            case "object":
                var o = new JsonObject();
                foreach (var name in Strings(schema["required"]))
                    o[name] = Valid(schema["properties"]![name]!.AsObject());
                return o;
            default:
                throw new InvalidOperationException($"no value for schema {schema.ToJsonString()}");
        }
    }

    // ---- the document itself -------------------------------------------------------------------

    [Fact]
    public void The_schema_is_draft_2020_12_for_an_object_with_its_own_id()
    {
        var schema = ContractSchema.Request();

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        Assert.Equal(ContractSchema.Id, (string?)schema["$id"]);
        Assert.Equal("object", (string?)schema["type"]);
    }

    [Fact]
    public void The_schema_is_built_the_same_every_time()
    {
        Assert.Equal(ContractSchema.Request().ToJsonString(), ContractSchema.Request().ToJsonString());
    }

    [Fact]
    public void Every_object_in_the_schema_forbids_additional_properties()
    {
        var objects = new List<string>();
        void Walk(JsonObject node, string where)
        {
            if ((string?)node["type"] == "object")
            {
                objects.Add(where);
                Assert.True(node["additionalProperties"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.False,
                    $"{where}: additionalProperties is not false");
                Assert.NotNull(node["properties"]);
                Assert.NotNull(node["required"]);
            }
            if (node["properties"] is JsonObject properties)
                foreach (var (name, child) in properties)
                    Walk(child!.AsObject(), $"{where}.{name}");
            if (node["items"] is JsonObject items)
                Walk(items, where + "[]");
        }

        Walk(ContractSchema.Request(), "$");

        Assert.Equal(["$", "$.actor", "$.requester", "$.document", "$.taskForce", "$.subject", "$.subject.convictions[]", "$.subject.magistrateProbableCause[]",
            "$.subject.custody", "$.subject.interviewConsent", "$.subject.identity", "$.subject.identity.attorney"], objects);
    }

    // ---- properties ----------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Levels))]
    public void The_schema_lists_exactly_the_properties_the_reader_accepts_at_each_level_in_the_same_order(string level)
    {
        var schemaNames = PropertyNames(SchemaAt(ContractSchema.Request(), level));

        Assert.Equal(schemaNames, ReaderNames(level));
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Every_property_of_the_schema_fed_to_the_reader_with_a_schema_valid_value_is_accepted_as_known_and_well_typed(string level)
    {
        var schema = SchemaAt(ContractSchema.Request(), level);
        foreach (var name in PropertyNames(schema))
        {
            var path = ErrorPath(level) + "." + name;
            var request = Full().With(RequestPath(level, name), Valid(schema["properties"]![name]!.AsObject()));

            var errors = Read(request).Errors;

            Assert.DoesNotContain(errors, e => e.Path == path && e.Message.StartsWith("unknown property", StringComparison.Ordinal));
            Assert.DoesNotContain(errors, e => (e.Path == path || e.Path.StartsWith(path + "[", StringComparison.Ordinal) || e.Path.StartsWith(path + ".", StringComparison.Ordinal))
                && e.Message.StartsWith("expected ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_request_with_every_property_of_the_schema_at_every_level_reads()
    {
        var request = Full();
        foreach (var level in LevelNames)
        {
            foreach (var name in PropertyNames(SchemaAt(ContractSchema.Request(), level)))
                Assert.True(Has(request, RequestPath(level, name)), $"the test request lacks {RequestPath(level, name)}");
        }

        AssertOk(Read(request));
    }

    private static bool Has(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            node = bracket < 0 ? node?[segment] : node?[segment[..bracket]]?[int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
            if (node is null)
                return false;
        }
        return true;
    }

    // ---- required ------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Levels))]
    public void The_required_list_of_each_level_is_what_the_reader_requires(string level)
    {
        var schema = SchemaAt(ContractSchema.Request(), level);
        var requiredByReader = new List<string>();
        foreach (var name in PropertyNames(schema))
        {
            var path = ErrorPath(level) + "." + name;
            var errors = Read(Full().Without(RequestPath(level, name))).Errors;
            if (errors.Any(e => e.Path == path && e.Message == "required property is missing"))
                requiredByReader.Add(name);
        }

        Assert.Equal(Strings(schema["required"]), requiredByReader);
    }

    [Fact]
    public void The_root_requires_the_facts_the_contract_marks_required()
    {
        Assert.Equal(["receivedAt", "actor", "requester", "act", "purpose", "document"], Strings(ContractSchema.Request()["required"]));
    }

    [Fact]
    public void The_conditional_requirements_of_the_schema_are_exactly_those_the_reader_enforces_for_each_act()
    {
        var schema = ContractSchema.Request();
        var conditions = schema["allOf"]!.AsArray().Select(c => (
            Acts: Strings(c!["if"]!["properties"]!["act"]!["enum"]),
            Required: Strings(c!["then"]!["required"]).Single())).ToArray();
        Assert.Equal(3, conditions.Length);
        string[] optional = ["id", "jurisdiction", "data", "dataPublic", "dataHeld", "place", "placeArea", "taskForce", "subject"];

        foreach (var act in Vocabularies.Acts.Names)
        {
            foreach (var property in optional)
            {
                var request = Full().With("act", act).Without(property);
                if (property == "data")
                {
                    // dataPublic and dataHeld name items of data; without data they would be refused for that
                    request.Remove("dataPublic");
                    request.Remove("dataHeld");
                }
                if (property == "place")
                    request.Remove("placeArea"); // placeArea qualifies a place
                var refused = Read(request).Errors.Any(e => e.Path == "$." + property);
                var schemaRequires = conditions.Any(c => c.Acts.Contains(act) && c.Required == property);

                Assert.True(schemaRequires == refused, $"act {act} without {property}: schema requires it {schemaRequires}, reader refuses {refused}");
            }
        }
    }

    [Theory]
    [InlineData("disclose")]
    [InlineData("bulk-disclose")]
    public void The_schema_asks_for_at_least_one_data_item_where_the_reader_refuses_an_empty_list(string act)
    {
        var condition = ContractSchema.Request()["allOf"]!.AsArray().Single(c => Strings(c!["if"]!["properties"]!["act"]!["enum"]).Contains(act));

        Assert.Equal(1, (int)condition!["then"]!["properties"]!["data"]!["minItems"]!);
        Assert.Contains(Read(Full().With("act", act).With("data", new JsonArray()).Without("dataPublic")).Errors, e => e.Path == "$.data");
    }

    // ---- enumerations --------------------------------------------------------------------------

    public static TheoryData<string, string> EnumPlaces => new()
    {
        { "actor.kind", "actor kind" },
        { "actor.role", "actor role" },
        { "actor.agreement287g", "287(g) agreement" },
        { "requester.agency", "requesting agency" },
        { "act", "act" },
        { "purpose", "purpose" },
        { "document.type", "document type" },
        { "document.court", "court" },
        { "data[]", "data item" },
        { "dataPublic[]", "data item" },
        { "dataHeld[]", "data item" },
        { "place", "place" },
        { "placeArea", "place area" },
        { "subject.role", "subject role" },
        { "subject.convictions[].level", "conviction level" },
        { "subject.convictions[].jurisdiction", "conviction jurisdiction" },
        { "subject.convictions[].classes[]", "offence class" },
        { "subject.magistrateProbableCause[].classes[]", "offence class" },
    };

    private static IReadOnlyList<string> Vocabulary(string what) => what switch
    {
        "actor kind" => Vocabularies.ActorKinds.Names,
        "actor role" => Vocabularies.ActorRoles.Names,
        "287(g) agreement" => Vocabularies.Agreements287g.Names,
        "court" => Vocabularies.Courts.Names,
        "place area" => Vocabularies.PlaceAreas.Names,
        "subject role" => Vocabularies.SubjectRoles.Names,
        "requesting agency" => Vocabularies.Agencies.Names,
        "act" => Vocabularies.Acts.Names,
        "purpose" => Vocabularies.Purposes.Names,
        "document type" => Vocabularies.DocumentTypes.Names,
        "data item" => Vocabularies.DataItems.Names,
        "place" => Vocabularies.Places.Names,
        "conviction level" => Vocabularies.Levels.Names,
        "conviction jurisdiction" => Vocabularies.ConvictionJurisdictions.Names,
        "offence class" => Vocabularies.OffenceClasses.Names,
        _ => throw new ArgumentException(what),
    };

    /// <summary>Every enum in the schema outside allOf, by where it is (<c>subject.convictions[].level</c>).</summary>
    private static Dictionary<string, string[]> SchemaEnums()
    {
        var found = new Dictionary<string, string[]>();
        void Walk(JsonObject node, string where)
        {
            if (node["enum"] is JsonArray values)
                found[where] = Strings(values);
            if (node["properties"] is JsonObject properties)
                foreach (var (name, child) in properties)
                    Walk(child!.AsObject(), where.Length == 0 ? name : $"{where}.{name}");
            if (node["items"] is JsonObject items)
                Walk(items, where + "[]");
        }
        Walk(ContractSchema.Request(), "");
        return found;
    }

    [Fact]
    public void The_schema_has_an_enumeration_exactly_where_the_reader_reads_a_vocabulary()
    {
        Assert.Equal(EnumPlaces.Select(row => (string)row[0]).Order(StringComparer.Ordinal), SchemaEnums().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EnumPlaces))]
    public void Each_enumeration_of_the_schema_equals_its_vocabulary(string where, string what)
    {
        Assert.Equal(Vocabulary(what), SchemaEnums()[where]);
    }

    [Theory]
    [MemberData(nameof(EnumPlaces))]
    public void The_reader_accepts_every_value_of_each_schema_enumeration_and_names_the_same_vocabulary_for_others(string where, string what)
    {
        var path = where.Replace("[]", "[0]", StringComparison.Ordinal);
        var isArrayOfValues = path.EndsWith("[0]", StringComparison.Ordinal);
        var property = isArrayOfValues ? path[..^3] : path;
        foreach (var value in SchemaEnums()[where])
        {
            var request = Full().With(property, isArrayOfValues ? new JsonArray(value) : JsonValue.Create(value));
            if (property == "data")
                request.With("dataPublic", new JsonArray(value)).With("dataHeld", new JsonArray(value));
            if (property is "dataPublic" or "dataHeld")
                request.With("data", new JsonArray(value)).With(property == "dataPublic" ? "dataHeld" : "dataPublic", new JsonArray(value));
            if (property == "place")
                request.Remove("placeArea"); // placeArea qualifies only some places
            if (property == "document.type")
                request.Without("document.court"); // court names only the court of a court's document

            AssertOk(Read(request));
        }

        var refused = Full().With(property, isArrayOfValues ? new JsonArray("no-such-value") : JsonValue.Create("no-such-value"));
        var error = Assert.Single(Read(refused).Errors, e => e.Path == "$." + path);
        Assert.Equal($"\"no-such-value\" is not a known {what}; expected one of {string.Join(", ", SchemaEnums()[where])}", error.Message);
    }

    [Fact]
    public void The_acts_named_in_conditions_are_acts_of_the_vocabulary()
    {
        var acts = ContractSchema.Request()["allOf"]!.AsArray().SelectMany(c => Strings(c!["if"]!["properties"]!["act"]!["enum"])).ToArray();

        Assert.Equal(["disclose", "bulk-disclose", "facility-access", "property-use", "task-force"], acts);
        Assert.All(acts, a => Assert.Contains(a, Vocabularies.Acts.Names));
    }

    /// <summary>The value lists of contract.md, transcribed: the vocabularies (and so the schema) must spell them the same.</summary>
    [Fact]
    public void The_vocabularies_spell_every_value_as_the_contract_does()
    {
        Assert.Equal(["law-enforcement", "jail", "library", "health-facility", "shelter", "school", "courthouse", "other-department", "contractor"],
            Vocabularies.ActorKinds.Names);
        Assert.Equal(["ice-ero", "ice-hsi", "cbp", "uscis", "usms", "fbi", "dea", "atf", "doj", "other-federal", "california-agency", "california-local",
            "out-of-state", "private"], Vocabularies.Agencies.Names);
        Assert.Equal(["hold", "notify-release", "transfer", "interview", "disclose", "bulk-disclose", "alpr-search", "facility-access", "property-use",
            "operational-assistance", "civil-arrest", "task-force", "agreement-287g", "office-space", "detention-contract", "interpreter",
            "grant-certification", "own-arrest"], Vocabularies.Acts.Names);
        Assert.Equal(["civil-immigration", "criminal-immigration", "criminal", "victim-certification", "firearm-check", "public-safety-emergency", "unknown",
            "city-service", "benefit-verification"], Vocabularies.Purposes.Names);
        Assert.Equal(["none", "i-247a", "i-247d", "i-247n", "i-247x", "i-200", "i-205", "judicial-warrant", "judicial-probable-cause", "court-order",
            "administrative-subpoena", "grand-jury-subpoena", "letter", "ncic-civil-entry"], Vocabularies.DocumentTypes.Names);
        Assert.Equal(["immigration-status", "citizenship-status", "place-of-birth", "release-date", "home-address", "work-address", "contact",
            "personal-info", "criminal-history", "probation-checkin", "booking-record", "alpr", "roster", "biometrics", "video", "court-date"],
            Vocabularies.DataItems.Names);
        Assert.Equal(["public-area", "non-public-area", "jail", "library", "health-facility", "shelter", "park", "parking-lot", "office",
            "place-of-worship", "school", "courthouse", "street"], Vocabularies.Places.Names);
        Assert.Equal(["public", "non-public"], Vocabularies.PlaceAreas.Names);
        Assert.Equal(["federal", "state"], Vocabularies.Courts.Names);
        Assert.Equal(["peace-officer", "corrections-officer", "booking-clerk", "magistrate", "prosecutor", "elected-official", "appointed-official",
            "other-employee"], Vocabularies.ActorRoles.Names);
        Assert.Equal(["jail-enforcement", "warrant-service-officer", "task-force"], Vocabularies.Agreements287g.Names);
        Assert.Equal(["arrestee", "suspect", "victim", "witness", "reporter"], Vocabularies.SubjectRoles.Names);
        Assert.Equal(["felony", "misdemeanor"], Vocabularies.Levels.Names);
        Assert.Equal(["ca", "federal", "other-state"], Vocabularies.ConvictionJurisdictions.Names);
        Assert.Equal(["serious-felony", "violent-felony", "state-prison-felony", "aggravated-felony", "dui-felony"], Vocabularies.OffenceClasses.Names);
        // Outcomes are declared most restrictive first (how data items combine); the contract lists them otherwise.
        Assert.Equal(["deny", "must-comply", "permit", "refer-to-counsel"], Vocabularies.Outcomes.Names.Order(StringComparer.Ordinal));
        Assert.Equal(["fed-1373-conflict", "fed-criminal-exposure", "funding-risk", "litigation-pending", "state-enforcement-risk", "gap",
            "over-detention", "fed-4a-detention-risk", "state-preemption-conflict", "counsel-question"], Vocabularies.Flags.Names);
        Assert.Equal(["primary", "secondary", "unconfirmed"], Vocabularies.SourceGrades.Names);
    }

    // ---- defaults ------------------------------------------------------------------------------

    [Fact]
    public void The_booleans_the_contract_defaults_to_false_have_default_false_in_the_schema()
    {
        var defaults = new List<string>();
        void Walk(JsonObject node, string where)
        {
            if ((string?)node["type"] == "boolean" && node["default"] is JsonValue d && d.GetValueKind() == System.Text.Json.JsonValueKind.False)
                defaults.Add(where);
            if (node["properties"] is JsonObject properties)
                foreach (var (name, child) in properties)
                    Walk(child!.AsObject(), where.Length == 0 ? name : $"{where}.{name}");
            if (node["items"] is JsonObject items)
                Walk(items, where + "[]");
        }
        Walk(ContractSchema.Request(), "");

        Assert.Equal(
            [
                "document.issuedByFederalJudge", "document.federalCriminalImmigrationLaw", "document.namesSubject", "document.coversPlace",
                "subject.inCustody", "subject.convictions[].wobbler", "subject.convictions[].reducedByProp47", "subject.sexArsonRegistrant",
                "subject.federalFelonyWarrant", "subject.reentryAfterAggravatedFelony", "subject.hateCrimeVictimOrWitnessNotCharged",
            ],
            defaults);
        Assert.Equal("ca", (string?)SchemaAt(ContractSchema.Request(), "subject.convictions[0]")["properties"]!["jurisdiction"]!["default"]);
    }

    // ---- values the schema can judge: the reader must judge them the same ----------------------

    [Theory]
    [InlineData("2025-03-14")]
    [InlineData("2025-03-14T09:30Z")]
    [InlineData("2025-03-14T09:30:00Z")]
    [InlineData("2025-03-14T09:30:00-07:00")]
    [InlineData("2025-03-14T09:30:00.5+05:30")]
    [InlineData("2025-03-14T09:30:00")]
    [InlineData("2025-03-14T09:30:00.123456789Z")]
    [InlineData("2025-03-14T09:30:00-0700")]
    [InlineData("2025-03-14T09:30:00.Z")]
    [InlineData("2025-03-14T09:30:00+07")]
    [InlineData("2025-03-14 09:30:00Z")]
    [InlineData("20250314")]
    [InlineData("2025-03-14Z")]
    [InlineData("2025-03-14T09:30:00.123456789012Z")]
    [InlineData("2025-03-14T09:30:00.")]
    [InlineData("2025-03-14T09:30:00,5Z")]
    [InlineData("2025-03-14T0930")]
    [InlineData("2025-03-14T09:30:00z")]
    public void The_schema_and_the_reader_agree_on_the_shape_of_receivedAt(string receivedAt)
    {
        var pattern = (string)ContractSchema.Request()["properties"]!["receivedAt"]!["pattern"]!;

        var schemaAccepts = Regex.IsMatch(receivedAt, pattern);
        var readerAccepts = Read(Minimal().With("receivedAt", receivedAt)).Ok;

        Assert.True(schemaAccepts == readerAccepts, $"\"{receivedAt}\": schema accepts {schemaAccepts}, reader accepts {readerAccepts}");
    }

    [Fact]
    public void Data_items_must_be_unique_in_the_schema_and_the_reader_refuses_a_repeated_one()
    {
        Assert.True((bool)ContractSchema.Request()["properties"]!["data"]!["uniqueItems"]!);
        Assert.False(Read(Full().With("data", new JsonArray("release-date", "release-date"))).Ok);
    }

    /// <summary>The schema says uniqueItems for dataPublic as for data; the reader only checks data.</summary>
    [Fact]
    public void DataPublic_items_must_be_unique_in_the_schema_and_the_reader_refuses_a_repeated_one()
    {
        Assert.True((bool)ContractSchema.Request()["properties"]!["dataPublic"]!["uniqueItems"]!);

        var result = Read(Full().With("dataPublic", new JsonArray("release-date", "release-date")));

        Assert.False(result.Ok, "the reader accepted dataPublic [release-date, release-date], which the schema refuses (uniqueItems)");
    }

    [Theory]
    [InlineData("actor.unit", "")]
    [InlineData("actor.unit", "x")]
    [InlineData("subject.convictions[0].code", "")]
    [InlineData("subject.convictions[0].code", "   ")]
    [InlineData("subject.convictions[0].code", "PC 211")]
    [InlineData("subject.magistrateProbableCause[0].code", "")]
    [InlineData("subject.magistrateProbableCause[0].code", "   ")]
    public void The_schema_and_the_reader_agree_on_which_strings_may_be_empty(string property, string value)
    {
        var level = property[..property.LastIndexOf('.')];
        var name = property[(property.LastIndexOf('.') + 1)..];
        var rule = SchemaAt(ContractSchema.Request(), level)["properties"]![name]!;
        var schemaAccepts = value.Length >= ((int?)rule["minLength"] ?? 0)
            && (rule["pattern"] is not { } p || Regex.IsMatch(value, (string)p!));

        var readerAccepts = Read(Full().With(property, value)).Ok;

        Assert.True(schemaAccepts == readerAccepts, $"{property} = \"{value}\": schema accepts {schemaAccepts}, reader accepts {readerAccepts}");
    }
}
