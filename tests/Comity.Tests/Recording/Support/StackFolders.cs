namespace Comity.Tests.Recording.Support;

/// <summary>Compares stack folders for the tests of the law in the ledger.</summary>
internal static class StackFolders
{
    /// <summary>Every *.law file under <paramref name="root"/>, by its path from there, with its bytes.</summary>
    public static SortedDictionary<string, byte[]> LawFiles(string root) => new(
        Directory.GetFiles(root, "*.law", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes),
        StringComparer.Ordinal);
}
