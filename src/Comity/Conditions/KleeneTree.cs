using Comity.Law;

namespace Comity.Conditions;

/// <summary>A condition's value in three: it holds, it does not, or it turns on a fact the request does not give.</summary>
internal enum Kleene : byte { False, True, Unknown }

/// <summary>
/// A condition read in three values (Kleene's logic: false and anything is false, true or
/// anything is true, otherwise a test of a fact not given leaves it unknown), for the rare
/// request that leaves out a fact the condition reads (semantics.md, "Facts that are not given").
/// Every other test, and every record test inside <c>any (...)</c> (where the loader admits no
/// fact that can be left out), is the two-valued test of <see cref="ConditionTree"/>.
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
        _ => TwoValued(tree.Build(condition)),
    };

    /// <summary>The facts that can be left out which a condition reads in three values, one bit per <see cref="FactId"/>.</summary>
    public static ulong Reads(Condition condition)
    {
        var mask = 0UL;
        foreach (var c in StackLoader.Walk(condition))
            if (c is IsTrue { Fact: { CanBeUnknown: true, Scope: FactScope.Request } } t)
                mask |= 1UL << (int)t.Fact.Id;
            else if (c is IsOneOf { Fact: { CanBeUnknown: true, Scope: FactScope.Request } } e)
                mask |= 1UL << (int)e.Fact.Id;
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

    private static Func<RequestFacts, Kleene> All(Func<RequestFacts, Kleene>[] parts) => f =>
    {
        var result = Kleene.True;
        foreach (var p in parts)
            switch (p(f))
            {
                case Kleene.False:
                    return Kleene.False;
                case Kleene.Unknown:
                    result = Kleene.Unknown;
                    break;
            }
        return result;
    };

    private static Func<RequestFacts, Kleene> AnyPart(Func<RequestFacts, Kleene>[] parts) => f =>
    {
        var result = Kleene.False;
        foreach (var p in parts)
            switch (p(f))
            {
                case Kleene.True:
                    return Kleene.True;
                case Kleene.Unknown:
                    result = Kleene.Unknown;
                    break;
            }
        return result;
    };

    private static Func<RequestFacts, Kleene> Negate(Func<RequestFacts, Kleene> inner) => f => inner(f) switch
    {
        Kleene.True => Kleene.False,
        Kleene.False => Kleene.True,
        _ => Kleene.Unknown,
    };
}
