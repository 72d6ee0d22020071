using System.Text.RegularExpressions;

namespace Comity.Law;

/// <summary>
/// IANA time-zone ids (<c>America/Los_Angeles</c>, <c>America/Chicago</c>, <c>UTC</c>), as stack.law
/// names them, read from the machine's time-zone data (/usr/share/zoneinfo; the build's invariant
/// globalization leaves no Windows-name translation, so only IANA ids are found).
/// </summary>
public static partial class TimeZones
{
    /// <summary>The zone with this IANA id.</summary>
    /// <exception cref="ArgumentException">when <paramref name="id"/> is no IANA id this machine knows (the loader refuses such a stack).</exception>
    public static TimeZoneInfo Find(string id) =>
        TryFind(id, out var zone) ? zone : throw new ArgumentException($"\"{id}\" is not an IANA time-zone id this machine knows", nameof(id));

    /// <summary>
    /// True when <paramref name="id"/> is written as an IANA id (Area/Location, letters, digits,
    /// _ + -, no "." so no path outside the zone data) and the machine's data has it.
    /// </summary>
    public static bool TryFind(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (!IanaShape().IsMatch(id))
            return false;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
            return false;
        zone = found;
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")]
    private static partial Regex IanaShape();
}
