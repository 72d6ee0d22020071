using Comity.Contract;
using Comity.Conditions;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// Everything the analysis of one or more stacks shares: the rules, the facts' values as the
/// rules distinguish them (<see cref="Space"/>), the records the subject may have, the first day
/// any rule is in force, and the box of every question for each act.
/// </summary>
internal sealed class Universe
{
    public Universe(IReadOnlyList<Stack> stacks)
    {
        Stacks = stacks;
        var rules = new List<AnalysedRule>();
        var indexOf = new Dictionary<Exists, OffenceIndex>(ReferenceEqualityComparer.Instance);
        for (var s = 0; s < stacks.Count; s++)
        {
            var index = new OffenceIndex(stacks[s].Tables);
            for (var l = 0; l < stacks[s].Layers.Count; l++)
                foreach (var p in stacks[s].Layers[l].Provisions.Where(p => p.Kind == ProvisionKind.Rule))
                {
                    rules.Add(new AnalysedRule(p, s, l));
                    foreach (var x in LawWalk.Of(p.When).OfType<Exists>())
                        indexOf[x] = index;
                }
        }
        Rules = rules;
        var units = stacks.SelectMany(s => s.Units).Select(u => u.Id).Concat(rules.SelectMany(r => r.Source.Binds.Units))
            .Concat(rules.SelectMany(r => LawWalk.Of(r.Source.When)).OfType<IsOneOf>().Where(t => t.Fact.Type == FactType.Identifier).SelectMany(t => t.Values));
        Space = new Space(units);
        // A stack that declares its units refuses any other: no witness may name one.
        _declaredOnly = stacks.Count > 0 && stacks.All(s => s.Units.Count > 0);
        Evaluator = new Evaluator(Space);
        Records = new RecordCatalog(Evaluator, indexOf, stacks.SelectMany(s => s.Tables).SelectMany(t => t.Codes));
        _indexOf = indexOf;
        Start = rules.Count == 0 ? new DateOnly(2000, 1, 1) : rules.Min(r => r.Source.Period.From);
        Boundaries = rules.SelectMany(r => new[] { r.Source.Period.From, r.Source.Period.Until ?? DateOnly.MaxValue })
            .Where(d => d < DateOnly.MaxValue).Distinct().Order().ToList();
    }

    public IReadOnlyList<Stack> Stacks { get; }
    public IReadOnlyList<AnalysedRule> Rules { get; }
    public Space Space { get; }
    public Evaluator Evaluator { get; }
    public RecordCatalog Records { get; }

    /// <summary>The first day any rule is in force: before it the stacks say nothing, and nothing is analysed.</summary>
    public DateOnly Start { get; }

    /// <summary>Every day on which some rule starts or stops: they cut time into the periods analysed.</summary>
    public IReadOnlyList<DateOnly> Boundaries { get; }

    /// <summary>Every question about <paramref name="act"/> the contract allows, from <see cref="Start"/> on.</summary>
    public Box Root(Act act)
    {
        var masks = Enumerable.Range(0, Space.DimCount).Select(d => Space.Full((Dim)d)).ToArray();
        masks[(int)Dim.Act] = 1UL << (int)act;
        // The contract requires data for disclosures and a place for access and property use.
        if (act is Act.Disclose or Act.BulkDisclose)
            masks[(int)Dim.Item] &= ~(1UL << Space.AbsentItem);
        if (act is Act.FacilityAccess or Act.PropertyUse)
            masks[(int)Dim.Place] &= ~(1UL << Space.AbsentPlace);
        if (_declaredOnly)
            masks[(int)Dim.ActorUnit] &= ~(1UL << Space.OtherUnit);
        return new Box(masks, Start, DateOnly.MaxValue);
    }

    public DecisionRequest Witness(Box box) => Witnesses.For(box, Space);

    private readonly Dictionary<Exists, OffenceIndex> _indexOf;
    private readonly bool _declaredOnly;
    private readonly Dictionary<Exists, Func<RequestFacts, bool>> _compiled = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Whether a request with at most one data item is in the box: each fact has a value the box
    /// allows, the day is in its period, and its convictions and charges make true exactly what the
    /// box chose, as the engine reads them.
    /// </summary>
    public bool Contains(Box box, DecisionRequest r)
    {
        if (r.Data.Count > 1)
            return false;
        var item = r.Data.Count == 0 ? Space.AbsentItem : (int)r.Data[0];
        var unit = Space.Units.Take(Space.OtherUnit).ToList().IndexOf(r.Actor.Unit);
        var t = r.TaskForce;
        Span<(Dim, int)> values =
        [
            (Dim.Act, (int)r.Act), (Dim.ActorKind, (int)r.Actor.Kind), (Dim.ActorUnit, unit < 0 ? Space.OtherUnit : unit),
            (Dim.Purpose, (int)r.Purpose), (Dim.DocumentType, (int)r.Document.Type), (Dim.Agency, (int)r.Requester.Agency),
            (Dim.Place, r.Place is { } p ? (int)p : Space.AbsentPlace), (Dim.Item, item), (Dim.ItemPublic, r.DataPublic.Count > 0 ? 1 : 0),
            (Dim.IssuedByFederalJudge, B(r.Document.IssuedByFederalJudge)), (Dim.FederalCriminalImmigrationLaw, B(r.Document.FederalCriminalImmigrationLaw)),
            (Dim.NamesSubject, B(r.Document.NamesSubject)), (Dim.CoversPlace, B(r.Document.CoversPlace)),
            (Dim.InCustody, B(r.Subject.InCustody)), (Dim.SexArsonRegistrant, B(r.Subject.SexArsonRegistrant)),
            (Dim.FederalFelonyWarrant, B(r.Subject.FederalFelonyWarrant)), (Dim.ReentryAfterAggravatedFelony, B(r.Subject.ReentryAfterAggravatedFelony)),
            (Dim.HateCrimeVictimOrWitnessNotCharged, B(r.Subject.HateCrimeVictimOrWitnessNotCharged)),
            (Dim.PrimaryPurposeImmigration, B(t?.PrimaryPurposeImmigration == true)), (Dim.DutiesPrimarilyImmigration, B(t?.DutiesPrimarilyImmigration == true)),
            (Dim.DedicatedResources, B(t?.DedicatedResources == true)), (Dim.FederalMembers, B(t?.FederalMembers == true)),
            (Dim.DocumentCourt, E(Dim.DocumentCourt, (int?)r.Document.Court)), (Dim.PlaceArea, E(Dim.PlaceArea, (int?)r.PlaceArea)),
            (Dim.ActorRole, E(Dim.ActorRole, (int?)r.Actor.Role)), (Dim.Agreement287g, E(Dim.Agreement287g, (int?)r.Actor.Agreement287g)),
            (Dim.SubjectRole, E(Dim.SubjectRole, (int?)r.Subject.Role)),
            (Dim.AdministrativeWarrantAttached, B(r.Document.AdministrativeWarrantAttached)), (Dim.ServedOnSubject, B(r.Document.ServedOnSubject)),
            (Dim.FederalParticipation, B(r.Requester.FederalParticipation)),
            (Dim.ItemHeld, B(r.Data.Count == 0 ? false : r.DataHeld is { } held ? held.Contains(r.Data[0]) : null)),
            (Dim.PastRelease, B(CustodyClock.PastRelease(r))), (Dim.Past48Hours, B(CustodyClock.Past48Hours(r))),
            (Dim.CitizenshipProof, B(r.Subject.CitizenshipProof)),
            (Dim.InterviewFormServed, B(r.Subject.InterviewConsent?.FormServed)), (Dim.InterviewConsented, B(r.Subject.InterviewConsent?.Consented)),
            (Dim.InterviewAttorneyPresent, B(r.Subject.InterviewConsent?.AttorneyPresent)),
        ];
        foreach (var (dim, value) in values)
            if ((box[dim] & (1UL << value)) == 0)
                return false;
        if (r.ReceivedOn < box.From || r.ReceivedOn >= box.Until)
            return false;
        foreach (var choice in new[] { box.Convictions, box.Charges })
            foreach (var (node, holds) in choice?.Truth ?? new Dictionary<Exists, bool>())
            {
                var index = _indexOf[node];
                if (!_compiled.TryGetValue(node, out var test))
                    _compiled[node] = test = new ConditionTree(index).Build(node);
                var facts = new RequestFacts();
                FactsBuilder.Build(r, index, facts);
                FactsBuilder.SetItem(facts, r, r.Data.Count == 0 ? null : r.Data[0]);
                if (test(facts) != holds)
                    return false;
            }
        return true;
    }

    private static int B(bool value) => value ? Space.True : 0;

    private static int B(bool? value) => value is { } v ? B(v) : Space.NotGivenBoolean;

    private int E(Dim d, int? value) => value ?? Space.NotGiven(d);
}
