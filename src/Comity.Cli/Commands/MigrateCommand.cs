using System.CommandLine;
using Comity.Cases;
using Comity.Ledger;
using Comity.Storage;

namespace Comity.Cli.Commands;

/// <summary><c>comity migrate --data DIR --store postgres://...</c>: a SQLite data folder's databases copied into an empty PostgreSQL database.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate",
            "Copy a SQLite data folder's ledger (entries byte for byte, every signed checkpoint; checked to verify to the same root) and its case database " +
            "(cases and their events, records requests, users, API tokens, the access log, webhooks; ids kept) into an empty PostgreSQL database given by " +
            "--store, each in one transaction. Refuses a database that already holds rows. Stop the server first: what it writes during the copy is not copied. " +
            "The signing key stays in --data: copy the folder to each server. See docs/postgres.md.")
        {
            DataOptions.Data, DataOptions.Store,
        };
        command.SetAction(result =>
        {
            try
            {
                var target = DataOptions.Location(result);
                // The ledger first: the cases name its entries, and it is checked before anything is written.
                var ledger = LedgerMigration.Copy(target.DataFolder, target);
                Console.Out.WriteLine($"copied the ledger: {ledger.Entries} entries, {ledger.Checkpoints} signed checkpoints; it verifies there to root {Convert.ToBase64String(ledger.RootHash)}, as in {target.DataFolder}");
                var report = StoreMigration.CopyCases(target.DataFolder, target);
                foreach (var table in report.Tables)
                    Console.Out.WriteLine($"  {table.Table,-24} {table.Rows,10} rows");
                Console.Out.WriteLine($"copied the case database of {target.DataFolder} into {target}: {report.Tables.Sum(t => t.Rows)} rows in {report.Tables.Count} tables");
                return ExitCodes.Decided;
            }
            catch (Exception e) when (e is StoreMigrationException or CaseStoreException or LedgerException or System.Data.Common.DbException)
            {
                Console.Error.WriteLine($"comity: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
