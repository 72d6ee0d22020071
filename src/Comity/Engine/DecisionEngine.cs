using Comity.Conditions;
using Comity.Contract;
using Comity.Engine.Internal;
using Comity.Law;

namespace Comity.Engine;

/// <summary>
/// A stack compiled for deciding (../shared/spec/semantics.md). Compile once, decide many times,
/// from any number of threads: deciding reads the compiled stack and writes only its own scratch,
/// besides caches any thread may fill with the same immutable value (a condition compiled once it
/// is used often, a shared list of layer results).
/// </summary>
public sealed class DecisionEngine
{
    private readonly CompiledProvision[] _provisions;
    private readonly CompiledProvision[][][] _rulesByLayerAndAct;
    private readonly CompiledProvision[][] _consequencesByAct;
    private readonly OffenceIndex _offences;
    private readonly string[] _layerNames;
    private readonly EngineParts _parts;
    private readonly ThreadLocal<DecisionRun> _runs;

    private DecisionEngine(Stack stack)
    {
        Stack = stack;
        _offences = new OffenceIndex(stack.Tables);
        var tree = new ConditionTree(_offences);
        var compiler = new ConditionCompiler(_offences);
        _layerNames = stack.Layers.Select(l => l.Name).ToArray();
        var all = new List<CompiledProvision>();
        for (var l = 0; l < stack.Layers.Count; l++)
            foreach (var p in stack.Layers[l].Provisions)
                all.Add(new CompiledProvision(p, all.Count, l, tree, compiler));
        _provisions = all.ToArray();

        // Loops rather than LINQ over ints (the exceptions' indexes here, the acts below): compiling
        // runs at every start, and the framework's generics over value types are JIT-compiled there
        // (not precompiled).
        foreach (var p in _provisions)
        {
            var exceptedBy = new List<int>();
            foreach (var e in _provisions)
                if (e.Layer == p.Layer && e.Source.ExceptionTo.Contains(p.Source.Id))
                    exceptedBy.Add(e.Index);
            p.ExceptedBy = exceptedBy.ToArray();
        }

        var acts = Vocabularies.Acts.Count;
        _rulesByLayerAndAct = new CompiledProvision[_layerNames.Length][][];
        for (var l = 0; l < _layerNames.Length; l++)
        {
            var ordered = ExceptionsFirst(_provisions.Where(p => p.Layer == l && p.Source.Kind == ProvisionKind.Rule).ToList());
            _rulesByLayerAndAct[l] = new CompiledProvision[acts][];
            for (var a = 0; a < acts; a++)
            {
                // A rule whose condition cannot hold for an act is never active for it, so it is left
                // out of that act's list; an exception left out stays inactive (the run starts cleared).
                var act = 1UL << a;
                _rulesByLayerAndAct[l][a] = ordered.Where(p => (p.Acts & act) != 0).ToArray();
            }
        }
        // Duties and risks by act too: most name the acts they concern.
        _consequencesByAct = new CompiledProvision[acts][];
        for (var a = 0; a < acts; a++)
        {
            var act = 1UL << a;
            _consequencesByAct[a] = _provisions.Where(p => p.Source.Kind != ProvisionKind.Rule && (p.Acts & act) != 0).ToArray();
        }
        _parts = new EngineParts(stack, _provisions, _layerNames);
        _runs = new ThreadLocal<DecisionRun>(() => new DecisionRun(_provisions, _layerNames.Length));
    }

    public Stack Stack { get; }

    public static DecisionEngine Compile(Stack stack) => new(stack);

    public DecisionAnswer Decide(DecisionRequest request)
    {
        var run = _runs.Value!;
        run.Reset();
        var facts = run.Facts;
        FactsBuilder.Build(request, _offences, facts);
        var items = request.Data;
        Outcome overall;
        ItemOutcome[] data = [];
        if (items.Count == 0)
        {
            FactsBuilder.SetItem(facts, request, null);
            overall = DecideQuestion(facts, request, run, -1);
        }
        else
        {
            data = new ItemOutcome[items.Count];
            overall = Outcome.MustComply;
            for (var i = 0; i < items.Count; i++)
            {
                FactsBuilder.SetItem(facts, request, items[i]);
                var o = DecideQuestion(facts, request, run, (int)items[i]);
                data[i] = new ItemOutcome(items[i], o);
                if (o < overall)
                    overall = o;
            }
        }
        return run.ToAnswer(request, overall, data, _parts);
    }

    /// <summary>
    /// The definitions the rules that applied to <paramref name="answer"/> use (directly or through
    /// other definitions), in stack order, each with whether it holds for the request (for its
    /// first data item, when it asks for data): what <c>comity explain</c> shows beside the reasons.
    /// </summary>
    public IReadOnlyList<(Definition Definition, bool Holds)> DefinitionsUsed(DecisionRequest request, DecisionAnswer answer)
    {
        var applied = answer.Reasons.Select(r => r.Rule).ToHashSet(StringComparer.Ordinal);
        var names = Stack.Provisions.Where(p => applied.Contains(p.Id))
            .SelectMany(p => StackLoader.Walk(p.When)).OfType<Defined>().Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0)
            return [];
        var facts = new RequestFacts();
        FactsBuilder.Build(request, _offences, facts);
        FactsBuilder.SetItem(facts, request, request.Data.Count > 0 ? request.Data[0] : null);
        var tree = new ConditionTree(_offences);
        return Stack.Definitions.Where(d => names.Contains(d.Id)).Select(d => (d, tree.Build(d.When)(facts))).ToList();
    }

    /// <summary>
    /// The duties of <paramref name="request"/> once its outcomes are settled otherwise than the
    /// engine decided (counsel's override): each duty's condition is checked as deciding checks it,
    /// with the fact <c>outcome</c> set to the settled outcome of each question: the request's
    /// (<paramref name="outcome"/>) when it asks for no data, else each item's, from
    /// <paramref name="items"/> (an item not listed takes <paramref name="outcome"/>). In stack
    /// order, each duty once; the same list as <see cref="Decide"/> gives when the outcomes are its own.
    /// </summary>
    public IReadOnlyList<Obligation> DutiesUnder(DecisionRequest request, Outcome outcome, IReadOnlyList<ItemOutcome> items)
    {
        var facts = new RequestFacts();
        FactsBuilder.Build(request, _offences, facts);
        var holding = new SortedSet<int>();
        void Check(Outcome settled)
        {
            facts.Enums[(int)FactId.Outcome] = (int)settled;
            foreach (var c in _consequencesByAct[(int)request.Act])
                if (c.Source.Kind == ProvisionKind.Duty && ConsequenceApplies(c, facts))
                    holding.Add(c.Index);
        }
        if (request.Data.Count == 0)
        {
            FactsBuilder.SetItem(facts, request, null);
            Check(outcome);
        }
        else
            foreach (var item in request.Data)
            {
                FactsBuilder.SetItem(facts, request, item);
                var settled = outcome;
                foreach (var i in items)
                    if (i.Item == item)
                        settled = i.Outcome;
                Check(settled);
            }
        return [.. holding.Select(i => _provisions[i].Obligation)];
    }

    /// <summary>Whether a duty or a risk holds once the outcome is set in <paramref name="facts"/>: one test, for deciding and for <see cref="DutiesUnder"/>.</summary>
    /// <remarks>A condition that is unknown because a fact was not given holds (semantics.md, "Facts that are not given": a duty or a risk is not dropped on a guess).</remarks>
    private static bool ConsequenceApplies(CompiledProvision c, RequestFacts facts) => c.AppliesKleene(facts) != Kleene.False;

    /// <summary>Decides one question (the act, or the act for one data item) and records why in <paramref name="run"/>.</summary>
    private Outcome DecideQuestion(RequestFacts facts, DecisionRequest request, DecisionRun run, int item)
    {
        var act = (int)request.Act;
        var active = run.Active;
        var deciders = run.Deciders;
        deciders.Clear();
        var flags = 0UL;
        var slots = run.Slots;
        var maybeSlots = run.MaybeSlots;
        var maybe = run.Maybe;
        var choices = run.Choices;
        var several = false;

        // Inside each layer: which rules apply once exceptions are applied, and what the layer can
        // conclude. A rule that turns on a fact the request does not give may be active, and so may
        // a rule whose exception does: the layer concludes whatever it would with or without it.
        for (var l = 0; l < _layerNames.Length; l++)
        {
            var rules = _rulesByLayerAndAct[l][act];
            var layerSlots = 0;
            var layerMaybe = 0;
            foreach (var rule in rules)
            {
                active[rule.Index] = false;
                maybe[rule.Index] = false;
                var applies = rule.AppliesKleene(facts);
                if (applies == Kleene.False)
                    continue;
                var setAside = false;
                var maybeSetAside = false;
                foreach (var e in rule.ExceptedBy)
                    if (active[e])
                    {
                        setAside = true;
                        run.SetAside(rule.Index, e);
                    }
                    else if (maybe[e])
                        maybeSetAside = true;
                run.Applied(rule.Index, item);
                if (setAside)
                    continue;
                // A risk a rule flags is raised when the rule may apply, too: fail closed.
                flags |= rule.Flags;
                if (applies == Kleene.True && !maybeSetAside)
                {
                    active[rule.Index] = true;
                    layerSlots |= 1 << rule.Slot;
                }
                else
                {
                    maybe[rule.Index] = true;
                    layerMaybe |= 1 << rule.Slot;
                }
            }
            slots[l] = layerSlots;
            maybeSlots[l] = layerMaybe & ~layerSlots;
            choices[l] = maybeSlots[l] == 0 ? Combining.LayerChoices(layerSlots) : Combining.LayerChoices(layerSlots, maybeSlots[l]);
            several |= (choices[l] & (choices[l] - 1)) != 0;
            run.LayerOutcome(l, choices[l]);
        }

        // Across layers, top down. A layer that refers (several choices) is decided for each of its
        // choices (semantics.md rule 5): when every combination of choices gives the same verdict,
        // one of them is followed (the first: permit before deny before must, so that a lower
        // layer's deny is what decides, as a lawyer would read it) and counsel-question raised if a
        // choice could have mattered; otherwise the referring layers refer to counsel.
        var follow = Follow.Single;
        if (several)
        {
            byte standings = 1 << (int)Standing.None;
            var asked = false;
            for (var l = 0; l < _layerNames.Length; l++)
            {
                if ((choices[l] & (choices[l] - 1)) != 0)
                    for (var st = 0; st < 8; st++)
                        if ((standings & (1 << st)) != 0 && !Combining.Absorbs((Standing)st)
                            && (Combining.Next((byte)(1 << st), choices[l]) is var reached && (reached & (reached - 1)) != 0))
                            asked = true;
                standings = Combining.Next(standings, choices[l]);
            }
            var verdict = Combining.Resolve(standings);
            var agreed = true;
            for (var st = 0; st < 8; st++)
                if ((standings & (1 << st)) != 0 && Combining.VerdictOf((Standing)st) != verdict)
                    agreed = false;
            follow = agreed ? Follow.FirstChoice : Follow.Counsel;
            if (agreed && asked)
                flags |= 1UL << (int)Flag.CounselQuestion;
            // Under some choice a contested floor meets a deny (a floor or a deny that may apply, its
            // fact not given): the conflict may be there, so its flags are raised, fail closed, as a
            // rule that may apply raises its own.
            if ((standings & (1 << (int)Standing.Contested)) != 0)
                for (var l = 0; l < _layerNames.Length; l++)
                    foreach (var rule in _rulesByLayerAndAct[l][act])
                        if ((active[rule.Index] || maybe[rule.Index]) && rule.Slot == Combining.Floor)
                            flags |= rule.ConflictFlags;
        }

        var state = Standing.None;
        for (var l = 0; l < _layerNames.Length; l++)
        {
            var c = choices[l];
            if (c == 1 << (int)Standing.None)
                continue;
            var multiple = (c & (c - 1)) != 0;
            // A referring layer below a standing that absorbs is overridden as a whole, as is one whose
            // choices disagree: either way it is followed as "counsel decides". A layer whose choices
            // agree is followed through its first choice other than "no rule applies" (a layer whose
            // rules turn on a fact not given may conclude nothing): the rules that may apply and agree
            // with the outcome are named among those that decided it, and nothing above is forgotten.
            var effect = !multiple || (follow == Follow.FirstChoice && !Combining.Absorbs(state))
                ? (Standing)System.Numerics.BitOperations.TrailingZeroCount(multiple ? c & ~(1 << (int)Standing.None) : c)
                : Standing.Referred;
            var rulesOfLayer = _rulesByLayerAndAct[l][act];
            if (maybeSlots[l] == 0)
                state = Combine(state, effect, slots[l], rulesOfLayer, active, run, deciders, ref flags);
            else
                state = CombineUnknown(state, effect, slots[l], maybeSlots[l], rulesOfLayer, run, deciders, ref flags);
        }

        var outcome = Combining.OutcomeOf(Combining.VerdictOf(state));
        if (state == Standing.None)
            flags |= 1UL << (int)Flag.Gap;

        // Duties and risks are read in three values too: one that turns on a fact the request does
        // not give may apply, and is listed (a duty) or raised (a risk), as a rule that may apply
        // raises its flags: fail closed. Its text says when it applies, so the reader can tell.
        facts.Enums[(int)FactId.Outcome] = (int)outcome;
        foreach (var c in _consequencesByAct[act])
        {
            if (!ConsequenceApplies(c, facts))
                continue;
            run.Consequence(c.Index);
            flags |= c.Flags;
        }
        facts.Enums[(int)FactId.Outcome] = RequestFacts.Absent;

        run.EndQuestion(outcome, flags);
        return outcome;
    }

    /// <summary>How the cross-layer walk treats a layer with several choices.</summary>
    private enum Follow { Single, FirstChoice, Counsel }

    /// <summary>
    /// Moves the standing of the layers above (<paramref name="state"/>) through the next layer's
    /// conclusion (<paramref name="effect"/>), as <see cref="Combining.Next(Standing, Standing)"/>
    /// says, and records who decides and who is overridden or preempted.
    /// </summary>
    private static Standing Combine(Standing state, Standing effect, int slots, CompiledProvision[] rules, bool[] active,
        DecisionRun run, List<int> deciders, ref ulong flags)
    {
        var next = Combining.Next(state, effect);
        switch (state)
        {
            case Standing.None:
                AddDeciders(rules, active, slots, effect, deciders);
                break;
            case Standing.Must:
                // A higher duty stands: a lower deny or refer cannot lift it.
                if (effect is Standing.Deny or Standing.Referred)
                    Override(rules, active, run, deciders, EffectSet.Deny | EffectSet.Refer);
                else if (effect == Standing.Must)
                    AddDeciders(rules, active, slots, effect, deciders);
                break;
            case Standing.Deny:
                // A higher prohibition stands: nothing lower can permit, require or refer it.
                if (effect == Standing.Deny)
                    AddDeciders(rules, active, slots, effect, deciders);
                else
                    Override(rules, active, run, deciders, EffectSet.Permit | EffectSet.Floor | EffectSet.Must | EffectSet.Refer);
                break;
            case Standing.Referred or Standing.Contested:
                // Counsel decides unless a higher must or deny did; lower refers add their reasons.
                if (effect == Standing.Referred)
                    AddDeciders(rules, active, slots, effect, deciders);
                break;
            case Standing.Floor when effect == Standing.Deny:
                // A lower layer restricting what a floor protects, contested: counsel, never a silent deny.
                flags |= ConflictFlags(deciders, run);
                AddDeciders(rules, active, slots, effect, deciders);
                break;
            case Standing.PreemptingFloor when effect == Standing.Deny:
                // Higher law voids the lower deny: the floor's permit stands, the deny is reported preempted.
                flags |= ConflictFlags(deciders, run);
                Override(rules, active, run, deciders.FindAll(d => run.Provision(d).Slot == Combining.PreemptingFloor), EffectSet.Deny);
                break;
            default:
                // Above is a permit or a floor: a lower permit or floor agrees; a lower deny is stricter
                // and wins (7282.5(a): "only if ... would not violate any ... local law"); a lower refer
                // sends it to counsel; a lower must makes it a duty.
                if (effect is Standing.Permit or Standing.Floor or Standing.PreemptingFloor)
                {
                    AddDeciders(rules, active, slots, effect, deciders);
                    break;
                }
                deciders.Clear();
                AddDeciders(rules, active, slots, effect, deciders);
                break;
        }
        return next;
    }

    /// <summary>
    /// <see cref="Combine"/> for a layer some of whose rules may be active (they turn on facts the
    /// request does not give). Where the layer is followed as one conclusion, the rules named are
    /// those of the first choice of them that gives it; where counsel decides, every rule of the
    /// layer that is or may be active is named: the facts they turn on are what counsel must find.
    /// </summary>
    private static Standing CombineUnknown(Standing state, Standing effect, int sure, int maybeSlots, CompiledProvision[] rules,
        DecisionRun run, List<int> deciders, ref ulong flags)
    {
        var chosen = effect == Standing.Referred ? maybeSlots : Combining.ChoiceGiving(sure, maybeSlots, effect);
        var world = run.WorldActive;
        foreach (var r in rules)
            world[r.Index] = run.Active[r.Index] || (run.Maybe[r.Index] && (chosen & (1 << r.Slot)) != 0);
        var next = effect == Standing.Referred && state is Standing.None or Standing.Permit or Standing.Floor or Standing.PreemptingFloor
            ? Referred(state, rules, world, deciders)
            : Combine(state, effect, sure | chosen, rules, world, run, deciders, ref flags);
        foreach (var r in rules)
            world[r.Index] = false;
        return next;
    }

    /// <summary>A layer referred for want of facts below a standing it can move: counsel decides, on its rules.</summary>
    private static Standing Referred(Standing state, CompiledProvision[] rules, bool[] world, List<int> deciders)
    {
        if (state is not Standing.None)
            deciders.Clear();
        foreach (var r in rules)
            if (world[r.Index] && !deciders.Contains(r.Index))
                deciders.Add(r.Index);
        return Combining.Next(state, Standing.Referred);
    }

    /// <summary>The flags the deciding floors name for a conflict with them.</summary>
    private static ulong ConflictFlags(List<int> deciders, DecisionRun run)
    {
        var flags = 0UL;
        foreach (var d in deciders)
            flags |= run.Provision(d).ConflictFlags;
        return flags;
    }

    private static void AddDeciders(CompiledProvision[] rules, bool[] active, int slots, Standing effect, List<int> deciders)
    {
        foreach (var r in rules)
            if (active[r.Index] && Combining.Gives(r.Slot, slots, effect) && !deciders.Contains(r.Index))
                deciders.Add(r.Index);
    }

    /// <summary>Reports the active rules of a layer whose effect is in <paramref name="effects"/> as overridden by <paramref name="by"/>.</summary>
    private static void Override(CompiledProvision[] rules, bool[] active, DecisionRun run, List<int> by, EffectSet effects)
    {
        foreach (var r in rules)
            if (active[r.Index] && (effects & (EffectSet)(1 << (int)r.Effect)) != 0)
                foreach (var d in by)
                    run.Overridden(r.Index, d);
    }

    /// <summary>Orders a layer's rules so that every exception comes before the rules it sets aside.</summary>
    private static List<CompiledProvision> ExceptionsFirst(List<CompiledProvision> rules)
    {
        var ordered = new List<CompiledProvision>();
        var done = new HashSet<int>();
        void Visit(CompiledProvision p)
        {
            if (!done.Add(p.Index))
                return;
            foreach (var e in rules.Where(e => p.ExceptedBy.Contains(e.Index)))
                Visit(e);
            ordered.Add(p);
        }
        foreach (var r in rules)
            Visit(r);
        return ordered;
    }
}

/// <summary>A set of effects as bits, in <see cref="Effect"/>'s order.</summary>
[Flags]
internal enum EffectSet { Must = 1, Permit = 2, Deny = 4, Refer = 8, Floor = 16 }
