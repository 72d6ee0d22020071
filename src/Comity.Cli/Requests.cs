using Comity.Contract;
using Comity.Engine;

namespace Comity.Cli;

/// <summary>Reads one request and finds its stack, reporting contract errors the way every command does.</summary>
internal static class Requests
{
    public static (DecisionEngine? Engine, DecisionRequest? Request) Load(StackCatalog catalog, string path)
    {
        var read = RequestReader.Read(InputFile.ReadAll(path));
        if (!read.Ok)
        {
            foreach (var e in read.Errors)
                Console.Error.WriteLine($"comity: {InputFile.Name(path)}: {e}");
            return (null, null);
        }
        var engine = catalog.Find(read.Request!, out var error);
        if (error is not null)
            Console.Error.WriteLine($"comity: {InputFile.Name(path)}: {error}");
        return (engine, read.Request);
    }
}
