using Comity.Engine;

namespace Comity.Server.Hosting;

/// <summary>
/// Where the server keeps its data and finds its law, read from configuration (command line
/// <c>--Comity:Data DIR</c>, environment <c>Comity__Data</c>, ...). <c>comity serve</c> sets them from its options.
/// </summary>
public sealed record ServerSettings(string DataFolder, string StacksRoot)
{
    public const string DataKey = "Comity:Data";
    public const string StacksKey = "Comity:Stacks";
    public const string ReplayStacksKey = "Comity:ReplayStacks";
    public const string DefaultDataFolder = "data";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static ServerSettings From(IConfiguration configuration) => new(
        Path.GetFullPath(configuration[DataKey] is { Length: > 0 } d ? d : DefaultDataFolder),
        Path.GetFullPath(configuration[StacksKey] is { Length: > 0 } s ? s : Environment.GetEnvironmentVariable("COMITY_STACKS") ?? "stacks"))
    {
        ReplayStacksRoot = configuration[ReplayStacksKey] is { Length: > 0 } r ? Path.GetFullPath(r) : null,
    };

    /// <summary>
    /// A folder of draft or amended stacks counsel may replay recorded history under (every folder
    /// below it holding a stack.law), besides the versions the ledger holds; null: none.
    /// </summary>
    public string? ReplayStacksRoot { get; init; }

    /// <summary>The stack a request without a jurisdiction is decided by.</summary>
    public static string DefaultJurisdiction => StackCatalog.DefaultJurisdiction;
}
