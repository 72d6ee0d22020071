namespace Comity.Analysis;

/// <summary>
/// What <c>comity check</c> found in a stack. <see cref="Digest"/> is null when the stack did not
/// load: its findings are then the errors that keep it from loading. Requests are analysed from
/// <see cref="From"/>, the first day any rule of the stack is in force (before it the stack says
/// nothing at all), in <see cref="Periods"/> periods cut by the rules' effective dates;
/// <see cref="Classes"/> counts the classes of requests the check decided (docs/analysis.md), a
/// measure of its work.
/// </summary>
public sealed record CheckReport(string Stack, string? Digest, IReadOnlyList<Finding> Findings, int Periods, int Classes)
{
    public DateOnly? From { get; init; }

    public int Errors => Findings.Count(f => f.Severity == Severity.Error);

    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);
}
