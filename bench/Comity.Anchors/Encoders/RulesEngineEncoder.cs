using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Anchors.Subset;

namespace Comity.Anchors.Encoders;

/// <summary>
/// The subset as Microsoft RulesEngine workflows, one per act (named by the act): whether each
/// rule is active is a global parameter (<c>a_r007</c>, defined exceptions first so that a rule's
/// parameter can name its exceptions'), and each subset rule is a workflow rule whose success
/// event is <c>permit</c> or <c>forbid</c>; the anchor permits when some permit succeeded and no
/// forbid did. Expressions are RulesEngine's lambda expressions over the input <c>f</c>, the flat
/// facts in PascalCase. An exception that cannot apply to the workflow's act is <c>false</c> there.
/// </summary>
public static class RulesEngineEncoder
{
    public static string Encode(AnchorSubset subset)
    {
        var workflows = new JsonArray();
        foreach (var act in subset.Acts)
        {
            var rules = subset.ForAct(act);
            var scope = rules.ToHashSet();
            workflows.Add(new JsonObject
            {
                ["WorkflowName"] = act,
                ["GlobalParams"] = new JsonArray(AnchorSubset.ExceptionsFirst(rules)
                    .Select(r => (JsonNode)new JsonObject { ["Name"] = "a_" + r.Key, ["Expression"] = Render(r.ActiveBody, null, scope) }).ToArray()),
                ["Rules"] = new JsonArray(rules.Select(r => (JsonNode)new JsonObject
                {
                    ["RuleName"] = r.Name,
                    ["SuccessEvent"] = r.Allows ? "permit" : "forbid",
                    ["RuleExpressionType"] = "LambdaExpression",
                    ["Expression"] = Render(r.Counts, null, scope),
                }).ToArray()),
            });
        }
        var root = new JsonObject
        {
            ["generatedBy"] = "Comity.Benchmarks encode (bench/Comity.Anchors/Encoders/RulesEngineEncoder.cs)",
            ["stack"] = subset.Stack.Id,
            ["workflows"] = workflows,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Render(AnchorExpr e, string? record, HashSet<AnchorRule> scope) => e switch
    {
        AllOfExpr { Parts.Count: 0 } or TrueExpr => "true",
        AllOfExpr { Parts.Count: 1 } a => Render(a.Parts[0], record, scope),
        AllOfExpr a => "(" + string.Join(" && ", a.Parts.Select(p => Render(p, record, scope))) + ")",
        AnyOfExpr { Parts.Count: 0 } => "false",
        AnyOfExpr { Parts.Count: 1 } a => Render(a.Parts[0], record, scope),
        AnyOfExpr a => "(" + string.Join(" || ", a.Parts.Select(p => Render(p, record, scope))) + ")",
        NotExpr n => "!(" + Render(n.Inner, record, scope) + ")",
        OneOfExpr o => OneOf("f." + FactNames.Pascal(o.Fact), o.Values),
        FlagExpr f => "f." + FactNames.Pascal(f.Fact),
        DayExpr d => $"f.{FactNames.Pascal(FactNames.Day)} {(d.Before ? "<" : ">=")} {d.Day}",
        ExistsExpr x => $"f.{AnchorFacts.RecordsOf(x.Over)}.Any(c => {Render(x.Where, "c", scope)})",
        HasClassExpr h => $"{record}.{FactNames.Pascal(FactNames.Classes)}.Contains({Quote(h.Class)})",
        CodeIsExpr c => $"{record}.{FactNames.Pascal(FactNames.Codes)}.Any(x => {OneOf("x", c.Codes)})",
        RecordOneOfExpr r => OneOf($"{record}.{FactNames.Pascal(r.Field)}", r.Values),
        RecordFlagExpr f => $"{record}.{FactNames.Pascal(f.Field)}",
        WithinYearsExpr w => $"{record}.{FactNames.Pascal(FactNames.RecordDay)} >= f.{FactNames.Pascal(FactNames.Day)} - {w.Years * 10000}",
        RecordDayExpr d => $"{record}.{FactNames.Pascal(FactNames.RecordDay)} {(d.Before ? "<" : ">=")} {d.Day}",
        ActiveExpr a => scope.Contains(a.Rule) ? "a_" + a.Rule.Key : "false",
        _ => throw new NotSupportedException(e.GetType().Name),
    };

    private static string OneOf(string fact, IReadOnlyList<string> values) => values.Count == 1
        ? $"{fact} == {Quote(values[0])}"
        : $"{fact} in ({string.Join(", ", values.Select(Quote))})";

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
