using Comity.Contract;
using Comity.Tests.Support;
using static Comity.Tests.Contract.RequestJson;

namespace Comity.Tests.Engine;

/// <summary>
/// Dates at the edges of the calendar (found by fuzzing: year 9999, year 1) are refused where they
/// come in, with their JSON path: a request speaks of the years 1900 to 2200 (ContractYears), and
/// a look-back window reaches back at most a century. Inside those bounds the custody clock and the
/// windows never step off the calendar, so the engine needs no guard of its own.
/// </summary>
public class CalendarEdgeTests
{
    [Theory]
    [InlineData("receivedAt", "0001-01-05", "year 1 is outside the years a request can speak of (1900 to 2200)")]
    [InlineData("receivedAt", "9999-12-31T23:59:59+14:00", "year 9999 is outside the years a request can speak of (1900 to 2200)")]
    [InlineData("receivedAt", "1899-12-31", "year 1899 is outside the years a request can speak of (1900 to 2200)")]
    [InlineData("receivedAt", "2201-01-01", "year 2201 is outside the years a request can speak of (1900 to 2200)")]
    [InlineData("subject.custody.eligibleForReleaseAt", "9999-12-31T12:00:00", "year 9999 is outside the years a request can speak of (1900 to 2200)")]
    [InlineData("subject.convictions[0].date", "0001-01-01", "year 1 is outside the years a request can speak of (1900 to 2200)")]
    [InlineData("subject.identity.dateOfBirth", "1850-06-01", "year 1850 is outside the years a request can speak of (1900 to 2200)")]
    public void The_reader_refuses_a_date_outside_the_years_a_request_can_speak_of(string path, string value, string message)
    {
        var json = Minimal();
        switch (path)
        {
            case "receivedAt":
                json.With(path, value);
                break;
            case "subject.custody.eligibleForReleaseAt":
                json.With("subject", System.Text.Json.Nodes.JsonNode.Parse($$"""{ "custody": { "eligibleForReleaseAt": "{{value}}" } }"""));
                break;
            case "subject.convictions[0].date":
                json.With("subject", System.Text.Json.Nodes.JsonNode.Parse($$"""{ "convictions": [ { "code": "PC 211", "level": "felony", "date": "{{value}}" } ] }"""));
                break;
            default:
                json.With("subject", System.Text.Json.Nodes.JsonNode.Parse($$"""{ "identity": { "dateOfBirth": "{{value}}" } }"""));
                break;
        }

        AssertRefused(Read(json), "$." + path, message);
    }

    [Theory]
    [InlineData("within 100 years")]
    [InlineData("within 1200 months")]
    [InlineData("within 36525 days")]
    public void The_longest_window_from_the_first_day_a_request_can_carry_holds_and_does_not_throw(string window)
    {
        var engine = TempStack.Compile(LawText.Rule("r.default", "permit", effective: "from 1900-01-01")
            + LawText.Rule("r.recent", "deny", when: $"any conviction ({window})", effective: "from 1900-01-01"));
        var request = Req.With("""
            { "receivedAt": "1900-01-05",
              "subject": { "convictions": [ { "code": "PC 211", "level": "felony", "date": "1900-01-01" } ] } }
            """);

        Assert.Equal(Outcome.Deny, engine.Decide(request).Outcome);
    }

    [Theory]
    [InlineData("within 101 years", "only/rules.law:6:31: a look-back window reaches back at most a century (100 years); found 101")]
    [InlineData("within 1201 months", "only/rules.law:6:31: a look-back window reaches back at most a century (1200 months); found 1201")]
    [InlineData("within 36526 days", "only/rules.law:6:31: a look-back window reaches back at most a century (36525 days); found 36526")]
    public void A_window_longer_than_a_century_is_refused_at_its_place(string window, string error)
    {
        Assert.Equal([error], TempStack.ErrorsOf(LawText.Rule("r.long", "deny", when: $"any conviction ({window})")));
    }
}
