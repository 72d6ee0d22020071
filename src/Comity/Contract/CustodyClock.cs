namespace Comity.Contract;

/// <summary>
/// The custody facts derived from <c>receivedAt</c> and <c>subject.custody.eligibleForReleaseAt</c>
/// (contract 1.1): whether the request came after the person would have been released, and
/// whether at least 48 hours after (8 C.F.R. 287.7(d)). Each is null (unknown) when the request
/// does not settle it:
/// <list type="bullet">
/// <item>no <c>eligibleForReleaseAt</c>: unknown;</item>
/// <item>a time without an offset is read in the other time's offset; when neither has one, both
/// are read on the same clock;</item>
/// <item><c>receivedAt</c> given as a bare date stands for any moment of that day (from its start,
/// inclusive, to the next day's start, exclusive): the fact is known only when every moment of the
/// day gives the same answer.</item>
/// </list>
/// </summary>
public static class CustodyClock
{
    public static readonly TimeSpan DetainerLimit = TimeSpan.FromHours(48);

    /// <summary><c>subject.custody.pastRelease</c>: received after <c>eligibleForReleaseAt</c>.</summary>
    public static bool? PastRelease(DecisionRequest r) => After(r, TimeSpan.Zero, strictly: true);

    /// <summary><c>subject.custody.past48Hours</c>: received at least 48 hours after <c>eligibleForReleaseAt</c>.</summary>
    public static bool? Past48Hours(DecisionRequest r) => After(r, DetainerLimit, strictly: false);

    // The reader keeps every time within ContractYears, so an offset and 48 hours never step off
    // the calendar here.
    private static bool? After(DecisionRequest r, TimeSpan by, bool strictly)
    {
        if (r.Subject.Custody?.EligibleForReleaseAt is not { } eligibleText
            || !ReceivedAt.TryParse(eligibleText, out var eligible)
            || !ReceivedAt.TryParse(r.ReceivedAt, out var received))
            return null;
        var offset = received.Offset ?? eligible.Offset ?? TimeSpan.Zero;
        var threshold = eligible.Clock - (eligible.Offset ?? offset) + by;
        var earliest = received.Clock - offset;
        if (received.Time is not null)
            return strictly ? earliest > threshold : earliest >= threshold;
        // A bare date: any moment in [start of day, start of next day).
        var latest = earliest.AddDays(1);
        if (strictly ? earliest > threshold : earliest >= threshold)
            return true;
        if (latest <= threshold)
            return false;
        return null;
    }
}
