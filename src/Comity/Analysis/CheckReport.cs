namespace Comity.Analysis;

/// <summary>
/// What <c>comity check</c> found in a stack. <see cref="Digest"/> is null when the stack did not
/// load: its findings are then the errors that keep it from loading.
/// </summary>
public sealed record CheckReport(string Stack, string? Digest, IReadOnlyList<Finding> Findings, int Periods, int Classes)
{
    public int Errors => Findings.Count(f => f.Severity == Severity.Error);

    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);
}
