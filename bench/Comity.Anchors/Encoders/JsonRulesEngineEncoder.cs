using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Anchors.Subset;

namespace Comity.Anchors.Encoders;

/// <summary>
/// The subset for json-rules-engine, chained as json-rules-engine chains rules: one engine per
/// act (json-rules-engine runs every rule it holds), with one rule per subset rule that can apply
/// to the act, whose event is <c>permit</c> or <c>forbid</c> with the rule's key; when it
/// succeeds, the harness sets the runtime fact <c>active_KEY</c> (the engine's
/// <c>almanac.addRuntimeFact</c>), which is false until then. A rule's conditions are its own
/// condition and "no <c>active_</c> fact of its exceptions (and, when it forbids, of a top-layer
/// duty)"; rule priorities run duties first and every exception before the rules it sets aside.
/// Inside a rule, conditions carry descending priorities so that <c>all</c> and <c>any</c> stop at
/// the first part that settles them, as <c>&amp;&amp;</c> and <c>||</c> do. Facts are flat
/// (<c>act</c>, <c>c0_level</c>, <c>c0_classes</c>); <c>containsAny</c> (for <c>code is</c>) is an
/// operator the harness adds; "within N years" compares with the fact <c>dayMinusNy</c>, which
/// the harness defines for each N listed in <c>windows</c>. The permit/deny answer: some permit
/// event and no forbid event.
/// </summary>
public static class JsonRulesEngineEncoder
{
    public static string Encode(AnchorSubset subset)
    {
        var windows = new SortedSet<int>();
        var deepest = subset.Rules.Count == 0 ? 0 : subset.Rules.Max(r => r.Depth);
        var engines = new JsonObject();
        foreach (var act in subset.Acts)
        {
            var rules = new JsonArray();
            foreach (var r in subset.ForAct(act))
            {
                var blockers = r.Exceptors.Concat(r.Allows ? [] : r.Overriders).Where(b => b.Acts.Contains(act))
                    .Select(b => new FlagExpr("active_" + b.Key)).ToList<AnchorExpr>();
                var conditions = blockers.Count == 0 ? r.Applies : new AllOfExpr([r.Applies, new NotExpr(new AnyOfExpr(blockers))]);
                rules.Add(new JsonObject
                {
                    ["name"] = r.Name,
                    ["priority"] = r.Effect == Comity.Contract.Effect.Must ? deepest + 2 : deepest + 1 - r.Depth,
                    ["conditions"] = Top(Render(conditions, null, windows)),
                    ["event"] = new JsonObject { ["type"] = r.Allows ? "permit" : "forbid", ["params"] = new JsonObject { ["key"] = r.Key } },
                });
            }
            engines[act] = rules;
        }
        var root = new JsonObject
        {
            ["generatedBy"] = "Comity.Benchmarks encode (bench/Comity.Anchors/Encoders/JsonRulesEngineEncoder.cs)",
            ["stack"] = subset.Stack.Id,
            ["acts"] = Strings(subset.Acts),
            ["windows"] = new JsonArray(windows.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray()),
            ["keys"] = Strings(subset.Rules.Select(r => r.Key)),
            ["engines"] = engines,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>A rule's top-level conditions must be <c>all</c>, <c>any</c> or <c>not</c>.</summary>
    private static JsonObject Top(JsonObject c) => c.ContainsKey("fact") ? new JsonObject { ["all"] = new JsonArray(c) } : c;

    private static JsonObject Render(AnchorExpr e, string? record, SortedSet<int> windows) => e switch
    {
        TrueExpr => new JsonObject { ["all"] = new JsonArray() },
        AllOfExpr { Parts.Count: 1 } a => Render(a.Parts[0], record, windows),
        AllOfExpr a => new JsonObject { ["all"] = InOrder(a.Parts.Select(p => Render(p, record, windows))) },
        AnyOfExpr { Parts.Count: 1 } a => Render(a.Parts[0], record, windows),
        AnyOfExpr a => new JsonObject { ["any"] = InOrder(a.Parts.Select(p => Render(p, record, windows))) },
        NotExpr n => new JsonObject { ["not"] = Render(n.Inner, record, windows) },
        OneOfExpr o => OneOf(o.Fact, o.Values),
        FlagExpr f => Fact(f.Fact, "equal", true),
        DayExpr d => Fact(FactNames.Day, d.Before ? "lessThan" : "greaterThanInclusive", d.Day),
        ExistsExpr x => new JsonObject
        {
            ["any"] = InOrder(Enumerable.Range(0, AnchorSubset.RecordSlots).Select(i => CedarEncoder.Slot(x.Over, i)).Select(slot =>
                new JsonObject { ["all"] = InOrder([Fact(slot + "_present", "equal", true), Render(x.Where, slot, windows)]) })),
        },
        HasClassExpr h => Fact($"{record}_{FactNames.Classes}", "contains", h.Class),
        CodeIsExpr c => Fact($"{record}_{FactNames.Codes}", "containsAny", Strings(c.Codes)),
        RecordOneOfExpr r => OneOf($"{record}_{r.Field}", r.Values),
        RecordFlagExpr f => Fact($"{record}_{f.Field}", "equal", true),
        WithinYearsExpr w => Within(record!, w.Years, windows),
        RecordDayExpr d => Fact($"{record}_{FactNames.RecordDay}", d.Before ? "lessThan" : "greaterThanInclusive", d.Day),
        _ => throw new NotSupportedException(e.GetType().Name),
    };

    /// <summary>The parts of an <c>all</c> or <c>any</c>, the first with the highest priority: evaluated in order, stopping early.</summary>
    private static JsonArray InOrder(IEnumerable<JsonObject> parts)
    {
        var list = parts.ToList();
        for (var i = 0; i < list.Count; i++)
            list[i]["priority"] = list.Count - i;
        return new JsonArray(list.ToArray<JsonNode>());
    }

    private static JsonObject Within(string record, int years, SortedSet<int> windows)
    {
        windows.Add(years);
        return Fact($"{record}_{FactNames.RecordDay}", "greaterThanInclusive", new JsonObject { ["fact"] = $"dayMinus{years}y" });
    }

    private static JsonObject OneOf(string fact, IReadOnlyList<string> values) => values.Count == 1
        ? Fact(fact, "equal", values[0])
        : Fact(fact, "in", Strings(values));

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    private static JsonObject Fact(string fact, string op, JsonNode? value) => new()
    {
        ["fact"] = fact, ["operator"] = op, ["value"] = value,
    };
}
