using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>
/// semantics.md, Time: windows written in the law are measured back from receivedAt to the
/// conviction date. law-language.md: on or after the same calendar day N years before receivedAt;
/// a 29 February maps to 28 February.
/// </summary>
public class LookBackWindowTests
{
    private static Comity.Engine.DecisionEngine Window(string window) =>
        TempStack.Compile(LawText.Rule("r.window", "permit", when: $"any conviction ({window})"));

    private static Outcome Decide(Comity.Engine.DecisionEngine engine, string convictionDate, string receivedAt) =>
        engine.Decide(Req.Convictions($$"""[{ "code": "PC 211", "level": "felony", "date": "{{convictionDate}}" }]""", receivedAt)).Outcome;

    private static readonly Comity.Engine.DecisionEngine FiveYears = Window("within 5 years");

    [Fact]
    public void Conviction_exactly_n_years_before_receipt_is_inside_the_window()
    {
        Assert.Equal(Outcome.Permit, Decide(FiveYears, "2020-03-14", "2025-03-14"));
    }

    [Fact]
    public void Conviction_one_day_earlier_is_outside_the_window()
    {
        Assert.Equal(Outcome.ReferToCounsel, Decide(FiveYears, "2020-03-13", "2025-03-14"));
    }

    [Fact]
    public void Conviction_on_the_day_of_receipt_is_inside_the_window()
    {
        Assert.Equal(Outcome.Permit, Decide(FiveYears, "2025-03-14", "2025-03-14"));
    }

    [Fact]
    public void Window_is_measured_from_received_at_not_from_today()
    {
        // Long outside five years of today, but inside five years of the day the request arrived.
        Assert.Equal(Outcome.Permit, Decide(FiveYears, "2006-01-01", "2010-12-31"));
        Assert.Equal(Outcome.ReferToCounsel, Decide(FiveYears, "2005-12-30", "2010-12-31"));
    }

    [Fact]
    public void Receipt_on_29_february_measures_back_to_28_february()
    {
        var oneYear = Window("within 1 years");

        Assert.Equal(Outcome.Permit, Decide(oneYear, "2023-02-28", "2024-02-29"));
        Assert.Equal(Outcome.ReferToCounsel, Decide(oneYear, "2023-02-27", "2024-02-29"));
    }

    [Fact]
    public void Conviction_on_29_february_is_inside_until_the_28_february_n_years_later()
    {
        Assert.Equal(Outcome.Permit, Decide(FiveYears, "2020-02-29", "2025-02-28"));
        Assert.Equal(Outcome.ReferToCounsel, Decide(FiveYears, "2020-02-29", "2025-03-01"));
    }

    [Fact]
    public void Receipt_on_29_february_with_a_leap_year_window_start_keeps_29_february()
    {
        // Four years before 2024-02-29 is 2020-02-29, which exists.
        var fourYears = Window("within 4 years");

        Assert.Equal(Outcome.Permit, Decide(fourYears, "2020-02-29", "2024-02-29"));
        Assert.Equal(Outcome.ReferToCounsel, Decide(fourYears, "2020-02-28", "2024-02-29"));
    }

    [Fact]
    public void Month_window_measures_back_to_the_same_day_or_the_end_of_a_shorter_month()
    {
        var sixMonths = Window("within 6 months");

        Assert.Equal(Outcome.Permit, Decide(sixMonths, "2024-09-14", "2025-03-14"));
        Assert.Equal(Outcome.ReferToCounsel, Decide(sixMonths, "2024-09-13", "2025-03-14"));
        // 31 March minus six months is 30 September.
        Assert.Equal(Outcome.Permit, Decide(sixMonths, "2024-09-30", "2025-03-31"));
        Assert.Equal(Outcome.ReferToCounsel, Decide(sixMonths, "2024-09-29", "2025-03-31"));
    }

    [Fact]
    public void Day_window_counts_calendar_days_back()
    {
        var thirtyDays = Window("within 30 days");

        Assert.Equal(Outcome.Permit, Decide(thirtyDays, "2025-02-12", "2025-03-14"));
        Assert.Equal(Outcome.ReferToCounsel, Decide(thirtyDays, "2025-02-11", "2025-03-14"));
    }

    [Fact]
    public void Dated_before_is_strictly_before_the_day()
    {
        var before = Window("dated before 2014-11-05");

        Assert.Equal(Outcome.Permit, Decide(before, "2014-11-04", "2025-03-14"));
        Assert.Equal(Outcome.ReferToCounsel, Decide(before, "2014-11-05", "2025-03-14"));
    }

    [Fact]
    public void Dated_from_is_on_or_after_the_day()
    {
        var from = Window("dated from 2014-11-05");

        Assert.Equal(Outcome.Permit, Decide(from, "2014-11-05", "2025-03-14"));
        Assert.Equal(Outcome.ReferToCounsel, Decide(from, "2014-11-04", "2025-03-14"));
    }

    [Fact]
    public void Window_holds_when_any_one_conviction_is_inside_it()
    {
        var answer = FiveYears.Decide(Req.Convictions("""
            [{ "code": "PC 211", "level": "felony", "date": "2001-01-01" },
             { "code": "PC 459", "level": "felony", "date": "2022-06-01" }]
            """));

        Assert.Equal(Outcome.Permit, answer.Outcome);
    }
}
