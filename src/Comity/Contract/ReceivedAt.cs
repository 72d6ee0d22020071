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
        var ok = TryParse(text, out var moment);
        day = moment.Day;
        return ok;
    }

    /// <summary>
    /// Reads an ISO 8601 date or date-time as written: the clock time on the sender's desk, and the
    /// offset when one is given (<c>Z</c> is +00:00).
    /// </summary>
    public static bool TryParse(string text, out Moment moment)
    {
        moment = default;
        if (!IsoDate.TryParse(text.AsSpan(0, Math.Min(10, text.Length)), out var day))
            return false;
        var rest = text.AsSpan(10);
        if (rest.IsEmpty)
        {
            moment = new Moment(day, null, null);
            return true;
        }
        // THH:mm[:ss[.fraction]][Z|±HH:mm]
        if (rest[0] != 'T' || rest.Length < 6 || !TwoDigits(rest[1..], 23) || rest[3] != ':' || !TwoDigits(rest[4..], 59))
            return false;
        var time = new TimeSpan(Value(rest[1..]), Value(rest[4..]), 0);
        rest = rest[6..];
        if (rest.Length >= 3 && rest[0] == ':')
        {
            if (!TwoDigits(rest[1..], 59))
                return false;
            time += TimeSpan.FromSeconds(Value(rest[1..]));
            rest = rest[3..];
            if (rest.Length >= 2 && rest[0] == '.')
            {
                var digits = 1;
                while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
                    digits++;
                if (digits == 1)
                    return false;
                // Whole ticks (ten-millionths of a second): finer digits change no comparison the contract makes.
                var ticks = 0L;
                for (var i = 1; i < 8; i++)
                    ticks = ticks * 10 + (i < digits ? rest[i] - '0' : 0);
                time += TimeSpan.FromTicks(ticks);
                rest = rest[digits..];
            }
        }
        TimeSpan? offset;
        if (rest.IsEmpty)
            offset = null;
        else if (rest.Length == 1 && rest[0] == 'Z')
            offset = TimeSpan.Zero;
        else if (rest.Length == 6 && rest[0] is '+' or '-' && TwoDigits(rest[1..], 23) && rest[3] == ':' && TwoDigits(rest[4..], 59))
            offset = (rest[0] == '-' ? -1 : 1) * new TimeSpan(Value(rest[1..]), Value(rest[4..]), 0);
        else
            return false;
        moment = new Moment(day, time, offset);
        return true;
    }

    private static int Value(ReadOnlySpan<char> twoDigits) => (twoDigits[0] - '0') * 10 + (twoDigits[1] - '0');

    private static bool TwoDigits(ReadOnlySpan<char> s, int max) =>
        s.Length >= 2 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && (s[0] - '0') * 10 + (s[1] - '0') <= max;
}

/// <summary>
/// A date or date-time as written: the calendar day, the clock time when one is given (null for a
/// bare date), and the offset when one is given (null: local time of unstated offset).
/// </summary>
public readonly record struct Moment(DateOnly Day, TimeSpan? Time, TimeSpan? Offset)
{
    /// <summary>The clock reading on the sender's desk; a bare date reads as the start of its day.</summary>
    public DateTime Clock => Day.ToDateTime(TimeOnly.MinValue) + (Time ?? TimeSpan.Zero);
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
