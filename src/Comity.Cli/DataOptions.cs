using System.CommandLine;
using Comity.Server.Hosting;

namespace Comity.Cli;

/// <summary>Where the server's data lives: the case database, the ledger and its signing key.</summary>
internal static class DataOptions
{
    public static readonly Option<string> Data = new("--data")
    {
        HelpName = "DIR",
        Description = "the data folder (comity.db, ledger.db, signing key), created on first run",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COMITY_DATA") ?? ServerSettings.DefaultDataFolder,
    };
}
