using System.Text;
using System.Text.Json;

namespace Comity.Contract;

/// <summary>
/// Reads a request from UTF-8 JSON and holds it to contract v1: unknown properties, wrong types,
/// wrong enumeration values, missing required facts and impossible combinations are each reported
/// with the JSON path and what was expected. All errors are collected, not just the first, except
/// when the text is not JSON at all.
/// </summary>
public static class RequestReader
{
    public static RequestReadResult Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    public static RequestReadResult Read(ReadOnlySpan<byte> utf8)
    {
        var errors = new List<ContractError>();
        // A byte-order mark is not content (RFC 8259 §8.1 lets a parser ignore it).
        if (utf8.StartsWith("\uFEFF"u8))
            utf8 = utf8[3..];
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        DecisionRequest? request;
        try
        {
            if (!reader.Read())
                return RequestReadResult.Failure([new ContractError("$", "expected a JSON object, found nothing")]);
            // Content after the object is refused by the JSON reader itself ("not valid JSON").
            request = new RootReader(errors).Read(ref reader);
            reader.Read();
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            return RequestReadResult.Failure([new ContractError("$", $"not valid JSON at line {line}, column {column}: {FirstSentence(e.Message)}")]);
        }
        if (request is not null)
            CheckCombinations(request, errors);
        return errors.Count == 0 && request is not null ? RequestReadResult.Success(request) : RequestReadResult.Failure(errors);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }

    /// <summary>Facts that are each well formed but cannot stand together.</summary>
    private static void CheckCombinations(DecisionRequest r, List<ContractError> errors)
    {
        if (r.Act is Act.Disclose or Act.BulkDisclose && r.Data.Count == 0)
            errors.Add(new("$.data", $"required for act {Vocabularies.Acts.Name(r.Act)}: list the data items asked for"));
        if (r.Act is Act.FacilityAccess or Act.PropertyUse && r.Place is null)
            errors.Add(new("$.place", $"required for act {Vocabularies.Acts.Name(r.Act)}; expected {Vocabularies.Places.Expected}"));
        if (r.Act is Act.TaskForce && r.TaskForce is null)
            errors.Add(new("$.taskForce", "required for act task-force: an object with primaryPurposeImmigration, dutiesPrimarilyImmigration, dedicatedResources, federalMembers"));
        for (var i = 0; i < r.Data.Count; i++)
            for (var j = 0; j < i; j++)
                if (r.Data[i] == r.Data[j])
                    errors.Add(new($"$.data[{i}]", $"{Vocabularies.DataItems.Name(r.Data[i])} is listed twice"));
        for (var i = 0; i < r.DataPublic.Count; i++)
            for (var j = 0; j < i; j++)
                if (r.DataPublic[i] == r.DataPublic[j])
                    errors.Add(new($"$.dataPublic[{i}]", $"{Vocabularies.DataItems.Name(r.DataPublic[i])} is listed twice"));
        for (var i = 0; i < r.DataPublic.Count; i++)
            if (!r.Data.Contains(r.DataPublic[i]))
                errors.Add(new($"$.dataPublic[{i}]", $"{Vocabularies.DataItems.Name(r.DataPublic[i])} is not one of the items asked for in data"));
        for (var i = 0; i < r.Subject.Convictions.Count; i++)
            if (r.Subject.Convictions[i].Date > r.ReceivedOn)
                errors.Add(new($"$.subject.convictions[{i}].date", "is after receivedAt: a conviction cannot postdate the request"));
    }

    /// <summary>
    /// Walks the properties of one object, reporting unknown and repeated names. An object inside
    /// an array knows its path as the array's path and its index, and spells it out only for an error.
    /// </summary>
    private abstract class ObjectReader<T>(List<ContractError> errors, string path, PropertyNames names, int index = -1)
    {
        private readonly string[] properties = names.Text;
        private readonly byte[][] _utf8 = names.Utf8;

        protected List<ContractError> Errors { get; } = errors;
        protected string Path => index < 0 ? path : $"{path}[{index}]";

        public T? Read(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Errors.Add(new(Path, $"expected an object, found {Describe(reader.TokenType)}"));
                reader.Skip();
                return default;
            }
            var seen = 0UL;
            var before = Errors.Count;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var index = IndexOf(ref reader);
                var name = index < 0 ? reader.GetString()! : properties[index];
                reader.Read();
                if (index < 0)
                {
                    Errors.Add(new(Child(name), $"unknown property; expected one of {string.Join(", ", properties)}"));
                    reader.Skip();
                    continue;
                }
                if ((seen & (1UL << index)) != 0)
                {
                    Errors.Add(new(Child(name), "appears twice"));
                    reader.Skip();
                    continue;
                }
                seen |= 1UL << index;
                Property(ref reader, index);
            }
            return Finish(seen, Errors.Count == before);
        }

        private int IndexOf(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped)
            {
                for (var i = 0; i < _utf8.Length; i++)
                    if (reader.ValueTextEquals(_utf8[i]))
                        return i;
                return -1;
            }
            // The common case: compare raw bytes, much cheaper than ValueTextEquals per candidate.
            var name = reader.ValueSpan;
            for (var i = 0; i < _utf8.Length; i++)
                if (name.SequenceEqual(_utf8[i]))
                    return i;
            return -1;
        }

        /// <summary>Reads the value of property number <paramref name="index"/>.</summary>
        protected abstract void Property(ref Utf8JsonReader reader, int index);

        /// <summary>Checks required properties and builds the value when the object had no error.</summary>
        protected abstract T? Finish(ulong seen, bool clean);

        protected string Child(string name) => $"{Path}.{name}";

        protected string Child(int index) => Child(properties[index]);

        protected bool Require(ulong seen, int index)
        {
            if ((seen & (1UL << index)) != 0)
                return true;
            Errors.Add(new(Child(index), "required property is missing"));
            return false;
        }

        protected bool Bool(ref Utf8JsonReader reader, int index)
        {
            if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                return reader.GetBoolean();
            Mismatch(ref reader, Child(index), "true or false");
            return false;
        }

        protected string? String(ref Utf8JsonReader reader, string path)
        {
            if (reader.TokenType == JsonTokenType.String)
                return reader.GetString();
            Mismatch(ref reader, path, "a string");
            return null;
        }

        protected string? String(ref Utf8JsonReader reader, int index) => String(ref reader, Child(index));

        protected E Enum<E>(ref Utf8JsonReader reader, string path, Vocabulary<E> vocabulary) where E : struct, System.Enum
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                Mismatch(ref reader, path, $"a string, {vocabulary.Expected}");
                return default;
            }
            if (!reader.ValueIsEscaped && vocabulary.TryParse(reader.ValueSpan, out var value))
                return value;
            var text = reader.GetString()!;
            if (vocabulary.TryParse(text, out value))
                return value;
            Errors.Add(new(path, $"\"{text}\" is not a known {vocabulary.What}; expected {vocabulary.Expected}"));
            return default;
        }

        protected E Enum<E>(ref Utf8JsonReader reader, int index, Vocabulary<E> vocabulary) where E : struct, System.Enum =>
            Enum(ref reader, Child(index), vocabulary);

        protected List<E> EnumArray<E>(ref Utf8JsonReader reader, int index, Vocabulary<E> vocabulary) where E : struct, System.Enum
        {
            var list = new List<E>();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                Mismatch(ref reader, Child(index), $"an array of strings, each {vocabulary.Expected}");
                return list;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // The common case parses without building the item's path; only an error needs it.
                if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && vocabulary.TryParse(reader.ValueSpan, out var value))
                    list.Add(value);
                else
                    list.Add(Enum(ref reader, $"{Child(index)}[{list.Count}]", vocabulary));
            }
            return list;
        }

        protected List<R> ObjectArray<R>(ref Utf8JsonReader reader, int index, Func<string, int, ObjectReader<R>> itemReader) where R : class
        {
            var list = new List<R>();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                Mismatch(ref reader, Child(index), "an array of objects");
                return list;
            }
            var count = 0;
            var arrayPath = Child(index);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var item = itemReader(arrayPath, count++).Read(ref reader);
                if (item is not null)
                    list.Add(item);
            }
            return list;
        }

        protected string? OffenceCode(ref Utf8JsonReader reader, int index)
        {
            var code = String(ref reader, index);
            if (code is not null && string.IsNullOrWhiteSpace(code))
                Errors.Add(new(Child(index), "expected an offence code such as \"PC 211\", found an empty string"));
            return code;
        }

        protected DateOnly? Date(ref Utf8JsonReader reader, int index)
        {
            var text = String(ref reader, index);
            if (text is null)
                return null;
            if (IsoDate.TryParse(text, out var date))
                return date;
            Errors.Add(new(Child(index), $"\"{text}\" is not a date; expected YYYY-MM-DD"));
            return null;
        }

        protected void Mismatch(ref Utf8JsonReader reader, string path, string expected)
        {
            Errors.Add(new(path, $"expected {expected}, found {Describe(reader.TokenType)}"));
            reader.Skip();
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
    }

    /// <summary>An object's property names, and the same names as UTF-8 to compare without decoding.</summary>
    private sealed class PropertyNames(string[] text)
    {
        public string[] Text { get; } = text;
        public byte[][] Utf8 { get; } = text.Select(Encoding.UTF8.GetBytes).ToArray();
    }

    private sealed class RootReader(List<ContractError> errors) : ObjectReader<DecisionRequest>(errors, "$", Names)
    {
        private static readonly PropertyNames Names = new(
        [
            "id", "receivedAt", "jurisdiction", "actor", "requester", "act", "purpose", "document", "data", "dataPublic",
            "place", "taskForce", "subject",
        ]);

        private string? _id, _receivedAt, _jurisdiction;
        private DateOnly _day;
        private Actor? _actor;
        private Requester? _requester;
        private Act _act;
        private Purpose _purpose;
        private Document? _document;
        private List<DataItem> _data = [], _dataPublic = [];
        private Place? _place;
        private TaskForce? _taskForce;
        private Subject? _subject;

        protected override void Property(ref Utf8JsonReader reader, int index)
        {
            switch (index)
            {
                case 0: _id = String(ref reader, index); break;
                case 1:
                    _receivedAt = String(ref reader, index);
                    if (_receivedAt is not null && !ReceivedAt.TryParseDay(_receivedAt, out _day))
                        Errors.Add(new(Child(index), $"\"{_receivedAt}\" is not {ReceivedAt.Expected}"));
                    break;
                case 2: _jurisdiction = String(ref reader, index); break;
                case 3: _actor = new ActorReader(Errors, Child(index)).Read(ref reader); break;
                case 4: _requester = new RequesterReader(Errors, Child(index)).Read(ref reader); break;
                case 5: _act = Enum(ref reader, index, Vocabularies.Acts); break;
                case 6: _purpose = Enum(ref reader, index, Vocabularies.Purposes); break;
                case 7: _document = new DocumentReader(Errors, Child(index)).Read(ref reader); break;
                case 8: _data = EnumArray(ref reader, index, Vocabularies.DataItems); break;
                case 9: _dataPublic = EnumArray(ref reader, index, Vocabularies.DataItems); break;
                case 10: _place = Enum(ref reader, index, Vocabularies.Places); break;
                case 11: _taskForce = new TaskForceReader(Errors, Child(index)).Read(ref reader); break;
                case 12: _subject = new SubjectReader(Errors, Child(index)).Read(ref reader); break;
            }
        }

        protected override DecisionRequest? Finish(ulong seen, bool clean)
        {
            var ok = Require(seen, 1) & Require(seen, 3) & Require(seen, 4) & Require(seen, 5) & Require(seen, 6) & Require(seen, 7);
            if (!ok || !clean)
                return null;
            return new DecisionRequest
            {
                Id = _id, ReceivedAt = _receivedAt!, ReceivedOn = _day, Jurisdiction = _jurisdiction,
                Actor = _actor!, Requester = _requester!, Act = _act, Purpose = _purpose, Document = _document!,
                Data = _data, DataPublic = _dataPublic, Place = (seen & (1UL << 10)) != 0 ? _place : null,
                TaskForce = _taskForce, Subject = _subject ?? new Subject(),
            };
        }
    }

    private sealed class ActorReader(List<ContractError> errors, string path) : ObjectReader<Actor>(errors, path, Names)
    {
        private static readonly PropertyNames Names = new(["unit", "kind"]);

        private string? _unit;
        private ActorKind _kind;

        protected override void Property(ref Utf8JsonReader reader, int index)
        {
            if (index == 0)
            {
                _unit = String(ref reader, index);
                if (_unit is { Length: 0 })
                    Errors.Add(new(Child(index), "expected the receiving unit's id, found an empty string"));
            }
            else
                _kind = Enum(ref reader, index, Vocabularies.ActorKinds);
        }

        protected override Actor? Finish(ulong seen, bool clean) =>
            (Require(seen, 0) & Require(seen, 1)) && clean ? new Actor(_unit!, _kind) : null;
    }

    private sealed class RequesterReader(List<ContractError> errors, string path)
        : ObjectReader<Requester>(errors, path, Names)
    {
        private static readonly PropertyNames Names = new(["agency", "office", "officer"]);

        private Agency _agency;
        private string? _office, _officer;

        protected override void Property(ref Utf8JsonReader reader, int index)
        {
            switch (index)
            {
                case 0: _agency = Enum(ref reader, index, Vocabularies.Agencies); break;
                case 1: _office = String(ref reader, index); break;
                case 2: _officer = String(ref reader, index); break;
            }
        }

        protected override Requester? Finish(ulong seen, bool clean) =>
            Require(seen, 0) && clean ? new Requester(_agency, _office, _officer) : null;
    }

    private sealed class DocumentReader(List<ContractError> errors, string path)
        : ObjectReader<Document>(errors, path, Names)
    {
        private static readonly PropertyNames Names = new(["type", "issuedByFederalJudge", "federalCriminalImmigrationLaw", "namesSubject", "coversPlace"]);

        private DocumentType _type;
        private readonly bool[] _flags = new bool[5];

        protected override void Property(ref Utf8JsonReader reader, int index)
        {
            if (index == 0)
                _type = Enum(ref reader, index, Vocabularies.DocumentTypes);
            else
                _flags[index] = Bool(ref reader, index);
        }

        protected override Document? Finish(ulong seen, bool clean) =>
            Require(seen, 0) && clean
                ? new Document
                {
                    Type = _type, IssuedByFederalJudge = _flags[1], FederalCriminalImmigrationLaw = _flags[2],
                    NamesSubject = _flags[3], CoversPlace = _flags[4],
                }
                : null;
    }

    private sealed class TaskForceReader(List<ContractError> errors, string path)
        : ObjectReader<TaskForce>(errors, path, Names)
    {
        private static readonly PropertyNames Names = new(["primaryPurposeImmigration", "dutiesPrimarilyImmigration", "dedicatedResources", "federalMembers"]);

        private readonly bool[] _flags = new bool[4];

        protected override void Property(ref Utf8JsonReader reader, int index) => _flags[index] = Bool(ref reader, index);

        // Every prong is required: a task force whose purpose is not stated cannot be presumed lawful.
        protected override TaskForce? Finish(ulong seen, bool clean) =>
            (Require(seen, 0) & Require(seen, 1) & Require(seen, 2) & Require(seen, 3)) && clean
                ? new TaskForce(_flags[0], _flags[1], _flags[2], _flags[3])
                : null;
    }

    private sealed class SubjectReader(List<ContractError> errors, string path) : ObjectReader<Subject>(errors, path, Names)
    {
        private static readonly PropertyNames Names = new(["inCustody", "convictions", "sexArsonRegistrant", "federalFelonyWarrant", "magistrateProbableCause", "reentryAfterAggravatedFelony", "hateCrimeVictimOrWitnessNotCharged"]);

        private readonly bool[] _flags = new bool[7];
        private List<Conviction> _convictions = [];
        private List<Charge> _charges = [];

        protected override void Property(ref Utf8JsonReader reader, int index)
        {
            switch (index)
            {
                case 1: _convictions = ObjectArray(ref reader, index, (p, i) => new ConvictionReader(Errors, p, i)); break;
                case 4: _charges = ObjectArray(ref reader, index, (p, i) => new ChargeReader(Errors, p, i)); break;
                default: _flags[index] = Bool(ref reader, index); break;
            }
        }

        protected override Subject? Finish(ulong seen, bool clean) => clean
            ? new Subject
            {
                InCustody = _flags[0], Convictions = _convictions, SexArsonRegistrant = _flags[2], FederalFelonyWarrant = _flags[3],
                MagistrateProbableCause = _charges, ReentryAfterAggravatedFelony = _flags[5], HateCrimeVictimOrWitnessNotCharged = _flags[6],
            }
            : null;
    }

    private sealed class ConvictionReader(List<ContractError> errors, string path, int index) : ObjectReader<Conviction>(errors, path, Names, index)
    {
        private static readonly PropertyNames Names = new(["code", "level", "wobbler", "date", "jurisdiction", "classes", "reducedByProp47"]);

        private string? _code;
        private ConvictionLevel _level;
        private bool _wobbler, _prop47;
        private DateOnly? _date;
        private ConvictionJurisdiction _jurisdiction = ConvictionJurisdiction.Ca;
        private List<OffenceClass> _classes = [];

        protected override void Property(ref Utf8JsonReader reader, int index)
        {
            switch (index)
            {
                case 0: _code = OffenceCode(ref reader, index); break;
                case 1: _level = Enum(ref reader, index, Vocabularies.Levels); break;
                case 2: _wobbler = Bool(ref reader, index); break;
                case 3: _date = Date(ref reader, index); break;
                case 4: _jurisdiction = Enum(ref reader, index, Vocabularies.ConvictionJurisdictions); break;
                case 5: _classes = EnumArray(ref reader, index, Vocabularies.OffenceClasses); break;
                case 6: _prop47 = Bool(ref reader, index); break;
            }
        }

        protected override Conviction? Finish(ulong seen, bool clean) =>
            (Require(seen, 0) & Require(seen, 1) & Require(seen, 3)) && clean && _date is not null
                ? new Conviction
                {
                    Code = _code!, Level = _level, Wobbler = _wobbler, Date = _date.Value, Jurisdiction = _jurisdiction,
                    Classes = _classes, ReducedByProp47 = _prop47,
                }
                : null;
    }

    private sealed class ChargeReader(List<ContractError> errors, string path, int index) : ObjectReader<Charge>(errors, path, Names, index)
    {
        private static readonly PropertyNames Names = new(["code", "classes"]);

        private string? _code;
        private List<OffenceClass> _classes = [];

        protected override void Property(ref Utf8JsonReader reader, int index)
        {
            if (index == 0)
                _code = OffenceCode(ref reader, index);
            else
                _classes = EnumArray(ref reader, index, Vocabularies.OffenceClasses);
        }

        protected override Charge? Finish(ulong seen, bool clean) =>
            Require(seen, 0) && clean ? new Charge { Code = _code!, Classes = _classes } : null;
    }
}
