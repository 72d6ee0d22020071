using System.CommandLine;

namespace Comity.Cli;

/// <summary>The FILE|- argument: a path, or - (or nothing) for standard input.</summary>
internal static class InputFile
{
    public static Argument<string> Argument(string what) => new("FILE")
    {
        Description = $"{what}; - or nothing reads standard input",
        DefaultValueFactory = _ => "-",
    };

    public static string Name(string path) => path == "-" ? "<stdin>" : path;

    public static Stream Open(string path) => path == "-" ? Console.OpenStandardInput() : File.OpenRead(Existing(path));

    public static byte[] ReadAll(string path)
    {
        if (path != "-")
            return File.ReadAllBytes(Existing(path));
        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>A FILE that looks like an option and does not exist was most likely a mistyped option.</summary>
    private static string Existing(string path) =>
        path.StartsWith("--", StringComparison.Ordinal) && !File.Exists(path)
            ? throw new IOException($"unknown option '{path}' (see --help); to read a file of that name, write ./{path}")
            : path;
}
