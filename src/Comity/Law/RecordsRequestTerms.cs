using System.Text.Json;

namespace Comity.Law;

/// <summary>
/// The time the law gives an agency to answer a request for copies of public records, as a stack's
/// duty schedule states it beside the duty that makes the records public (<c>"recordsRequest"</c>
/// on that duty in duties.json): the determination is due <see cref="DetermineWithinDays"/>
/// calendar days from receipt, at the end of that day in the unit's time zone; in unusual
/// circumstances written notice may extend it, to a date at most <see cref="ExtendAtMostDays"/>
/// days past the first limit. <see cref="Cites"/> and <see cref="Source"/> grade it as a rule's
/// <c>cites</c> and <c>source</c> do.
/// </summary>
public sealed record RecordsRequestTerms(string Duty, int DetermineWithinDays, int ExtendAtMostDays, IReadOnlyList<string> Cites, string Source, string Why)
{
    private static readonly string[] Sources = ["primary", "secondary", "unconfirmed"];

    internal static RecordsRequestTerms? Read(string duty, JsonElement e, string at, Action<string, string> error)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            error(at, "expected an object with determineWithinDays, extendAtMostDays, cites, source, why");
            return null;
        }
        var ok = true;
        foreach (var p in e.EnumerateObject())
            if (p.Name is not ("determineWithinDays" or "extendAtMostDays" or "cites" or "source" or "why"))
            {
                error($"{at}.{p.Name}", "unknown property; expected determineWithinDays, extendAtMostDays, cites, source, why");
                ok = false;
            }
        int Days(string name)
        {
            if (e.TryGetProperty(name, out var d) && d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var n) && n is >= 0 and <= 366)
                return n;
            error($"{at}.{name}", "expected a whole number of days from 0 to 366");
            ok = false;
            return 0;
        }
        var within = Days("determineWithinDays");
        var extend = Days("extendAtMostDays");
        var cites = new List<string>();
        if (e.TryGetProperty("cites", out var list) && list.ValueKind == JsonValueKind.Array)
            foreach (var c in list.EnumerateArray())
                if (c.ValueKind == JsonValueKind.String && c.GetString() is { Length: > 0 } text)
                    cites.Add(text);
        if (cites.Count == 0)
        {
            error($"{at}.cites", "expected a list of one or more citations, as lawyers write them");
            ok = false;
        }
        var source = e.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (source is null || !Sources.Contains(source))
        {
            error($"{at}.source", "expected primary, secondary or unconfirmed");
            ok = false;
        }
        var why = e.TryGetProperty("why", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString() ?? "" : "";
        if (source is "secondary" or "unconfirmed" && !why.Contains(source, StringComparison.OrdinalIgnoreCase))
        {
            error($"{at}.why", $"a {source} source says so in its text (\"{source}\")");
            ok = false;
        }
        return ok ? new RecordsRequestTerms(duty, within, extend, cites, source!, why) : null;
    }
}
