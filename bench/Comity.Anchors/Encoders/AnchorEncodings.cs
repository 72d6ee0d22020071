using Comity.Anchors.Subset;

namespace Comity.Anchors.Encoders;

/// <summary>
/// Every anchor's encoding of a subset, by file name: what bench/anchors/encodings/ holds for the
/// Los Angeles subset (checked in, so that each can be read; a test keeps them current) and what
/// the scaling run writes for its generated stacks. NRules is built in memory by <c>NRulesAnchor</c>;
/// every anchor reads the offence tables from offence-classes.json.
/// </summary>
public static class AnchorEncodings
{
    public const string Cedar = "policies.cedar";
    public const string CedarContext = "cedar-context.json";
    public const string CasbinModel = "casbin-model.conf";
    public const string CasbinPolicies = "casbin-policies.json";
    public const string JsonRulesEngine = "json-rules-engine.json";
    public const string RulesEngine = "rulesengine.json";
    public const string OffenceClasses = "offence-classes.json";

    public static IReadOnlyDictionary<string, string> Of(AnchorSubset subset) => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [Cedar] = CedarEncoder.Encode(subset),
        [CedarContext] = CedarEncoder.Context(subset) + "\n",
        [CasbinModel] = CasbinEncoder.Model,
        [CasbinPolicies] = CasbinEncoder.Policies(subset) + "\n",
        [JsonRulesEngine] = JsonRulesEngineEncoder.Encode(subset) + "\n",
        [RulesEngine] = RulesEngineEncoder.Encode(subset) + "\n",
        [OffenceClasses] = new OffenceClasses(subset.Stack.Tables).ToJson() + "\n",
    };

    public static void Write(AnchorSubset subset, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, text) in Of(subset))
            File.WriteAllText(Path.Combine(directory, name), text);
    }
}
