using System.CommandLine;
using Comity.Engine;
using Comity.Ledger;
using Comity.Recording;
using Comity.Server.Hosting;
using Comity.Storage;

namespace Comity.Cli;

/// <summary>--data DIR: the folder of the local store (the case database, the ledger's database and its signing key).</summary>
internal static class DataOptions
{
    public static readonly Option<string> Data = new("--data")
    {
        HelpName = "DIR",
        Description = "the data folder: comity.db (cases, users), ledger.db, the signing key ledger.key and its public ledger.vkey (created on first use); default ./data or $COMITY_DATA",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COMITY_DATA") ?? ServerSettings.DefaultDataFolder,
    };

    /// <summary>--store: where the databases are when not SQLite files in --data.</summary>
    public static readonly Option<string?> Store = new("--store")
    {
        HelpName = "STORE",
        Description = "where the databases are: 'sqlite' (the default: files in --data) or one PostgreSQL database that several servers share, " +
            "postgres://user:password@host:port/database or an Npgsql connection string (docs/postgres.md); default $COMITY_STORE",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COMITY_STORE"),
    };

    /// <summary>Where --data and --store say the databases are.</summary>
    /// <exception cref="StoreConfigurationException">when --store is neither sqlite nor a PostgreSQL address.</exception>
    public static StoreLocation Location(ParseResult result) => StoreLocation.Parse(result.GetValue(Data)!, result.GetValue(Store));

    /// <summary>Opens the ledger in --data (or --store); unless <paramref name="create"/>, a folder without one is an error.</summary>
    public static TransparencyLog Open(ParseResult result, bool create = false, bool readOnly = false)
    {
        var location = Location(result);
        var dir = location.DataFolder;
        if (!create && !location.IsPostgres && !File.Exists(Path.Combine(dir, TransparencyLog.DatabaseFileName)))
            throw new LedgerException($"there is no ledger in {dir} ('comity decide --record --data {dir}' creates one)");
        return Stores.OpenLedger(location, new LedgerOptions { ReadOnly = readOnly });
    }

    /// <summary>Opens --data (and --store) for recording, creating it on first use: the ledger and the case database, as the server opens them.</summary>
    public static RecordingFolder OpenForRecording(ParseResult result, StackCatalog catalog)
    {
        var folder = RecordingFolder.Open(Location(result), catalog, TimeProvider.System);
        foreach (var problem in folder.CaughtUp.Problems)
            Console.Error.WriteLine($"comity: {problem}");
        return folder;
    }
}
