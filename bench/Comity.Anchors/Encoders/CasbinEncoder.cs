using System.Text.Json;
using System.Text.RegularExpressions;
using Comity.Anchors.Subset;

namespace Comity.Anchors.Encoders;

/// <summary>
/// The subset for node-casbin, as casbin writes attribute-based rules: the request is one object
/// (<c>r.sub</c>, the flat facts), each policy line carries its rule as an expression
/// (<c>p.sub_rule</c>, evaluated by <c>eval()</c> in the matcher) and an effect, and the policy
/// effect is deny-override: <c>some(where (p.eft == allow)) &amp;&amp; !some(where (p.eft == deny))</c>.
/// Like Cedar, a rule cannot name another, so exceptions and overrides are written out in place;
/// records are slots <c>r.sub.c0</c>..; <c>containsAny</c> (for <c>code is</c>) is a function the harness registers.
/// </summary>
public static partial class CasbinEncoder
{
    public const string Model = """
        [request_definition]
        r = sub

        [policy_definition]
        p = sub_rule, eft, name

        [policy_effect]
        e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

        [matchers]
        m = eval(p.sub_rule)

        """;

    /// <summary>
    /// The policy lines of each act's enforcer as JSON, <c>{"hold": [[rule, "allow" or "deny", name], ...], ...}</c>
    /// (a rule's commas would break casbin's CSV files). casbin evaluates every policy line for
    /// every request, so each act gets its own enforcer with only the rules that can apply to it.
    /// </summary>
    public static string Policies(AnchorSubset subset) => JsonSerializer.Serialize(
        subset.Acts.ToDictionary(act => act, act => subset.ForAct(act)
            .Select(r => new[] { Render(r.Counts, null, act), r.Allows ? "allow" : "deny", r.Name }).ToArray()),
        new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <param name="act">The enforcer's act: an exception that cannot apply to it is <c>false</c>.</param>
    private static string Render(AnchorExpr e, string? record, string act) => e switch
    {
        AllOfExpr { Parts.Count: 0 } or TrueExpr => "true",
        AllOfExpr { Parts.Count: 1 } a => Render(a.Parts[0], record, act),
        AllOfExpr a => "(" + string.Join(" && ", a.Parts.Select(p => Render(p, record, act))) + ")",
        AnyOfExpr { Parts.Count: 0 } => "false",
        AnyOfExpr { Parts.Count: 1 } a => Render(a.Parts[0], record, act),
        AnyOfExpr a => "(" + string.Join(" || ", a.Parts.Select(p => Render(p, record, act))) + ")",
        NotExpr n => "!(" + Render(n.Inner, record, act) + ")",
        OneOfExpr o => OneOf("r.sub." + o.Fact, o.Values),
        FlagExpr f => "r.sub." + f.Fact,
        DayExpr d => $"r.sub.{FactNames.Day} {(d.Before ? "<" : ">=")} {d.Day}",
        ExistsExpr x => "(" + string.Join(" || ", Enumerable.Range(0, AnchorSubset.RecordSlots)
            .Select(i => "r.sub." + CedarEncoder.Slot(x.Over, i))
            .Select(slot => $"({slot}.present && {Render(x.Where, slot, act)})")) + ")",
        HasClassExpr h => $"{record}.{FactNames.Classes}.includes({Quote(h.Class)})",
        CodeIsExpr c => $"containsAny({record}.{FactNames.Codes}, {string.Join(", ", c.Codes.Select(Quote))})",
        RecordOneOfExpr r => OneOf($"{record}.{r.Field}", r.Values),
        RecordFlagExpr f => $"{record}.{f.Field}",
        WithinYearsExpr w => $"{record}.{FactNames.RecordDay} >= r.sub.{FactNames.Day} - {w.Years * 10000}",
        RecordDayExpr d => $"{record}.{FactNames.RecordDay} {(d.Before ? "<" : ">=")} {d.Day}",
        ActiveExpr a => a.Rule.Acts.Contains(act) ? Render(a.Rule.ActiveBody, record, act) : "false",
        _ => throw new NotSupportedException(e.GetType().Name),
    };

    // casbin's expression parser cannot call a method on an array literal, and its "in" operator
    // rewrites every bracket of the expression: a value list is a chain of ==.
    private static string OneOf(string fact, IReadOnlyList<string> values) => values.Count == 1
        ? $"{fact} == {Quote(values[0])}"
        : "(" + string.Join(" || ", values.Select(v => $"{fact} == {Quote(v)}")) + ")";

    private static string Quote(string s)
    {
        // casbin rewrites "r.x" and "p.x" (after a space, bracket or operator) to "r_x" before
        // compiling, inside string literals too; and " in " with " (" turns brackets into arrays.
        if (Mangled().IsMatch(s) || s.Contains(" in ", StringComparison.Ordinal))
            throw new NotSupportedException($"casbin would rewrite the string \"{s}\"");
        return "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
    }

    [GeneratedRegex(@"([()\s|&,=!><+\-*/]|^)((r|p)[0-9]*)\.")]
    private static partial Regex Mangled();
}
