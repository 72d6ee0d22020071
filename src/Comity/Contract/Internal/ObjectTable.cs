using System.Text;
using System.Text.Json;

namespace Comity.Contract.Internal;

/// <summary>Reads one property's value into the object being built; <c>path</c> is the property's JSON path.</summary>
internal delegate void ReadProperty<in T>(JsonReading reading, JsonElement value, string path, T into);

/// <summary>One property of a contract object: its name, whether it is required, and how its value is read.</summary>
internal sealed record PropertyRule<T>(string Name, bool Required, ReadProperty<T> Read)
{
    public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(Name);
}

/// <summary>
/// The properties of one kind of contract object, as a table of name to reader. Reading an object
/// refuses, each at its path: a value that is not an object, an unknown property (listing the
/// known ones), a property given twice, and a required property left out; every other error is
/// the property reader's. Errors come in document order, a missing property after the object's
/// own properties.
/// </summary>
internal sealed class ObjectTable<T> where T : class, new()
{
    private readonly PropertyRule<T>[] _properties;
    private readonly string _unknown;

    public ObjectTable(params PropertyRule<T>[] properties)
    {
        if (properties.Length > 64)
            throw new ArgumentException("an object table holds at most 64 properties", nameof(properties));
        _properties = properties;
        _unknown = "unknown property; expected one of " + string.Join(", ", properties.Select(p => p.Name));
    }

    public IReadOnlyList<string> Names => _properties.Select(p => p.Name).ToList();

    /// <summary>The object read into a new <typeparamref name="T"/>, or null when it is not an object or holds an error.</summary>
    public T? Read(JsonReading reading, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            reading.Mismatch(element, path, "an object");
            return null;
        }
        var errorsBefore = reading.ErrorCount;
        var into = new T();
        var seen = 0UL;
        foreach (var property in element.EnumerateObject())
        {
            var index = IndexOf(property);
            if (index < 0)
            {
                reading.Error($"{path}.{JsonReading.NameOf(property)}", _unknown);
                continue;
            }
            var rule = _properties[index];
            var propertyPath = $"{path}.{rule.Name}";
            if ((seen & (1UL << index)) != 0)
            {
                reading.Error(propertyPath, "appears twice");
                continue;
            }
            seen |= 1UL << index;
            rule.Read(reading, property.Value, propertyPath, into);
        }
        for (var i = 0; i < _properties.Length; i++)
            if (_properties[i].Required && (seen & (1UL << i)) == 0)
                reading.Error($"{path}.{_properties[i].Name}", "required property is missing");
        return reading.ErrorCount == errorsBefore ? into : null;
    }

    private int IndexOf(JsonProperty property)
    {
        try
        {
            for (var i = 0; i < _properties.Length; i++)
                if (property.NameEquals(_properties[i].Utf8))
                    return i;
        }
        catch (InvalidOperationException)
        {
            // An escape in the name that is not valid UTF-16: no known property is spelt so.
        }
        return -1;
    }
}
