using Comity.Contract;
using Comity.Engine.Internal;

namespace Comity.Analysis.Internal;

/// <summary>
/// What a stack says about a whole <see cref="Box"/> of questions, computed the way the engine
/// decides one question (../shared/spec/semantics.md) but in three values: which rules apply,
/// which are active once exceptions are applied, what each layer can conclude, and every state
/// the top-down combination can be in before each layer and at the end. Sets over-approximate
/// (each layer's unknowns are taken as independent), so a decided value holds for every
/// question of the box; an undecided one names, in <see cref="Pending"/>, the tests to split on.
/// </summary>
internal sealed class Snapshot
{
    private const int Effects = 5;

    /// <summary>States from which no lower layer can move the answer: a higher must, deny or refer stands.</summary>
    public const byte Absorbing = (1 << (int)LayerEffect.Must) | (1 << (int)LayerEffect.Deny) | (1 << (int)LayerEffect.Refer) | (1 << (int)LayerEffect.Contradiction);

    private readonly ActRules _rules;
    private readonly (int Start, int End)[] _ranges;

    private Snapshot(ActRules rules, Tri[] applies, List<Pending> pending, (int Start, int End)[] ranges)
    {
        _rules = rules;
        Applies = applies;
        Pending = pending;
        _ranges = ranges;
        var n = applies.Length;
        Active = new Tri[n];
        Has = new Tri[rules.LayerCount * Effects];
        LayerEffects = new byte[rules.LayerCount];
        Before = new byte[rules.LayerCount];
        var state = (byte)(1 << (int)LayerEffect.None);
        for (var l = 0; l < rules.LayerCount; l++)
        {
            for (var e = 0; e < Effects; e++)
                Has[l * Effects + e] = Tri.False;
            for (var i = rules.LayerStart[l]; i < rules.LayerStart[l + 1]; i++)
            {
                // Exceptions come first, so theirs are known when a rule asks.
                var setAside = Tri.False;
                foreach (var e in rules.ExceptedBy[i])
                    setAside = Or(setAside, Active[e]);
                Active[i] = And(Applies[i], Not(setAside));
                var slot = l * Effects + (int)rules.Rules[i].Effect;
                Has[slot] = Or(Has[slot], Active[i]);
            }
            Before[l] = state;
            LayerEffects[l] = EffectsOf(Has.AsSpan(l * Effects, Effects), -1, Tri.Unknown);
            state = Combine(state, LayerEffects[l]);
        }
        Final = state;
    }

    public ActRules Rules => _rules;
    public Tri[] Applies { get; }

    /// <summary>Applies and no exception to it is active.</summary>
    public Tri[] Active { get; }

    /// <summary>Per layer and effect: whether some active rule of the layer has that effect.</summary>
    public Tri[] Has { get; }

    /// <summary>Per layer: the set of <see cref="LayerEffect"/>s it can reach (bit per value).</summary>
    public byte[] LayerEffects { get; }

    /// <summary>Per layer: the set of combined states the layers above can leave (bit per <see cref="LayerEffect"/>).</summary>
    public byte[] Before { get; }

    /// <summary>The set of states the whole stack can end in.</summary>
    public byte Final { get; }

    /// <summary>The tests each undecided rule waits on (see <see cref="PendingOf"/>).</summary>
    public List<Pending> Pending { get; }

    /// <param name="parent">
    /// the snapshot of a box that holds this one, if known: a rule decided there is decided here
    /// too (a test true or false for every question of a box is so for every question of a part
    /// of it), so only its undecided rules are evaluated again.
    /// </param>
    public static Snapshot Of(ActRules rules, Box box, Evaluator evaluator, Snapshot? parent = null)
    {
        var n = rules.Rules.Length;
        var applies = new Tri[n];
        var pending = new List<Pending>();
        var ranges = new (int, int)[n];
        for (var i = 0; i < n; i++)
        {
            var start = pending.Count;
            applies[i] = parent is not null && parent.Applies[i] != Tri.Unknown
                ? parent.Applies[i]
                : evaluator.Applies(rules.Rules[i].Source, box, pending);
            ranges[i] = (start, pending.Count);
        }
        return new Snapshot(rules, applies, pending, ranges);
    }

    /// <summary>The same box as the stack would see it without rule <paramref name="i"/>.</summary>
    public Snapshot Without(int i)
    {
        var applies = (Tri[])Applies.Clone();
        applies[i] = Tri.False;
        return new Snapshot(_rules, applies, Pending, _ranges);
    }

    /// <summary>The layer rule <paramref name="i"/> belongs to.</summary>
    public int LayerOf(int i) => _rules.Rules[i].Layer;

    /// <summary>Adds the pending tests of the undecided rules in layers 0 to <paramref name="last"/>.</summary>
    public void AddUndecided(int last, List<Pending> into)
    {
        for (var i = 0; i < _rules.LayerStart[last + 1]; i++)
            if (Applies[i] == Tri.Unknown)
                into.AddRange(PendingOf(i));
    }

    /// <summary>Whether, for every pair of a state before layer l and an effect layer l can reach, <paramref name="test"/> holds (true), holds for none (false), or for some.</summary>
    public static Tri Over(byte states, byte effects, Func<LayerEffect, LayerEffect, bool> test)
    {
        bool any = false, all = true;
        for (var st = 0; st < 7; st++)
            if ((states & (1 << st)) != 0)
                for (var e = 0; e < 7; e++)
                    if ((effects & (1 << e)) != 0)
                    {
                        var t = test((LayerEffect)st, (LayerEffect)e);
                        any |= t;
                        all &= t;
                    }
        return all ? Tri.True : any ? Tri.Unknown : Tri.False;
    }

    /// <summary>What layer l can reach when rule <paramref name="i"/>, of that layer, is active.</summary>
    public byte EffectsWithActive(int i)
    {
        var l = LayerOf(i);
        return EffectsOf(Has.AsSpan(l * Effects, Effects), (int)_rules.Rules[i].Effect, Tri.True);
    }

    public Tri HasEffect(int layer, Effect effect) => Has[layer * Effects + (int)effect];

    /// <summary>The pending tests of rule <paramref name="i"/>.</summary>
    public IEnumerable<Pending> PendingOf(int i)
    {
        var (start, end) = _ranges[i];
        for (var k = start; k < end; k++)
            yield return Pending[k];
    }

    /// <summary>
    /// The pending tests that can still change the final state: those of undecided rules in the
    /// layers the answer can still reach, leaving out rules whose activity cannot change their
    /// layer's conclusion (unless they are exceptions, whose activity sets other rules aside).
    /// </summary>
    public void AddRelevant(List<Pending> into)
    {
        for (var l = 0; l < _rules.LayerCount; l++)
        {
            if ((Before[l] & ~Absorbing) == 0)
                return;
            for (var i = _rules.LayerStart[l]; i < _rules.LayerStart[l + 1]; i++)
                if (Applies[i] == Tri.Unknown && (_rules.IsException[i] || Matters(l, (int)_rules.Rules[i].Effect)))
                    into.AddRange(PendingOf(i));
        }
    }

    /// <summary>
    /// Whether a rule of this effect being active or not can change what layer l concludes, for
    /// some completion of the layer's other unknowns.
    /// </summary>
    private bool Matters(int l, int effect)
    {
        var has = Has.AsSpan(l * Effects, Effects);
        var bit = 1 << effect;
        for (var combo = 0; combo < 1 << Effects; combo++)
            if (Consistent(has, combo, effect) && EffectOf(combo | bit) != EffectOf(combo & ~bit))
                return true;
        return false;
    }

    /// <summary>
    /// The layer effects reachable from these five "some active rule has this effect" values,
    /// optionally with one of them forced to a value.
    /// </summary>
    public static byte EffectsOf(ReadOnlySpan<Tri> has, int forced, Tri value)
    {
        Span<Tri> h = stackalloc Tri[Effects];
        has.CopyTo(h);
        if (forced >= 0)
            h[forced] = value;
        byte set = 0;
        for (var combo = 0; combo < 1 << Effects; combo++)
            if (Consistent(h, combo, -1))
                set |= (byte)(1 << (int)EffectOf(combo));
        return set;
    }

    private static bool Consistent(ReadOnlySpan<Tri> has, int combo, int skip)
    {
        for (var e = 0; e < Effects; e++)
            if (e != skip && has[e] != Tri.Unknown && (has[e] == Tri.True) != (((combo >> e) & 1) == 1))
                return false;
        return true;
    }

    /// <summary>A layer's effect from which effects its active rules have (bit per <see cref="Effect"/>): deny beats refer beats must beats floor beats permit; must with deny is a contradiction.</summary>
    private static LayerEffect EffectOf(int combo)
    {
        bool Is(Effect e) => ((combo >> (int)e) & 1) != 0;
        return Is(Effect.Must) && Is(Effect.Deny) ? LayerEffect.Contradiction
            : Is(Effect.Deny) ? LayerEffect.Deny
            : Is(Effect.Refer) ? LayerEffect.Refer
            : Is(Effect.Must) ? LayerEffect.Must
            : Is(Effect.Floor) ? LayerEffect.Floor
            : Is(Effect.Permit) ? LayerEffect.Permit
            : LayerEffect.None;
    }

    /// <summary>Every state reachable by combining any state of <paramref name="states"/> with any layer effect of <paramref name="effects"/>.</summary>
    public static byte Combine(byte states, byte effects)
    {
        byte result = 0;
        for (var s = 0; s < 7; s++)
            if ((states & (1 << s)) != 0)
                for (var e = 0; e < 7; e++)
                    if ((effects & (1 << e)) != 0)
                        result |= (byte)(1 << (int)Next((LayerEffect)s, (LayerEffect)e));
        return result;
    }

    /// <summary>The engine's cross-layer step for one question (DecisionEngine.Combine).</summary>
    public static LayerEffect Next(LayerEffect state, LayerEffect effect)
    {
        if (effect == LayerEffect.None)
            return state;
        var lower = effect == LayerEffect.Contradiction ? LayerEffect.Refer : effect;
        return state switch
        {
            LayerEffect.None => lower,
            LayerEffect.Must or LayerEffect.Deny or LayerEffect.Refer or LayerEffect.Contradiction => state,
            LayerEffect.Floor when lower == LayerEffect.Deny => LayerEffect.Contradiction,
            _ when lower is LayerEffect.Permit or LayerEffect.Floor =>
                state == LayerEffect.Floor || lower == LayerEffect.Floor ? LayerEffect.Floor : LayerEffect.Permit,
            _ => lower,
        };
    }

    /// <summary>
    /// What a final state means to the person asking: the outcome, with a gap (no rule) and a
    /// conflict with a federal floor told apart from other referrals, as the answer's flags tell them.
    /// </summary>
    public static Verdict VerdictOf(LayerEffect state) => state switch
    {
        LayerEffect.None => Verdict.Gap,
        LayerEffect.Contradiction => Verdict.FloorConflict,
        LayerEffect.Refer => Verdict.Refer,
        LayerEffect.Must => Verdict.MustComply,
        LayerEffect.Deny => Verdict.Deny,
        _ => Verdict.Permit,
    };

    /// <summary>The verdicts a set of states can give.</summary>
    public static int Verdicts(byte states)
    {
        var set = 0;
        for (var s = 0; s < 7; s++)
            if ((states & (1 << s)) != 0)
                set |= 1 << (int)VerdictOf((LayerEffect)s);
        return set;
    }

    public static Outcome OutcomeOf(Verdict v) => v switch
    {
        Verdict.Deny => Outcome.Deny,
        Verdict.Permit => Outcome.Permit,
        Verdict.MustComply => Outcome.MustComply,
        _ => Outcome.ReferToCounsel,
    };

    public static Tri And(Tri a, Tri b) => a == Tri.False || b == Tri.False ? Tri.False : a == Tri.True && b == Tri.True ? Tri.True : Tri.Unknown;

    public static Tri Or(Tri a, Tri b) => a == Tri.True || b == Tri.True ? Tri.True : a == Tri.False && b == Tri.False ? Tri.False : Tri.Unknown;

    public static Tri Not(Tri a) => a switch { Tri.True => Tri.False, Tri.False => Tri.True, _ => Tri.Unknown };
}

/// <summary>The answer to one question as a person reads it: its outcome, with gaps and federal conflicts set apart.</summary>
internal enum Verdict { Gap, FloorConflict, Refer, Permit, MustComply, Deny }
