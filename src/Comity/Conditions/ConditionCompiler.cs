using System.Linq.Expressions;
using Comity.Contract;
using Comity.Law;
using static System.Linq.Expressions.Expression;

namespace Comity.Conditions;

/// <summary>
/// Compiles a condition into one delegate over <see cref="RequestFacts"/>: enumerated tests become
/// bit masks, offence classes become bits, so deciding reads no names. The condition is built as
/// an expression tree and compiled to IL, so a rule costs one call however deep its condition (a
/// <see cref="ConditionTree"/> costs a call per node, most of a decision's time). Compiling costs
/// about a millisecond a condition, so a provision is compiled only once it has been evaluated
/// often (<see cref="CompiledProvision"/>).
/// </summary>
internal sealed class ConditionCompiler(OffenceIndex offences)
{
    private static readonly ParameterExpression Facts = Parameter(typeof(RequestFacts), "f");

    public Func<RequestFacts, bool> Compile(Condition condition) =>
        Lambda<Func<RequestFacts, bool>>(Body(condition), Facts).Compile();

    private Expression Body(Condition condition) => condition switch
    {
        Always => Constant(true),
        Defined d => Body(d.Meaning ?? throw new InvalidOperationException($"{d.At}: definition {d.Name} is not resolved")),
        AllOf a => Every(a.Parts.Select(Body)),
        AnyOf a => Some(a.Parts.Select(Body)),
        Not n => Not(Body(n.Inner)),
        IsTrue t => HasBits(Field(Facts, nameof(RequestFacts.Bools)), 1UL << (int)t.Fact.Id),
        IsGiven { Fact.Type: FactType.Boolean } g => HasBits(Field(Facts, nameof(RequestFacts.Given)), 1UL << (int)g.Fact.Id),
        IsGiven g => InMask(Mask(g.Fact, g.Fact.Values), ArrayIndex(Field(Facts, nameof(RequestFacts.Enums)), Constant((int)g.Fact.Id))),
        IsOneOf { Fact.Type: FactType.Identifier } u => Call(typeof(ConditionCompiler), nameof(IsUnit), null, Constant(u.Values.ToArray()), Field(Facts, nameof(RequestFacts.Unit))),
        IsOneOf e => InMask(Mask(e.Fact, e.Values), ArrayIndex(Field(Facts, nameof(RequestFacts.Enums)), Constant((int)e.Fact.Id))),
        Exists { Over: RecordKind.Conviction } x => Any(nameof(RequestFacts.Convictions), typeof(ConvictionFacts), x),
        Exists x => Any(nameof(RequestFacts.Charges), typeof(ChargeFacts), x),
        _ => throw new InvalidOperationException($"{condition.At}: {condition.GetType().Name} is only valid inside \"any\""),
    };

    /// <summary>Whether some record (conviction or charge) satisfies the inner condition: a loop over the request's records.</summary>
    private Expression Any(string field, Type recordType, Exists exists)
    {
        var records = Variable(recordType.MakeArrayType(), "records");
        var i = Variable(typeof(int), "i");
        var done = Label(typeof(bool), "done");
        var record = ArrayIndex(records, i);
        return Block(typeof(bool), [records, i],
            Assign(records, Field(Facts, field)),
            Assign(i, Constant(0)),
            Loop(
                Block(
                    IfThen(GreaterThanOrEqual(i, ArrayLength(records)), Break(done, Constant(false))),
                    IfThen(Record(exists.Where, exists.Over, record), Break(done, Constant(true))),
                    PreIncrementAssign(i)),
                done));
    }

    /// <summary>The test applied to one record (a conviction or a charge).</summary>
    private Expression Record(Condition condition, RecordKind kind, Expression record) => condition switch
    {
        AllOf a => Every(a.Parts.Select(p => Record(p, kind, record))),
        AnyOf a => Some(a.Parts.Select(p => Record(p, kind, record))),
        Not n => Not(Record(n.Inner, kind, record)),
        HasClass h => HasBits(Property(record, nameof(ConvictionFacts.Classes)), offences.Bits[h.Class]),
        CodeIs c => Call(typeof(ConditionCompiler), nameof(CodeMatches), null,
            Property(record, nameof(ConvictionFacts.Code)), Constant(c.Codes.Select(OffenceIndex.Normalize).ToArray())),
        Within w => Call(typeof(ConditionCompiler), w.Unit switch
            {
                WindowUnit.Years => nameof(WithinYears),
                WindowUnit.Months => nameof(WithinMonths),
                _ => nameof(WithinDays),
            }, null, Property(record, nameof(ConvictionFacts.Date)), Field(Facts, nameof(RequestFacts.Day)), Constant(w.Amount)),
        Dated d => (d.Before ? (Func<Expression, Expression, BinaryExpression>)LessThan : GreaterThanOrEqual)(
            Property(Property(record, nameof(ConvictionFacts.Date)), nameof(DateOnly.DayNumber)), Constant(d.Day.DayNumber)),
        IsTrue { Fact.Id: FactId.Wobbler } => Property(record, nameof(ConvictionFacts.IsWobbler)),
        IsGiven { Fact.Id: FactId.Wobbler } => Property(record, nameof(ConvictionFacts.WobblerGiven)),
        IsTrue { Fact.Id: FactId.ReducedByProp47 } => Property(record, nameof(ConvictionFacts.ReducedByProp47)),
        IsTrue { Fact.Id: FactId.Juvenile } => Property(record, nameof(ConvictionFacts.IsJuvenile)),
        IsGiven { Fact.Id: FactId.Juvenile } => Property(record, nameof(ConvictionFacts.JuvenileGiven)),
        IsOneOf { Fact.Id: FactId.Level } e => InMask(Mask(e.Fact, e.Values), Convert(Property(record, nameof(ConvictionFacts.Level)), typeof(int))),
        IsOneOf { Fact.Id: FactId.ConvictionJurisdiction } e =>
            InMask(Mask(e.Fact, e.Values), Convert(Property(record, nameof(ConvictionFacts.Jurisdiction)), typeof(int))),
        _ => Body(condition),
    };

    private static Expression Every(IEnumerable<Expression> parts) => parts.DefaultIfEmpty(Constant(true)).Aggregate(AndAlso);

    private static Expression Some(IEnumerable<Expression> parts) => parts.DefaultIfEmpty(Constant(false)).Aggregate(OrElse);

    private static Expression HasBits(Expression value, ulong bits) => NotEqual(And(value, Constant(bits)), Constant(0UL));

    /// <summary>Whether an enumerated value (absent: -1) is one of the mask's bits.</summary>
    private static Expression InMask(ulong mask, Expression value)
    {
        var v = Variable(typeof(int), "v");
        return Block(typeof(bool), [v],
            Assign(v, value),
            AndAlso(GreaterThanOrEqual(v, Constant(0)), HasBits(RightShift(Constant(mask), v), 1UL)));
    }

    // Called from the compiled conditions: the rarer tests, kept in C#.
    internal static bool IsUnit(string[] units, string unit) => Array.IndexOf(units, unit) >= 0;

    // The reader keeps receivedAt within ContractYears and the law language keeps a window within a
    // century (ConditionParser.MaxWindow), so the window's first day is always on the calendar.
    internal static bool WithinYears(DateOnly date, DateOnly day, int amount) => date >= day.AddYears(-amount);

    internal static bool WithinMonths(DateOnly date, DateOnly day, int amount) => date >= day.AddMonths(-amount);

    internal static bool WithinDays(DateOnly date, DateOnly day, int amount) => date >= day.AddDays(-amount);

    internal static bool CodeMatches(string code, string[] listed)
    {
        var normalized = OffenceIndex.Normalize(code);
        foreach (var l in listed)
            if (OffenceIndex.Matches(normalized, l))
                return true;
        return false;
    }

    internal static ulong Mask(Fact fact, IReadOnlyList<string> values)
    {
        var mask = 0UL;
        foreach (var v in values)
            mask |= 1UL << fact.Values.ToList().IndexOf(v);
        return mask;
    }

    /// <summary>The set of acts under which a condition can hold, for indexing rules by act.</summary>
    public static ulong PossibleActs(Condition condition)
    {
        var every = (1UL << Vocabularies.Acts.Count) - 1;
        return condition switch
        {
            IsOneOf { Fact.Id: FactId.Act } e => Mask(e.Fact, e.Values),
            Defined { Meaning: { } meaning } => PossibleActs(meaning),
            AllOf a => a.Parts.Aggregate(every, (m, p) => m & PossibleActs(p)),
            AnyOf a => a.Parts.Aggregate(0UL, (m, p) => m | PossibleActs(p)),
            _ => every,
        };
    }
}
