using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Comity.Contract.Internal;

/// <summary>
/// Reads values out of a parsed JSON document and collects every <see cref="ContractError"/>
/// found, each with its JSON path and what was expected there. Nothing here throws for bad input:
/// the one way System.Text.Json can still fail on a well-formed document (a string escape that is
/// not valid UTF-16, such as a lone surrogate <c>"\ud800"</c>) is caught where a string is
/// decoded or compared, and reported at its path.
/// </summary>
internal sealed class JsonReading
{
    /// <summary>
    /// The longest text a string of <c>subject.identity</c> or <c>subject.interviewConsent</c> may
    /// carry: personal data is kept to what a case needs. Other strings are bounded by the size
    /// of the request a door accepts.
    /// </summary>
    public const int MaxStringLength = 200;

    public List<ContractError>? Errors { get; private set; }

    public int ErrorCount => Errors?.Count ?? 0;

    public void Error(string path, string message) => (Errors ??= []).Add(new ContractError(path, message));

    public bool Bool(JsonElement e, string path, out bool value)
    {
        value = e.ValueKind == JsonValueKind.True;
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return true;
        Mismatch(e, path, "true or false");
        return false;
    }

    /// <summary>A boolean of contract 1.1: null stays null (not given), as the property's absence does.</summary>
    public bool? OptionalBool(JsonElement e, string path) => Bool(e, path, out var value) ? value : null;

    public string? String(JsonElement e, string path) => String(e, path, int.MaxValue);

    /// <summary>A string of at most <see cref="MaxStringLength"/> characters.</summary>
    public string? ShortString(JsonElement e, string path) => String(e, path, MaxStringLength);

    private string? String(JsonElement e, string path, int maxLength)
    {
        if (e.ValueKind != JsonValueKind.String)
        {
            Mismatch(e, path, "a string");
            return null;
        }
        if (!TryDecode(e, out var text))
        {
            Error(path, NotUnicode);
            return null;
        }
        if (text.Length > maxLength)
        {
            Error(path, $"is {text.Length} characters long; at most {maxLength} are allowed");
            return null;
        }
        return text;
    }

    public const string NotUnicode = "is not valid Unicode text: it contains an escaped lone surrogate (such as \\ud800)";

    public E? Enum<E>(JsonElement e, string path, Vocabulary<E> vocabulary) where E : struct, System.Enum
    {
        if (e.ValueKind != JsonValueKind.String)
        {
            Mismatch(e, path, $"a string, {vocabulary.Expected}");
            return null;
        }
        try
        {
            for (var i = 0; i < vocabulary.Count; i++)
                if (e.ValueEquals(vocabulary.Utf8(i)))
                    return Vocabulary<E>.FromIndex(i);
        }
        catch (InvalidOperationException)
        {
            // Comparing may decode the escapes, and so fail as decoding does.
        }
        if (!TryDecode(e, out var text))
            Error(path, NotUnicode);
        else
            Error(path, $"\"{text}\" is not a known {vocabulary.What}; expected {vocabulary.Expected}");
        return null;
    }

    /// <summary>An array of enumeration values; null (with an error) when it or any item is wrong.</summary>
    public E[]? EnumArray<E>(JsonElement e, string path, Vocabulary<E> vocabulary) where E : struct, System.Enum
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            Mismatch(e, path, $"an array of strings, each {vocabulary.Expected}");
            return null;
        }
        var items = new E[e.GetArrayLength()];
        var ok = true;
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (Enum(item, $"{path}[{i}]", vocabulary) is { } value)
                items[i] = value;
            else
                ok = false;
            i++;
        }
        return ok ? items : null;
    }

    public DateOnly? Date(JsonElement e, string path)
    {
        if (String(e, path) is not { } text)
            return null;
        if (IsoDate.TryParse(text, out var date))
        {
            if (ContractYears.Contains(date))
                return date;
            Error(path, ContractYears.Refusal(date));
            return null;
        }
        Error(path, $"\"{text}\" is not a date; expected YYYY-MM-DD");
        return null;
    }

    /// <summary>Reads an object by its table into a new <typeparamref name="T"/>; null when it is not an object or holds an error.</summary>
    public T? Object<T>(JsonElement e, string path, ObjectTable<T> table) where T : class, new() => table.Read(this, e, path);

    /// <summary>An array of objects; null when it or any item holds an error.</summary>
    public List<T>? Objects<T>(JsonElement e, string path, ObjectTable<T> table) where T : class, new()
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            Mismatch(e, path, "an array of objects");
            return null;
        }
        var items = new List<T>(e.GetArrayLength());
        var ok = true;
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (table.Read(this, item, $"{path}[{i}]") is { } value)
                items.Add(value);
            else
                ok = false;
            i++;
        }
        return ok ? items : null;
    }

    public void Mismatch(JsonElement e, string path, string expected) => Error(path, $"expected {expected}, found {Describe(e.ValueKind)}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    /// <summary>The string's text, or false when an escape in it is not valid UTF-16 (System.Text.Json throws for those).</summary>
    public static bool TryDecode(JsonElement e, out string text)
    {
        try
        {
            text = e.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>A property's name for an error path: decoded, or as written when it cannot be decoded.</summary>
    public static string NameOf(JsonProperty p)
    {
        try
        {
            return p.Name;
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(p));
        }
    }
}
