using Comity.Contract;
using Comity.Engine;

namespace Comity.Cli;

/// <summary>Reads one request and finds its stack, reporting contract errors the way every command does.</summary>
internal static class Requests
{
    public static (DecisionEngine? Engine, DecisionRequest? Request) Load(StackCatalog catalog, string path)
    {
        var (engine, request, _) = LoadWithText(catalog, path);
        return (engine, request);
    }

    /// <summary>As <see cref="Load"/>, with the request's bytes as read (what the ledger records).</summary>
    public static (DecisionEngine? Engine, DecisionRequest? Request, byte[] Text) LoadWithText(StackCatalog catalog, string path)
    {
        var text = InputFile.ReadAll(path);
        var read = GuardedRequestReader.Read(text);
        if (!read.Ok)
        {
            foreach (var e in read.Errors)
                Console.Error.WriteLine($"comity: {InputFile.Name(path)}: {e}");
            return (null, null, text);
        }
        var engine = catalog.Find(read.Request!, out var error);
        if (error is not null)
            Console.Error.WriteLine($"comity: {InputFile.Name(path)}: {error}");
        return (engine, read.Request, text);
    }
}
