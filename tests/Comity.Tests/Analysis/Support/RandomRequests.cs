using Comity.Contract;
using Comity.Law;

namespace Comity.Tests.Analysis.Support;

/// <summary>
/// Requests drawn at random (with a fixed seed, so every run draws the same) from the whole
/// contract: every act, purpose, document, agency, unit kind and flag, at most one data item,
/// days on and next to each date a stack names and anywhere from 1975 to 2035, and up to two
/// convictions and a charge with codes from the stack's tables or none, at any distance in time,
/// a conviction's juvenile given or not.
/// </summary>
internal static class RandomRequests
{
    public static IEnumerable<DecisionRequest> For(IReadOnlyList<Stack> stacks, int count, int seed = 20261124)
    {
        var random = new Random(seed);
        var days = stacks.SelectMany(s => s.Provisions).SelectMany(p => new[] { p.Period.From, p.Period.Until ?? p.Period.From })
            .SelectMany(d => new[] { d.AddDays(-1), d, d.AddDays(1) }).Distinct().ToList();
        var codes = stacks.SelectMany(s => s.Tables).SelectMany(t => t.AllCodes).Append("PC 999").Append("PC 245(a)(1)").Distinct().ToList();
        // A stack that declares its units refuses any other, so only those are drawn for it.
        var units = stacks.SelectMany(s => s.Units).Select(u => u.Id).Concat(stacks.SelectMany(s => s.Provisions).SelectMany(p => p.Binds.Units))
            .Concat(stacks.All(s => s.Units.Count > 0) ? [] : ["some-unit"]).Distinct().ToList();

        T One<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
        T Any<T>() where T : struct, Enum => One(Enum.GetValues<T>());
        bool Maybe(double p = 0.5) => random.NextDouble() < p;

        for (var n = 0; n < count; n++)
        {
            var day = Maybe(0.6) && days.Count > 0 ? One(days) : new DateOnly(1975, 1, 1).AddDays(random.Next(60 * 365));
            var act = Any<Act>();
            DataItem? item = act is Act.Disclose or Act.BulkDisclose || Maybe(0.2) ? Any<DataItem>() : null;
            yield return new DecisionRequest
            {
                ReceivedAt = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ReceivedOn = day,
                Actor = new Actor(One(units), Any<ActorKind>()),
                Requester = new Requester(Any<Agency>()),
                Act = act,
                Purpose = Any<Purpose>(),
                Document = new Document
                {
                    Type = Any<DocumentType>(), IssuedByFederalJudge = Maybe(), FederalCriminalImmigrationLaw = Maybe(), NamesSubject = Maybe(), CoversPlace = Maybe(),
                },
                Data = item is { } i ? [i] : [],
                DataPublic = item is { } j && Maybe(0.3) ? [j] : [],
                // Contract 1.1: whether the unit holds the item (dataHeld), or not given.
                DataHeld = item is { } h && Maybe(0.85) ? (Maybe(0.8) ? [h] : []) : null,
                Place = act is Act.FacilityAccess or Act.PropertyUse || Maybe(0.1) ? Any<Place>() : null,
                TaskForce = act == Act.TaskForce || Maybe(0.1) ? new TaskForce(Maybe(), Maybe(), Maybe(), Maybe()) : null,
                Subject = new Subject
                {
                    InCustody = Maybe(), SexArsonRegistrant = Maybe(0.2), FederalFelonyWarrant = Maybe(0.2),
                    ReentryAfterAggravatedFelony = Maybe(0.2), HateCrimeVictimOrWitnessNotCharged = Maybe(0.2),
                    Convictions = Enumerable.Range(0, random.Next(3)).Select(_ => new Conviction
                    {
                        Code = One(codes), Level = Any<ConvictionLevel>(), Jurisdiction = Any<ConvictionJurisdiction>(), Wobbler = Maybe(0.6) ? Maybe(0.5) : null,
                        ReducedByProp47 = Maybe(0.1), Date = day.AddDays(-random.Next(25 * 365)),
                        Classes = Maybe(0.15) ? [Any<OffenceClass>()] : [],
                        // Contract 1.1: a juvenile adjudication, or not, or not given (unknown).
                        Juvenile = Maybe(0.3) ? Maybe() : null,
                    }).ToList(),
                    MagistrateProbableCause = Maybe(0.2) ? [new Charge { Code = One(codes), Classes = Maybe(0.3) ? [Any<OffenceClass>()] : [] }] : [],
                },
            };
        }
    }
}
