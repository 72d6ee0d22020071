using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// True, false, or not the same for every question of a box (<see cref="Unknown"/>: split to
/// decide), or, for every question of the box, turning on a fact the request does not give
/// (<see cref="Maybe"/>: the engine's three-valued unknown, semantics.md "Facts that are not given";
/// splitting cannot decide it). A test of a fact that can be left out is split into given and not
/// given before it is read, so a box never mixes the two kinds for one test.
/// </summary>
internal enum Tri : byte { False, True, Unknown, Maybe }

internal enum PendingKind : byte { Value, Day, Conviction, Charge }

/// <summary>
/// A test that is true for some questions of a box and false for others: what the analysis must
/// split on to decide it. A value test names its dimension and the values it accepts; a day names
/// a date at which the answer may change; a record test names its <c>any</c> node.
/// </summary>
internal readonly record struct Pending(PendingKind Kind, Dim Dim, ulong Mask, DateOnly Day, Exists? Node);

/// <summary>
/// Evaluates rules on a whole <see cref="Box"/> at once, in three values (Kleene logic): a test
/// is true when it holds for every question of the box, false when for none, and otherwise
/// unknown, in which case the tests that make it so are collected as <see cref="Pending"/>.
/// </summary>
internal sealed class Evaluator(Space space)
{
    private readonly Dictionary<Condition, ulong> _masks = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Binding, (ulong Kinds, ulong Units)> _bindings = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Exists, (Condition[] RequestTests, DateOnly[] Days)> _inside = new(ReferenceEqualityComparer.Instance);

    /// <summary>The days on which a code enters or leaves a table an <c>any</c> test reads (offence tables' periods).</summary>
    public Func<Exists, IReadOnlyList<DateOnly>> TableDays { get; set; } = _ => [];

    /// <summary>Whether a rule applies: in force on the day received, binding the unit, its condition holding.</summary>
    public Tri Applies(Provision rule, Box box, List<Pending> pending)
    {
        var start = pending.Count;
        var inForce = InForce(rule.Period, box, pending);
        if (inForce == Tri.False)
            return Truncate(pending, start, Tri.False);
        var binds = Binds(rule.Binds, box, pending);
        if (binds == Tri.False)
            return Truncate(pending, start, Tri.False);
        var when = Eval(rule.When, box, pending);
        if (when == Tri.False)
            return Truncate(pending, start, Tri.False);
        if (inForce == Tri.True && binds == Tri.True && when is Tri.True or Tri.Maybe)
            return when;
        return Tri.Unknown;
    }

    public Tri Eval(Condition c, Box box, List<Pending> pending)
    {
        var start = pending.Count;
        var t = Core(c, box, pending);
        return t == Tri.Unknown ? t : Truncate(pending, start, t);
    }

    private Tri Core(Condition c, Box box, List<Pending> pending)
    {
        switch (c)
        {
            case Always:
                return Tri.True;
            case Defined d:
                return Eval(d.Meaning!, box, pending);
            case AllOf a:
            {
                // Kleene's "and": false wins; then what splitting must decide; then a fact not given.
                var result = Tri.True;
                foreach (var part in a.Parts)
                {
                    var t = Eval(part, box, pending);
                    if (t == Tri.False)
                        return Tri.False;
                    if (t == Tri.Unknown || (t == Tri.Maybe && result == Tri.True))
                        result = t;
                }
                return result;
            }
            case AnyOf a:
            {
                var result = Tri.False;
                foreach (var part in a.Parts)
                {
                    var t = Eval(part, box, pending);
                    if (t == Tri.True)
                        return Tri.True;
                    if (t == Tri.Unknown || (t == Tri.Maybe && result == Tri.False))
                        result = t;
                }
                return result;
            }
            case Not n:
                return Eval(n.Inner, box, pending) switch { Tri.True => Tri.False, Tri.False => Tri.True, var t => t };
            case IsOneOf or IsTrue or IsGiven:
                var (dim, mask) = ValueTest(c);
                return c is IsGiven || !Space.CanBeUnknown(dim) ? Value(dim, mask, box, pending) : ThreeValued(dim, mask, box, pending);
            case Exists x:
                return Record(x, box, pending);
            default:
                throw new InvalidOperationException($"{c.At}: {c.GetType().Name} outside \"any\"");
        }
    }

    /// <summary>The dimension and accepted values of a request-level test.</summary>
    public (Dim Dim, ulong Mask) ValueTest(Condition c)
    {
        switch (c)
        {
            case IsOneOf e:
            {
                var dim = Space.Of(e.Fact.Id) ?? throw new InvalidOperationException($"{c.At}: {e.Fact.Name} is not a request fact");
                if (!_masks.TryGetValue(c, out var mask))
                    _masks[c] = mask = space.Mask(dim, e.Values);
                return (dim, mask);
            }
            case IsTrue t:
                return (Space.Of(t.Fact.Id) ?? throw new InvalidOperationException($"{c.At}: {t.Fact.Name} is not a request fact"), 0b10);
            case IsGiven g:
            {
                var dim = Space.Of(g.Fact.Id) ?? throw new InvalidOperationException($"{c.At}: {g.Fact.Name} is not a request fact");
                return (dim, space.Full(dim) & ~(1UL << space.NotGiven(dim)));
            }
            default:
                throw new InvalidOperationException($"{c.At}: not a value test");
        }
    }

    private static Tri Value(Dim dim, ulong accepted, Box box, List<Pending> pending)
    {
        var m = box[dim];
        if ((m & accepted) == m)
            return Tri.True;
        if ((m & accepted) == 0)
            return Tri.False;
        pending.Add(new Pending(PendingKind.Value, dim, accepted, default, null));
        return Tri.Unknown;
    }

    /// <summary>
    /// A test of a fact that can be left out: <see cref="Tri.Maybe"/> where the box holds only
    /// requests that leave it out; where it holds those and others, undecided until the box is
    /// split into given and not given (and, among the given, into the values the test accepts).
    /// </summary>
    private ulong NotGivenBit(Dim dim) => 1UL << space.NotGiven(dim);

    private Tri ThreeValued(Dim dim, ulong accepted, Box box, List<Pending> pending)
    {
        var m = box[dim];
        var notGiven = NotGivenBit(dim);
        if (m == notGiven)
            return Tri.Maybe;
        if ((m & notGiven) == 0)
            return Value(dim, accepted, box, pending);
        pending.Add(new Pending(PendingKind.Value, dim, notGiven, default, null));
        if ((m & ~notGiven & accepted) != 0 && (m & ~notGiven & ~accepted) != 0)
            pending.Add(new Pending(PendingKind.Value, dim, accepted, default, null));
        return Tri.Unknown;
    }

    private static Tri InForce(EffectivePeriod period, Box box, List<Pending> pending)
    {
        var until = period.Until ?? DateOnly.MaxValue;
        if (box.From >= period.From && box.Until <= until)
            return Tri.True;
        if (box.Until <= period.From || box.From >= until)
            return Tri.False;
        Day(period.From, box, pending);
        Day(until, box, pending);
        return Tri.Unknown;
    }

    private static void Day(DateOnly day, Box box, List<Pending> pending)
    {
        if (box.From < day && day < box.Until)
            pending.Add(new Pending(PendingKind.Day, default, 0, day, null));
    }

    private Tri Binds(Binding binding, Box box, List<Pending> pending)
    {
        if (binding.All)
            return Tri.True;
        if (!_bindings.TryGetValue(binding, out var masks))
            _bindings[binding] = masks = (binding.Kinds.Aggregate(0UL, (m, k) => m | (1UL << (int)k)),
                binding.Units.Count == 0 ? 0 : space.Mask(Dim.ActorUnit, binding.Units));
        var (kinds, units) = masks;
        var start = pending.Count;
        var byKind = kinds == 0 ? Tri.False : Value(Dim.ActorKind, kinds, box, pending);
        if (byKind == Tri.True)
            return Truncate(pending, start, Tri.True);
        var byUnit = units == 0 ? Tri.False : Value(Dim.ActorUnit, units, box, pending);
        if (byUnit == Tri.True)
            return Truncate(pending, start, Tri.True);
        return byKind == Tri.False && byUnit == Tri.False ? Tri.False : Tri.Unknown;
    }

    /// <summary>
    /// <c>any conviction (...)</c>: decided once the box has chosen what the records make true.
    /// Before that it is pending, and so is every request-level test inside it and every day on
    /// which a dated test inside it changes what records can exist: those are split first.
    /// </summary>
    private Tri Record(Exists x, Box box, List<Pending> pending)
    {
        if (box.Records(x.Over) is { } choice && choice.Truth.TryGetValue(x, out var holds))
            return holds;
        var (tests, days) = Inside(x);
        foreach (var inner in tests)
        {
            var (dim, mask) = ValueTest(inner);
            Value(dim, mask, box, pending);
        }
        foreach (var day in days)
            Day(day, box, pending);
        pending.Add(new Pending(x.Over == RecordKind.Conviction ? PendingKind.Conviction : PendingKind.Charge, default, 0, default, x));
        return Tri.Unknown;
    }

    /// <summary>
    /// The request-level tests read inside an <c>any</c>, and the days on which the records it can
    /// match change: a conviction <c>dated from D</c> exists only from D on, and one both
    /// <c>within N years</c> and dated before or from D only before or after D plus N years.
    /// </summary>
    private (Condition[] RequestTests, DateOnly[] Days) Inside(Exists x)
    {
        if (_inside.TryGetValue(x, out var inside))
            return inside;
        var all = LawWalk.Of(x.Where).ToList();
        // A table's period is a cut-off like "dated from": a conviction it classifies is dated on one
        // side of it, and a charge is classified by the day received.
        var dated = all.OfType<Dated>().Select(d => d.Day).Concat(TableDays(x)).Distinct().ToList();
        var days = new List<DateOnly>(dated);
        foreach (var d in dated)
            foreach (var w in all.OfType<Within>())
                days.Add(Windows.FirstDayReaching(d, w));
        return _inside[x] = (all.Where(t => t is IsOneOf or IsTrue or IsGiven && !LawWalk.IsRecordTest(t)).ToArray(), days.Distinct().Order().ToArray());
    }

    private static Tri Truncate(List<Pending> pending, int start, Tri t)
    {
        if (pending.Count > start)
            pending.RemoveRange(start, pending.Count - start);
        return t;
    }
}
