using System.Text;
using Comity.Analysis;
using Comity.Contract;

namespace Comity.Cli.Rendering;

/// <summary>
/// Check and diff reports as a person reads them: grouped (by finding type, or by from -> to
/// outcome), each class of requests with its witness as a <c>comity decide</c> command to paste.
/// Without --all, warnings and classes beyond the first few are counted, not listed.
/// </summary>
internal static class FindingsRenderer
{
    private const int Shown = 3;

    public static string Render(CheckReport report, string folder, bool all)
    {
        var sb = new StringBuilder();
        sb.Append($"comity check {folder}: ");
        sb.AppendLine(report.Digest is null
            ? "the stack does not load"
            : $"stack {report.Stack}, {report.Classes:N0} classes of requests received from {report.From:yyyy-MM-dd} (its first rule) over {report.Periods} {Plural(report.Periods, "period")}");
        sb.AppendLine($"{report.Errors} {Plural(report.Errors, "error")}, {report.Warnings} {Plural(report.Warnings, "warning")}");
        foreach (var severity in new[] { Severity.Error, Severity.Warning })
        {
            var findings = report.Findings.Where(f => f.Severity == severity).ToList();
            if (findings.Count == 0)
                continue;
            sb.AppendLine().AppendLine(severity == Severity.Error ? "ERRORS" : "WARNINGS");
            foreach (var group in findings.GroupBy(f => f.Type))
            {
                var list = group.ToList();
                sb.AppendLine().AppendLine($"{FindingNames.Of(group.Key)} ({list.Count})");
                var shown = all || severity == Severity.Error ? list.Count : Math.Min(Shown, list.Count);
                foreach (var f in list.Take(shown))
                {
                    sb.AppendLine($"  {f.Message}");
                    if (f.Rules.Count > 0)
                        sb.AppendLine($"    rules: {string.Join(", ", f.Rules.Select(r => $"{r.Id} ({r.At.File}:{r.At.Line})"))}");
                    RenderClasses(sb, f.Classes, all, $"comity decide --stack {folder} -", "    ");
                }
                if (shown < list.Count)
                    sb.AppendLine($"  ... {list.Count - shown} more {FindingNames.Of(group.Key)} {Plural(list.Count - shown, "warning")} (--all lists them)");
            }
        }
        return sb.ToString();
    }

    public static string Render(DiffReport report, string from, string to, bool all)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"comity diff {from} {to}: {report.Classes:N0} classes of requests compared");
        var count = report.Changes.Sum(c => c.Classes.Count);
        sb.AppendLine(count == 0 ? "no outcome changes" : $"{count} {Plural(count, "class")} of requests change outcome");
        foreach (var group in report.Changes.GroupBy(c => (c.From, c.To)))
        {
            var changes = group.ToList();
            sb.AppendLine().AppendLine($"{Name(group.Key.From)} -> {Name(group.Key.To)} ({changes.Sum(c => c.Classes.Count)})");
            foreach (var c in changes)
            {
                sb.AppendLine(c.Rules.Count > 0
                    ? $"  because of {string.Join(", ", c.Rules.Select(r => $"{r.Id} ({r.At.File}:{r.At.Line})"))}"
                    : "  because of the offence tables or the order of rules");
                RenderClasses(sb, c.Classes, all, $"comity decide --stack {from} -   (then --stack {to})", "    ");
            }
        }
        return sb.ToString();
    }

    private static void RenderClasses(StringBuilder sb, IReadOnlyList<RequestClass> classes, bool all, string decide, string indent)
    {
        var shown = all ? classes.Count : Math.Min(Shown, classes.Count);
        foreach (var c in classes.Take(shown))
        {
            sb.AppendLine($"{indent}requests: {c.Description}");
            sb.AppendLine($"{indent}  echo '{RequestWriter.ToJson(c.Witness)}' | {decide}");
        }
        if (shown < classes.Count)
            sb.AppendLine($"{indent}... {classes.Count - shown} more {Plural(classes.Count - shown, "class")} (--all lists them)");
    }

    private static string Name(Outcome o) => Vocabularies.Outcomes.Name(o);

    private static string Plural(int n, string word) => n == 1 ? word : word.EndsWith("ss", StringComparison.Ordinal) ? word + "es" : word + "s";
}
