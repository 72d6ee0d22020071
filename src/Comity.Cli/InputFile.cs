using System.CommandLine;

namespace Comity.Cli;

/// <summary>The FILE|- argument: a path, or - (or nothing) for standard input.</summary>
internal static class InputFile
{
    public static Argument<string> Argument(string what)
    {
        var argument = new Argument<string>("FILE")
        {
            Description = $"{what}; - or nothing reads standard input",
            DefaultValueFactory = _ => "-",
        };
        // The parser takes an unknown option where FILE may stand for the file's name; a name that
        // looks like an option and is no file is reported as the mistyped option it most likely is.
        argument.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var path }] && path.StartsWith("--", StringComparison.Ordinal) && !File.Exists(path))
                result.AddError($"unknown option '{path}' (see --help); to read a file of that name, write ./{path}");
        });
        return argument;
    }

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
