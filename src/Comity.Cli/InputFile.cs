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

    public static Stream Open(string path) => path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);

    public static byte[] ReadAll(string path)
    {
        if (path != "-")
            return File.ReadAllBytes(path);
        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }
}
