namespace Comity.Tests.Recording.Support;

/// <summary>Compares stack folders for the tests of the law in the ledger.</summary>
internal static class StackFolders
{
    /// <summary>Every file of the law under <paramref name="root"/> (*.law and duties.json), by its path from there, with its bytes.</summary>
    public static SortedDictionary<string, byte[]> LawFiles(string root) => new(
        Directory.GetFiles(root, "*.law", SearchOption.AllDirectories).Concat(Directory.GetFiles(root, Comity.Law.DutySchedule.FileName, SearchOption.AllDirectories))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes),
        StringComparer.Ordinal);
}
