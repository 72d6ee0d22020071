using System.Text;
using Comity.Contract;

namespace Comity.Cli.Rendering;

/// <summary>An answer as a person reads it: the outcome, what each layer said, and why, with citations.</summary>
internal static class ExplainRenderer
{
    public static string Render(DecisionRequest request, DecisionAnswer answer, IReadOnlyList<(Comity.Law.Definition Definition, bool Holds)>? definitions = null)
    {
        var sb = new StringBuilder();
        var what = Vocabularies.Acts.Name(request.Act);
        sb.Append(answer.Id is null ? "" : $"{answer.Id}: ").Append($"{what} requested by {Vocabularies.Agencies.Name(request.Requester.Agency)}")
          .AppendLine($" of {request.Actor.Unit} ({Vocabularies.ActorKinds.Name(request.Actor.Kind)}), received {request.ReceivedAt}");
        sb.AppendLine();
        sb.AppendLine($"OUTCOME: {Vocabularies.Outcomes.Name(answer.Outcome).ToUpperInvariant()}  ({Meaning(answer.Outcome)})");
        foreach (var d in answer.Data)
            sb.AppendLine($"  {Vocabularies.DataItems.Name(d.Item),-20} {Vocabularies.Outcomes.Name(d.Outcome),-18} decided by {Deciders(answer.Reasons.Where(r => r.Decides.Contains(d.Item)).Select(r => r.Rule).ToList())}");
        sb.AppendLine();

        var width = Math.Max(5, answer.Layers.Max(l => l.Layer.Length));
        sb.AppendLine($"{"LAYER".PadRight(width)}  OUTCOME            RULES THAT APPLIED");
        foreach (var l in answer.Layers)
        {
            var rules = answer.Reasons.Where(r => r.Layer == l.Layer).Select(r => r.Rule);
            var outcome = l.Outcome is { } o ? Vocabularies.Outcomes.Name(o) : "(no rule applied)";
            sb.AppendLine($"{l.Layer.PadRight(width)}  {outcome,-18} {string.Join(", ", rules)}".TrimEnd());
            if (l.Possible.Count > 0)
                sb.AppendLine($"{"".PadRight(width)}  counsel chooses between {string.Join(", ", l.Possible.Select(Vocabularies.Outcomes.Name))}");
        }
        sb.AppendLine();
        sb.AppendLine($"Decided by: {Deciders(answer.DecidedBy)}");
        sb.AppendLine();

        if (definitions is { Count: > 0 })
        {
            sb.AppendLine("DEFINITIONS THE RULES USE");
            foreach (var (d, holds) in definitions)
            {
                sb.AppendLine($"  {d.Id}  [{(holds ? "holds" : "does not hold")}]");
                if (d.Text.Length > 0)
                    sb.AppendLine($"    {d.Text}");
                sb.AppendLine($"    Cites: {string.Join("; ", d.Citations)}");
            }
            sb.AppendLine();
        }

        sb.AppendLine("REASONS");
        foreach (var r in answer.Reasons)
        {
            var role = answer.DecidedBy.Contains(r.Rule) ? "decides"
                : r.Decides.Count > 0 ? $"decides {string.Join(", ", r.Decides.Select(Vocabularies.DataItems.Name))}"
                : r.SetAsideBy.Count > 0 ? "set aside"
                : r.OverriddenBy.Count > 0 ? "overridden"
                : "does not decide";
            sb.AppendLine($"  {r.Rule}  [{r.Layer}: {Vocabularies.Effects.Name(r.Effect)}, {role}]{(r.Source switch { SourceGrade.Secondary => "  (secondary source)", SourceGrade.Unconfirmed => "  (unconfirmed source)", _ => "" })}");
            sb.AppendLine($"    {r.Text}");
            sb.AppendLine($"    Cites: {string.Join("; ", r.Citations)}");
            if (r.Items.Count > 0)
                sb.AppendLine($"    For: {string.Join(", ", r.Items.Select(Vocabularies.DataItems.Name))}");
            if (r.SetAsideBy.Count > 0)
                sb.AppendLine($"    Set aside by the exception: {string.Join(", ", r.SetAsideBy)}");
            if (r.OverriddenBy.Count > 0)
                sb.AppendLine($"    Overridden by the higher rule: {string.Join(", ", r.OverriddenBy)}");
        }
        if (answer.Obligations.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("OBLIGATIONS");
            foreach (var o in answer.Obligations)
                sb.AppendLine($"  [ ] {o.Text}  ({string.Join("; ", o.Citations)})");
        }
        if (answer.Flags.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine($"RISK FLAGS: {string.Join(", ", answer.Flags.Select(Vocabularies.Flags.Name))}");
        }
        sb.AppendLine();
        sb.AppendLine($"Law: stack {answer.Policy.Stack} as in force on {answer.Policy.AsOf:yyyy-MM-dd}, digest {answer.Policy.Digest}");
        return sb.ToString();
    }

    private static string Deciders(IReadOnlyList<string> rules) =>
        rules.Count > 0 ? string.Join(", ", rules) : "no rule (a gap in the stack: counsel decides)";

    private static string Meaning(Outcome outcome) => outcome switch
    {
        Outcome.MustComply => "federal law or judicial process requires it",
        Outcome.Permit => "lawful and discretionary",
        Outcome.Deny => "forbidden",
        _ => "counsel decides: facts missing, document unclear, an open question or a conflict between layers",
    };
}
