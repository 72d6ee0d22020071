using Comity.Law;

namespace Comity.Conditions;

/// <summary>A condition's value in three: it holds, it does not, or it turns on a fact the request does not give.</summary>
internal enum Kleene : byte { False, True, Unknown }

/// <summary>
/// A condition read in three values (Kleene's logic: false and anything is false, true or
/// anything is true, otherwise a test of a fact not given leaves it unknown), for the rare
/// request that leaves out a fact the condition reads (semantics.md, "Facts that are not given").
/// Inside <c>any conviction (...)</c> a record's <c>juvenile</c> not given is unknown too, and the
/// <c>any</c> is Kleene's "or" over the records: true if one passes, unknown if none passes but one
/// may. Every other test (the loader admits no request fact that can be left out inside
/// <c>any</c>) is the two-valued test of <see cref="ConditionTree"/>.
/// </summary>
internal sealed class KleeneTree(ConditionTree tree)
{
    public Func<RequestFacts, Kleene> Build(Condition condition) => condition switch
    {
        Always => static _ => Kleene.True,
        Defined d => Build(d.Meaning ?? throw new InvalidOperationException($"{d.At}: definition {d.Name} is not resolved")),
        AllOf a => All(a.Parts.Select(Build).ToArray()),
        AnyOf a => AnyPart(a.Parts.Select(Build).ToArray()),
        Not n => Negate(Build(n.Inner)),
        IsTrue { Fact: { CanBeUnknown: true, Scope: FactScope.Request } } t => Boolean(t.Fact.Id),
        IsOneOf { Fact: { CanBeUnknown: true, Scope: FactScope.Request } } e => Enumerated(e.Fact.Id, tree.Build(e)),
        Exists { Over: RecordKind.Conviction } x when ReadsJuvenile(x.Where) => AnyConviction(Record(x.Where)),
        _ => TwoValued(tree.Build(condition)),
    };

    private static bool ReadsJuvenile(Condition c) => StackLoader.Walk(c).Any(t => t is IsTrue { Fact.Id: FactId.Juvenile });

    /// <summary>A test of one conviction in three values: its <c>juvenile</c> may be unknown.</summary>
    private Func<RequestFacts, int, Kleene> Record(Condition c)
    {
        switch (c)
        {
            case AllOf a:
            {
                var parts = a.Parts.Select(Record).ToArray();
                return (f, i) => Over(Kleene.False, parts.Length, k => parts[k](f, i));
            }
            case AnyOf a:
            {
                var parts = a.Parts.Select(Record).ToArray();
                return (f, i) => Over(Kleene.True, parts.Length, k => parts[k](f, i));
            }
            case Not n:
            {
                var inner = Record(n.Inner);
                return (f, i) => Negation(inner(f, i));
            }
            case IsTrue { Fact.Id: FactId.Juvenile }:
                return static (f, i) => f.Convictions[i].Juvenile switch { true => Kleene.True, false => Kleene.False, null => Kleene.Unknown };
            default:
            {
                var test = tree.BuildRecord(c, RecordKind.Conviction);
                return (f, i) => test(f, i) ? Kleene.True : Kleene.False;
            }
        }
    }

    private static Func<RequestFacts, Kleene> AnyConviction(Func<RequestFacts, int, Kleene> test) =>
        f => Over(Kleene.True, f.Convictions.Length, i => test(f, i));

    /// <summary>The facts that can be left out which a condition reads in three values, one bit per <see cref="FactId"/>.</summary>
    public static ulong Reads(Condition condition)
    {
        var mask = 0UL;
        foreach (var c in StackLoader.Walk(condition))
            if (c is IsTrue { Fact: { CanBeUnknown: true, Scope: FactScope.Request } } t)
                mask |= 1UL << (int)t.Fact.Id;
            else if (c is IsOneOf { Fact: { CanBeUnknown: true, Scope: FactScope.Request } } e)
                mask |= 1UL << (int)e.Fact.Id;
            else if (c is IsTrue { Fact.Id: FactId.Juvenile })
                mask |= 1UL << (int)FactId.Juvenile;
        return mask;
    }

    private static Func<RequestFacts, Kleene> TwoValued(Func<RequestFacts, bool> test) => f => test(f) ? Kleene.True : Kleene.False;

    private static Func<RequestFacts, Kleene> Boolean(FactId fact) => f => f.Value(fact) switch
    {
        true => Kleene.True,
        false => Kleene.False,
        null => Kleene.Unknown,
    };

    private static Func<RequestFacts, Kleene> Enumerated(FactId fact, Func<RequestFacts, bool> test) =>
        f => f.Enums[(int)fact] < 0 ? Kleene.Unknown : test(f) ? Kleene.True : Kleene.False;

    private static Func<RequestFacts, Kleene> All(Func<RequestFacts, Kleene>[] parts) => f => Over(Kleene.False, parts.Length, i => parts[i](f));

    private static Func<RequestFacts, Kleene> AnyPart(Func<RequestFacts, Kleene>[] parts) => f => Over(Kleene.True, parts.Length, i => parts[i](f));

    private static Func<RequestFacts, Kleene> Negate(Func<RequestFacts, Kleene> inner) => f => Negation(inner(f));

    /// <summary>
    /// Kleene's "and" (<paramref name="dominant"/> false) and "or" (dominant true) over
    /// <paramref name="count"/> values, written once for parts, records and a record's tests: the
    /// dominant value decides at once; otherwise any unknown leaves it unknown, else the other value.
    /// </summary>
    private static Kleene Over(Kleene dominant, int count, Func<int, Kleene> value)
    {
        var result = dominant == Kleene.True ? Kleene.False : Kleene.True;
        for (var i = 0; i < count; i++)
        {
            var v = value(i);
            if (v == dominant)
                return dominant;
            if (v == Kleene.Unknown)
                result = Kleene.Unknown;
        }
        return result;
    }

    private static Kleene Negation(Kleene k) => k switch { Kleene.True => Kleene.False, Kleene.False => Kleene.True, _ => Kleene.Unknown };
}
