using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;

namespace Comity.Recording;

/// <summary>
/// What a decision asks of the case: each duty of its answer read through the stack's duty
/// schedule (case or agency; on whom; due when) with its due time from the facts, and the data
/// items it refers to counsel. A duty due on receipt falls due when the request was received (a
/// bare date: at the end of that day in the unit's time zone); one due at release, when the
/// request says the person is eligible for release (else when a release is recorded); one due
/// before the interview, when the interview is recorded.
/// </summary>
public static class CaseDuties
{
    /// <summary>The stack that decides a request, or null when none can be found (its duties then read as case duties due on receipt).</summary>
    public static Stack? StackOf(StackCatalog catalog, DecisionRequest request)
    {
        try
        {
            return catalog.Find(request, out _)?.Stack;
        }
        catch (LawException)
        {
            return null;
        }
    }

    public static IReadOnlyList<CaseDutyPlan> Plan(IReadOnlyList<Obligation> obligations, DecisionRequest request, Stack? stack)
    {
        if (obligations.Count == 0)
            return [];
        var zone = Zone(stack, request.Actor.Unit);
        var plans = new List<CaseDutyPlan>(obligations.Count);
        foreach (var o in obligations)
        {
            var terms = stack?.Duties.For(o.Rule) ?? DutyTerms.Default;
            if (terms.Kind == DutyKind.Agency)
            {
                plans.Add(new CaseDutyPlan(o.Rule, true, [], "none", null));
                continue;
            }
            DateTimeOffset? due = terms.Due switch
            {
                DueBasis.OnReceipt => Received(request.ReceivedAt, zone),
                DueBasis.AtRelease => request.Subject.Custody?.EligibleForReleaseAt is { } release ? Received(release, zone) : null,
                _ => null,
            };
            if (due is { } d && terms.Within > TimeSpan.Zero)
                due = d <= DateTimeOffset.MaxValue - terms.Within ? d + terms.Within : DateTimeOffset.MaxValue;
            plans.Add(new CaseDutyPlan(o.Rule, false, [.. terms.To.Select(Recipient)], Basis(terms.Due), due));
        }
        return plans;
    }

    /// <summary>The data items an answer refers to counsel.</summary>
    public static IReadOnlyList<string> ReferredItems(DecisionAnswer answer) =>
        [.. answer.Data.Where(d => d.Outcome == Outcome.ReferToCounsel).Select(d => Vocabularies.DataItems.Name(d.Item))];

    /// <summary>The data items a recorded answer (<c>"data":{"item":"outcome",...}</c>) refers to counsel.</summary>
    public static IReadOnlyList<string> ReferredItems(JsonElement answer) =>
        answer.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? [.. data.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == "refer-to-counsel").Select(p => p.Name)]
            : [];

    /// <summary>
    /// An ISO 8601 time as an instant: with its offset as written; without one, read on the
    /// unit's clock; a bare date, the end of that day on the unit's clock. Null when it does not read.
    /// </summary>
    public static DateTimeOffset? Received(string text, TimeZoneInfo zone)
    {
        if (!ReceivedAt.TryParse(text, out var moment))
            return null;
        try
        {
            if (moment.Offset is { } offset)
                return new DateTimeOffset(moment.Clock, offset);
            var clock = moment.Time is null ? moment.Clock.AddDays(1) : moment.Clock;
            return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(clock, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
        }
        catch (ArgumentException)
        {
            return null; // a time at the edge of the calendar (year 9999) or in a gap of the zone: not known
        }
    }

    private static TimeZoneInfo Zone(Stack? stack, string unit)
    {
        try
        {
            return stack?.TimeZoneOf(unit) ?? TimeZoneInfo.Utc;
        }
        catch (ArgumentException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    private static string Recipient(DutyRecipient r) => r == DutyRecipient.Attorney ? "attorney" : "person";

    private static string Basis(DueBasis b) => b switch
    {
        DueBasis.OnReceipt => "on-receipt",
        DueBasis.BeforeInterview => "before-interview",
        DueBasis.AtRelease => "at-release",
        _ => "none",
    };
}
