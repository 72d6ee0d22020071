using Comity.Contract;

namespace Comity.Analysis;

/// <summary>
/// What changes between two versions of a stack: each change is a from -> to outcome with the
/// rules that cause it and the classes of requests it reaches, each with a witness that
/// <c>comity decide</c> answers <see cref="Change.From"/> with the first stack and <see cref="Change.To"/> with the second.
/// </summary>
public sealed record DiffReport(DiffReport.Version From, DiffReport.Version To, IReadOnlyList<DiffReport.Change> Changes, int Classes)
{
    public sealed record Version(string Stack, string Folder, string Digest);

    /// <param name="Rules">the rules that apply in one version and not the other, or whose text changed, for these requests</param>
    public sealed record Change(Outcome From, Outcome To, IReadOnlyList<RuleRef> Rules, IReadOnlyList<RequestClass> Classes);
}
