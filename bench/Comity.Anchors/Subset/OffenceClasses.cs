using System.Text.Json;
using Comity.Contract;
using Comity.Law;

namespace Comity.Anchors.Subset;

/// <summary>
/// The stack's offence tables as data every anchor reads (offence-classes.json): for each listed
/// code, every class it belongs to (the tables that list it, directly or through <c>includes</c>),
/// and for each contract class a caller may assert, the classes that assertion counts as (itself,
/// and the tables that include it). A harness gives each conviction or charge the union of the
/// classes of its code, of the codes its code is a subdivision of ("PC 245(a)(1)" is in
/// "PC 245"), and of its asserted classes, as Comity's offence index does; the rules then test
/// <c>classes contains C</c>, as a Cedar policy tests group membership the application supplies.
/// A code a table lists for an effective period only (<c>dated</c>) adds its classes when the
/// record's day (a conviction's date; for a charge, the day the request was received) is in it.
/// </summary>
public sealed class OffenceClasses
{
    public OffenceClasses(IReadOnlyList<OffenceTable> tables)
    {
        var byId = tables.ToDictionary(t => t.Id);
        var codes = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
            foreach (var code in CodesOf(table, byId, []))
                (codes.TryGetValue(code, out var set) ? set : codes[code] = new SortedSet<string>(StringComparer.Ordinal)).Add(table.Id);
        Codes = codes.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.ToList(), StringComparer.Ordinal);
        Dated = tables.SelectMany(t => DatedCodesOf(t, byId, []).Select(d => new DatedClass(d.Code, t.Id, AnchorSubset.Day(d.Period.From), d.Period.Until is { } u ? AnchorSubset.Day(u) : 99991231)))
            .OrderBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Class, StringComparer.Ordinal).ThenBy(d => d.From).ToList();
        Asserted = Vocabularies.OffenceClasses.Names.ToDictionary(
            x => x,
            x => (IReadOnlyList<string>)tables.Where(t => Includes(t, x, byId, [])).Select(t => t.Id).Prepend(x).Distinct().Order(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Codes { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Asserted { get; }

    /// <summary>Codes in a class for a period only: from (inclusive) until (exclusive), days as yyyymmdd.</summary>
    public IReadOnlyList<DatedClass> Dated { get; }

    /// <summary>The classes of a record on its day (yyyymmdd): of its code and the codes it is a subdivision of, and of its asserted classes.</summary>
    public string[] Of(string code, IReadOnlyList<string>? asserted, int day)
    {
        var classes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in AnchorRecord.CodesOf(code))
        {
            if (Codes.TryGetValue(key, out var c))
                classes.UnionWith(c);
            foreach (var d in Dated)
                if (d.Code == key && d.From <= day && day < d.Until)
                    classes.Add(d.Class);
        }
        foreach (var x in asserted ?? [])
            if (Asserted.TryGetValue(x, out var a))
                classes.UnionWith(a);
        return classes.ToArray();
    }

    public string ToJson() => JsonSerializer.Serialize(
        new { codes = Codes, asserted = Asserted, dated = Dated.Select(d => new { code = d.Code, @class = d.Class, from = d.From, until = d.Until }) },
        new JsonSerializerOptions { WriteIndented = true });

    public static OffenceClasses FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Dictionary<string, string[]> Map(string name) => root.GetProperty(name).Deserialize<Dictionary<string, string[]>>()!;
        var dated = root.TryGetProperty("dated", out var d)
            ? d.EnumerateArray().Select(e => new DatedClass(e.GetProperty("code").GetString()!, e.GetProperty("class").GetString()!, e.GetProperty("from").GetInt32(), e.GetProperty("until").GetInt32())).ToList()
            : [];
        return new OffenceClasses(Map("codes"), Map("asserted"), dated);
    }

    private OffenceClasses(Dictionary<string, string[]> codes, Dictionary<string, string[]> asserted, List<DatedClass> dated)
    {
        Codes = codes.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
        Asserted = asserted.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
        Dated = dated;
    }

    private static IEnumerable<(string Code, EffectivePeriod Period)> DatedCodesOf(OffenceTable table, Dictionary<string, OffenceTable> byId, HashSet<string> seen) =>
        seen.Add(table.Id)
            ? table.Dated.SelectMany(d => d.Codes.Select(c => (c, d.Period))).Concat(table.Includes.Where(byId.ContainsKey).SelectMany(i => DatedCodesOf(byId[i], byId, seen)))
            : [];

    private static IEnumerable<string> CodesOf(OffenceTable table, Dictionary<string, OffenceTable> byId, HashSet<string> seen) =>
        seen.Add(table.Id) ? table.Codes.Concat(table.Includes.Where(byId.ContainsKey).SelectMany(i => CodesOf(byId[i], byId, seen))) : [];

    private static bool Includes(OffenceTable table, string id, Dictionary<string, OffenceTable> byId, HashSet<string> seen) =>
        seen.Add(table.Id) && table.Includes.Any(i => i == id || (byId.TryGetValue(i, out var inner) && Includes(inner, id, byId, seen)));
}

/// <summary>A code in a class for a period only: days as yyyymmdd, until exclusive (99991231: no end).</summary>
public sealed record DatedClass(string Code, string Class, int From, int Until);
