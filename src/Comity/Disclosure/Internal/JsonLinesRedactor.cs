using System.Text;
using System.Text.Json;

namespace Comity.Disclosure.Internal;

/// <summary>
/// Cuts a JSON Lines export to the plan: each line one JSON object, its top-level properties the
/// fields (a nested value goes or stays whole). Kept properties are copied byte for byte; a row
/// none of whose properties is kept is not written, and for a named person only rows whose subject
/// properties hold exactly the subject's values (a string, or the text of a number) are.
/// </summary>
internal sealed class JsonLinesRedactor
{
    private readonly DisclosurePlan _plan;
    private readonly InputWindow _window;
    private readonly HashingOutput _output;
    private readonly int _maxFields;
    private readonly Dictionary<string, Field> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Field>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<Field> _order = [];
    private readonly byte[][] _subjectValues;
    private readonly List<(int Start, int End)> _kept = [];
    private long _row;

    private sealed class Field(FieldDecision decision, int subject)
    {
        public FieldDecision Decision { get; } = decision;
        public int Subject { get; } = subject;
        public long LastRow { get; set; } = -1;
    }

    private JsonLinesRedactor(DisclosurePlan plan, InputWindow window, HashingOutput output, int maxFields)
    {
        _plan = plan;
        _window = window;
        _output = output;
        _maxFields = maxFields;
        _lookup = _fields.GetAlternateLookup<ReadOnlySpan<char>>();
        _subjectValues = plan.Subject?.Values.Select(v => Encoding.UTF8.GetBytes(v.Value)).ToArray() ?? [];
    }

    public static RedactedRows Run(DisclosurePlan plan, InputWindow window, HashingOutput output, int maxFields) =>
        new JsonLinesRedactor(plan, window, output, maxFields).Run();

    private RedactedRows Run()
    {
        long written = 0;
        var start = _window.TextStart;
        var searched = start;
        while (true)
        {
            var newline = _window.Span(searched, _window.End - searched).IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (_window.Eof)
                {
                    if (start == _window.End)
                        break;
                    newline = _window.End - searched; // the last line, without a line end
                }
                else
                {
                    searched = _window.End;
                    var shift = _window.Fill(start, () => _window.ErrorAt(start, $"a line longer than {_window.MaxRecord:N0} bytes, the longest taken"));
                    start -= shift;
                    searched -= shift;
                    continue;
                }
            }
            var end = searched + newline;
            _row++;
            if (Line(start, end > start && _window.Span(end - 1, 1)[0] == '\r' ? end - 1 : end))
                written++;
            start = searched = Math.Min(end + 1, _window.End);
        }
        return new RedactedRows(_row, written, _order.Select(f => f.Decision).ToList());
    }

    /// <summary>Cuts one line; true when it was written.</summary>
    private bool Line(int start, int end)
    {
        var line = _window.Span(start, end - start);
        if (line.IsEmpty)
            throw _window.Fail(start, "an empty line; expected a JSON object (one record per line)");
        _kept.Clear();
        Span<bool> matched = stackalloc bool[_subjectValues.Length];
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw _window.Fail(start, "expected a JSON object (one record per line)");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var nameStart = (int)reader.TokenStartIndex;
                var field = Lookup(ref reader, start + nameStart);
                if (field.LastRow == _row)
                    throw _window.Fail(start + nameStart, $"property \"{field.Decision.Field}\" is given twice in this record: which one the catalog means cannot be told");
                field.LastRow = _row;
                reader.Read();
                if (field.Subject >= 0)
                    matched[field.Subject] = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.ValueTextEquals(_subjectValues[field.Subject]),
                        JsonTokenType.Number => reader.ValueSpan.SequenceEqual(_subjectValues[field.Subject]),
                        _ => false,
                    };
                reader.Skip();
                if (field.Decision.Kept)
                    _kept.Add((nameStart, (int)reader.BytesConsumed));
            }
            // Anything after the object is refused by the reader itself.
            reader.Read();
        }
        catch (JsonException e)
        {
            throw _window.Fail(start + (int)(e.BytePositionInLine ?? 0), $"not valid JSON: {JsonMessages.FirstSentence(e.Message)}");
        }
        catch (InvalidOperationException)
        {
            // The JSON reader takes "\ud800" for valid JSON and refuses it only when asked for the text.
            throw _window.Fail(start + (int)reader.TokenStartIndex, LoneSurrogate);
        }
        if (_kept.Count == 0 || matched.Contains(false))
            return false;
        _output.WriteByte((byte)'{');
        for (var k = 0; k < _kept.Count; k++)
        {
            if (k > 0)
                _output.WriteByte((byte)',');
            _output.Write(line[_kept[k].Start.._kept[k].End]);
        }
        _output.Write("}\n"u8);
        return true;
    }

    private const string LoneSurrogate = "not valid JSON: a \\u escape names half of a surrogate pair (\\ud800 to \\udfff) without the other half, which is no text";

    private Field Lookup(ref Utf8JsonReader reader, int at)
    {
        Span<char> chars = stackalloc char[128];
        var raw = reader.ValueSpan; // one line is one span: never a sequence
        if (!reader.ValueIsEscaped && raw.Length <= chars.Length && Encoding.UTF8.TryGetChars(raw, chars, out var n)
            && _lookup.TryGetValue(chars[..n], out var known))
            return known;
        var name = reader.GetString()!;
        if (_fields.TryGetValue(name, out known))
            return known;
        if (_fields.Count == _maxFields)
            throw _window.Fail(at, $"more than {_maxFields:N0} distinct property names in the file; a record export has a fixed set of fields");
        var subject = _plan.Subject is { } s ? IndexOf(s, name) : -1;
        var field = new Field(_plan.Decide(name), subject);
        _fields[name] = field;
        _order.Add(field);
        return field;
    }

    private static int IndexOf(SubjectKey subject, string name)
    {
        for (var i = 0; i < subject.Values.Count; i++)
            if (subject.Values[i].Key == name)
                return i;
        return -1;
    }
}
