using System.Globalization;
using System.Numerics;
using Comity.Contract;

namespace Comity.Analysis.Internal;

/// <summary>
/// Builds the witness of a box: a request in contract form whose one question lies in the box.
/// It takes the first day of the box and the plainest value of each fact: no data, no place and
/// false where the box allows them, a unit the stacks do not name where any unit will do.
/// </summary>
internal static class Witnesses
{
    public static DecisionRequest For(Box b, Space space)
    {
        int Pick(Dim d) => (b[d] & (1UL << space.Preferred(d))) != 0 ? space.Preferred(d) : BitOperations.TrailingZeroCount(b[d]);
        bool Flag(Dim d) => Pick(d) == Space.True;
        bool? Given(Dim d) => Pick(d) is var v && v == Space.NotGivenBoolean ? null : v == Space.True;
        int? Chosen(Dim d) => Pick(d) is var v && v == space.NotGiven(d) ? null : v;

        var act = (Act)Pick(Dim.Act);
        var item = Pick(Dim.Item);
        var place = Pick(Dim.Place);
        var taskForce = new TaskForce(Flag(Dim.PrimaryPurposeImmigration), Flag(Dim.DutiesPrimarilyImmigration), Flag(Dim.DedicatedResources), Flag(Dim.FederalMembers));
        DataItem[] data = item == Space.AbsentItem ? [] : [(DataItem)item];
        var held = Given(Dim.ItemHeld);
        var interview = new InterviewConsent
        {
            FormServed = Given(Dim.InterviewFormServed), Consented = Given(Dim.InterviewConsented), AttorneyPresent = Given(Dim.InterviewAttorneyPresent),
        };
        return new DecisionRequest
        {
            ReceivedAt = b.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ReceivedOn = b.From,
            Actor = new Actor(space.Units[Pick(Dim.ActorUnit)], (ActorKind)Pick(Dim.ActorKind))
            {
                Role = (ActorRole?)Chosen(Dim.ActorRole), Agreement287g = (Agreement287g?)Chosen(Dim.Agreement287g),
            },
            Requester = new Requester((Agency)Pick(Dim.Agency)) { FederalParticipation = Given(Dim.FederalParticipation) },
            Act = act,
            Purpose = (Purpose)Pick(Dim.Purpose),
            Document = new Document
            {
                Type = (DocumentType)Pick(Dim.DocumentType),
                IssuedByFederalJudge = Flag(Dim.IssuedByFederalJudge),
                FederalCriminalImmigrationLaw = Flag(Dim.FederalCriminalImmigrationLaw),
                NamesSubject = Flag(Dim.NamesSubject),
                CoversPlace = Flag(Dim.CoversPlace),
                AdministrativeWarrantAttached = Given(Dim.AdministrativeWarrantAttached),
                ServedOnSubject = Given(Dim.ServedOnSubject),
                Court = (Court?)Chosen(Dim.DocumentCourt),
            },
            Data = data,
            DataPublic = Flag(Dim.ItemPublic) ? data : [],
            DataHeld = held is null || data.Length == 0 ? null : held.Value ? data : [],
            Place = place == Space.AbsentPlace ? null : (Place)place,
            PlaceArea = (PlaceArea?)Chosen(Dim.PlaceArea),
            TaskForce = act == Act.TaskForce || taskForce != new TaskForce(false, false, false, false) ? taskForce : null,
            Subject = new Subject
            {
                InCustody = Flag(Dim.InCustody),
                SexArsonRegistrant = Flag(Dim.SexArsonRegistrant),
                FederalFelonyWarrant = Flag(Dim.FederalFelonyWarrant),
                ReentryAfterAggravatedFelony = Flag(Dim.ReentryAfterAggravatedFelony),
                HateCrimeVictimOrWitnessNotCharged = Flag(Dim.HateCrimeVictimOrWitnessNotCharged),
                Convictions = b.Convictions?.Convictions ?? [],
                MagistrateProbableCause = b.Charges?.Charges ?? [],
                Custody = Custody(b.From, Given(Dim.PastRelease), Given(Dim.Past48Hours)),
                CitizenshipProof = Given(Dim.CitizenshipProof),
                Role = (SubjectRole?)Chosen(Dim.SubjectRole),
                InterviewConsent = interview == new InterviewConsent() ? null : interview,
            },
        };
    }

    /// <summary>
    /// A time of eligibility for release that gives the chosen custody facts for a request received
    /// on <paramref name="day"/> (a bare date: any moment of it; see <see cref="CustodyClock"/>).
    /// Null for both unknown; a combination the clock cannot give (past 48 hours but not past
    /// release) never reaches here, as <see cref="Box.Normalized"/> drops it.
    /// </summary>
    private static Custody? Custody(DateOnly day, bool? pastRelease, bool? past48Hours)
    {
        var start = day.ToDateTime(TimeOnly.MinValue);
        DateTime? eligible = (pastRelease, past48Hours) switch
        {
            (null, null) => null,
            (false, _) => start.AddDays(1),
            (true, false) => start.AddHours(-12),
            (true, true) => start.AddDays(-3),
            (true, null) => start.AddHours(-36),
            (null, _) => start.AddHours(12),
        };
        return eligible is { } at ? new Custody { EligibleForReleaseAt = at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) } : null;
    }
}
