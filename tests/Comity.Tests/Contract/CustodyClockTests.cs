using System.Text.Json.Nodes;
using Comity.Contract;
using static Comity.Tests.Contract.RequestJson;

namespace Comity.Tests.Contract;

/// <summary>
/// subject.custody.pastRelease and past48Hours come from receivedAt and eligibleForReleaseAt:
/// unknown without the latter, compared as instants when offsets are given, and unknown when a
/// bare date of receipt does not settle them.
/// </summary>
public sealed class CustodyClockTests
{
    private static DecisionRequest Request(string receivedAt, string? eligible)
    {
        var json = Minimal().With("receivedAt", receivedAt);
        if (eligible is not null)
            json.With("subject", new JsonObject { ["custody"] = new JsonObject { ["eligibleForReleaseAt"] = eligible } });
        return AssertOk(Read(json));
    }

    [Theory]
    // Without eligibleForReleaseAt both are unknown.
    [InlineData("2025-03-14T09:30:00-07:00", null, null, null)]
    // Before, at, just after release; 48 hours to the second.
    [InlineData("2025-03-14T09:30:00-07:00", "2025-03-14T10:00:00-07:00", false, false)]
    [InlineData("2025-03-14T09:30:00-07:00", "2025-03-14T09:30:00-07:00", false, false)]
    [InlineData("2025-03-14T09:30:01-07:00", "2025-03-14T09:30:00-07:00", true, false)]
    [InlineData("2025-03-16T09:29:59-07:00", "2025-03-14T09:30:00-07:00", true, false)]
    [InlineData("2025-03-16T09:30:00-07:00", "2025-03-14T09:30:00-07:00", true, true)]
    // Offsets compare as instants: 09:30 in Los Angeles (-07:00) is 16:30Z.
    [InlineData("2025-03-14T09:30:00-07:00", "2025-03-14T16:00:00Z", true, false)]
    [InlineData("2025-03-14T09:30:00-07:00", "2025-03-14T17:00:00Z", false, false)]
    // A time without an offset is read in the other's offset; neither: the same clock.
    [InlineData("2025-03-14T09:30:00", "2025-03-14T16:00:00Z", false, false)]
    [InlineData("2025-03-14T09:30:00-07:00", "2025-03-14T09:00:00", true, false)]
    [InlineData("2025-03-16T10:00:00", "2025-03-14T09:00:00", true, true)]
    // A bare date stands for any moment of that day.
    [InlineData("2025-03-14", "2025-03-13T23:59:00", true, false)]
    [InlineData("2025-03-14", "2025-03-14T12:00:00", null, false)]
    [InlineData("2025-03-14", "2025-03-15T00:00:00", false, false)]
    [InlineData("2025-03-14", "2025-03-12T00:00:00", true, true)]
    [InlineData("2025-03-14", "2025-03-12T12:00:00", true, null)]
    // At the edges of the years a request may speak of, offsets and 48 hours stay on the calendar.
    [InlineData("2200-12-31T23:00:00-12:00", "2200-12-31T22:00:00+14:00", true, false)]
    [InlineData("1900-01-01T00:00:00+14:00", "1900-01-01T00:00:00-12:00", false, false)]
    public void Past_release_and_past_48_hours_are_known_only_where_the_times_settle_them(string receivedAt, string? eligible, bool? pastRelease, bool? past48Hours)
    {
        var r = Request(receivedAt, eligible);

        Assert.Equal(pastRelease, CustodyClock.PastRelease(r));
        Assert.Equal(past48Hours, CustodyClock.Past48Hours(r));
    }
}
