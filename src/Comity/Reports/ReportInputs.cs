using System.Globalization;
using System.Text.Json;
using Comity.Law;

namespace Comity.Reports;

/// <summary>A year's cost basis (T10): minutes per request type, the hourly cost, and the hours spent preparing the forum.</summary>
public sealed record CostBasis(IReadOnlyDictionary<string, double> MinutesPerRequest, double HourlyUsd, double ForumPreparationHours)
{
    public double? Minutes(string requestType) => MinutesPerRequest.TryGetValue(requestType, out var m) ? m : null;
}

/// <summary>One task force's annual return (E3), as recorded.</summary>
public sealed record TaskForceReturn(int Year, string ReportingAgency, string Name, string PrimaryPurpose, IReadOnlyList<string> ParticipatingAgencies,
    string DesignatedReportingAgency, string DedicatedResources, long TotalArrests, long ImmigrationEnforcementArrests, IReadOnlyList<string> WithheldFields);

/// <summary>
/// The figures a report reads beside the requests: <c>report-input</c> and <c>attestation</c>
/// entries up to the report's checkpoint (the latest input of a kind for the same unit and month
/// or year wins), and the stack's offence tables for the T5 appendix.
/// </summary>
public sealed class ReportInputs(ReportProjection projection, Stack stack)
{
    public Stack Stack => stack;

    /// <summary>The codes a table lists (with the tables it includes), and the table's title.</summary>
    public IEnumerable<(string Code, string Title)> TableCodes(string tableId)
    {
        var byId = stack.Tables.ToDictionary(t => t.Id);
        var seen = new HashSet<string>();
        IEnumerable<(string, string)> Walk(OffenceTable t) =>
            !seen.Add(t.Id) ? [] : t.Codes.Select(c => (c, t.Title)).Concat(t.Includes.Where(byId.ContainsKey).SelectMany(i => Walk(byId[i])));
        return byId.TryGetValue(tableId, out var table) ? Walk(table) : [];
    }

    /// <summary>Bookings and releases of the year's law-enforcement and jail units (only <paramref name="units"/> when given: an agency's report); complete when every unit with requests has all twelve months.</summary>
    public (long Bookings, long Releases, bool Complete) Denominators(int year, ReportMapping mapping, IReadOnlySet<string>? units = null)
    {
        var latest = new Dictionary<(string Unit, string Month), (long Bookings, long Releases)>();
        foreach (var input in projection.Inputs.Where(i => i.Type == "denominator"))
        {
            var d = input.Data;
            var month = d.GetProperty("month").GetString() ?? "";
            if (!month.StartsWith(year.ToString("D4", CultureInfo.InvariantCulture) + "-", StringComparison.Ordinal))
                continue;
            var unit = d.GetProperty("unit").GetString() ?? "";
            if (units is not null && !units.Contains(unit))
                continue;
            latest[(unit, month)] = (d.GetProperty("bookings").GetInt64(), d.GetProperty("releases").GetInt64());
        }
        if (latest.Count == 0)
            return (0, 0, false);
        var reporting = latest.Keys.Select(k => k.Unit).Distinct().ToList();
        var complete = reporting.All(u => Enumerable.Range(1, 12).All(m => latest.ContainsKey((u, $"{year:D4}-{m:D2}"))));
        return (latest.Values.Sum(v => v.Bookings), latest.Values.Sum(v => v.Releases), complete);
    }

    public CostBasis? CostBasis(int year)
    {
        var input = projection.Inputs.LastOrDefault(i => i.Type == "cost-basis" && i.Data.TryGetProperty("year", out var y) && y.GetInt32() == year);
        if (input is null)
            return null;
        var d = input.Data;
        var minutes = d.GetProperty("minutesPerRequest").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        return new CostBasis(minutes, d.GetProperty("hourlyCostUsd").GetDouble(), d.GetProperty("forumPreparationHours").GetDouble());
    }

    public IReadOnlyList<TaskForceReturn> TaskForces(int year) =>
    [
        .. projection.Inputs.Where(i => i.Type == "task-force-return" && i.Data.GetProperty("year").GetInt32() == year).Select(i =>
        {
            var d = i.Data;
            static string S(JsonElement e, string n) => e.TryGetProperty(n, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
            return new TaskForceReturn(year, S(d, "reportingAgency"), S(d, "name"), S(d, "primaryPurpose"),
                [.. d.GetProperty("participatingAgencies").EnumerateArray().Select(a => a.GetString() ?? "")],
                S(d, "designatedReportingAgency"), d.GetProperty("dedicatedResources").ValueKind == JsonValueKind.True ? "yes" : S(d, "dedicatedResources") is { Length: > 0 } r ? r : "no",
                d.GetProperty("totalArrests").GetInt64(), d.GetProperty("immigrationEnforcementArrests").GetInt64(),
                d.TryGetProperty("withheldFields", out var w) ? [.. w.EnumerateArray().Select(x => x.GetString() ?? "")] : []);
        }),
    ];

    public bool Attested(string unit, DateOnly from, DateOnly to) => projection.Attestations.Any(a => a.Covers(unit, from, to));
}
