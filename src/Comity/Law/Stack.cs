using Comity.Contract;

namespace Comity.Law;

/// <summary>
/// A stack of law: ordered layers, highest authority first, with the offence tables its rules use.
/// Loaded from a folder by <see cref="StackLoader"/>; compiled for deciding by the engine.
/// </summary>
public sealed record Stack(
    string Id,
    string Title,
    IReadOnlyList<Layer> Layers,
    IReadOnlyList<OffenceTable> Tables,
    string Digest)
{
    public IEnumerable<Provision> Provisions => Layers.SelectMany(l => l.Provisions);

    /// <summary>
    /// The receiving units the stack declares (semantics.md, "Units"), parents before their
    /// sub-units. Empty: the stack declares none and accepts any <c>actor.unit</c>.
    /// </summary>
    public IReadOnlyList<Unit> Units { get; init; } = [];

    /// <summary>The stack's named definitions (stack-wide ids), in file order.</summary>
    public IReadOnlyList<Definition> Definitions { get; init; } = [];

    /// <summary>
    /// Every file the stack was read from, as read (empty for a stack not loaded from files): what
    /// the ledger keeps of a stack version, so that the law behind a digest can be written back.
    /// </summary>
    public IReadOnlyList<StackSource> Sources { get; init; } = [];

    /// <summary>
    /// The IANA id of the stack's time zone (<c>time-zone "America/Los_Angeles"</c> in stack.law),
    /// or null when stack.law names none. Deciding never uses it (time is <c>receivedAt</c>, an
    /// instant); people read times in it: case pages, deadlines, reports.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>The stack's duty schedule (<see cref="DutySchedule"/>, duties.json): whose each duty is and when it falls due.</summary>
    public DutySchedule Duties { get; init; } = DutySchedule.Empty;

    /// <summary>
    /// The IANA id of the time zone a unit keeps: the unit's own <c>time-zone</c>, else the nearest
    /// unit it lies within that names one, else the stack's, else "UTC". A unit the stack does not
    /// declare (or none) gets the stack's zone.
    /// </summary>
    public string TimeZoneIdOf(string? unit)
    {
        var seen = 0;
        for (var u = Units.FirstOrDefault(x => x.Id == unit); u is not null && seen++ <= Units.Count; u = Units.FirstOrDefault(x => x.Id == u.Within))
            if (u.TimeZone is { } own)
                return own;
        return TimeZone ?? "UTC";
    }

    /// <summary>The time zone a unit keeps (<see cref="TimeZoneIdOf"/>), from the machine's IANA time-zone data.</summary>
    public TimeZoneInfo TimeZoneOf(string? unit) => Law.TimeZones.Find(TimeZoneIdOf(unit));
}

/// <summary>
/// One file of a stack as it was read. <see cref="Name"/> is how the digest names it
/// (<c>stack.law</c>, <c>layer/file.law</c>); <see cref="Path"/> is where it lies relative to
/// the stack's folder, with / separators (<c>../../federal/information.law</c> for a shared layer).
/// </summary>
public sealed record StackSource(string Name, string Path, byte[] Bytes);

/// <summary>
/// A named condition (<c>definition immigration-enforcement-purpose</c>), written once and used
/// by name in any condition of the stack, as Catala's scopes and OpenFisca's variables name a
/// legal concept once. <see cref="When"/> is resolved: the definitions it uses have their meaning.
/// </summary>
public sealed record Definition(string Id, string Layer, IReadOnlyList<string> Citations, string Text, Condition When, SourceLocation At);

/// <summary>
/// A receiving unit a stack declares: its id, kind, title, the unit it belongs to, if any, and its
/// own time zone (an IANA id), if it names one (<see cref="Stack.TimeZoneIdOf"/> says which applies).
/// </summary>
public sealed record Unit(string Id, ActorKind Kind, string Title, string? Within, SourceLocation At)
{
    public string? TimeZone { get; init; }
}

public sealed record Layer(string Name, IReadOnlyList<Provision> Provisions);

/// <summary>What a provision is: a rule with an effect, a duty it triggers, or a risk it flags.</summary>
public enum ProvisionKind { Rule, Duty, Risk }

/// <summary>
/// One provision of a layer. A <see cref="ProvisionKind.Rule"/> has an <see cref="Effect"/> and
/// decides; a <see cref="ProvisionKind.Duty"/> adds an obligation to the answer when its condition
/// holds; a <see cref="ProvisionKind.Risk"/> adds flags. All three cite their sources.
/// </summary>
public sealed record Provision
{
    public required ProvisionKind Kind { get; init; }
    public required string Id { get; init; }
    public required string Layer { get; init; }
    public required IReadOnlyList<string> Citations { get; init; }
    public required SourceGrade Source { get; init; }
    public required EffectivePeriod Period { get; init; }
    public required Binding Binds { get; init; }
    public required Condition When { get; init; }
    public Effect? Effect { get; init; }
    public IReadOnlyList<string> ExceptionTo { get; init; } = [];

    /// <summary>
    /// The floor rules of higher layers this deny knowingly restricts (<c>conflicts with</c>): the
    /// engine refers such a conflict to counsel either way; <c>comity check</c> reports a conflict
    /// named here as a warning, and one not named as an error.
    /// </summary>
    public IReadOnlyList<string> ConflictsWith { get; init; } = [];

    /// <summary>
    /// For a <c>refer</c>: the outcomes counsel must choose between (<c>refer between permit, deny</c>),
    /// as effects among must, permit and deny, in that order; a bare <c>refer</c> names all three.
    /// Empty for every other effect.
    /// </summary>
    public IReadOnlyList<Effect> Range { get; init; } = [];

    /// <summary>For a <c>floor</c>: what a lower deny of it becomes (semantics.md, rule 4).</summary>
    public FloorConflict? OnConflict { get; init; }
    public IReadOnlyList<Flag> Flags { get; init; } = [];
    public required string Text { get; init; }
    public required SourceLocation At { get; init; }
}

/// <summary>
/// What a lower deny of a floor becomes: <c>on conflict refer flags X</c> (contested: the answer
/// is refer-to-counsel with the flags) or <c>on conflict preempt flags X</c> (higher law voids the
/// lower rule: the floor's own outcome stands, the deny is reported as overridden by the floor,
/// and the flags are raised). A floor that names no conflict refers with fed-1373-conflict.
/// </summary>
public sealed record FloorConflict(bool Preempts, IReadOnlyList<Flag> Flags)
{
    public static readonly FloorConflict Default = new(false, [Flag.Fed1373Conflict]);
}

/// <summary>
/// When a provision is in force: on day D when <see cref="From"/> &lt;= D and (no
/// <see cref="Until"/>, or D &lt; <see cref="Until"/>). Until is exclusive: the first day the
/// provision no longer applies (repeal, injunction).
/// </summary>
public readonly record struct EffectivePeriod(DateOnly From, DateOnly? Until)
{
    public bool Contains(DateOnly day) => From <= day && (Until is null || day < Until.Value);

    public bool Overlaps(EffectivePeriod other) =>
        (other.Until is null || From < other.Until.Value) && (Until is null || other.From < Until.Value);

    public override string ToString() => Until is null ? $"from {From:yyyy-MM-dd}" : $"from {From:yyyy-MM-dd} until {Until:yyyy-MM-dd}";
}

/// <summary>The receiving units a provision binds: every unit, or units of some kinds, or named units.</summary>
public sealed record Binding(bool All, IReadOnlyList<ActorKind> Kinds, IReadOnlyList<string> Units)
{
    public static readonly Binding Everyone = new(true, [], []);

    public bool Binds(Actor actor) => All || Kinds.Contains(actor.Kind) || Units.Contains(actor.Unit);
}

/// <summary>
/// An offence table: codes that belong to a class (serious felonies, a 7282.5(a)(3) category),
/// with its citations. A table may include other tables; a code then belongs to both classes.
/// </summary>
public sealed record OffenceTable
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<string> Citations { get; init; }
    public required SourceGrade Source { get; init; }

    /// <summary>The codes listed without a period: in the table for every record, whenever dated.</summary>
    public required IReadOnlyList<string> Codes { get; init; }

    /// <summary>
    /// Codes listed with an effective period (<c>codes "PC 287(c)" effective from 2019-01-01</c>): in
    /// the table only for a conviction dated within the period, and for a probable-cause charge
    /// when the request is received within it. A section renumbered or repealed keeps its history.
    /// </summary>
    public IReadOnlyList<DatedCodes> Dated { get; init; } = [];
    public IReadOnlyList<string> Includes { get; init; } = [];
    public string Text { get; init; } = "";
    public required SourceLocation At { get; init; }

    /// <summary>Every code the table lists itself, with a period or without.</summary>
    public IEnumerable<string> AllCodes => Codes.Concat(Dated.SelectMany(d => d.Codes));
}

/// <summary>Codes a table lists for an effective period only: from (inclusive) until (exclusive).</summary>
public sealed record DatedCodes(IReadOnlyList<string> Codes, EffectivePeriod Period, SourceLocation At);
