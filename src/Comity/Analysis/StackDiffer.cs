using Comity.Analysis.Internal;
using Comity.Law;

namespace Comity.Analysis;

/// <summary>
/// <c>comity diff</c>: every class of requests whose outcome changes between two versions of the
/// law (today's stack and an amended one, or one where a court enjoined a section), grouped by
/// from -> to outcome, with the rules that cause each change and a witness for each class.
/// </summary>
public static class StackDiffer
{
    /// <exception cref="LawException">when either stack does not load.</exception>
    public static DiffReport Diff(string folderA, string folderB) => Diff(StackLoader.Load(folderA), folderA, StackLoader.Load(folderB), folderB);

    public static DiffReport Diff(Stack a, string folderA, Stack b, string folderB) => new Differ(a, folderA, b, folderB).Run();
}
