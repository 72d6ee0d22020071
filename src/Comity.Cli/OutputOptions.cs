using System.CommandLine;

namespace Comity.Cli;

/// <summary>The output options check and diff share.</summary>
internal static class OutputOptions
{
    public static readonly Option<bool> Json = new("--json") { Description = "write the report as JSON for tools instead of text for people" };

    public static readonly Option<bool> All = new("--all") { Description = "list every finding and class of requests (by default warnings and classes beyond the first three are counted)" };
}
