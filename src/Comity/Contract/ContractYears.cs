namespace Comity.Contract;

/// <summary>
/// The years a request's dates may fall in: 1900 to 2200, inclusive. Every date a request carries
/// is a day in a living person's record (a birth, a conviction) or in a case being decided now
/// (receivedAt, custody times): none is before 1900, and none is within centuries of 2200. The
/// reader refuses a date outside them, with its JSON path, so that nothing downstream (the custody
/// clock's offsets and 48 hours, the look-back windows of the law, at most a century) can step off
/// the calendar, which runs from year 1 to 9999.
/// </summary>
public static class ContractYears
{
    public const int First = 1900;
    public const int Last = 2200;

    public static bool Contains(DateOnly day) => day.Year is >= First and <= Last;

    /// <summary>The error for a date outside the years, as the reader words it.</summary>
    public static string Refusal(DateOnly day) =>
        $"year {day.Year} is outside the years a request can speak of ({First} to {Last})";
}
