using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Comity.Anchors.Subset;
using Comity.Contract;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace Comity.Anchors.Engines;

/// <summary>
/// NRules (a Rete production system) with the subset built as NRules rules through its rule model:
/// each subset rule matches the question's facts on its condition and the absence of an
/// <see cref="ActiveRule"/> fact of any of its exceptions (and, for a forbidding rule, of any
/// top-layer duty), and inserts its own <see cref="ActiveRule"/> when it fires. Priorities fire
/// duties first, then exceptions before the rules they set aside, so an exception's fact retracts
/// the activation it sets aside before that fires. One rule set (session factory) per act, with
/// the rules that can apply to it, as Comity indexes its rules by act. One session per question
/// (insert, fire, query); the request is permitted when every question has an active allowing rule
/// and no forbidding one.
/// </summary>
public sealed class NRulesAnchor : IAnchorEngine<AnchorRequest, bool>
{
    private readonly Dictionary<string, ISessionFactory> _factories = new(StringComparer.Ordinal);
    private readonly OffenceClasses _offences;

    public NRulesAnchor(AnchorSubset subset, OffenceClasses offences)
    {
        _offences = offences;
        foreach (var act in subset.Acts)
            _factories[act] = new RuleCompiler().Compile(subset.ForAct(act).Select(r => Define(r, act)).ToList());
    }

    public string Name => "NRules";
    public string Version => typeof(ISession).Assembly.GetName().Version?.ToString(3) ?? "";

    public AnchorRequest Read(ReadOnlySpan<byte> line) => AnchorRequest.Read(line, _offences);

    public bool Decide(AnchorRequest input)
    {
        foreach (var q in input.Questions)
        {
            var session = _factories[q.Act].CreateSession();
            session.Insert(q);
            session.Fire();
            bool permit = false, forbid = false;
            foreach (var a in session.Query<ActiveRule>())
                if (a.Allows)
                    permit = true;
                else
                    forbid = true;
            if (!permit || forbid)
                return false;
        }
        return true;
    }

    public string Verdict(bool output) => AnchorVerdict.Of(output);

    public void Write(Utf8JsonWriter writer, AnchorRequest input, bool output) => AnchorVerdict.Write(writer, input, output);

    private static IRuleDefinition Define(AnchorRule rule, string act)
    {
        var builder = new RuleBuilder();
        builder.Name(rule.Name);
        builder.Priority(rule.Effect == Effect.Must ? 1000 - rule.Depth : -rule.Depth);
        var lhs = builder.LeftHandSide();
        var facts = lhs.Pattern(typeof(AnchorFacts), "f");
        var f = Expression.Parameter(typeof(AnchorFacts), "f");
        facts.Condition(Expression.Lambda(Conditions.Of(rule.Applies, f, null), f));
        var blockers = rule.Exceptors.Concat(rule.Allows ? [] : rule.Overriders).Where(r => r.Acts.Contains(act)).Select(r => r.Key).ToList();
        if (blockers.Count > 0)
        {
            var a = Expression.Parameter(typeof(ActiveRule), "a");
            var key = Expression.Property(a, nameof(ActiveRule.Key));
            var any = blockers.Select(k => (Expression)Expression.Equal(key, Expression.Constant(k))).Aggregate(Expression.OrElse);
            lhs.Not().Pattern(typeof(ActiveRule), "a").Condition(Expression.Lambda(any, a));
        }
        var ctx = Expression.Parameter(typeof(IContext), "ctx");
        var insert = Expression.Call(ctx, typeof(IContext).GetMethod(nameof(IContext.Insert), [typeof(object)])!,
            Expression.Constant(new ActiveRule(rule.Key, rule.Allows)));
        builder.RightHandSide().Action(Expression.Lambda(insert, ctx));
        return builder.Build();
    }

    /// <summary>The subset's conditions as expression trees over the question's facts.</summary>
    private static class Conditions
    {
        private static readonly MethodInfo AnyRecord = Method(nameof(Enumerable.Any), typeof(AnchorRecord));
        private static readonly MethodInfo Contains = Method(nameof(Enumerable.Contains), typeof(string));

        public static Expression Of(AnchorExpr e, ParameterExpression f, ParameterExpression? record) => e switch
        {
            TrueExpr => Expression.Constant(true),
            AllOfExpr a => a.Parts.Count == 0 ? Expression.Constant(true) : a.Parts.Select(p => Of(p, f, record)).Aggregate(Expression.AndAlso),
            AnyOfExpr a => a.Parts.Count == 0 ? Expression.Constant(false) : a.Parts.Select(p => Of(p, f, record)).Aggregate(Expression.OrElse),
            NotExpr n => Expression.Not(Of(n.Inner, f, record)),
            OneOfExpr o => OneOf(Expression.Property(f, FactNames.Pascal(o.Fact)), o.Values),
            FlagExpr flag => Expression.Property(f, FactNames.Pascal(flag.Fact)),
            DayExpr d => Compare(Expression.Property(f, nameof(AnchorFacts.Day)), d.Before, Expression.Constant(d.Day)),
            ExistsExpr x => Exists(x, f),
            HasClassExpr h => Expression.Call(Contains, Expression.Property(record!, nameof(AnchorRecord.Classes)), Expression.Constant(h.Class)),
            CodeIsExpr code => Expression.Call(Expression.Constant(code.Codes.ToHashSet(StringComparer.Ordinal)),
                typeof(HashSet<string>).GetMethod(nameof(HashSet<string>.Overlaps))!, Expression.Property(record!, nameof(AnchorRecord.Codes))),
            RecordOneOfExpr r => OneOf(Expression.Property(record!, FactNames.Pascal(r.Field)), r.Values),
            RecordFlagExpr flag => Expression.Property(record!, FactNames.Pascal(flag.Field)),
            WithinYearsExpr w => Expression.GreaterThanOrEqual(Expression.Property(record!, nameof(AnchorRecord.Day)),
                Expression.Subtract(Expression.Property(f, nameof(AnchorFacts.Day)), Expression.Constant(w.Years * 10000))),
            RecordDayExpr d => Compare(Expression.Property(record!, nameof(AnchorRecord.Day)), d.Before, Expression.Constant(d.Day)),
            _ => throw new NotSupportedException(e.GetType().Name),
        };

        private static Expression Exists(ExistsExpr x, ParameterExpression f)
        {
            var c = Expression.Parameter(typeof(AnchorRecord), "c");
            var test = Expression.Lambda<Func<AnchorRecord, bool>>(Of(x.Where, f, c), c);
            return Expression.Call(AnyRecord, Expression.Property(f, AnchorFacts.RecordsOf(x.Over)), test);
        }

        private static Expression OneOf(Expression fact, IReadOnlyList<string> values) =>
            values.Select(v => (Expression)Expression.Equal(fact, Expression.Constant(v))).Aggregate(Expression.OrElse);

        private static Expression Compare(Expression left, bool before, Expression right) =>
            before ? Expression.LessThan(left, right) : Expression.GreaterThanOrEqual(left, right);

        private static MethodInfo Method(string name, Type element) => typeof(Enumerable).GetMethods()
            .Single(m => m.Name == name && m.GetParameters().Length == 2).MakeGenericMethod(element);
    }
}

/// <summary>The fact a subset rule inserts when it fires: its exceptions' targets and the decision read it.</summary>
public sealed record ActiveRule(string Key, bool Allows);
