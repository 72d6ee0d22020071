using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Comity.Anchors.Encoders;
using Comity.Anchors.Subset;
using RulesEngine.Models;

namespace Comity.Anchors.Engines;

/// <summary>
/// Microsoft RulesEngine running the workflows of <see cref="RulesEngineEncoder"/>: one
/// <c>ExecuteAllRulesAsync</c> per question, on the workflow of the request's act; the request is permitted when, for every question,
/// some <c>permit</c> rule succeeded and no <c>forbid</c> rule did.
/// </summary>
public sealed class RulesEngineAnchor : IAnchorEngine<AnchorRequest, bool>
{
    private readonly RulesEngine.RulesEngine _engine;
    private readonly OffenceClasses _offences;
    private readonly HashSet<string> _permits;

    public RulesEngineAnchor(string encodingJson, OffenceClasses offences)
    {
        _offences = offences;
        var root = JsonNode.Parse(encodingJson)!.AsObject();
        var options = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };
        var workflows = root["workflows"].Deserialize<Workflow[]>(options)!;
        _permits = workflows.SelectMany(w => w.Rules).Where(r => r.SuccessEvent == "permit").Select(r => r.RuleName).ToHashSet(StringComparer.Ordinal);
        // An expression that fails to compile or run must stop the run, not read as "rule not met".
        _engine = new RulesEngine.RulesEngine(workflows, new ReSettings { EnableExceptionAsErrorMessage = false, IgnoreException = false });
    }

    public string Name => "Microsoft RulesEngine";
    public string Version => typeof(RulesEngine.RulesEngine).Assembly.GetName().Version?.ToString(3) ?? "";

    public AnchorRequest Read(ReadOnlySpan<byte> line) => AnchorRequest.Read(line, _offences);

    public bool Decide(AnchorRequest input)
    {
        foreach (var q in input.Questions)
        {
            var results = _engine.ExecuteAllRulesAsync(q.Act, new RuleParameter("f", q)).GetAwaiter().GetResult();
            bool permit = false, forbid = false;
            foreach (var r in results)
            {
                if (!string.IsNullOrEmpty(r.ExceptionMessage))
                    throw new InvalidOperationException($"RulesEngine rule {r.Rule.RuleName}: {r.ExceptionMessage}");
                if (!r.IsSuccess)
                    continue;
                if (_permits.Contains(r.Rule.RuleName))
                    permit = true;
                else
                    forbid = true;
            }
            if (!permit || forbid)
                return false;
        }
        return true;
    }

    public string Verdict(bool output) => AnchorVerdict.Of(output);

    public void Write(Utf8JsonWriter writer, AnchorRequest input, bool output) => AnchorVerdict.Write(writer, input, output);
}
