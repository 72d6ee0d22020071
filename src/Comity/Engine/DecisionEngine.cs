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
        _runs = new ThreadLocal<DecisionRun>(() => new DecisionRun(_provisions.Length, _layerNames.Length));
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

    /// <summary>Decides one question (the act, or the act for one data item) and records why in <paramref name="run"/>.</summary>
    private Outcome DecideQuestion(RequestFacts facts, DecisionRequest request, DecisionRun run, int item)
    {
        var act = (int)request.Act;
        var active = run.Active;
        var state = LayerEffect.None;
        var deciders = run.Deciders;
        deciders.Clear();
        var flags = 0UL;

        for (var l = 0; l < _layerNames.Length; l++)
        {
            var rules = _rulesByLayerAndAct[l][act];
            bool must = false, permit = false, floor = false, deny = false, refer = false;
            foreach (var rule in rules)
            {
                active[rule.Index] = false;
                if (!rule.Applies(facts))
                    continue;
                var setAside = false;
                foreach (var e in rule.ExceptedBy)
                    if (active[e])
                    {
                        setAside = true;
                        run.SetAside(rule.Index, e);
                    }
                run.Applied(rule.Index, item);
                if (setAside)
                    continue;
                active[rule.Index] = true;
                flags |= rule.Flags;
                switch (rule.Effect)
                {
                    case Effect.Must: must = true; break;
                    case Effect.Permit: permit = true; break;
                    case Effect.Floor: floor = true; break;
                    case Effect.Deny: deny = true; break;
                    default: refer = true; break;
                }
            }
            var effect = must && deny ? LayerEffect.Contradiction
                : deny ? LayerEffect.Deny
                : refer ? LayerEffect.Refer
                : must ? LayerEffect.Must
                : floor ? LayerEffect.Floor
                : permit ? LayerEffect.Permit
                : LayerEffect.None;
            run.LayerOutcome(l, effect);
            if (effect == LayerEffect.None)
                continue;

            state = Combine(state, effect, rules, active, run, deciders, ref flags);
        }

        var outcome = state switch
        {
            LayerEffect.None => Outcome.ReferToCounsel,
            LayerEffect.Must => Outcome.MustComply,
            LayerEffect.Deny => Outcome.Deny,
            LayerEffect.Permit or LayerEffect.Floor => Outcome.Permit,
            _ => Outcome.ReferToCounsel,
        };
        if (state == LayerEffect.None)
            flags |= 1UL << (int)Flag.Gap;

        facts.Enums[(int)FactId.Outcome] = (int)outcome;
        foreach (var c in _consequencesByAct[act])
        {
            if (!c.Applies(facts))
                continue;
            run.Consequence(c.Index);
            flags |= c.Flags;
        }
        facts.Enums[(int)FactId.Outcome] = RequestFacts.Absent;

        run.EndQuestion(outcome, flags);
        return outcome;
    }

    /// <summary>
    /// Combines what the layers above decided (<paramref name="state"/>) with the next layer down,
    /// as semantics.md's cross-layer rules say. A layer's contradiction counts as its refer.
    /// </summary>
    private static LayerEffect Combine(LayerEffect state, LayerEffect effect, CompiledProvision[] rules, bool[] active,
        DecisionRun run, List<int> deciders, ref ulong flags)
    {
        var lower = effect == LayerEffect.Contradiction ? LayerEffect.Refer : effect;
        switch (state)
        {
            case LayerEffect.None:
                AddDeciders(rules, active, effect, deciders);
                return lower;
            case LayerEffect.Must:
                // A higher duty stands: a lower deny or refer cannot lift it.
                if (lower is LayerEffect.Deny or LayerEffect.Refer)
                    Override(rules, active, run, deciders, EffectSet.Deny | EffectSet.Refer);
                else if (lower == LayerEffect.Must)
                    AddDeciders(rules, active, effect, deciders);
                return state;
            case LayerEffect.Deny:
                // A higher prohibition stands: nothing lower can permit, require or refer it.
                if (lower == LayerEffect.Deny)
                    AddDeciders(rules, active, effect, deciders);
                else
                    Override(rules, active, run, deciders, EffectSet.Permit | EffectSet.Floor | EffectSet.Must | EffectSet.Refer);
                return state;
            case LayerEffect.Refer or LayerEffect.Contradiction:
                // Counsel decides unless a higher must or deny did; lower refers add their reasons.
                if (lower == LayerEffect.Refer)
                    AddDeciders(rules, active, effect, deciders);
                return state;
            case LayerEffect.Floor when lower == LayerEffect.Deny:
                // A lower layer restricting what federal law protects: counsel, never a silent deny.
                AddDeciders(rules, active, effect, deciders);
                flags |= 1UL << (int)Flag.Fed1373Conflict;
                return LayerEffect.Contradiction;
            default:
                // Above is a permit or a floor: a lower permit or floor agrees; a lower deny is stricter
                // and wins (7282.5(a): "only if ... would not violate any ... local law"); a lower refer
                // sends it to counsel; a lower must makes it a duty.
                if (lower is LayerEffect.Permit or LayerEffect.Floor)
                {
                    AddDeciders(rules, active, effect, deciders);
                    return state == LayerEffect.Floor || lower == LayerEffect.Floor ? LayerEffect.Floor : LayerEffect.Permit;
                }
                deciders.Clear();
                AddDeciders(rules, active, effect, deciders);
                return lower;
        }
    }

    private static void AddDeciders(CompiledProvision[] rules, bool[] active, LayerEffect effect, List<int> deciders)
    {
        foreach (var r in rules)
        {
            if (!active[r.Index])
                continue;
            var e = r.Effect;
            var decides = effect switch
            {
                LayerEffect.Contradiction => e is Effect.Must or Effect.Deny,
                LayerEffect.Deny => e == Effect.Deny,
                LayerEffect.Refer => e == Effect.Refer,
                LayerEffect.Must => e == Effect.Must,
                LayerEffect.Floor or LayerEffect.Permit => e is Effect.Floor or Effect.Permit,
                _ => false,
            };
            if (decides && !deciders.Contains(r.Index))
                deciders.Add(r.Index);
        }
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
