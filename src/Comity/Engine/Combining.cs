using System.Numerics;
using Comity.Contract;
using Comity.Law;

namespace Comity.Engine;

/// <summary>
/// Where the answer to one question stands after some layers, top down, for one choice of every
/// layer that refers (../shared/spec/semantics.md, "Combining, across layers"). Must, deny and the
/// two referrals absorb: nothing lower moves them.
/// </summary>
public enum Standing : byte
{
    /// <summary>No layer so far has an applicable rule.</summary>
    None,
    Permit,

    /// <summary>A permit lower layers may not restrict; a lower deny makes it <see cref="Contested"/>.</summary>
    Floor,

    /// <summary>A floor whose higher law voids a lower deny: the floor's permit stands (rule 4, preempt).</summary>
    PreemptingFloor,
    Must,
    Deny,

    /// <summary>A lower deny met a contested floor: refer-to-counsel with the floor's flag (rule 4, refer).</summary>
    Contested,

    /// <summary>Counsel must choose: a layer referred and its choices lead to different answers (rule 5).</summary>
    Referred,
}

/// <summary>The answer to one question as a person reads it: its outcome, with gaps and floor conflicts set apart.</summary>
public enum Verdict { Gap, FloorConflict, Refer, Permit, MustComply, Deny }

/// <summary>
/// The combining rules of semantics.md, written once: what one layer can conclude from its active
/// rules (inside one layer), and how a layer's conclusion moves the standing of the layers above
/// (across layers). The engine follows one standing per question; the analysis follows sets of
/// them; both call these functions, so they cannot disagree.
/// <para>
/// A layer's conclusion is a set of standings (a byte, bit per <see cref="Standing"/>): one for a
/// layer that decides, several for a layer that refers (the outcomes counsel may choose, rule 5)
/// or whose must meets its own deny (a contradiction: must or deny). What an active rule adds to
/// its layer is its <em>slot</em>: its effect, with a floor's conflict and a refer's range.
/// </para>
/// </summary>
public static class Combining
{
    public const int Must = 0, Permit = 1, Deny = 2, Floor = 3, PreemptingFloor = 4;

    /// <summary>The four refer slots: refer between must and permit, must and deny, permit and deny, or all three.</summary>
    public const int ReferMustPermit = 5, ReferMustDeny = 6, ReferPermitDeny = 7, ReferAll = 8;

    public const int SlotCount = 9;

    private const int MustBit = 1 << (int)Standing.Must, PermitBit = 1 << (int)Standing.Permit, DenyBit = 1 << (int)Standing.Deny;

    /// <summary>The slot of a rule: its effect, a floor's conflict, a refer's range.</summary>
    public static int SlotOf(Provision rule) => rule.Effect switch
    {
        Effect.Must => Must,
        Effect.Permit => Permit,
        Effect.Deny => Deny,
        Effect.Floor => (rule.OnConflict ?? FloorConflict.Default).Preempts ? PreemptingFloor : Floor,
        _ => RangeSlot(rule.Range),
    };

    private static int RangeSlot(IReadOnlyList<Effect> range)
    {
        bool m = range.Contains(Effect.Must), p = range.Contains(Effect.Permit), d = range.Contains(Effect.Deny);
        return m && p && d ? ReferAll : m && p ? ReferMustPermit : m && d ? ReferMustDeny : p && d ? ReferPermitDeny : ReferAll;
    }

    /// <summary>The standings a refer slot ranges over (bit per <see cref="Standing"/>); 0 for other slots.</summary>
    public static int RangeOf(int slot) => slot switch
    {
        ReferMustPermit => MustBit | PermitBit,
        ReferMustDeny => MustBit | DenyBit,
        ReferPermitDeny => PermitBit | DenyBit,
        ReferAll => MustBit | PermitBit | DenyBit,
        _ => 0,
    };

    public static bool IsRefer(int slot) => slot >= ReferMustPermit;

    /// <summary>
    /// Combining inside one layer (semantics.md): deny beats refer beats must beats floor beats
    /// permit; must with deny is a contradiction, which counsel resolves (must or deny); several
    /// refers may reach any outcome one of them names. <paramref name="slots"/>: bit per slot of
    /// the layer's active rules. Returns the layer's possible standings, bit per <see cref="Standing"/>.
    /// </summary>
    public static byte LayerChoices(int slots)
    {
        bool Has(int slot) => (slots & (1 << slot)) != 0;
        if (Has(Deny))
            return (byte)(Has(Must) ? MustBit | DenyBit : DenyBit);
        var range = 0;
        for (var s = ReferMustPermit; s <= ReferAll; s++)
            if (Has(s))
                range |= RangeOf(s);
        if (range != 0)
            return (byte)range;
        if (Has(Must))
            return MustBit;
        if (Has(PreemptingFloor))
            return 1 << (int)Standing.PreemptingFloor;
        if (Has(Floor))
            return 1 << (int)Standing.Floor;
        return (byte)(Has(Permit) ? PermitBit : 1 << (int)Standing.None);
    }

    /// <summary>
    /// What a layer can conclude when some of its rules turn on facts the request does not give
    /// (semantics.md, "Facts that are not given"): <paramref name="sure"/> are the slots of rules
    /// surely active, <paramref name="maybe"/> those of rules that may be. Each may-be slot is taken
    /// as active or not, independently of the others, and the layer can reach whatever
    /// <see cref="LayerChoices(int)"/> gives for any of those choices: a layer that could conclude
    /// differently refers between them. The engine and the analysis both call this.
    /// </summary>
    public static byte LayerChoices(int sure, int maybe)
    {
        maybe &= ~sure;
        byte choices = LayerChoices(sure);
        // Every non-empty subset of the may-be slots (at most 2^9).
        for (var sub = maybe; sub != 0; sub = (sub - 1) & maybe)
            choices |= LayerChoices(sure | sub);
        return choices;
    }

    /// <summary>
    /// For a layer whose may-be slots are <paramref name="maybe"/>: the first choice of them (as in
    /// <see cref="LayerChoices(int, int)"/>) under which the layer concludes <paramref name="chosen"/>,
    /// so that the rules which give that conclusion can be named; 0 when none is needed.
    /// </summary>
    public static int ChoiceGiving(int sure, int maybe, Standing chosen)
    {
        maybe &= ~sure;
        if ((LayerChoices(sure) & (1 << (int)chosen)) != 0)
            return 0;
        for (var sub = maybe; sub != 0; sub = (sub - 1) & maybe)
            if ((LayerChoices(sure | sub) & (1 << (int)chosen)) != 0)
                return sub;
        return 0;
    }

    /// <summary>
    /// Whether an active rule of <paramref name="slot"/> is among those that give its layer the
    /// conclusion <paramref name="chosen"/> (the layer's active slots: <paramref name="slots"/>).
    /// For <see cref="Standing.Referred"/>: the rules that make the layer refer.
    /// </summary>
    public static bool Gives(int slot, int slots, Standing chosen)
    {
        bool Has(int s) => (slots & (1 << s)) != 0;
        var contradiction = Has(Deny) && Has(Must);
        if (chosen == Standing.Referred)
            return contradiction ? slot is Must or Deny : IsRefer(slot);
        if (Has(Deny))
            return contradiction ? slot == (chosen == Standing.Must ? Must : chosen == Standing.Deny ? Deny : -1) : slot == Deny;
        if (LayerChoices(slots) is var choices && (choices & (choices - 1)) != 0)
            return IsRefer(slot) && (RangeOf(slot) & (1 << (int)chosen)) != 0;
        return chosen switch
        {
            Standing.Must => slot == Must || (IsRefer(slot) && (RangeOf(slot) & MustBit) != 0),
            Standing.Permit or Standing.Floor or Standing.PreemptingFloor => slot is Permit or Floor or PreemptingFloor,
            _ => false,
        };
    }

    /// <summary>Whether nothing a lower layer concludes can move this standing.</summary>
    public static bool Absorbs(Standing s) => s is Standing.Must or Standing.Deny or Standing.Contested or Standing.Referred;

    /// <summary>
    /// Combining across layers, for one choice: the standing after a layer that concludes
    /// <paramref name="lower"/>, below layers that left <paramref name="state"/>.
    /// 1. a higher must stands; 2. a higher deny stands; 3. a lower deny is stricter than a higher
    /// permit and wins; 4. a lower deny of a floor is contested, or preempted; a lower must makes a
    /// permit a duty; permit and floor agree (the floor, and a preempting floor, are kept).
    /// </summary>
    public static Standing Next(Standing state, Standing lower)
    {
        if (lower == Standing.None)
            return state;
        if (state == Standing.None)
            return lower;
        if (Absorbs(state))
            return state;
        // state is Permit, Floor or PreemptingFloor.
        return lower switch
        {
            Standing.Permit or Standing.Floor or Standing.PreemptingFloor =>
                state == Standing.PreemptingFloor || lower == Standing.PreemptingFloor ? Standing.PreemptingFloor
                : state == Standing.Floor || lower == Standing.Floor ? Standing.Floor
                : Standing.Permit,
            Standing.Deny => state switch
            {
                Standing.Floor => Standing.Contested,
                Standing.PreemptingFloor => Standing.PreemptingFloor,
                _ => Standing.Deny,
            },
            _ => lower,
        };
    }

    /// <summary>Every standing reachable from any of <paramref name="states"/> through any of a layer's <paramref name="choices"/> (bits per <see cref="Standing"/>).</summary>
    public static byte Next(byte states, byte choices)
    {
        byte result = 0;
        for (var s = 0; s < 8; s++)
            if ((states & (1 << s)) != 0)
                for (var e = 0; e < 8; e++)
                    if ((choices & (1 << e)) != 0)
                        result |= (byte)(1 << (int)Next((Standing)s, (Standing)e));
        return result;
    }

    public static Verdict VerdictOf(Standing s) => s switch
    {
        Standing.None => Verdict.Gap,
        Standing.Contested => Verdict.FloorConflict,
        Standing.Referred => Verdict.Refer,
        Standing.Must => Verdict.MustComply,
        Standing.Deny => Verdict.Deny,
        _ => Verdict.Permit,
    };

    /// <summary>
    /// The verdict of a question over every choice of its referring layers (rule 5): when every
    /// choice gives the same verdict it stands; otherwise counsel decides.
    /// </summary>
    public static Verdict Resolve(byte standings)
    {
        Verdict? seen = null;
        for (var s = 0; s < 8; s++)
            if ((standings & (1 << s)) != 0)
            {
                var v = VerdictOf((Standing)s);
                if (seen is { } other && other != v)
                    return Verdict.Refer;
                seen = v;
            }
        return seen ?? Verdict.Gap;
    }

    public static Outcome OutcomeOf(Verdict v) => v switch
    {
        Verdict.Deny => Outcome.Deny,
        Verdict.Permit => Outcome.Permit,
        Verdict.MustComply => Outcome.MustComply,
        _ => Outcome.ReferToCounsel,
    };

    /// <summary>The outcome a layer reaches on its own, and the outcomes counsel chooses between when it refers.</summary>
    public static (Outcome? Outcome, Outcome[] Possible) LayerOutcome(byte choices)
    {
        if (BitOperations.PopCount(choices) > 1)
        {
            var possible = new List<Outcome>();
            foreach (var s in new[] { Standing.Must, Standing.Permit, Standing.Floor, Standing.PreemptingFloor, Standing.Deny })
                if ((choices & (1 << (int)s)) != 0 && OutcomeOf(VerdictOf(s)) is var o && !possible.Contains(o))
                    possible.Add(o);
            return (Outcome.ReferToCounsel, [.. possible]);
        }
        var single = (Standing)BitOperations.TrailingZeroCount(choices);
        return (single == Standing.None ? null : OutcomeOf(VerdictOf(single)), []);
    }
}
