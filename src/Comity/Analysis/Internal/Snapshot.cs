using Comity.Contract;
using Comity.Engine;

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
    private const int Slots = Combining.SlotCount;

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
        Has = new Tri[rules.LayerCount * Slots];
        LayerEffects = new ChoiceSet[rules.LayerCount];
        Before = new ChoiceSet[rules.LayerCount];
        var state = ChoiceSet.Of(1 << (int)Standing.None);
        for (var l = 0; l < rules.LayerCount; l++)
        {
            for (var e = 0; e < Slots; e++)
                Has[l * Slots + e] = Tri.False;
            for (var i = rules.LayerStart[l]; i < rules.LayerStart[l + 1]; i++)
            {
                // Exceptions come first, so theirs are known when a rule asks.
                var setAside = Tri.False;
                foreach (var e in rules.ExceptedBy[i])
                    setAside = Or(setAside, Active[e]);
                Active[i] = And(Applies[i], Not(setAside));
                var slot = l * Slots + rules.Slot[i];
                Has[slot] = Or(Has[slot], Active[i]);
            }
            Before[l] = state;
            LayerEffects[l] = EffectsOf(Has.AsSpan(l * Slots, Slots), -1, Tri.Unknown);
            state = Combine(state, LayerEffects[l]);
        }
        Final = state;
    }

    public ActRules Rules => _rules;
    public Tri[] Applies { get; }

    /// <summary>Applies and no exception to it is active.</summary>
    public Tri[] Active { get; }

    /// <summary>Per layer and slot (<see cref="Combining.SlotOf"/>): whether some active rule of the layer has that slot.</summary>
    public Tri[] Has { get; }

    /// <summary>Per layer: the conclusions it can reach, each a set of standings (<see cref="Combining.LayerChoices"/>).</summary>
    public ChoiceSet[] LayerEffects { get; }

    /// <summary>Per layer: the standings (over the choices of referring layers) the layers above can leave.</summary>
    public ChoiceSet[] Before { get; }

    /// <summary>What the whole stack can end in.</summary>
    public ChoiceSet Final { get; }

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

    /// <summary>Adds the pending tests of the undecided rules of layer <paramref name="layer"/> alone.</summary>
    public void AddUndecidedIn(int layer, List<Pending> into)
    {
        for (var i = _rules.LayerStart[layer]; i < _rules.LayerStart[layer + 1]; i++)
            if (Applies[i] == Tri.Unknown)
                into.AddRange(PendingOf(i));
    }

    /// <summary>Whether some slot of layer <paramref name="layer"/> is undecided (some questions of the box have it, some not).</summary>
    public bool LayerUndecided(int layer)
    {
        for (var e = 0; e < Slots; e++)
            if (Has[layer * Slots + e] == Tri.Unknown)
                return true;
        return false;
    }

    /// <summary>
    /// Whether, for every pair of what the layers above leave and what layer l concludes,
    /// <paramref name="test"/> holds in every choice of the referring layers (true), in no pair
    /// (false), or in some. A choice is one standing above and one conclusion of the layer.
    /// </summary>
    public static Tri Over(ChoiceSet states, ChoiceSet effects, Func<Standing, Standing, bool> test)
    {
        bool any = false, all = true;
        foreach (var st in states.Members)
            foreach (var e in effects.Members)
            {
                var t = true;
                foreach (var s in ChoiceSet.Standings(st))
                    foreach (var c in ChoiceSet.Standings(e))
                        t &= test(s, c);
                any |= t;
                all &= t;
            }
        return all ? Tri.True : any ? Tri.Unknown : Tri.False;
    }

    /// <summary>What layer l can conclude when rule <paramref name="i"/>, of that layer, is active.</summary>
    public ChoiceSet EffectsWithActive(int i)
    {
        var l = LayerOf(i);
        return EffectsOf(Has.AsSpan(l * Slots, Slots), _rules.Slot[i], Tri.True);
    }

    public Tri HasEffect(int layer, int slot) => Has[layer * Slots + slot];

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
    /// <param name="layers">the layers to look at, when not all of them: those the question can still turn on</param>
    public void AddRelevant(List<Pending> into, Func<int, bool>? layers = null)
    {
        for (var l = 0; l < _rules.LayerCount; l++)
        {
            if (Before[l].Members.All(ChoiceSet.Absorbing))
                return;
            if (layers is not null && !layers(l))
                continue;
            for (var i = _rules.LayerStart[l]; i < _rules.LayerStart[l + 1]; i++)
                if (Applies[i] == Tri.Unknown && (_rules.IsException[i] || Matters(l, _rules.Slot[i])))
                    into.AddRange(PendingOf(i));
        }
    }

    /// <summary>
    /// Whether a rule of this slot being active or not can change what layer l concludes, for
    /// some completion of the layer's other unknowns.
    /// </summary>
    private bool Matters(int l, int slot)
    {
        var has = Has.AsSpan(l * Slots, Slots);
        var bit = 1 << slot;
        var known = 0;
        Span<int> unknown = stackalloc int[Slots];
        var count = 0;
        for (var e = 0; e < Slots; e++)
            if (e == slot)
                continue;
            else if (has[e] == Tri.True)
                known |= 1 << e;
            else if (has[e] is Tri.Unknown or Tri.Maybe)
                unknown[count++] = e;
        for (var combo = 0; combo < 1 << count; combo++)
        {
            var slots = known;
            for (var u = 0; u < count; u++)
                if ((combo & (1 << u)) != 0)
                    slots |= 1 << unknown[u];
            if (Combining.LayerChoices(slots | bit) != Combining.LayerChoices(slots & ~bit))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The conclusions a layer can reach from these "some active rule has this slot" values,
    /// optionally with one of them forced to a value.
    /// </summary>
    public static ChoiceSet EffectsOf(ReadOnlySpan<Tri> has, int forced, Tri value)
    {
        Span<Tri> h = stackalloc Tri[Slots];
        has.CopyTo(h);
        if (forced >= 0)
            h[forced] = value;
        var known = 0;
        var maybe = 0;
        var unknown = new List<int>();
        for (var e = 0; e < Slots; e++)
            if (h[e] == Tri.True)
                known |= 1 << e;
            else if (h[e] == Tri.Unknown)
                unknown.Add(e);
            else if (h[e] == Tri.Maybe)
                maybe |= 1 << e;
        // Each way the box's undecided slots may fall is a member; slots that turn on facts not
        // given stay open inside each member, as the engine leaves them (Combining.LayerChoices).
        var set = ChoiceSet.Empty;
        for (var combo = 0; combo < 1 << unknown.Count; combo++)
        {
            var slots = known;
            for (var u = 0; u < unknown.Count; u++)
                if ((combo & (1 << u)) != 0)
                    slots |= 1 << unknown[u];
            set = set.With(maybe == 0 ? Combining.LayerChoices(slots) : Combining.LayerChoices(slots, maybe));
        }
        return set;
    }

    /// <summary>Every member reachable by combining any member of <paramref name="states"/> with any conclusion of <paramref name="effects"/>.</summary>
    public static ChoiceSet Combine(ChoiceSet states, ChoiceSet effects)
    {
        var result = ChoiceSet.Empty;
        foreach (var s in states.Members)
            foreach (var e in effects.Members)
                result = result.With(Combining.Next(s, e));
        return result;
    }

    /// <summary>The verdicts a set of final members can give (bit per <see cref="Verdict"/>).</summary>
    public static int Verdicts(ChoiceSet states)
    {
        var set = 0;
        foreach (var s in states.Members)
            set |= 1 << (int)Combining.Resolve(s);
        return set;
    }

    public static Outcome OutcomeOf(Verdict v) => Combining.OutcomeOf(v);

    // Kleene's logic, with two unknowns: Unknown (the box holds questions that differ: split) before
    // Maybe (every question of the box turns on a fact not given).
    public static Tri And(Tri a, Tri b) => a == Tri.False || b == Tri.False ? Tri.False
        : a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown
        : a == Tri.Maybe || b == Tri.Maybe ? Tri.Maybe : Tri.True;

    public static Tri Or(Tri a, Tri b) => a == Tri.True || b == Tri.True ? Tri.True
        : a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown
        : a == Tri.Maybe || b == Tri.Maybe ? Tri.Maybe : Tri.False;

    public static Tri Not(Tri a) => a switch { Tri.True => Tri.False, Tri.False => Tri.True, _ => a };

    /// <summary>A property that may hold for want of a fact counts as not holding (a contradiction, a conflict: only certain ones are reported).</summary>
    public static Tri Surely(Tri a) => a == Tri.Maybe ? Tri.False : a;

    /// <summary>A property that may hold for want of a fact counts as holding (a rule that may be active reaches the answer's reasons).</summary>
    public static Tri Possibly(Tri a) => a == Tri.Maybe ? Tri.True : a;
}
