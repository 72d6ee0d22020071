using Comity.Contract;
using Comity.Law;

namespace Comity.Conditions;

/// <summary>
/// A condition as a tree of delegates over <see cref="RequestFacts"/>: enumerated tests become bit
/// masks, offence classes become bits, so deciding reads no names. Cheap to build and a call per
/// node to evaluate: what a provision starts with, and what the analysis uses for its few
/// evaluations. <see cref="ConditionCompiler"/> makes the same test one compiled method.
/// </summary>
internal sealed class ConditionTree(OffenceIndex offences)
{
    public Func<RequestFacts, bool> Build(Condition condition) => condition switch
    {
        Always => static _ => true,
        Defined d => Build(d.Meaning ?? throw new InvalidOperationException($"{d.At}: definition {d.Name} is not resolved")),
        AllOf a => All(a.Parts.Select(Build).ToArray()),
        AnyOf a => AnyPart(a.Parts.Select(Build).ToArray()),
        Not n => Negate(Build(n.Inner)),
        IsTrue t => IsTrue(t.Fact.Id),
        IsGiven { Fact.Type: FactType.Boolean } g => Given(g.Fact.Id),
        IsGiven g => OneOf(g.Fact, g.Fact.Values),
        IsOneOf { Fact.Type: FactType.Identifier } u => Unit(u.Values.ToArray()),
        IsOneOf e => OneOf(e.Fact, e.Values),
        Exists { Over: RecordKind.Conviction } x => AnyConviction(BuildRecord(x.Where, x.Over)),
        Exists x => AnyCharge(BuildRecord(x.Where, x.Over)),
        _ => throw new InvalidOperationException($"{condition.At}: {condition.GetType().Name} is only valid inside \"any\""),
    };

    /// <summary>The test applied to one record (index into the request's convictions or charges).</summary>
    internal Func<RequestFacts, int, bool> BuildRecord(Condition condition, RecordKind kind)
    {
        switch (condition)
        {
            case AllOf a:
            {
                var parts = a.Parts.Select(p => BuildRecord(p, kind)).ToArray();
                return (f, i) =>
                {
                    foreach (var p in parts)
                        if (!p(f, i))
                            return false;
                    return true;
                };
            }
            case AnyOf a:
            {
                var parts = a.Parts.Select(p => BuildRecord(p, kind)).ToArray();
                return (f, i) =>
                {
                    foreach (var p in parts)
                        if (p(f, i))
                            return true;
                    return false;
                };
            }
            case Not n:
            {
                var inner = BuildRecord(n.Inner, kind);
                return (f, i) => !inner(f, i);
            }
            case HasClass h:
            {
                var bit = offences.Bits[h.Class];
                return kind == RecordKind.Conviction
                    ? (f, i) => (f.Convictions[i].Classes & bit) != 0
                    : (f, i) => (f.Charges[i].Classes & bit) != 0;
            }
            case CodeIs c:
            {
                var codes = c.Codes.Select(OffenceIndex.Normalize).ToArray();
                return kind == RecordKind.Conviction
                    ? (f, i) => ConditionCompiler.CodeMatches(f.Convictions[i].Code, codes)
                    : (f, i) => ConditionCompiler.CodeMatches(f.Charges[i].Code, codes);
            }
            case Within w:
            {
                var amount = w.Amount;
                return w.Unit switch
                {
                    WindowUnit.Years => (f, i) => ConditionCompiler.WithinYears(f.Convictions[i].Date, f.Day, amount),
                    WindowUnit.Months => (f, i) => ConditionCompiler.WithinMonths(f.Convictions[i].Date, f.Day, amount),
                    _ => (f, i) => ConditionCompiler.WithinDays(f.Convictions[i].Date, f.Day, amount),
                };
            }
            case Dated d:
            {
                var day = d.Day;
                return d.Before ? (f, i) => f.Convictions[i].Date < day : (f, i) => f.Convictions[i].Date >= day;
            }
            case IsTrue { Fact.Id: FactId.Wobbler }:
                return (f, i) => f.Convictions[i].IsWobbler;
            case IsGiven { Fact.Id: FactId.Wobbler }:
                return (f, i) => f.Convictions[i].Wobbler is not null;
            case IsTrue { Fact.Id: FactId.ReducedByProp47 }:
                return (f, i) => f.Convictions[i].ReducedByProp47;
            case IsTrue { Fact.Id: FactId.Juvenile }:
                return (f, i) => f.Convictions[i].IsJuvenile;
            case IsGiven { Fact.Id: FactId.Juvenile }:
                return (f, i) => f.Convictions[i].Juvenile is not null;
            case IsOneOf { Fact.Id: FactId.Level } e:
            {
                var mask = ConditionCompiler.Mask(e.Fact, e.Values);
                return (f, i) => ((mask >> (int)f.Convictions[i].Level) & 1) != 0;
            }
            case IsOneOf { Fact.Id: FactId.ConvictionJurisdiction } e:
            {
                var mask = ConditionCompiler.Mask(e.Fact, e.Values);
                return (f, i) => ((mask >> (int)f.Convictions[i].Jurisdiction) & 1) != 0;
            }
            default:
            {
                var whole = Build(condition);
                return (f, _) => whole(f);
            }
        }
    }

    private static Func<RequestFacts, bool> All(Func<RequestFacts, bool>[] parts) => f =>
    {
        foreach (var p in parts)
            if (!p(f))
                return false;
        return true;
    };

    private static Func<RequestFacts, bool> AnyPart(Func<RequestFacts, bool>[] parts) => f =>
    {
        foreach (var p in parts)
            if (p(f))
                return true;
        return false;
    };

    private static Func<RequestFacts, bool> Negate(Func<RequestFacts, bool> inner) => f => !inner(f);

    private static Func<RequestFacts, bool> IsTrue(FactId fact)
    {
        var bit = 1UL << (int)fact;
        return f => (f.Bools & bit) != 0;
    }

    private static Func<RequestFacts, bool> Given(FactId fact)
    {
        var bit = 1UL << (int)fact;
        return f => (f.Given & bit) != 0;
    }

    private static Func<RequestFacts, bool> Unit(string[] units) => f => Array.IndexOf(units, f.Unit) >= 0;

    private static Func<RequestFacts, bool> OneOf(Fact fact, IReadOnlyList<string> values)
    {
        var mask = ConditionCompiler.Mask(fact, values);
        var slot = (int)fact.Id;
        return f =>
        {
            var v = f.Enums[slot];
            return v >= 0 && ((mask >> v) & 1) != 0;
        };
    }

    private static Func<RequestFacts, bool> AnyConviction(Func<RequestFacts, int, bool> test) => f =>
    {
        for (var i = 0; i < f.Convictions.Length; i++)
            if (test(f, i))
                return true;
        return false;
    };

    private static Func<RequestFacts, bool> AnyCharge(Func<RequestFacts, int, bool> test) => f =>
    {
        for (var i = 0; i < f.Charges.Length; i++)
            if (test(f, i))
                return true;
        return false;
    };
}
