using System.CommandLine;
using Comity.Engine;

namespace Comity.Cli;

/// <summary>How a command finds its stack: --stack DIR, or the request's jurisdiction under --stacks.</summary>
internal static class StackOptions
{
    public static readonly Option<string?> Stack = new("--stack")
    {
        HelpName = "DIR",
        Description = "decide with the stack in this folder (it holds stack.law); a request naming another jurisdiction is refused",
    };

    public static readonly Option<string> Stacks = new("--stacks")
    {
        HelpName = "ROOT",
        Description = "without --stack: the folder of stacks by jurisdiction; a request's jurisdiction (default us/ca/los-angeles) names the sub-folder",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COMITY_STACKS") ?? "stacks",
    };

    public static StackCatalog Catalog(ParseResult result) =>
        result.GetValue(Stack) is { } dir ? StackCatalog.ForStack(dir) : StackCatalog.ForRoot(result.GetValue(Stacks)!);
}
