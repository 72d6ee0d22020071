namespace Comity.Contract;

/// <summary>
/// <c>receivedAt</c>: an ISO 8601 date (<c>2025-03-14</c>) or date-time with or without an offset
/// (<c>2025-03-14T09:30:00-07:00</c>). The law in force is chosen by the calendar day as written,
/// in the sender's own offset: the clock on the desk where the request arrived, not UTC.
/// Parsed by hand: this runs for every request of a batch, and the framework's general parsers
/// cost more than the rest of reading a request.
/// </summary>
public static class ReceivedAt
{
    public const string Expected = "an ISO 8601 date (2025-03-14) or date-time (2025-03-14T09:30:00-07:00)";

    public static bool TryParseDay(string text, out DateOnly day)
    {
        day = default;
        if (!IsoDate.TryParse(text.AsSpan(0, Math.Min(10, text.Length)), out day))
            return false;
        var rest = text.AsSpan(10);
        if (rest.IsEmpty)
            return true;
        // THH:mm[:ss[.fraction]][Z|±HH:mm]
        if (rest[0] != 'T' || rest.Length < 6 || !TwoDigits(rest[1..], 23) || rest[3] != ':' || !TwoDigits(rest[4..], 59))
            return false;
        rest = rest[6..];
        if (rest.Length >= 3 && rest[0] == ':')
        {
            if (!TwoDigits(rest[1..], 59))
                return false;
            rest = rest[3..];
            if (rest.Length >= 2 && rest[0] == '.')
            {
                var digits = 1;
                while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
                    digits++;
                if (digits == 1)
                    return false;
                rest = rest[digits..];
            }
        }
        return rest.IsEmpty
            || (rest.Length == 1 && rest[0] == 'Z')
            || (rest.Length == 6 && rest[0] is '+' or '-' && TwoDigits(rest[1..], 23) && rest[3] == ':' && TwoDigits(rest[4..], 59));
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, int max) =>
        s.Length >= 2 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && (s[0] - '0') * 10 + (s[1] - '0') <= max;
}

/// <summary>A calendar date written exactly as YYYY-MM-DD.</summary>
public static class IsoDate
{
    public static bool TryParse(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != Length || s[4] != '-' || s[7] != '-')
            return false;
        if (!Number(s[..4], out var y) || !Number(s.Slice(5, 2), out var m) || !Number(s.Slice(8, 2), out var d))
            return false;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
            return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    public const int Length = 10;

    /// <summary>Writes <paramref name="date"/> as YYYY-MM-DD (ASCII) into the first ten bytes of <paramref name="into"/>.</summary>
    public static void Format(DateOnly date, Span<byte> into)
    {
        Digits(date.Year, into[..4]);
        into[4] = (byte)'-';
        Digits(date.Month, into.Slice(5, 2));
        into[7] = (byte)'-';
        Digits(date.Day, into.Slice(8, 2));
    }

    private static void Digits(int value, Span<byte> into)
    {
        for (var i = into.Length - 1; i >= 0; i--, value /= 10)
            into[i] = (byte)('0' + value % 10);
    }

    private static bool Number(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
