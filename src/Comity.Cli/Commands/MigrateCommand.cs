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
            "Copy a SQLite data folder's case database (cases and their events, users, API tokens, the access log, webhooks) into an empty PostgreSQL " +
            "database given by --store, ids kept, in one transaction; then check the ledger the servers on --store will read. Refuses a database that " +
            "already holds rows. Stop the server first: what it writes during the copy is not copied. See docs/postgres.md.")
        {
            DataOptions.Data, DataOptions.Store,
        };
        command.SetAction(result =>
        {
            try
            {
                var target = DataOptions.Location(result);
                var report = StoreMigration.CopyCases(target.DataFolder, target);
                foreach (var table in report.Tables)
                    Console.Out.WriteLine($"  {table.Table,-20} {table.Rows,10} rows");
                Console.Out.WriteLine($"copied the case database of {target.DataFolder} into {target}: {report.Tables.Sum(t => t.Rows)} rows in {report.Tables.Count} tables");
                var ledger = TransparencyLog.Verify(target.DataFolder, null, []);
                if (!ledger.Ok)
                {
                    foreach (var problem in ledger.Problems)
                        Console.Error.WriteLine($"comity: the ledger does not verify: {problem}");
                    return ExitCodes.NotVerified;
                }
                // The ledger on PostgreSQL is another change; until then the servers on --store read it from the data folder.
                Console.Out.WriteLine($"the ledger stays in {Path.Combine(target.DataFolder, TransparencyLog.DatabaseFileName)} and verifies: " +
                    $"{ledger.Entries} entries, {ledger.Checkpoints} signed checkpoints, root {Convert.ToBase64String(ledger.RootHash)}");
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
