using System.CommandLine;
using Comity.Operations;

namespace Comity.Cli.Commands;

/// <summary><c>comity backup --data DIR --out DIR</c>: a consistent, verified copy of a data folder, safe while the server runs.</summary>
internal static class BackupCommand
{
    private static readonly Option<string> Out = new("--out")
    {
        HelpName = "DIR",
        Description = "the folder to write the backup to (created owner-only; must be new or empty)",
        Required = true,
    };

    public static Command Create()
    {
        var command = new Command("backup",
            "Copy the data folder while the server keeps running: the case and ledger databases with SQLite's online backup, then " +
            "the signing key and every other file; the copy's ledger is verified. Exits 4 if the copy does not verify. " +
            "On PostgreSQL use pg_dump (docs/operations.md).")
        {
            DataOptions.Data, Out,
        };
        command.SetAction(result =>
        {
            try
            {
                var backup = DataFolderBackup.Run(result.GetValue(DataOptions.Data)!, result.GetValue(Out)!);
                foreach (var problem in backup.Problems)
                    Console.Error.WriteLine($"comity: the copy does not verify: {problem}");
                if (!backup.Ok)
                    return ExitCodes.NotVerified;
                Console.Out.WriteLine($"backed up to {backup.Folder}: {string.Join(", ", backup.Files)}; " +
                    $"its ledger verifies ({backup.LedgerEntries} entries, {backup.Checkpoints} signed checkpoints)");
                return ExitCodes.Decided;
            }
            catch (BackupException e)
            {
                Console.Error.WriteLine($"comity: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or Ledger.LedgerException)
            {
                Console.Error.WriteLine($"comity: the backup failed: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
