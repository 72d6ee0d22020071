using System.Text;
using System.Text.Json;

namespace Comity.Contract;

/// <summary>
/// Reads a request from UTF-8 JSON and holds it to contract v1: unknown properties, wrong types,
/// wrong enumeration values, missing required facts and impossible combinations are each reported
/// with the JSON path and what was expected. All errors are collected, not just the first, except
/// when the text is not JSON at all.
/// </summary>
/// <remarks>
/// A batch reads every request through here, so a request that reads builds nothing but itself:
/// property names and enumeration values are matched as raw UTF-8, paths and messages are spelt out
/// only for an error, and strings are made only for the facts a request keeps as text.
/// </remarks>
public static class RequestReader
{
    public static RequestReadResult Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    public static RequestReadResult Read(ReadOnlySpan<byte> utf8)
    {
        utf8 = ByteOrderMark.Strip(utf8);
        var invalid = Utf8Validation.FirstInvalid(utf8);
        if (invalid >= 0)
        {
            var (line, column) = Utf8Validation.Position(utf8, invalid);
            return RequestReadResult.Failure([new ContractError("$", $"not valid UTF-8 at line {line}, column {column}: byte 0x{utf8[invalid]:X2}; a request is UTF-8 JSON")]);
        }
        var parser = new Parser(utf8);
        DecisionRequest? request;
        try
        {
            if (!parser.Start())
                return RequestReadResult.Failure([new ContractError("$", "expected a JSON object, found nothing")]);
            request = parser.Request();
            parser.End();
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            return RequestReadResult.Failure([new ContractError("$", $"not valid JSON at line {line}, column {column}: {FirstSentence(e.Message)}")]);
        }
        if (request is not null)
            parser.CheckCombinations(request);
        return parser.Errors is null && request is not null ? RequestReadResult.Success(request) : RequestReadResult.Failure(parser.Errors!);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }

    /// <summary>
    /// The properties of one kind of object and where that object stands in a request: each kind
    /// has one place (<c>$.actor</c>, or items of <c>$.subject.convictions</c>), so the paths of
    /// its properties are known in advance, save the index of an item.
    /// </summary>
    private sealed class ObjectKind
    {
        public ObjectKind(string path, bool inArray, params string[] properties)
        {
            Path = path;
            InArray = inArray;
            Properties = properties;
            Utf8 = properties.Select(Encoding.UTF8.GetBytes).ToArray();
            PropertyPaths = properties.Select(p => $"{path}.{p}").ToArray();
            Expected = "unknown property; expected one of " + string.Join(", ", properties);
        }

        /// <summary>The object's path; for an item of an array, the array's path.</summary>
        public string Path { get; }
        public bool InArray { get; }
        public string[] Properties { get; }
        public byte[][] Utf8 { get; }
        /// <summary>The message for a property not among <see cref="Properties"/>.</summary>
        public string Expected { get; }
        private string[] PropertyPaths { get; }

        public string PathOf(int item) => InArray ? $"{Path}[{item}]" : Path;

        public string PathOf(int item, string property) => $"{PathOf(item)}.{property}";

        public string PathOf(int item, int property) => InArray ? PathOf(item, Properties[property]) : PropertyPaths[property];
    }

    private static readonly ObjectKind RootKind = new("$", false,
        "id", "receivedAt", "jurisdiction", "actor", "requester", "act", "purpose", "document", "data", "dataPublic",
        "place", "taskForce", "subject");

    private static readonly ObjectKind ActorKind = new("$.actor", false, "unit", "kind");
    private static readonly ObjectKind RequesterKind = new("$.requester", false, "agency", "office", "officer");

    private static readonly ObjectKind DocumentKind = new("$.document", false,
        "type", "issuedByFederalJudge", "federalCriminalImmigrationLaw", "namesSubject", "coversPlace");

    private static readonly ObjectKind TaskForceKind = new("$.taskForce", false,
        "primaryPurposeImmigration", "dutiesPrimarilyImmigration", "dedicatedResources", "federalMembers");

    private static readonly ObjectKind SubjectKind = new("$.subject", false,
        "inCustody", "convictions", "sexArsonRegistrant", "federalFelonyWarrant", "magistrateProbableCause",
        "reentryAfterAggravatedFelony", "hateCrimeVictimOrWitnessNotCharged");

    private static readonly ObjectKind ConvictionKind = new("$.subject.convictions", true,
        "code", "level", "wobbler", "date", "jurisdiction", "classes", "reducedByProp47");

    private static readonly ObjectKind ChargeKind = new("$.subject.magistrateProbableCause", true, "code", "classes");

    /// <summary>The object being read: its kind, its index in an array, which properties it has had, which is being read.</summary>
    private struct ObjectState(ObjectKind kind, int item, int errorsBefore)
    {
        public readonly ObjectKind Kind = kind;
        public readonly int Item = item;
        public readonly int ErrorsBefore = errorsBefore;
        public ulong Seen;
        public int Property = -1;

        public readonly bool Has(int property) => (Seen & (1UL << property)) != 0;

        public readonly string PropertyPath => Kind.PathOf(Item, Property);
    }

    private static readonly RecentStrings Repeated = new();

    /// <summary>One request being read: the JSON reader, and the errors found so far (none, usually).</summary>
    private ref struct Parser(ReadOnlySpan<byte> utf8)
    {
        private Utf8JsonReader _json = new(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });

        public List<ContractError>? Errors;

        private readonly int ErrorCount => Errors?.Count ?? 0;

        private void Error(string path, string message) => (Errors ??= []).Add(new(path, message));

        public bool Start() => _json.Read();

        /// <summary>Content after the object is refused by the JSON reader itself ("not valid JSON").</summary>
        public void End() => _json.Read();

        public DecisionRequest? Request()
        {
            if (!Enter(RootKind, -1, out var o))
                return null;
            string? id = null, receivedAt = null, jurisdiction = null;
            var day = default(DateOnly);
            Actor? actor = null;
            Requester? requester = null;
            Act act = default;
            Purpose purpose = default;
            Document? document = null;
            IReadOnlyList<DataItem> data = [], dataPublic = [];
            Place? place = null;
            TaskForce? taskForce = null;
            Subject? subject = null;
            while (Next(ref o))
            {
                switch (o.Property)
                {
                    case 0: id = String(o); break;
                    case 1:
                        receivedAt = String(o);
                        if (receivedAt is not null && !ReceivedAt.TryParseDay(receivedAt, out day))
                            Error(o.PropertyPath, $"\"{receivedAt}\" is not {ReceivedAt.Expected}");
                        break;
                    case 2: jurisdiction = RepeatedString(o); break;
                    case 3: actor = Actor(); break;
                    case 4: requester = Requester(); break;
                    case 5: act = Enum(o, Vocabularies.Acts); break;
                    case 6: purpose = Enum(o, Vocabularies.Purposes); break;
                    case 7: document = Document(); break;
                    case 8: data = EnumArray(o, Vocabularies.DataItems); break;
                    case 9: dataPublic = EnumArray(o, Vocabularies.DataItems); break;
                    case 10: place = Enum(o, Vocabularies.Places); break;
                    case 11: taskForce = TaskForce(); break;
                    case 12: subject = Subject(); break;
                }
            }
            var complete = Require(o, 1) & Require(o, 3) & Require(o, 4) & Require(o, 5) & Require(o, 6) & Require(o, 7);
            if (!complete || !Clean(o))
                return null;
            return new DecisionRequest
            {
                Id = id, ReceivedAt = receivedAt!, ReceivedOn = day, Jurisdiction = jurisdiction,
                Actor = actor!, Requester = requester!, Act = act, Purpose = purpose, Document = document!,
                Data = data, DataPublic = dataPublic, Place = place, TaskForce = taskForce, Subject = subject ?? new Subject(),
            };
        }

        private Actor? Actor()
        {
            if (!Enter(ActorKind, -1, out var o))
                return null;
            string? unit = null;
            ActorKind kind = default;
            while (Next(ref o))
            {
                if (o.Property == 0)
                {
                    unit = String(o);
                    if (unit is { Length: 0 })
                        Error(o.PropertyPath, "expected the receiving unit's id, found an empty string");
                }
                else
                    kind = Enum(o, Vocabularies.ActorKinds);
            }
            return (Require(o, 0) & Require(o, 1)) && Clean(o) ? new Actor(unit!, kind) : null;
        }

        private Requester? Requester()
        {
            if (!Enter(RequesterKind, -1, out var o))
                return null;
            Agency agency = default;
            string? office = null, officer = null;
            while (Next(ref o))
            {
                switch (o.Property)
                {
                    case 0: agency = Enum(o, Vocabularies.Agencies); break;
                    case 1: office = String(o); break;
                    case 2: officer = String(o); break;
                }
            }
            return Require(o, 0) && Clean(o) ? new Requester(agency, office, officer) : null;
        }

        private Document? Document()
        {
            if (!Enter(DocumentKind, -1, out var o))
                return null;
            DocumentType type = default;
            var flags = 0;
            while (Next(ref o))
            {
                if (o.Property == 0)
                    type = Enum(o, Vocabularies.DocumentTypes);
                else if (Bool(o))
                    flags |= 1 << o.Property;
            }
            return Require(o, 0) && Clean(o)
                ? new Document
                {
                    Type = type, IssuedByFederalJudge = (flags & 2) != 0, FederalCriminalImmigrationLaw = (flags & 4) != 0,
                    NamesSubject = (flags & 8) != 0, CoversPlace = (flags & 16) != 0,
                }
                : null;
        }

        private TaskForce? TaskForce()
        {
            if (!Enter(TaskForceKind, -1, out var o))
                return null;
            var flags = 0;
            while (Next(ref o))
                if (Bool(o))
                    flags |= 1 << o.Property;
            // Every prong is required: a task force whose purpose is not stated cannot be presumed lawful.
            return (Require(o, 0) & Require(o, 1) & Require(o, 2) & Require(o, 3)) && Clean(o)
                ? new TaskForce((flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0)
                : null;
        }

        private Subject? Subject()
        {
            if (!Enter(SubjectKind, -1, out var o))
                return null;
            var flags = 0;
            IReadOnlyList<Conviction> convictions = [];
            IReadOnlyList<Charge> charges = [];
            while (Next(ref o))
            {
                switch (o.Property)
                {
                    case 1: convictions = Objects(o, static (ref p, item) => p.Conviction(item)); break;
                    case 4: charges = Objects(o, static (ref p, item) => p.Charge(item)); break;
                    default:
                        if (Bool(o))
                            flags |= 1 << o.Property;
                        break;
                }
            }
            return Clean(o)
                ? new Subject
                {
                    InCustody = (flags & 1) != 0, Convictions = convictions, SexArsonRegistrant = (flags & 4) != 0,
                    FederalFelonyWarrant = (flags & 8) != 0, MagistrateProbableCause = charges,
                    ReentryAfterAggravatedFelony = (flags & 32) != 0, HateCrimeVictimOrWitnessNotCharged = (flags & 64) != 0,
                }
                : null;
        }

        private Conviction? Conviction(int item)
        {
            if (!Enter(ConvictionKind, item, out var o))
                return null;
            string? code = null;
            ConvictionLevel level = default;
            bool wobbler = false, prop47 = false;
            DateOnly? date = null;
            var jurisdiction = ConvictionJurisdiction.Ca;
            IReadOnlyList<OffenceClass> classes = [];
            while (Next(ref o))
            {
                switch (o.Property)
                {
                    case 0: code = OffenceCode(o); break;
                    case 1: level = Enum(o, Vocabularies.Levels); break;
                    case 2: wobbler = Bool(o); break;
                    case 3: date = Date(o); break;
                    case 4: jurisdiction = Enum(o, Vocabularies.ConvictionJurisdictions); break;
                    case 5: classes = EnumArray(o, Vocabularies.OffenceClasses); break;
                    case 6: prop47 = Bool(o); break;
                }
            }
            return (Require(o, 0) & Require(o, 1) & Require(o, 3)) && Clean(o) && date is not null
                ? new Conviction
                {
                    Code = code!, Level = level, Wobbler = wobbler, Date = date.Value, Jurisdiction = jurisdiction,
                    Classes = classes, ReducedByProp47 = prop47,
                }
                : null;
        }

        private Charge? Charge(int item)
        {
            if (!Enter(ChargeKind, item, out var o))
                return null;
            string? code = null;
            IReadOnlyList<OffenceClass> classes = [];
            while (Next(ref o))
            {
                if (o.Property == 0)
                    code = OffenceCode(o);
                else
                    classes = EnumArray(o, Vocabularies.OffenceClasses);
            }
            return Require(o, 0) && Clean(o) ? new Charge { Code = code!, Classes = classes } : null;
        }

        // ---- objects ------------------------------------------------------------------------------

        private delegate T? ItemReader<T>(ref Parser parser, int item);

        /// <summary>An array of objects; an item with an error is left out (the request is refused anyway).</summary>
        private IReadOnlyList<T> Objects<T>(in ObjectState owner, ItemReader<T> read) where T : class
        {
            // Most such arrays hold one item or none: a list is made only for a second.
            T? first = null;
            List<T>? list = null;
            if (_json.TokenType != JsonTokenType.StartArray)
                Mismatch(owner.PropertyPath, "an array of objects");
            else
                for (var i = 0; _json.Read() && _json.TokenType != JsonTokenType.EndArray; i++)
                    if (read(ref this, i) is { } item)
                    {
                        if (first is null)
                            first = item;
                        else
                            (list ??= [first]).Add(item);
                    }
            return (IReadOnlyList<T>?)list ?? (first is null ? [] : new[] { first });
        }

        /// <summary>Starts reading an object of <paramref name="kind"/>, or reports and skips a value that is not one.</summary>
        private bool Enter(ObjectKind kind, int item, out ObjectState state)
        {
            state = new ObjectState(kind, item, ErrorCount);
            if (_json.TokenType == JsonTokenType.StartObject)
                return true;
            Error(kind.PathOf(item), $"expected an object, found {Describe(_json.TokenType)}");
            _json.Skip();
            return false;
        }

        /// <summary>
        /// Moves to the value of the object's next known property and sets <see cref="ObjectState.Property"/>;
        /// false at the end of the object. Unknown and repeated properties are reported and skipped.
        /// </summary>
        private bool Next(ref ObjectState o)
        {
            while (_json.Read() && _json.TokenType != JsonTokenType.EndObject)
            {
                var index = IndexOf(o.Kind, o.Property + 1);
                if (index < 0)
                {
                    var name = _json.GetString()!;
                    _json.Read();
                    Error(o.Kind.PathOf(o.Item, name), o.Kind.Expected);
                    _json.Skip();
                    continue;
                }
                _json.Read();
                if (o.Has(index))
                {
                    Error(o.Kind.PathOf(o.Item, index), "appears twice");
                    _json.Skip();
                    continue;
                }
                o.Seen |= 1UL << index;
                o.Property = index;
                return true;
            }
            return false;
        }

        /// <summary>
        /// The index of the property name under the reader, or -1. Writers mostly keep the contract's
        /// order, so the search starts at the property after the last one read.
        /// </summary>
        private int IndexOf(ObjectKind kind, int from)
        {
            var names = kind.Utf8;
            if (from >= names.Length)
                from = 0;
            if (_json.ValueIsEscaped)
            {
                for (var i = 0; i < names.Length; i++)
                    if (_json.ValueTextEquals(names[i]))
                        return i;
                return -1;
            }
            var name = _json.ValueSpan;
            for (var i = from; i < names.Length; i++)
                if (name.SequenceEqual(names[i]))
                    return i;
            for (var i = 0; i < from; i++)
                if (name.SequenceEqual(names[i]))
                    return i;
            return -1;
        }

        private bool Require(in ObjectState o, int property)
        {
            if (o.Has(property))
                return true;
            Error(o.Kind.PathOf(o.Item, property), "required property is missing");
            return false;
        }

        /// <summary>Whether the object had no error, nested ones included.</summary>
        private readonly bool Clean(in ObjectState o) => ErrorCount == o.ErrorsBefore;

        // ---- values -------------------------------------------------------------------------------

        private bool Bool(in ObjectState o)
        {
            if (_json.TokenType is JsonTokenType.True or JsonTokenType.False)
                return _json.TokenType == JsonTokenType.True;
            Mismatch(o.PropertyPath, "true or false");
            return false;
        }

        private string? String(in ObjectState o)
        {
            if (_json.TokenType == JsonTokenType.String)
                return _json.GetString();
            Mismatch(o.PropertyPath, "a string");
            return null;
        }

        /// <summary>A string that many requests repeat, taken from <see cref="Repeated"/> when it is there.</summary>
        private string? RepeatedString(in ObjectState o) =>
            _json.TokenType == JsonTokenType.String && !_json.ValueIsEscaped && Repeated.Get(_json.ValueSpan) is { } text ? text : String(o);

        private string? OffenceCode(in ObjectState o)
        {
            var code = RepeatedString(o);
            if (code is not null && string.IsNullOrWhiteSpace(code))
                Error(o.PropertyPath, "expected an offence code such as \"PC 211\", found an empty string");
            return code;
        }

        private DateOnly? Date(in ObjectState o)
        {
            if (_json.TokenType != JsonTokenType.String)
            {
                Mismatch(o.PropertyPath, "a string");
                return null;
            }
            // A date is ten characters; anything much longer is not one, and needs no decoding to say so.
            Span<char> text = stackalloc char[16];
            if (_json.ValueSpan.Length <= text.Length && IsoDate.TryParse(text[.._json.CopyString(text)], out var date))
                return date;
            Error(o.PropertyPath, $"\"{_json.GetString()}\" is not a date; expected YYYY-MM-DD");
            return null;
        }

        private E Enum<E>(in ObjectState o, Vocabulary<E> vocabulary) where E : struct, System.Enum =>
            _json.TokenType == JsonTokenType.String && !_json.ValueIsEscaped && vocabulary.TryParse(_json.ValueSpan, out var value)
                ? value
                : Enum(o.PropertyPath, vocabulary);

        /// <summary>The slow path of an enumeration value: escaped, or wrong, with the path to report it at.</summary>
        private E Enum<E>(string path, Vocabulary<E> vocabulary) where E : struct, System.Enum
        {
            if (_json.TokenType != JsonTokenType.String)
            {
                Mismatch(path, $"a string, {vocabulary.Expected}");
                return default;
            }
            var text = _json.GetString()!;
            if (vocabulary.TryParse(text, out var value))
                return value;
            Error(path, $"\"{text}\" is not a known {vocabulary.What}; expected {vocabulary.Expected}");
            return default;
        }

        private E[] EnumArray<E>(in ObjectState o, Vocabulary<E> vocabulary) where E : unmanaged, System.Enum
        {
            if (_json.TokenType != JsonTokenType.StartArray)
            {
                Mismatch(o.PropertyPath, $"an array of strings, each {vocabulary.Expected}");
                return [];
            }
            // Arrays of enumeration values are short (a vocabulary has at most 17 values, each listed once).
            Span<E> items = stackalloc E[32];
            List<E>? more = null;
            var count = 0;
            while (_json.Read() && _json.TokenType != JsonTokenType.EndArray)
            {
                var value = _json.TokenType == JsonTokenType.String && !_json.ValueIsEscaped && vocabulary.TryParse(_json.ValueSpan, out var v)
                    ? v
                    : Enum($"{o.PropertyPath}[{count}]", vocabulary);
                if (count < items.Length)
                    items[count] = value;
                else
                    (more ??= []).Add(value);
                count++;
            }
            return more is null ? items[..count].ToArray() : [.. items, .. more];
        }

        private void Mismatch(string path, string expected)
        {
            Error(path, $"expected {expected}, found {Describe(_json.TokenType)}");
            _json.Skip();
        }

        private static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => token.ToString(),
        };

        // ---- the request as a whole ---------------------------------------------------------------

        /// <summary>Facts that are each well formed but cannot stand together.</summary>
        public void CheckCombinations(DecisionRequest r)
        {
            if (r.Act is Act.Disclose or Act.BulkDisclose && r.Data.Count == 0)
                Error("$.data", $"required for act {Vocabularies.Acts.Name(r.Act)}: list the data items asked for");
            if (r.Act is Act.FacilityAccess or Act.PropertyUse && r.Place is null)
                Error("$.place", $"required for act {Vocabularies.Acts.Name(r.Act)}; expected {Vocabularies.Places.Expected}");
            if (r.Act is Act.TaskForce && r.TaskForce is null)
                Error("$.taskForce", "required for act task-force: an object with primaryPurposeImmigration, dutiesPrimarilyImmigration, dedicatedResources, federalMembers");
            for (var i = 0; i < r.Data.Count; i++)
                for (var j = 0; j < i; j++)
                    if (r.Data[i] == r.Data[j])
                        Error($"$.data[{i}]", $"{Vocabularies.DataItems.Name(r.Data[i])} is listed twice");
            for (var i = 0; i < r.DataPublic.Count; i++)
                for (var j = 0; j < i; j++)
                    if (r.DataPublic[i] == r.DataPublic[j])
                        Error($"$.dataPublic[{i}]", $"{Vocabularies.DataItems.Name(r.DataPublic[i])} is listed twice");
            for (var i = 0; i < r.DataPublic.Count; i++)
                if (!r.Data.Contains(r.DataPublic[i]))
                    Error($"$.dataPublic[{i}]", $"{Vocabularies.DataItems.Name(r.DataPublic[i])} is not one of the items asked for in data");
            for (var i = 0; i < r.Subject.Convictions.Count; i++)
                if (r.Subject.Convictions[i].Date > r.ReceivedOn)
                    Error($"$.subject.convictions[{i}].date", "is after receivedAt: a conviction cannot postdate the request");
        }
    }
}
