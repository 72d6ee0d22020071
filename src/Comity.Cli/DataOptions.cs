using System.CommandLine;
using Comity.Engine;
using Comity.Ledger;
using Comity.Recording;
using Comity.Server.Hosting;

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

    /// <summary>Opens the ledger in --data; unless <paramref name="create"/>, a folder without one is an error.</summary>
    public static TransparencyLog Open(ParseResult result, bool create = false, bool readOnly = false)
    {
        var dir = result.GetValue(Data)!;
        if (!create && !File.Exists(Path.Combine(dir, TransparencyLog.DatabaseFileName)))
            throw new LedgerException($"there is no ledger in {dir} ('comity decide --record --data {dir}' creates one)");
        return TransparencyLog.Open(dir, new LedgerOptions { ReadOnly = readOnly });
    }

    /// <summary>Opens --data for recording, creating it on first use: the ledger and the case database, as the server opens them.</summary>
    public static RecordingFolder OpenForRecording(ParseResult result, StackCatalog catalog)
    {
        var folder = RecordingFolder.Open(result.GetValue(Data)!, catalog, TimeProvider.System);
        foreach (var problem in folder.CaughtUp.Problems)
            Console.Error.WriteLine($"comity: {problem}");
        return folder;
    }
}
