using System.Globalization;
using Comity.Contract;
using Comity.Law;

namespace Comity.Anchors.Subset;

/// <summary>
/// A stack restricted to some acts, in the form the anchors are written from: every rule that can
/// apply to one of the acts, with its exceptions and overrides resolved.
///
/// What an anchor computes is permit or deny: Comity's must-comply and permit are permit, its deny
/// and refer-to-counsel are deny. Under semantics.md that binary answer is "some rule allows, and no
/// rule forbids" provided the only duties (must) sit in the top layer and that layer refers nothing:
/// then a forbidding rule of a lower layer counts unless a top-layer duty stands over it (a higher
/// must stands; a lower deny or refer otherwise wins or sends to counsel, both "deny"; a lower deny
/// of a floor refers, also "deny"; no rule at all is a gap, "deny"), and a deny of the top layer
/// always counts (alone it decides; beside a must of its own layer it is a contradiction, which
/// refers: "deny" too). <see cref="Build"/> refuses a stack where that does not hold, rather than
/// encode it wrongly.
/// </summary>
public sealed class AnchorSubset
{
    /// <summary>The acts of the Los Angeles subset: holds, notifications, transfers, information items, ALPR.</summary>
    public static readonly IReadOnlyList<string> LosAngelesActs = ["hold", "notify-release", "transfer", "disclose", "alpr-search"];

    /// <summary>
    /// How many convictions and how many probable-cause charges the anchors without a quantifier
    /// (Cedar, casbin, json-rules-engine) read: records are slots <c>c0</c>, <c>c1</c> and
    /// <c>p0</c>, <c>p1</c>. The corpus never has more; the harnesses refuse a request that does.
    /// </summary>
    public const int RecordSlots = Corpus.LaCorpus.RecordSlots;

    private AnchorSubset(Stack stack, IReadOnlyList<string> acts, IReadOnlyList<AnchorRule> rules)
    {
        Stack = stack;
        Acts = acts;
        Rules = rules;
    }

    public Stack Stack { get; }
    public IReadOnlyList<string> Acts { get; }
    public IReadOnlyList<AnchorRule> Rules { get; }

    /// <summary>
    /// The rules that can apply to an act. An anchor without a scope of its own (casbin,
    /// json-rules-engine, RulesEngine, NRules) gets one rule set per act, as Comity indexes its
    /// rules by act; Cedar scopes each policy to its actions instead.
    /// </summary>
    public IReadOnlyList<AnchorRule> ForAct(string act) => Rules.Where(r => r.Acts.Contains(act)).ToList();

    /// <summary>The rules of <paramref name="rules"/> with every exception before the rules it sets aside (the order RulesEngine's parameters are defined in).</summary>
    public static IEnumerable<AnchorRule> ExceptionsFirst(IReadOnlyList<AnchorRule> rules)
    {
        var included = rules.ToHashSet();
        var done = new HashSet<AnchorRule>();
        var ordered = new List<AnchorRule>();
        void Visit(AnchorRule r)
        {
            if (!included.Contains(r) || !done.Add(r))
                return;
            foreach (var e in r.Exceptors)
                Visit(e);
            ordered.Add(r);
        }
        foreach (var r in rules)
            Visit(r);
        return ordered;
    }

    public static AnchorSubset Build(Stack stack, IReadOnlyList<string> acts)
    {
        var rules = new List<AnchorRule>();
        var versions = new Dictionary<string, int>();
        var sources = new List<Provision>();
        for (var l = 0; l < stack.Layers.Count; l++)
            foreach (var p in stack.Layers[l].Provisions)
            {
                if (p.Kind != ProvisionKind.Rule)
                    continue;
                var possible = PossibleActs(p.When);
                var ruleActs = acts.Where(possible.Contains).ToList();
                if (ruleActs.Count == 0)
                    continue;
                var version = versions[p.Id] = versions.GetValueOrDefault(p.Id) + 1;
                rules.Add(new AnchorRule
                {
                    Index = rules.Count,
                    Name = version == 1 ? p.Id : $"{p.Id}#{version}",
                    Layer = p.Layer,
                    LayerIndex = l,
                    Effect = p.Effect ?? throw new InvalidOperationException($"{p.At}: rule {p.Id} has no effect"),
                    Acts = ruleActs,
                    Applies = Applies(p),
                });
                sources.Add(p);
            }

        for (var i = 0; i < rules.Count; i++)
            for (var e = 0; e < rules.Count; e++)
                if (rules[e].LayerIndex == rules[i].LayerIndex && sources[e].ExceptionTo.Contains(sources[i].Id))
                    rules[i].Exceptors.Add(rules[e]);

        var musts = rules.Where(r => r.Effect == Effect.Must).ToList();
        if (musts.Any(m => m.LayerIndex != 0))
            throw new NotSupportedException($"{musts.First(m => m.LayerIndex != 0).Name}: a duty below the top layer cannot be encoded as permit/deny by {nameof(AnchorSubset)}");
        // A refer of the top layer beside its duties could be settled as a duty (refer between must,
        // permit): not a forbid, which is all an anchor can say.
        if (musts.Count > 0 && rules.FirstOrDefault(r => r.LayerIndex == 0 && r.Effect == Effect.Refer) is { } topRefer)
            throw new NotSupportedException($"{topRefer.Name}: the top layer both requires and refers; {nameof(AnchorSubset)} cannot encode how counsel may settle it");
        foreach (var r in rules.Where(r => !r.Allows))
            r.Overriders = r.LayerIndex == 0 ? [] : musts;
        return new AnchorSubset(stack, acts, rules);
    }

    private static AnchorExpr Applies(Provision p)
    {
        var parts = new List<AnchorExpr> { new DayExpr(false, Day(p.Period.From)) };
        if (p.Period.Until is { } until)
            parts.Add(new DayExpr(true, Day(until)));
        if (!p.Binds.All)
        {
            var binds = new List<AnchorExpr>();
            if (p.Binds.Kinds.Count > 0)
                binds.Add(new OneOfExpr(FactNames.Of("actor.kind"), p.Binds.Kinds.Select(Vocabularies.ActorKinds.Name).ToList()));
            if (p.Binds.Units.Count > 0)
                binds.Add(new OneOfExpr(FactNames.Of("actor.unit"), p.Binds.Units));
            parts.Add(binds.Count == 1 ? binds[0] : new AnyOfExpr(binds));
        }
        // A fact the request leaves out is unknown (semantics.md, "Facts that are not given"), and a
        // rule turning on it may apply: Comity's layer then refers, which is "deny" to an anchor. So a
        // rule that allows counts only where it surely applies, and one that forbids wherever it may.
        var allows = p.Effect is Effect.Permit or Effect.Floor or Effect.Must;
        if (p.When is not Always)
            parts.Add(Convert(p.When, allows));
        return new AllOfExpr(parts);
    }

    /// <summary>
    /// The condition as the anchors' two-valued tests: where it <paramref name="surely"/> holds
    /// (a fact not given makes no test true), or where it may hold (a fact not given makes every
    /// test of it true). A 1.1 boolean fact X is read with its companion XGiven; an absent
    /// enumeration is "". Inside records a conviction's juvenile can be left out: it is read
    /// with its companion juvenileGiven, as a request's 1.1 boolean is. Its wobbler mark can be left
    /// out too, and <c>wobbler is given</c> reads the companion wobblerGiven; a bare <c>wobbler</c>
    /// reads a mark not given as false, as the engine does.
    /// </summary>
    private static AnchorExpr Convert(Condition c, bool surely) => c switch
    {
        Always => TrueExpr.Instance,
        AllOf a => new AllOfExpr(a.Parts.Select(p => Convert(p, surely)).ToList()),
        AnyOf a => new AnyOfExpr(a.Parts.Select(p => Convert(p, surely)).ToList()),
        Not n => new NotExpr(Convert(n.Inner, !surely)),
        IsTrue { Fact.Id: FactId.Juvenile } t => surely
            ? new AllOfExpr([new RecordFlagExpr(t.Fact.Name + "Given"), new RecordFlagExpr(t.Fact.Name)])
            : new AnyOfExpr([new NotExpr(new RecordFlagExpr(t.Fact.Name + "Given")), new RecordFlagExpr(t.Fact.Name)]),
        IsGiven { Fact.Id: FactId.Juvenile } g => new RecordFlagExpr(g.Fact.Name + "Given"),
        // A record's wobbler mark can be left out too, but its bare test reads a mark not given as false.
        IsGiven { Fact.Id: FactId.Wobbler } g => new RecordFlagExpr(g.Fact.Name + "Given"),
        IsTrue { Fact.Scope: FactScope.Conviction } t => new RecordFlagExpr(t.Fact.Name),
        IsTrue { Fact.CanBeUnknown: true } t => surely
            ? new AllOfExpr([new FlagExpr(Given(t.Fact)), new FlagExpr(Encoded(t.Fact))])
            : new AnyOfExpr([new NotExpr(new FlagExpr(Given(t.Fact))), new FlagExpr(Encoded(t.Fact))]),
        IsTrue t => new FlagExpr(FactNames.Of(t.Fact)),
        IsGiven { Fact: { Scope: FactScope.Request, Type: FactType.Boolean } } g => new FlagExpr(Given(g.Fact)),
        IsOneOf { Fact.Scope: FactScope.Conviction } e => new RecordOneOfExpr(e.Fact.Name, e.Values),
        IsOneOf { Fact.CanBeUnknown: true } e => new OneOfExpr(Encoded(e.Fact), surely ? e.Values : [.. e.Values, ""]),
        IsOneOf e => new OneOfExpr(FactNames.Of(e.Fact), e.Values),
        Exists x => new ExistsExpr(x.Over, Convert(x.Where, surely)),
        HasClass h => new HasClassExpr(h.Class),
        CodeIs code => new CodeIsExpr(code.Codes),
        Within { Unit: WindowUnit.Years } w => new WithinYearsExpr(w.Amount),
        Within w => throw new NotSupportedException($"{w.At}: only windows in years are encoded for the anchors"),
        Dated d => new RecordDayExpr(d.Before, Day(d.Day)),
        // A named definition is its meaning: the anchors see the condition it stands for.
        Defined { Meaning: { } meaning } => Convert(meaning, surely),
        _ => throw new NotSupportedException($"{c.At}: {c.GetType().Name} is not encoded for the anchors"),
    };

    /// <summary>The contract 1.1 request facts the anchors' facts carry (AnchorFacts, facts.mjs); any other is refused.</summary>
    private static readonly HashSet<FactId> Encodable = [FactId.FederalParticipation, FactId.ItemHeld, FactId.Past48Hours];

    private static string Encoded(Fact fact) => Encodable.Contains(fact.Id)
        ? FactNames.Of(fact)
        : throw new NotSupportedException($"{fact.Name}: a contract 1.1 fact the anchors' facts do not carry yet");

    /// <summary>The companion flag that says a 1.1 boolean fact is given: <c>requesterFederalParticipationGiven</c>.</summary>
    private static string Given(Fact fact) => Encoded(fact) + "Given";

    /// <summary>A day as the number yyyymmdd: days compare as numbers, and N years back is N * 10000 less.</summary>
    public static int Day(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    public static int Day(string isoDate) =>
        int.Parse(isoDate.AsSpan(0, 4), CultureInfo.InvariantCulture) * 10000
        + int.Parse(isoDate.AsSpan(5, 2), CultureInfo.InvariantCulture) * 100
        + int.Parse(isoDate.AsSpan(8, 2), CultureInfo.InvariantCulture);

    /// <summary>The acts under which a condition can hold (every act unless an <c>act</c> test narrows it).</summary>
    private static HashSet<string> PossibleActs(Condition c) => c switch
    {
        IsOneOf { Fact.Id: FactId.Act } e => [.. e.Values],
        AllOf a => a.Parts.Select(PossibleActs).Aggregate(new HashSet<string>(Vocabularies.Acts.Names), (s, p) => { s.IntersectWith(p); return s; }),
        AnyOf a => a.Parts.Select(PossibleActs).Aggregate(new HashSet<string>(), (s, p) => { s.UnionWith(p); return s; }),
        Defined { Meaning: { } meaning } => PossibleActs(meaning),
        _ => [.. Vocabularies.Acts.Names],
    };
}
