namespace Comity.Analysis.Internal;

internal static class Findings
{
    /// <summary>Errors first, then by type, then by where the first rule is written.</summary>
    public static IReadOnlyList<Finding> Ordered(IEnumerable<Finding> findings) => findings
        .OrderBy(f => f.Severity)
        .ThenBy(f => f.Type)
        .ThenBy(f => f.Rules.Count > 0 ? f.Rules[0].At.File : "", StringComparer.Ordinal)
        .ThenBy(f => f.Rules.Count > 0 ? f.Rules[0].At.Line : 0)
        .ToList();
}
