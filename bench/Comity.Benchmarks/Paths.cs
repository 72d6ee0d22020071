namespace Comity.Benchmarks;

/// <summary>
/// Finds the repository's stacks from wherever BenchmarkDotNet runs the benchmark process: the
/// host finds the repository from its own location or working folder and passes it on to the
/// benchmark processes it starts in COMITY_REPO.
/// </summary>
internal static class Paths
{
    private const string Variable = "COMITY_REPO";

    public static string Repo()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } known)
            return known;
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Comity.slnx")))
                {
                    Environment.SetEnvironmentVariable(Variable, dir.FullName);
                    return dir.FullName;
                }
        throw new DirectoryNotFoundException($"no Comity.slnx above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; set {Variable}");
    }

    public static string Stack(string name) => Path.Combine(Repo(), "stacks", name);
}
