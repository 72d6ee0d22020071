namespace Comity.Tests.Cli.Support;

/// <summary>Where the repository and the built <c>comity</c> command are, found from the test assembly.</summary>
public static class Repo
{
    /// <summary>The repository root: the folder holding <c>Comity.slnx</c>.</summary>
    public static string Root => Comity.Tests.Support.RepoRoot.Path;

    /// <summary>A path inside the repository, given with '/' separators.</summary>
    public static string File(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The command's assembly: the test project references Comity.Cli, so it is copied next to the tests.</summary>
    public static string ComityDll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "comity.dll");
            if (!System.IO.File.Exists(dll))
                throw new InvalidOperationException($"comity.dll is not in {AppContext.BaseDirectory}");
            return dll;
        }
    }

    /// <summary>The example request of the repository (jurisdiction demo).</summary>
    public static string ExampleRequest => File("examples/notify-release.json");

    /// <summary>The demonstration stack (id <c>demo</c>).</summary>
    public static string DemoStack => File("stacks/demo");

    /// <summary>A fresh, empty temporary folder, deleted when disposed.</summary>
    public static TempDir TempDir() => new();
}

/// <summary>A temporary folder for one test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "comity-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Copies a folder tree into this one, under <paramref name="name"/>; returns the copy's path.</summary>
    public string CopyFrom(string source, string name)
    {
        var target = System.IO.Path.Combine(Path, name);
        foreach (var dir in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, dir)));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file)));
        return target;
    }

    public string Write(string name, string text)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
