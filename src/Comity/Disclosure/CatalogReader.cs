using System.Security.Cryptography;
using System.Text.Json;
using Comity.Contract;
using Comity.Disclosure.Internal;

namespace Comity.Disclosure;

/// <summary>
/// Reads a data catalog: a JSON object (// and /* */ comments allowed, so the city can say why a
/// field is mapped as it is) with <c>system</c>, <c>jurisdiction</c>, <c>title</c>,
/// <c>subject</c> (the fields that identify a person) and <c>fields</c> (field name to data item
/// or <c>"none"</c>). Every error names the file, line and column and what was expected there;
/// all are collected, not just the first.
/// </summary>
public static class CatalogReader
{
    /// <summary>The word that maps a field to no data item: the field is never released.</summary>
    public const string None = "none";

    /// <exception cref="DisclosureException">with every error found.</exception>
    public static DataCatalog Load(string path) => Read(File.ReadAllBytes(path), path);

    /// <exception cref="DisclosureException">with every error found.</exception>
    public static DataCatalog Read(ReadOnlySpan<byte> utf8, string name)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(utf8));
        var text = ByteOrderMark.Strip(utf8);
        var state = new Parse(name, text.ToArray());
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            state.Root(ref reader);
            // Anything after the object is refused by the reader itself.
            reader.Read();
        }
        catch (JsonException e)
        {
            throw new DisclosureException(new DisclosureError(name, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1,
                $"not valid JSON: {JsonMessages.FirstSentence(e.Message)}"));
        }
        catch (InvalidOperationException)
        {
            // The JSON reader takes "\ud800" for valid JSON and refuses it only when asked for the text.
            state.Error(reader.TokenStartIndex, "not valid JSON: a \\u escape names half of a surrogate pair (\\ud800 to \\udfff) without the other half, which is no text");
        }
        if (state.Errors.Count > 0)
            throw new DisclosureException(state.Errors);
        return new DataCatalog(state.System!, state.Jurisdiction!, state.Title ?? "", state.Fields, state.Subject, name, digest);
    }

    private sealed class Parse(string name, byte[] text)
    {
        public List<DisclosureError> Errors { get; } = [];
        public string? System;
        public string? Jurisdiction;
        public string? Title;
        public List<CatalogField> Fields { get; } = [];
        public List<string> Subject { get; } = [];

        public void Root(ref Utf8JsonReader r)
        {
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                Error(r, "expected a JSON object with system, jurisdiction, title, subject and fields");
                return;
            }
            var start = r.TokenStartIndex;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var subjectAt = start;
            var sawFields = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var property = r.GetString()!;
                var at = r.TokenStartIndex;
                if (!seen.Add(property))
                    Error(at, $"\"{property}\" is given twice");
                r.Read();
                switch (property)
                {
                    case "system":
                        System = Identifier(ref r, "system", "the record system's id, such as lapd-booking-records");
                        break;
                    case "jurisdiction":
                        Jurisdiction = Identifier(ref r, "jurisdiction", "the stack this catalog serves, such as us/ca/los-angeles");
                        break;
                    case "title":
                        Title = String(ref r, "title", "a title saying what the system holds");
                        break;
                    case "subject":
                        subjectAt = r.TokenStartIndex;
                        ReadSubject(ref r);
                        break;
                    case "fields":
                        sawFields = true;
                        ReadFields(ref r);
                        break;
                    default:
                        Error(at, $"unknown property \"{property}\"; expected system, jurisdiction, title, subject or fields");
                        r.Skip();
                        break;
                }
            }
            foreach (var (required, what) in new[] { ("system", System), ("jurisdiction", Jurisdiction) })
                if (what is null && !seen.Contains(required))
                    Error(start, $"\"{required}\" is required");
            if (!sawFields)
                Error(start, "\"fields\" is required: an object mapping each field name to a data item or \"none\"");
            var names = Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var s in Subject.Where(s => !names.Contains(s)))
                Error(subjectAt, $"subject field \"{s}\" is not among the catalog's fields");
        }

        private void ReadSubject(ref Utf8JsonReader r)
        {
            const string expected = "an array of the field names that together identify the person a row is about";
            if (r.TokenType != JsonTokenType.StartArray)
            {
                Error(r, $"\"subject\": expected {expected}");
                r.Skip();
                return;
            }
            var at = r.TokenStartIndex;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.String || r.GetString() is not { Length: > 0 } field)
                    Error(r, $"\"subject\": expected {expected}");
                else if (Subject.Contains(field))
                    Error(r, $"\"subject\": \"{field}\" is listed twice");
                else
                    Subject.Add(field);
                r.Skip();
            }
            if (Subject.Count == 0)
                Error(at, $"\"subject\": expected {expected}; it is empty");
        }

        private void ReadFields(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                Error(r, "\"fields\": expected an object mapping each field name to a data item or \"none\"");
                r.Skip();
                return;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var field = r.GetString()!;
                var at = r.TokenStartIndex;
                r.Read();
                if (field.Length == 0)
                    Error(at, "a field name is empty");
                else if (!seen.Add(field))
                    Error(at, $"field \"{field}\" is mapped twice");
                if (r.TokenType != JsonTokenType.String)
                {
                    Error(r, $"field \"{field}\": expected a data item name or \"{None}\"");
                    r.Skip();
                    continue;
                }
                var value = r.GetString()!;
                if (value == None)
                    Fields.Add(new CatalogField(field, null));
                else if (Vocabularies.DataItems.TryParse(value, out var item))
                    Fields.Add(new CatalogField(field, item));
                else
                    Error(r, $"field \"{field}\": \"{value}\" is not a data item; expected {Vocabularies.DataItems.Expected}, or \"{None}\" (never released)");
            }
        }

        private string? Identifier(ref Utf8JsonReader r, string property, string expected)
        {
            var value = String(ref r, property, expected);
            if (value is null)
                return null;
            if (value.Length == 0 || !value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '/'))
            {
                Error(r, $"\"{property}\": \"{value}\" is not an id; expected {expected} (lower-case letters, digits, - and /)");
                return null;
            }
            return value;
        }

        private string? String(ref Utf8JsonReader r, string property, string expected)
        {
            if (r.TokenType == JsonTokenType.String)
                return r.GetString();
            Error(r, $"\"{property}\": expected {expected}, as a string");
            r.Skip();
            return null;
        }

        private void Error(Utf8JsonReader r, string message) => Error(r.TokenStartIndex, message);

        public void Error(long index, string message)
        {
            var before = text.AsSpan(0, (int)index);
            var line = before.Count((byte)'\n') + 1;
            var lineStart = before.LastIndexOf((byte)'\n') + 1;
            var column = global::System.Text.Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
            Errors.Add(new DisclosureError(name, line, column, message));
        }
    }
}
