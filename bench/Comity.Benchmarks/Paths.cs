namespace Comity.Benchmarks;

/// <summary>Finds the repository's stacks from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static class Paths
{
    public static string Stack(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Comity.slnx")))
                return Path.Combine(dir.FullName, "stacks", name);
        throw new DirectoryNotFoundException("no Comity.slnx above " + AppContext.BaseDirectory);
    }
}
