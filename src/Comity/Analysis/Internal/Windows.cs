using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>Look-back windows as the engine measures them: back from the day received.</summary>
internal static class Windows
{
    /// <summary>The earliest conviction date <c>within</c> the window of a request received on <paramref name="day"/>.</summary>
    public static DateOnly Start(DateOnly day, Within w) => w.Unit switch
    {
        WindowUnit.Years => day.AddYears(-w.Amount),
        WindowUnit.Months => day.AddMonths(-w.Amount),
        _ => day.AddDays(-w.Amount),
    };

    /// <summary>The first day received whose window starts on or after <paramref name="date"/>.</summary>
    public static DateOnly FirstDayReaching(DateOnly date, Within w)
    {
        var day = w.Unit switch
        {
            WindowUnit.Years => date.AddYears(w.Amount),
            WindowUnit.Months => date.AddMonths(w.Amount),
            _ => date.AddDays(w.Amount),
        };
        while (Start(day, w) < date)
            day = day.AddDays(1);
        while (day > DateOnly.MinValue && Start(day.AddDays(-1), w) >= date)
            day = day.AddDays(-1);
        return day;
    }
}
