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
        bool Flag(Dim d) => Pick(d) == 1;

        var act = (Act)Pick(Dim.Act);
        var item = Pick(Dim.Item);
        var place = Pick(Dim.Place);
        var taskForce = new TaskForce(Flag(Dim.PrimaryPurposeImmigration), Flag(Dim.DutiesPrimarilyImmigration), Flag(Dim.DedicatedResources), Flag(Dim.FederalMembers));
        DataItem[] data = item == Space.AbsentItem ? [] : [(DataItem)item];
        return new DecisionRequest
        {
            ReceivedAt = b.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ReceivedOn = b.From,
            Actor = new Actor(space.Units[Pick(Dim.ActorUnit)], (ActorKind)Pick(Dim.ActorKind)),
            Requester = new Requester((Agency)Pick(Dim.Agency)),
            Act = act,
            Purpose = (Purpose)Pick(Dim.Purpose),
            Document = new Document
            {
                Type = (DocumentType)Pick(Dim.DocumentType),
                IssuedByFederalJudge = Flag(Dim.IssuedByFederalJudge),
                FederalCriminalImmigrationLaw = Flag(Dim.FederalCriminalImmigrationLaw),
                NamesSubject = Flag(Dim.NamesSubject),
                CoversPlace = Flag(Dim.CoversPlace),
            },
            Data = data,
            DataPublic = Flag(Dim.ItemPublic) ? data : [],
            Place = place == Space.AbsentPlace ? null : (Place)place,
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
            },
        };
    }
}
