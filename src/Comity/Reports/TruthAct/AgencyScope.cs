using System.Globalization;

namespace Comity.Reports.TruthAct;

/// <summary>
/// Whose R1 it is (issue 21 point 1: "per agency and for the governing body"): the whole
/// jurisdiction, or one law-enforcement or jail unit of the report mapping counted with the units
/// that lie within it (the Department's report holds its Jail Division's requests). Its period
/// key tells the versions apart: <c>2025</c> for the governing body, <c>2025-lapd</c> for one agency.
/// </summary>
public sealed class AgencyScope
{
    private readonly bool[] covers;

    private AgencyScope(UnitMapping? agency, bool[] covers)
    {
        Agency = agency;
        this.covers = covers;
    }

    /// <summary>The agency reported on; null for the governing body's report over every unit.</summary>
    public UnitMapping? Agency { get; }

    public bool IsWhole => Agency is null;

    public static AgencyScope Whole(ReportMapping mapping) => new(null, [.. mapping.Units.Select(_ => true)]);

    /// <summary>The units an agency's report may be asked for: every law-enforcement and jail unit of the mapping (Gov. Code 7283(e)).</summary>
    public static IEnumerable<UnitMapping> Agencies(ReportMapping mapping) => mapping.Units.Where(u => u.Kind is "law-enforcement" or "jail");

    /// <summary>The scope of <paramref name="unit"/> (null or empty: the whole jurisdiction).</summary>
    /// <exception cref="ReportRequestException">when the mapping has no law-enforcement or jail unit by that id.</exception>
    public static AgencyScope Of(ReportMapping mapping, string? unit)
    {
        if (string.IsNullOrEmpty(unit))
            return Whole(mapping);
        var agency = Agencies(mapping).FirstOrDefault(u => u.Unit == unit)
            ?? throw new ReportRequestException("unit", $"\"{unit}\" is not a law-enforcement or jail unit of {mapping.Stack}; give one of: {string.Join(", ", Agencies(mapping).Select(u => u.Unit))}");
        var byId = mapping.Units.ToDictionary(u => u.Unit, StringComparer.Ordinal);
        bool Beneath(UnitMapping u)
        {
            // Walk up the "within" chain; a cycle the stack loader let through stops at the mapping's size.
            var steps = 0;
            for (var at = u; at is not null && steps++ <= mapping.Units.Count; at = at.Within is { } w ? byId.GetValueOrDefault(w) : null)
                if (at.Unit == unit)
                    return true;
            return false;
        }
        return new AgencyScope(agency, [.. mapping.Units.Select(Beneath)]);
    }

    /// <summary>True when a row of the unit at <paramref name="index"/> of the mapping counts (a row of no known unit counts for the whole jurisdiction only).</summary>
    public bool Covers(int index) => index < 0 ? IsWhole : covers[index];

    /// <summary>The period key of the year's report: <c>2025</c> or <c>2025-lapd</c>.</summary>
    public string PeriodKey(int year) => Key(year, Agency?.Unit);

    public static string Key(int year, string? unit) =>
        year.ToString("D4", CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(unit) ? "" : "-" + unit);

    /// <summary>Reads a period key of R1 (<c>2025</c>, <c>2025-lapd</c>); null when it is not one (the unit is checked against a mapping later).</summary>
    public static (int Year, string? Unit)? ParseKey(string period)
    {
        if (period.Length < 4 || !int.TryParse(period.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 9998)
            return null;
        if (period.Length == 4)
            return (year, null);
        var unit = period[5..];
        return period[4] == '-' && unit.Length > 0 && unit.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_') ? (year, unit) : null;
    }
}
