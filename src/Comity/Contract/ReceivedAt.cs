using System.Globalization;

namespace Comity.Contract;

/// <summary>
/// <c>receivedAt</c>: an ISO 8601 date (<c>2025-03-14</c>) or date-time with or without an offset
/// (<c>2025-03-14T09:30:00-07:00</c>). The law in force is chosen by the calendar day as written,
/// in the sender's own offset: the clock on the desk where the request arrived, not UTC.
/// </summary>
public static class ReceivedAt
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public const string Expected = "an ISO 8601 date (2025-03-14) or date-time (2025-03-14T09:30:00-07:00)";

    public static bool TryParseDay(string text, out DateOnly day)
    {
        day = default;
        if (text.Length < 10 || !DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return false;
        return text.Length == 10
            || DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);
    }
}
