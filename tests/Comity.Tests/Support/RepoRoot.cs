using System.Runtime.CompilerServices;

namespace Comity.Tests.Support;

/// <summary>The repository folder: the nearest folder above the test binaries (or, when they are built
/// outside the repository with --artifacts-path, above this source file) that holds Comity.slnx.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(() => Find(SourceFile()));

    public static string Path => Root.Value;

    /// <summary>A path inside the repository, from '/'-separated parts.</summary>
    public static string Combine(string relative) =>
        System.IO.Path.Combine([Root.Value, .. relative.Split('/')]);

    private static string Find(string source)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Path.GetDirectoryName(source) ?? "" })
        {
            for (var dir = start.Length > 0 ? new DirectoryInfo(start) : null; dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Comity.slnx")))
                    return dir.FullName;
        }
        throw new InvalidOperationException($"no Comity.slnx above {AppContext.BaseDirectory} or {source}");
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
