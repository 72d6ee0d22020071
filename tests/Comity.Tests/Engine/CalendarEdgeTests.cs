using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>Look-back windows measured from a day at the start of the calendar reach past it:
/// every conviction is then within the window, and nothing throws (found by fuzzing).</summary>
public class CalendarEdgeTests
{
    [Theory]
    [InlineData("within 15 years")]
    [InlineData("within 18 months")]
    [InlineData("within 30 days")]
    public void A_window_from_the_first_days_of_the_calendar_holds_and_does_not_throw(string window)
    {
        var engine = TempStack.Compile(LawText.Rule("r.default", "permit", effective: "from 0001-01-01")
            + LawText.Rule("r.recent", "deny", when: $"any conviction ({window})", effective: "from 0001-01-01"));
        var request = Req.With("""
            { "receivedAt": "0001-01-05",
              "subject": { "convictions": [ { "code": "PC 211", "level": "felony", "date": "0001-01-01" } ] } }
            """);

        Assert.Equal(Outcome.Deny, engine.Decide(request).Outcome);
    }
}
