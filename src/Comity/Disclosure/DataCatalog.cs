using Comity.Contract;

namespace Comity.Disclosure;

/// <summary>
/// What the fields of one of the city's record systems (booking records, a jail roster, ALPR
/// reads, case files) are, in the contract's terms: each field belongs to one data item, or to
/// none (never released). A field the catalog does not name is unmapped and never released
/// either; it is reported so that the city can catalog it. The city edits catalogs as files
/// (docs/disclosure.md); <see cref="CatalogReader"/> reads them.
/// </summary>
public sealed class DataCatalog
{
    private readonly Dictionary<string, CatalogField> _fields;

    public DataCatalog(string system, string jurisdiction, string title, IReadOnlyList<CatalogField> fields, IReadOnlyList<string> subject, string source = "", string digest = "")
    {
        System = system;
        Jurisdiction = jurisdiction;
        Title = title;
        Fields = fields;
        Subject = subject;
        Source = source;
        Digest = digest;
        _fields = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var s in subject)
            if (!_fields.ContainsKey(s))
                throw new ArgumentException($"subject field {s} is not a field of the catalog", nameof(subject));
    }

    /// <summary>The record system's id, e.g. <c>lapd-booking-records</c>.</summary>
    public string System { get; }

    /// <summary>The stack whose decisions this catalog serves (a request for another is refused).</summary>
    public string Jurisdiction { get; }

    public string Title { get; }

    /// <summary>Every field the catalog names, in the catalog's order.</summary>
    public IReadOnlyList<CatalogField> Fields { get; }

    /// <summary>The fields whose values, together, identify the person a row is about.</summary>
    public IReadOnlyList<string> Subject { get; }

    /// <summary>The catalog file as the user named it (empty when built in code).</summary>
    public string Source { get; }

    /// <summary><c>sha256:</c> and the hex digest of the catalog file's bytes (empty when built in code).</summary>
    public string Digest { get; }

    /// <summary>The field of this name (names compare exactly: case and spaces count), or null when unmapped.</summary>
    public CatalogField? Find(string name) => _fields.GetValueOrDefault(name);
}

/// <summary>A field of a record system and the data item it belongs to; null: none, never released.</summary>
public sealed record CatalogField(string Name, DataItem? Item);
