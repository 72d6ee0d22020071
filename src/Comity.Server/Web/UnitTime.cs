using System.Globalization;
using Comity.Law;

namespace Comity.Server.Web;

/// <summary>
/// Times as a unit's staff read and enter them: in the unit's own time zone (a setting of the
/// stack or unit), whatever zone the server or the browser runs in. A time entered on a form is
/// stored with that zone's offset on that day, so it reads back as the same instant anywhere.
/// </summary>
public static class UnitTime
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    /// <summary>The zone the unit keeps: its own time-zone in stack.law, else its parent's, else the stack's, else UTC.</summary>
    public static TimeZoneInfo ZoneOf(Stack stack, string? unit) => stack.TimeZoneOf(unit);

    /// <summary>A local date and time typed on a form (<c>2025-06-02T08:00</c>) as an ISO 8601 date-time with the zone's offset that day; null when it is not one.</summary>
    public static string? WithOffset(string? local, TimeZoneInfo zone)
    {
        if (!DateTime.TryParseExact(local?.Trim(), [LocalFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            return null;
        // A time skipped by a daylight-saving change reads as the hour after; an ambiguous one as the first.
        if (zone.IsInvalidTime(t))
            t = t.AddHours(1);
        var offset = zone.GetUtcOffset(t);
        return new DateTimeOffset(t, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>An instant as the unit's local date-time for a form field (<c>2025-06-02T08:00</c>).</summary>
    public static string ToLocalField(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(LocalFormat, CultureInfo.InvariantCulture);

    /// <summary>An instant in words for a page: "2 June 2025, 08:00 PDT" style, with the zone's offset so it is never ambiguous.</summary>
    public static string Show(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>A contract time as sent (a date, or a date-time with or without an offset) in words in the unit's zone.</summary>
    /// <summary>A due time that falls at midnight on the unit's clock as the end of the day before ("end of 12 June 2025"), as the law counts days; any other as <see cref="Show"/>.</summary>
    public static string ShowDue(DateTimeOffset due, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(due, zone);
        return local.TimeOfDay == TimeSpan.Zero
            ? "end of " + local.AddDays(-1).ToString("d MMMM yyyy", CultureInfo.InvariantCulture) + " (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")"
            : Show(due, zone);
    }

    public static string ShowContractTime(string text, TimeZoneInfo zone)
    {
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return Show(at, zone);
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return local.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " (no time zone given)";
        return text;
    }

    /// <summary>A date-time string carries an offset (Z or ±hh:mm) after its time.</summary>
    public static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
            return false;
        var time = text[t..];
        return time.EndsWith('Z') || time.EndsWith('z') || time.Contains('+', StringComparison.Ordinal) || time.Contains('-', StringComparison.Ordinal);
    }

    /// <summary>Today's date in the zone.</summary>
    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
}
