using System.Numerics;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// Checks one loaded stack. The answers of an act are walked by splitting every question the
/// contract allows until the answer is decided in each box (its witness decided by the real engine,
/// which must agree); but only where a question of the check can be answered: gaps where no rule
/// may apply, and each rule's properties where that rule may apply. So the work grows with the
/// rules that can meet, not with the whole walk (a thousand dated rules make millions of boxes, and
/// a rule applies in few of them). Each rule is first asked, by a search over the boxes where it
/// applies, whether it is ever alive (applies, not set aside, not overridden), whether removing it
/// changes any answer, and whether a must of it meets a deny or a deny of it meets a floor; only
/// what a finding shows (its witnesses, the rules that set it aside) is then read from the walk,
/// restricted to that rule, in the walk's order, so the findings are those the whole walk gives.
/// </summary>
internal sealed class Checker
{
    private readonly Stack _stack;
    private readonly Universe _u;
    private readonly Splitter _splitter;

    /// <summary>Splits for the searches that only answer whether (their boxes are shown nowhere): facts before days.</summary>
    private readonly Splitter _searcher;
    private readonly DecisionEngine _engine;
    private readonly Dictionary<Provision, RuleFacts> _facts = new(ReferenceEqualityComparer.Instance);
    private readonly List<(Box, DecisionRequest)> _gaps = [];
    private readonly Dictionary<Act, ActRules> _acts = [];
    private int _classes;

    /// <summary>The flags a conflict with any floor of the stack raises (semantics.md rule 4).</summary>
    private readonly HashSet<Flag> _conflictFlags;

    public Checker(Stack stack)
    {
        _stack = stack;
        _u = new Universe([stack]);
        _splitter = new Splitter(_u);
        _searcher = new Splitter(_u, daysLast: true);
        _engine = DecisionEngine.Compile(stack);
        foreach (var r in _u.Rules)
            _facts[r.Source] = new RuleFacts(r);
        _conflictFlags = stack.Provisions.Where(p => p.Effect == Effect.Floor).SelectMany(p => (p.OnConflict ?? Law.FloorConflict.Default).Flags).ToHashSet();
    }

    /// <summary>What the check learns about one rule.</summary>
    private sealed class RuleFacts(AnalysedRule rule)
    {
        public AnalysedRule Rule { get; } = rule;
        public bool IsAlive;

        /// <summary>The first box of the walk where the rule is alive, when a finding shows it.</summary>
        public Box? Alive;

        /// <summary>The first box of the walk whose witness the rule decides: the plainest illustration of it.</summary>
        public Box? Decides;
        public bool Changes;
        public readonly HashSet<string> SetAsideBy = [];
        public readonly HashSet<string> OverriddenBy = [];
        public readonly List<(Box, DecisionRequest)> Contradictions = [];
        public readonly List<(Box, DecisionRequest)> FloorConflicts = [];
    }

    public CheckReport Run(IProgress<Replay.WorkProgress>? progress = null)
    {
        var acts = Enum.GetValues<Act>();
        var steps = acts.Length + _facts.Count + 1;
        var done = 0;
        foreach (var act in acts)
        {
            progress?.Report(new Replay.WorkProgress(done++, steps));
            var rules = _acts[act] = new ActRules(_u, 0, act);
            // Gaps: the walk where no rule may apply (a box where some rule surely applies holds none).
            WalkAnswers(act, (_, s) => (Snapshot.Verdicts(s.Final) & (1 << (int)Verdict.Gap)) != 0, (box, s, verdict, witness, answer) =>
            {
                if (verdict == Verdict.Gap)
                    _gaps.Add((box, witness));
                return true;
            });
        }
        foreach (var f in _facts.Values)
        {
            progress?.Report(new Replay.WorkProgress(done++, steps));
            Settle(f);
        }
        progress?.Report(new Replay.WorkProgress(done, steps));
        var findings = new List<Finding>();
        findings.AddRange(Gaps());
        foreach (var f in _facts.Values)
            findings.AddRange(RuleFindings(f));
        findings.AddRange(BlankCitations());
        return new CheckReport(_stack.Id, _stack.Digest, Findings.Ordered(findings), _u.Boundaries.Count(d => d > _u.Start) + 1, _classes) { From = _u.Start };
    }

    /// <summary>
    /// Walks the answers of one act as the whole walk would, but only through the boxes where
    /// <paramref name="within"/> holds (it must hold of a box if it holds of any part of it), and
    /// until <paramref name="leaf"/> returns false. Every leaf's witness is decided by the engine,
    /// which must agree with the analysis.
    /// </summary>
    private bool WalkAnswers(Act act, Func<Box, Snapshot, bool> within, Func<Box, Snapshot, Verdict, DecisionRequest, DecisionAnswer, bool> leaf)
    {
        var rules = _acts[act];
        return _splitter.Walk(_u.Root(act), (Snapshot?)null, (box, parent, pending) =>
        {
            var s = Snapshot.Of(rules, box, _u.Evaluator, parent);
            if (!within(box, s))
                return (Splitter.Step.Skip, s);
            if (Single(Snapshot.Verdicts(s.Final)))
                return (Splitter.Step.Leaf, s);
            s.AddRelevant(pending);
            return (Splitter.Step.Split, s);
        }, (box, s) =>
        {
            _classes++;
            var witness = _u.Witness(box);
            var answer = _engine.Decide(witness);
            var verdict = (Verdict)BitOperations.TrailingZeroCount(Snapshot.Verdicts(s!.Final));
            Agree(verdict, witness, answer, _conflictFlags);
            return leaf(box, s, verdict, witness, answer);
        });
    }

    /// <summary>
    /// Settles one rule. Whether it is alive, changes an answer, meets a deny or a floor is asked
    /// by searches over where it applies; what its findings show is then read from the walk of the
    /// answers where it applies, leaf by leaf as the whole walk meets them: the first leaf where it
    /// is alive or decides the witness, every leaf where it contradicts or conflicts, and, for a
    /// rule never alive, the rules that set it aside or override it in the leaves' witnesses.
    /// </summary>
    private void Settle(RuleFacts f)
    {
        var rule = f.Rule;
        var source = rule.Source;
        f.IsAlive = HoldsSomewhere(rule, Alive, AddForLayer);
        if (f.IsAlive && source.Flags.Count == 0)
            f.Changes = Exists(rule, Changes, AddForChange);
        var redundant = f.IsAlive && !f.Changes && source.Flags.Count == 0;
        var needAlive = f.IsAlive && (redundant || source.ConflictsWith.Count > 0 || source.Citations.Count == 0 || source.Citations.Any(string.IsNullOrWhiteSpace));
        var contradicts = rule.Effect == Effect.Must && HoldsSomewhere(rule, Contradiction, AddForLayer);
        var conflicts = rule.Effect == Effect.Deny && HoldsSomewhere(rule, FloorConflict, AddForLayer);
        if (!needAlive && !redundant && !contradicts && !conflicts && f.IsAlive)
            return;
        // A redundant rule with nothing else to show needs only the first leaf it decides: the walk
        // leaves out where it cannot, and falls back to the full reading when it decides nowhere.
        var onlyDecides = redundant && !contradicts && !conflicts && source.ConflictsWith.Count == 0
            && source.Citations.Count > 0 && !source.Citations.Any(string.IsNullOrWhiteSpace);
        if (onlyDecides)
        {
            if (FirstDecided(f))
                return;
            // It decides nowhere: what its finding shows is the first leaf where it is alive.
            FirstAlive(f);
            return;
        }
        foreach (var act in Enum.GetValues<Act>().Where(a => (rule.Acts & (1UL << (int)a)) != 0))
        {
            var rules = _acts[act];
            var i = rules.IndexOf(rule);
            var more = WalkAnswers(act, (_, s) => s.Applies[i] != Tri.False, (box, s, verdict, witness, answer) =>
            {
                if (answer.Reasons.FirstOrDefault(r => r.Rule == source.Id) is { } reason && source.Period.Contains(witness.ReceivedOn))
                {
                    f.SetAsideBy.UnionWith(reason.SetAsideBy);
                    f.OverriddenBy.UnionWith(reason.OverriddenBy);
                    if (answer.DecidedBy.Contains(source.Id))
                        f.Decides ??= box;
                }
                if (needAlive && f.Alive is null)
                    f.Alive = Search(box, rules, s, b => Alive(b, i), (b, p) => AddForLayer(b, i, p));
                if (contradicts)
                    Collect(box, rules, s, b => Contradiction(b, i), (b, p) => AddForLayer(b, i, p), f.Contradictions);
                if (conflicts && verdict == Verdict.FloorConflict)
                    Collect(box, rules, s, b => FloorConflict(b, i), (b, p) => AddForLayer(b, i, p), f.FloorConflicts);
                // What is left to read: every leaf, for a collection or a rule never alive; else the first leaves that show it.
                return contradicts || conflicts || !f.IsAlive || (needAlive && f.Alive is null) || (redundant && f.Decides is null);
            });
            if (!more)
                return;
        }
    }

    /// <summary>
    /// Walks the answers where the rule may decide, in the walk's order, to the first leaf whose
    /// witness it decides: the same leaf the walk over every box where it applies meets first,
    /// since only boxes where it decides no question are left out (<see cref="MayDecide"/>, then
    /// <see cref="Decides"/>, which settles a box on far fewer tests than the walk splits on, so
    /// that the walk leaves out whole parts of it where the rule decides nothing).
    /// </summary>
    private bool FirstDecided(RuleFacts f)
    {
        var source = f.Rule.Source;
        foreach (var act in Enum.GetValues<Act>().Where(a => (f.Rule.Acts & (1UL << (int)a)) != 0))
        {
            var i = _acts[act].IndexOf(f.Rule);
            WalkAnswers(act, (box, s) => MayDecide(s, i) && Decides(s, i, box, _unused) != Tri.False, (box, s, verdict, witness, answer) =>
            {
                if (Decided(source, witness, answer))
                    f.Decides = box;
                return f.Decides is null;
            });
            if (f.Decides is not null)
                return true;
        }
        return false;
    }

    /// <summary>Where a test's pending tests are not needed.</summary>
    private readonly List<Pending> _unused = [];

    /// <summary>The engine names the rule among those that decided the witness, on a day it is in force.</summary>
    private static bool Decided(Provision source, DecisionRequest witness, DecisionAnswer answer) =>
        answer.DecidedBy.Contains(source.Id) && source.Period.Contains(witness.ReceivedOn) && answer.Reasons.Any(r => r.Rule == source.Id);

    /// <summary>
    /// Whether the engine names rule <paramref name="i"/> among those that decide every question of
    /// the box (true), none (false), or whether that is not yet settled (then the tests to split on
    /// are added to <paramref name="pending"/>). Who decides turns only on which rules are active:
    /// the rule's own layer, slot by slot (which of its rules the engine names depends on the slots
    /// that are set, not only on what the layer concludes), and what every other layer concludes,
    /// down to the layer below which every standing absorbs (a lower layer then neither names nor
    /// clears the deciders above it). Once those are the same for every question of the box, the
    /// engine's answer for the box's witness is its answer for every question of it.
    /// </summary>
    private Tri Decides(Snapshot s, int i, Box box, List<Pending> pending)
    {
        _unused.Clear();
        if (s.Applies[i] == Tri.False || !MayDecide(s, i))
            return Tri.False;
        if (s.Applies[i] == Tri.Unknown)
        {
            pending.AddRange(s.PendingOf(i));
            return Tri.Unknown;
        }
        var layer = s.LayerOf(i);
        var before = pending.Count;
        for (var l = 0; l < s.Rules.LayerCount; l++)
        {
            if (l > layer && s.Before[l].Members.All(ChoiceSet.Absorbing))
                break;
            var settled = l == layer ? !s.LayerUndecided(l) && s.Active[i] != Tri.Unknown : s.LayerEffects[l].IsSingle;
            if (!settled)
                s.AddUndecidedIn(l, pending);
        }
        if (pending.Count > before)
            return Tri.Unknown;
        var witness = _u.Witness(box);
        return Decided(s.Rules.Rules[i].Source, witness, _engine.Decide(witness)) ? Tri.True : Tri.False;
    }

    /// <summary>
    /// The first leaf, in the walk's order, where a search finds the rule alive (as the walk over
    /// every box where it applies finds it): the walk leaves out the boxes where it is alive for no
    /// question, which a search (facts before days) tells of a box where that is not plain, so the
    /// walk goes down to the first such leaf without meeting the leaves before it.
    /// </summary>
    private void FirstAlive(RuleFacts f)
    {
        foreach (var act in Enum.GetValues<Act>().Where(a => (f.Rule.Acts & (1UL << (int)a)) != 0))
        {
            var rules = _acts[act];
            var i = rules.IndexOf(f.Rule);
            WalkAnswers(act, (box, s) => s.Applies[i] != Tri.False && Alive(s, i) is var alive && alive != Tri.False
                && (alive == Tri.True || _searcher.Find(box, s, (b, parent, p) =>
                {
                    var sb = Snapshot.Of(rules, b, _u.Evaluator, parent);
                    var tb = Counted(Alive(sb, i));
                    if (tb == Tri.Unknown)
                        AddForLayer(sb, i, p);
                    return (tb, sb);
                }) is not null), (box, s, verdict, witness, answer) =>
            {
                f.Alive = Search(box, rules, s, b => Alive(b, i), (b, p) => AddForLayer(b, i, p));
                return f.Alive is null;
            });
            if (f.Alive is not null)
                return;
        }
    }

    /// <summary>
    /// Whether the rule may be among those that decide some question of the box (false only where
    /// it surely is not, for every question of the box and so of its parts): it is active; its
    /// layer does not surely deny without a must that could contradict the deny (then the layer
    /// concludes deny alone, which only its deny rules give; the engine adds a rule to those that
    /// decide only at its own layer); a permit's layer does not surely refer; and a permit is not
    /// overruled by a lower layer that surely denies.
    /// </summary>
    private static bool MayDecide(Snapshot s, int i)
    {
        if (Snapshot.Possibly(s.Active[i]) == Tri.False)
            return false;
        var layer = s.LayerOf(i);
        var slot = s.Rules.Slot[i];
        if (slot is not (Combining.Deny or Combining.Must) && SurelyDenies(s, layer))
            return false;
        // A permit in a layer that surely refers, where no rule of the layer turns on a fact not
        // given: the layer concludes the refer's range, which only its refer rules give.
        if (slot == Combining.Permit && SurelyRefers(s, layer))
            return false;
        // A permit its layer surely concludes, with no floor that a lower deny would leave standing:
        // a lower layer that surely denies or requires takes the answer from it (semantics.md rule 3;
        // the engine clears who decided above a permit when a lower layer concludes deny, must or
        // counsel between the two, whichever of them it follows).
        if (slot == Combining.Permit && !s.Rules.Slot.Any(x => x is Combining.Floor or Combining.PreemptingFloor)
            && s.EffectsWithActive(i).Members.All(m => m == 1 << (int)Standing.Permit))
            for (var l = layer + 1; l < s.Rules.LayerCount; l++)
                if (SurelyDenies(s, l) || SurelyMustOrDeny(s, l))
                    return false;
        return true;
    }

    /// <summary>Every conclusion layer <paramref name="layer"/> may reach is must, deny or a choice between them (never "nothing applies").</summary>
    private static bool SurelyMustOrDeny(Snapshot s, int layer)
    {
        const int mustOrDeny = (1 << (int)Standing.Must) | (1 << (int)Standing.Deny);
        return !s.LayerEffects[layer].IsEmpty && s.LayerEffects[layer].Members.All(m => m != 0 && (m & ~mustOrDeny) == 0);
    }

    /// <summary>Some refer of the layer is active for every question, and whether each effect of the layer is active is decided (none may be, for want of a fact).</summary>
    private static bool SurelyRefers(Snapshot s, int layer)
    {
        var refers = false;
        for (var e = 0; e < Combining.SlotCount; e++)
        {
            var has = s.HasEffect(layer, e);
            if (has is Tri.Unknown or Tri.Maybe)
                return false;
            refers |= has == Tri.True && Combining.IsRefer(e);
        }
        return refers;
    }

    /// <summary>The layer surely concludes deny alone: a deny is active for every question, and no must may be.</summary>
    private static bool SurelyDenies(Snapshot s, int layer) =>
        s.HasEffect(layer, Combining.Deny) == Tri.True && s.HasEffect(layer, Combining.Must) == Tri.False;

    /// <summary>The engine is the authority: a box whose witness it answers otherwise than the analysis is a defect of the analysis.</summary>
    private static void Agree(Verdict verdict, DecisionRequest witness, DecisionAnswer answer, HashSet<Flag> conflictFlags)
    {
        // No rule applied is a gap (a risk might raise the flag gap too, so the flag alone does not tell).
        var gap = answer.Reasons.Count == 0;
        if (answer.Outcome != Snapshot.OutcomeOf(verdict) || gap != (verdict == Verdict.Gap)
            || (verdict == Verdict.FloorConflict && !answer.Flags.Any(conflictFlags.Contains)))
            throw new InvalidOperationException(
                $"the analysis expected {verdict} but the engine answers {Vocabularies.Outcomes.Name(answer.Outcome)} for {RequestWriter.ToJson(witness)}");
    }

    // ---- properties of one rule in a box, in three values -------------------------------------

    /// <summary>The rule applies, is not set aside, and is not overridden by a higher layer.</summary>
    private static Tri Alive(Snapshot s, int i)
    {
        var e = s.Rules.Rules[i].Effect;
        var overridden = Snapshot.Over(s.Before[s.LayerOf(i)], s.EffectsWithActive(i), (state, layer) => state switch
        {
            Standing.Must => e is Effect.Deny or Effect.Refer,
            Standing.Deny => e != Effect.Deny && layer != Standing.Deny,
            Standing.PreemptingFloor => e == Effect.Deny && layer == Standing.Deny,
            _ => false,
        });
        return Snapshot.Possibly(Snapshot.And(s.Active[i], Snapshot.Not(overridden)));
    }

    /// <summary>
    /// Removing the rule changes the answer (outcome, gap or federal conflict). The stack with and
    /// without it are followed together (<see cref="JointSnapshot"/>): only the rule's own layer
    /// differs, so a box where the layers above already settle the answer, or where both end alike
    /// whatever an undecided layer does, is settled without splitting on that layer.
    /// </summary>
    private static Tri Changes(Snapshot s, int i) => s.Applies[i] == Tri.False ? Tri.False : WithAndWithout(s, i, s.Without(i)).VerdictsDiffer;

    private static JointSnapshot WithAndWithout(Snapshot s, int i, Snapshot without)
    {
        var layer = s.LayerOf(i);
        var identical = new bool[s.Rules.LayerCount];
        for (var l = 0; l < identical.Length; l++)
            identical[l] = l != layer;
        // A rule that sets none aside changes only its own slot: the layer's other rules are the
        // same with and without it, so each way they may fall gives one pair of effects. An
        // exception changes its own slot and its targets' activity, nothing else of the layer.
        var pairs = s.Rules.IsException[i] ? ExceptionPairs(s, without, i) : LayerPairs(without, i, s.Active[i]);
        var paired = pairs is null ? ((int, IReadOnlyCollection<(byte, byte)>)?)null : (layer, pairs);
        return new JointSnapshot(s, without, identical, paired);
    }

    /// <summary>
    /// The pairs (with the rule, without it) of what its layer can conclude, for a rule that is an
    /// exception: with it and without it, the layer differs only in the rule's own activity and in
    /// its targets' (a target is active without it as it is in the version without it, and with it
    /// only where the rule is not). Each undecided one of these, and each undecided slot of the
    /// layer's other rules, may fall either way. Null (any pair) when a target is an exception
    /// itself: then the rules that target sets aside differ too.
    /// </summary>
    private static HashSet<(byte, byte)>? ExceptionPairs(Snapshot s, Snapshot without, int i)
    {
        const int slots = Combining.SlotCount;
        var rules = s.Rules;
        var layer = s.LayerOf(i);
        var targets = new List<int>();
        var others = new Tri[slots];
        for (var j = rules.LayerStart[layer]; j < rules.LayerStart[layer + 1]; j++)
        {
            if (j == i)
                continue;
            if (Array.IndexOf(rules.ExceptedBy[j], i) >= 0)
            {
                if (rules.IsException[j])
                    return null;
                targets.Add(j);
            }
            else
                others[rules.Slot[j]] = Snapshot.Or(others[rules.Slot[j]], s.Active[j]);
        }
        // The atoms that may fall either way: slots of the other rules, the rule, each target without it.
        var unknown = new List<int>();
        for (var e = 0; e < slots; e++)
            if (others[e] == Tri.Unknown)
                unknown.Add(e);
        if (s.Active[i] == Tri.Unknown)
            unknown.Add(slots);
        foreach (var t in targets)
            if (without.Active[t] == Tri.Unknown)
                unknown.Add(slots + 1 + targets.IndexOf(t));
        var value = new Tri[slots + 1 + targets.Count];
        others.CopyTo(value, 0);
        value[slots] = s.Active[i];
        for (var k = 0; k < targets.Count; k++)
            value[slots + 1 + k] = without.Active[targets[k]];
        var pairs = new HashSet<(byte, byte)>();
        Span<Tri> with = stackalloc Tri[slots];
        Span<Tri> alone = stackalloc Tri[slots];
        for (var combo = 0; combo < 1 << unknown.Count; combo++)
        {
            for (var u = 0; u < unknown.Count; u++)
                value[unknown[u]] = (combo & (1 << u)) != 0 ? Tri.True : Tri.False;
            for (var e = 0; e < slots; e++)
                with[e] = alone[e] = value[e];
            var active = value[slots];
            with[rules.Slot[i]] = Snapshot.Or(with[rules.Slot[i]], active);
            for (var k = 0; k < targets.Count; k++)
            {
                var slot = rules.Slot[targets[k]];
                alone[slot] = Snapshot.Or(alone[slot], value[slots + 1 + k]);
                with[slot] = Snapshot.Or(with[slot], Snapshot.And(value[slots + 1 + k], Snapshot.Not(active)));
            }
            pairs.Add((Choices(with), Choices(alone)));
        }
        return pairs;

        static byte Choices(ReadOnlySpan<Tri> has)
        {
            int sure = 0, maybe = 0;
            for (var e = 0; e < slots; e++)
                if (has[e] == Tri.True)
                    sure |= 1 << e;
                else if (has[e] == Tri.Maybe)
                    maybe |= 1 << e;
            return maybe == 0 ? Combining.LayerChoices(sure) : Combining.LayerChoices(sure, maybe);
        }
    }

    /// <summary>
    /// The pairs (with the rule, without it) of what its layer can conclude, for a rule that is no
    /// exception: each way the layer's other undecided slots and the rule's own activity may fall.
    /// </summary>
    private static HashSet<(byte, byte)> LayerPairs(Snapshot without, int i, Tri active)
    {
        const int slots = Combining.SlotCount;
        var layer = without.LayerOf(i);
        var bit = 1 << without.Rules.Slot[i];
        int known = 0, maybe = 0;
        var unknown = new List<int>();
        for (var e = 0; e < slots; e++)
            switch (without.HasEffect(layer, e))
            {
                case Tri.True:
                    known |= 1 << e;
                    break;
                case Tri.Unknown:
                    unknown.Add(1 << e);
                    break;
                case Tri.Maybe:
                    maybe |= 1 << e;
                    break;
            }
        static byte Choices(int sure, int maybe) => maybe == 0 ? Combining.LayerChoices(sure) : Combining.LayerChoices(sure, maybe);
        var pairs = new HashSet<(byte, byte)>();
        for (var combo = 0; combo < 1 << unknown.Count; combo++)
        {
            var sure = known;
            for (var u = 0; u < unknown.Count; u++)
                if ((combo & (1 << u)) != 0)
                    sure |= unknown[u];
            var alone = Choices(sure, maybe);
            if (active is Tri.True or Tri.Unknown)
                pairs.Add((Choices(sure | bit, maybe), alone));
            if (active is Tri.False or Tri.Unknown)
                pairs.Add((alone, alone));
            if (active == Tri.Maybe)
                pairs.Add((Choices(sure, maybe | bit), alone));
        }
        return pairs;
    }

    /// <summary>This must is active with an active deny of its layer.</summary>
    private static Tri Contradiction(Snapshot s, int i) => Snapshot.Surely(Snapshot.And(s.Active[i], s.HasEffect(s.LayerOf(i), Combining.Deny)));

    /// <summary>This deny is active in a layer that denies while the layers above leave a floor: the engine refers with fed-1373-conflict.</summary>
    private static Tri FloorConflict(Snapshot s, int i) => Snapshot.Surely(Snapshot.And(s.Active[i],
        Snapshot.Over(s.Before[s.LayerOf(i)], s.EffectsWithActive(i), (state, layer) => state == Standing.Floor && layer == Standing.Deny)));

    private static void AddForLayer(Snapshot s, int i, List<Pending> pending)
    {
        if (s.Applies[i] == Tri.Unknown)
            pending.AddRange(s.PendingOf(i));
        else
            s.AddUndecided(s.LayerOf(i), pending);
    }

    /// <summary>
    /// What to split on to settle whether removing the rule changes the answer: where it may
    /// apply, its own tests; then the layers above it and its own, and a layer below only where the
    /// two versions may still stand apart when they reach it (where they stand alike, the layers
    /// below, the same in both, keep them alike).
    /// </summary>
    private static void AddForChange(Snapshot s, int i, List<Pending> pending)
    {
        if (s.Applies[i] == Tri.Unknown)
        {
            pending.AddRange(s.PendingOf(i));
            return;
        }
        var layer = s.LayerOf(i);
        var without = s.Without(i);
        var joint = WithAndWithout(s, i, without);
        bool Apart(int l) => joint.Before[l].Any(p => (p >> 8) != (p & 0xFF));
        s.AddRelevant(pending, l => l <= layer || Apart(l));
        // Below, the rules are the same, but the version without it may still move where the version with it no longer does.
        without.AddRelevant(pending, l => l == layer || (l > layer && Apart(l)));
    }

    // ---- splitting a leaf further for one property ---------------------------------------------

    /// <summary>A box inside <paramref name="box"/> where the property holds for every question, or null.</summary>
    private Box? Search(Box box, ActRules rules, Snapshot s, Func<Snapshot, Tri> property, Action<Snapshot, List<Pending>> pending)
    {
        var t = property(s);
        if (t != Tri.Unknown)
            return t == Tri.True ? box : null;
        return _splitter.Find(box, s, (b, parent, p) =>
        {
            var sb = Snapshot.Of(rules, b, _u.Evaluator, parent);
            var tb = Counted(property(sb));
            if (tb == Tri.Unknown)
                pending(sb, p);
            return (tb, sb);
        });
    }

    /// <summary>Every box inside <paramref name="box"/> where the property holds, with its witness.</summary>
    private void Collect(Box box, ActRules rules, Snapshot s, Func<Snapshot, Tri> property, Action<Snapshot, List<Pending>> pending, List<(Box, DecisionRequest)> into)
    {
        var t = property(s);
        if (t == Tri.False)
            return;
        if (t == Tri.True)
        {
            into.Add((box, _u.Witness(box)));
            return;
        }
        _splitter.Partition(box, s, (b, parent, p) =>
        {
            var sb = Snapshot.Of(rules, b, _u.Evaluator, parent);
            var tb = Counted(property(sb));
            if (tb == Tri.Unknown)
                pending(sb, p);
            return (tb != Tri.Unknown, sb);
        }, (b, sb) =>
        {
            if (property(sb) == Tri.True)
                into.Add((b, _u.Witness(b)));
        });
    }

    /// <summary>A box where a search's question is decided is a class the check walked.</summary>
    private Tri Counted(Tri t)
    {
        if (t != Tri.Unknown)
            _classes++;
        return t;
    }

    private static bool Single(int set) => set != 0 && (set & (set - 1)) == 0;

    // ---- findings ---------------------------------------------------------------------------------

    private IEnumerable<Finding> Gaps() => RequestClasses.Of(_u, _gaps, NoRuleApplies).Select(c => new Finding(FindingType.Gap, Severity.Warning,
        "no rule of any layer applies: the engine refers these requests to counsel with the flag gap", [], [c]));

    private IEnumerable<Finding> RuleFindings(RuleFacts f)
    {
        var rule = f.Rule.Source;
        var refs = new List<RuleRef> { Ref(rule) };
        if (!f.IsAlive)
        {
            yield return Dead(f);
            yield break;
        }
        if (!f.Changes && rule.Flags.Count == 0)
            yield return Redundant(f);
        if (f.Contradictions.Count > 0)
        {
            var classes = RequestClasses.Of(_u, f.Contradictions, Holds(f.Rule, Contradiction));
            var denies = classes.SelectMany(c => ActiveOfLayer(c.Witness, rule.Layer, Effect.Deny)).Distinct().ToList();
            yield return new Finding(FindingType.Contradiction, Severity.Error,
                $"{rule.Id} (must) and {Join(denies)} (deny) are active together in layer {rule.Layer}, which then refers every such request to counsel",
                [.. refs, .. denies.Select(RefOf)], classes);
        }
        var floors = new List<string>();
        if (f.FloorConflicts.Count > 0)
        {
            var classes = RequestClasses.Of(_u, f.FloorConflicts, Holds(f.Rule, FloorConflict));
            floors = classes.SelectMany(c => Floors(c.Witness, rule.Layer)).Distinct().ToList();
            var unacknowledged = floors.Where(id => !rule.ConflictsWith.Contains(id)).ToList();
            var message = $"{rule.Id} ({rule.Layer}) denies what {Join(floors)} {(floors.Count == 1 ? "protects" : "protect")} as a floor; the engine refers these requests to counsel with {FloorFlags(floors)}";
            yield return unacknowledged.Count == 0
                ? new Finding(FindingType.FloorViolation, Severity.Warning, message + $" (acknowledged: \"conflicts with {string.Join(", ", rule.ConflictsWith)}\")", [.. refs, .. floors.Select(RefOf)], classes)
                : new Finding(FindingType.FloorViolation, Severity.Error,
                    message + $"; if the conflict is intended, say so in the rule with \"conflicts with {string.Join(", ", floors)}\"", [.. refs, .. floors.Select(RefOf)], classes);
        }
        var stale = rule.ConflictsWith.Where(id => !floors.Contains(id)).ToList();
        if (stale.Count > 0)
            yield return new Finding(FindingType.FloorViolation, Severity.Warning,
                $"{rule.Id} says it conflicts with {Join(stale)}, but no request the contract allows meets both", [.. refs, .. stale.Select(RefOf)],
                [RequestClasses.One(_u, f.Alive!)]);
    }

    private Finding Dead(RuleFacts f)
    {
        var rule = f.Rule.Source;
        var applies = FindIn(f.Rule, (s, i) => Snapshot.Possibly(s.Applies[i]));
        if (applies is null)
            return new Finding(FindingType.DeadRule, Severity.Warning,
                $"{rule.Id} never applies: no request the contract allows meets its condition while it is in force ({rule.Period}) for the units it binds",
                [Ref(rule)], [RequestClasses.One(_u, NeverBox(f.Rule), "a request in its period, for an act and a unit it names")]);
        var active = FindIn(f.Rule, (s, i) => Snapshot.Possibly(s.Active[i]));
        var found = RequestClasses.One(_u, active ?? applies);
        if (_engine.Decide(found.Witness).Reasons.FirstOrDefault(r => r.Rule == rule.Id) is { } reason)
        {
            f.SetAsideBy.UnionWith(reason.SetAsideBy);
            f.OverriddenBy.UnionWith(reason.OverriddenBy);
        }
        var message = active is null
            ? $"{rule.Id} never decides anything: wherever it applies it is set aside by {Join(f.SetAsideBy.Order())}"
            : $"{rule.Id} never decides anything: wherever it applies it is overridden by {Join(f.OverriddenBy.Order())}"
              + (f.SetAsideBy.Count > 0 ? $" or set aside by {Join(f.SetAsideBy.Order())}" : "");
        return new Finding(FindingType.DeadRule, Severity.Warning, message,
            [Ref(rule), .. f.SetAsideBy.Concat(f.OverriddenBy).Order().Distinct().Select(RefOf)],
            [found]);
    }

    private Finding Redundant(RuleFacts f)
    {
        var rule = f.Rule.Source;
        var without = DecisionEngine.Compile(_stack with
        {
            Layers = _stack.Layers.Select(l => l with { Provisions = l.Provisions.Where(p => !ReferenceEquals(p, rule)).ToList() }).ToList(),
        });
        var found = RequestClasses.One(_u, f.Decides ?? f.Alive!);
        var covering = without.Decide(found.Witness).DecidedBy;
        return new Finding(FindingType.RedundantRule, Severity.Warning,
            $"{rule.Id} changes no answer: every request it applies to is answered the same without it"
            + (covering.Count > 0 ? $" (here, by {Join(covering)})" : ""),
            [Ref(rule), .. covering.Select(RefOf)], [found]);
    }

    private IEnumerable<Finding> BlankCitations() => _stack.Provisions
        .Where(p => p.Citations.Count == 0 || p.Citations.Any(string.IsNullOrWhiteSpace))
        .Select(p => new Finding(FindingType.MissingCitation, Severity.Error,
            $"{p.Id} has an empty citation: every provision cites what it rests on",
            [Ref(p)], [RequestClasses.One(_u, _facts.TryGetValue(p, out var f) && f.Alive is { } alive ? alive : NeverBox(new AnalysedRule(p, 0, 0)))]));

    /// <summary>
    /// Whether the property of the rule holds for some question: a few dives first, which usually
    /// meet a box where it holds, then the full search (<see cref="FindIn"/>), which also proves it
    /// never does. The answer is the same either way; only the work differs.
    /// </summary>
    private bool Exists(AnalysedRule rule, Func<Snapshot, int, Tri> property, Action<Snapshot, int, List<Pending>> pending)
    {
        // Seeded, so that a check does the same work every time.
        var random = new Random(_u.Rules.Count);
        foreach (var act in Enum.GetValues<Act>().Where(a => (rule.Acts & (1UL << (int)a)) != 0))
        {
            var rules = _acts[act];
            var i = rules.IndexOf(rule);
            var found = _searcher.Dive(_u.Root(act), (Snapshot?)null, (b, parent, p) =>
            {
                var s = Snapshot.Of(rules, b, _u.Evaluator, parent);
                var t = Counted(property(s, i));
                if (t == Tri.Unknown)
                    pending(s, i, p);
                return (t, s);
            }, Dives, random);
            if (found is not null)
                return true;
        }
        return HoldsSomewhere(rule, property, pending);
    }

    /// <summary>Dives per act before a full search: each costs about as many boxes as the walk is deep.</summary>
    private const int Dives = 32;

    /// <summary>Whether the property of the rule holds for every question of some box, in some act it can apply to.</summary>
    private bool HoldsSomewhere(AnalysedRule rule, Func<Snapshot, int, Tri> property, Action<Snapshot, int, List<Pending>> pending) =>
        FindIn(rule, property, pending, _searcher) is not null;

    /// <summary>
    /// The first box, in the walk's order, where the property of the rule holds for every
    /// question, searching every act it can apply to (the box is shown: a finding's witness).
    /// </summary>
    private Box? FindIn(AnalysedRule rule, Func<Snapshot, int, Tri> property, Action<Snapshot, int, List<Pending>>? pending = null, Splitter? splitter = null)
    {
        splitter ??= _splitter;
        pending ??= AddForLayer;
        foreach (var act in Enum.GetValues<Act>().Where(a => (rule.Acts & (1UL << (int)a)) != 0))
        {
            var rules = _acts[act];
            var i = rules.IndexOf(rule);
            var found = splitter.Find(_u.Root(act), (Snapshot?)null, (b, parent, p) =>
            {
                var s = Snapshot.Of(rules, b, _u.Evaluator, parent);
                var t = Counted(property(s, i));
                if (t == Tri.Unknown)
                    pending(s, i, p);
                return (t, s);
            });
            if (found is not null)
                return found;
        }
        return null;
    }

    /// <summary>For a rule that never applies: the requests in its period, for an act it names, by a unit it binds; the engine shows it does not reach them.</summary>
    private Box NeverBox(AnalysedRule rule)
    {
        var act = rule.Acts == 0 ? Act.Hold : (Act)BitOperations.TrailingZeroCount(rule.Acts);
        var box = _u.Root(act).WithDays(rule.Source.Period.From > _u.Start ? rule.Source.Period.From : _u.Start, DateOnly.MaxValue);
        var binds = rule.Source.Binds;
        if (!binds.All && binds.Kinds.Count > 0)
            box = box.With(Dim.ActorKind, binds.Kinds.Aggregate(0UL, (m, k) => m | (1UL << (int)k)));
        else if (!binds.All)
            box = box.With(Dim.ActorUnit, _u.Space.Mask(Dim.ActorUnit, binds.Units));
        return box;
    }

    /// <summary>The active rules of one layer with this effect, in the engine's answer for a witness.</summary>
    private IEnumerable<string> ActiveOfLayer(DecisionRequest witness, string layer, Effect effect) =>
        _engine.Decide(witness).Reasons.Where(r => r.Layer == layer && r.Effect == effect && r.SetAsideBy.Count == 0).Select(r => r.Rule);

    /// <summary>The floor rules of layers above <paramref name="layer"/> that decided a witness's conflict.</summary>
    private IEnumerable<string> Floors(DecisionRequest witness, string layer)
    {
        var above = _stack.Layers.TakeWhile(l => l.Name != layer).Select(l => l.Name).ToHashSet();
        var answer = _engine.Decide(witness);
        return answer.Reasons.Where(r => r.Effect == Effect.Floor && above.Contains(r.Layer) && answer.DecidedBy.Contains(r.Rule)).Select(r => r.Rule);
    }

    /// <summary>
    /// Whether no rule can apply to any question of the box: the test gap classes are widened by,
    /// dozens of times per gap box. A rule that applies nowhere in the last gap box met applies
    /// nowhere in a box that differs from it only in facts the rule does not read, so only the
    /// rules that read a fact that differs are asked again (all of them when the period or the
    /// records differ).
    /// </summary>
    private bool NoRuleApplies(Box box)
    {
        var rules = _acts[ActOf(box)];
        var changed = ~0UL;
        if (_lastGap is { } last && last[Dim.Act] == box[Dim.Act] && last.From == box.From && last.Until == box.Until
            && last.Convictions?.Key == box.Convictions?.Key && last.Charges?.Key == box.Charges?.Key)
        {
            changed = 0;
            for (var d = 0; d < Space.DimCount; d++)
                if (last.Masks[d] != box.Masks[d])
                    changed |= 1UL << d;
        }
        _scratch.Clear();
        foreach (var r in rules.Rules)
            if ((changed == ~0UL || (Reads(r) & changed) != 0) && _u.Evaluator.Applies(r.Source, box, _scratch) != Tri.False)
                return false;
        _lastGap = box;
        return true;
    }

    private Box? _lastGap;
    private readonly List<Pending> _scratch = [];
    private readonly Dictionary<AnalysedRule, ulong> _reads = new(ReferenceEqualityComparer.Instance);

    /// <summary>The facts (bit per <see cref="Dim"/>) whether the rule applies can turn on: those its condition and its binding read.</summary>
    private ulong Reads(AnalysedRule rule)
    {
        if (_reads.TryGetValue(rule, out var dims))
            return dims;
        foreach (var c in LawWalk.Of(rule.Source.When))
            if (c is IsOneOf or IsTrue or IsGiven && !LawWalk.IsRecordTest(c))
                dims |= 1UL << (int)_u.Evaluator.ValueTest(c).Dim;
        if (!rule.Source.Binds.All)
            dims |= (1UL << (int)Dim.ActorKind) | (1UL << (int)Dim.ActorUnit);
        return _reads[rule] = dims;
    }

    /// <summary>A property of one rule, as a test of any box of a single act.</summary>
    private Func<Box, bool> Holds(AnalysedRule rule, Func<Snapshot, int, Tri> property) => box =>
    {
        var rules = _acts[ActOf(box)];
        return property(Snapshot.Of(rules, box, _u.Evaluator), rules.IndexOf(rule)) == Tri.True;
    };

    private static Act ActOf(Box box) => (Act)BitOperations.TrailingZeroCount(box[Dim.Act]);

    private static RuleRef Ref(Provision p) => new(p.Id, p.At);

    /// <summary>The flags the named floors raise on a conflict, as the answer spells them.</summary>
    private string FloorFlags(IEnumerable<string> floors) => string.Join(", ", floors
        .SelectMany(id => _stack.Provisions.Where(p => p.Id == id && p.Effect == Effect.Floor))
        .SelectMany(p => (p.OnConflict ?? Law.FloorConflict.Default).Flags).Distinct().Select(Vocabularies.Flags.Name).DefaultIfEmpty("fed-1373-conflict"));

    private RuleRef RefOf(string id) => Ref(_stack.Provisions.First(p => p.Id == id));

    private static string Join(IEnumerable<string> ids) => string.Join(", ", ids);
}
