using Comity.Ledger;
using Comity.Ledger.Internal;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Comity.Storage;

/// <summary>What <see cref="LedgerMigration.Copy"/> copied, and the root both ledgers verify to.</summary>
public sealed record LedgerCopyReport(long Entries, long Checkpoints, byte[] RootHash);

/// <summary>
/// Copies a SQLite data folder's ledger into an empty PostgreSQL ledger row for row (entries byte
/// for byte with their salts, leaf tiles, every signed checkpoint, the content-addressed keys), in
/// one transaction under the ledger's lock, and checks that the copy verifies to the same tree root.
/// Entries cannot be appended again instead: each entry document carries a random salt, so a new
/// append would make other leaves and break every receipt already handed out.
/// </summary>
public static class LedgerMigration
{
    /// <exception cref="StoreMigrationException">when the source does not verify, the target holds entries, or the copy does not verify to the source's root.</exception>
    public static LedgerCopyReport Copy(string dataFolder, StoreLocation target)
    {
        if (!target.IsPostgres)
            throw new StoreMigrationException("--store: give the PostgreSQL database to copy into (postgres://user:password@host:port/database)");
        var sourceFile = Path.Combine(dataFolder, TransparencyLog.DatabaseFileName);
        if (!File.Exists(sourceFile))
            throw new StoreMigrationException($"--data {dataFolder}: there is no ledger ({TransparencyLog.DatabaseFileName}) here to copy");
        var source = TransparencyLog.Verify(dataFolder, null, []);
        if (!source.Ok)
            throw new StoreMigrationException($"the ledger in {dataFolder} does not verify ({source.Problems[0]}); it is not copied");

        // Opening makes the ledger's schema and claims the data folder's key as the one signer.
        using (TransparencyLog.Open(target)) { }
        using (var pg = new NpgsqlConnection(target.PostgresConnectionString))
        {
            pg.Open();
            using var tx = pg.BeginTransaction();
            Execute(pg, $"SELECT pg_advisory_xact_lock({PostgresLedgerStore.LockId})");
            var schema = PostgresLedgerStore.Schema;
            if ((long)new NpgsqlCommand($"SELECT COUNT(*) FROM {schema}.entries", pg).ExecuteScalar()! != 0)
                throw new StoreMigrationException($"{target}: the ledger there already holds entries; migrate copies into an empty database only");
            // The empty log's own checkpoint (and leaves, keys: none) make way for the source's, signed by the same key.
            Execute(pg, $"DELETE FROM {schema}.checkpoints; DELETE FROM {schema}.leaves; DELETE FROM {schema}.keys");
            using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sourceFile, Mode = SqliteOpenMode.ReadOnly }.ToString());
            sqlite.Open();
            CopyTable(sqlite, pg, "SELECT idx, entry FROM entries ORDER BY idx", $"{schema}.entries (idx, entry)", (w, r) => { w.Write(r.GetInt64(0)); w.Write((byte[])r[1]); });
            CopyTable(sqlite, pg, "SELECT tile, hashes FROM leaves ORDER BY tile", $"{schema}.leaves (tile, hashes)", (w, r) => { w.Write(r.GetInt64(0)); w.Write((byte[])r[1]); });
            CopyTable(sqlite, pg, "SELECT size, note FROM checkpoints ORDER BY size", $"{schema}.checkpoints (size, note)", (w, r) => { w.Write(r.GetInt64(0)); w.Write(r.GetString(1)); });
            CopyTable(sqlite, pg, "SELECT key, idx FROM keys", $"{schema}.keys (key, idx)", (w, r) => { w.Write(r.GetString(0)); w.Write(r.GetInt64(1)); });
            tx.Commit();
        }
        var copied = TransparencyLog.Verify(target, null, []);
        if (!copied.Ok || copied.Entries != source.Entries || !copied.RootHash.AsSpan().SequenceEqual(source.RootHash))
            throw new StoreMigrationException($"{target}: the copied ledger does not verify to the source's root ({(copied.Ok ? $"{copied.Entries} entries" : copied.Problems[0])}); run 'comity ledger verify --store' and start again on an empty database");
        return new LedgerCopyReport(copied.Entries, copied.Checkpoints, copied.RootHash);

        void Execute(NpgsqlConnection connection, string sql)
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }

    private static void CopyTable(SqliteConnection from, NpgsqlConnection to, string select, string table, Action<NpgsqlBinaryImporter, SqliteDataReader> row)
    {
        using var command = from.CreateCommand();
        command.CommandText = select;
        using var reader = command.ExecuteReader();
        using var writer = to.BeginBinaryImport($"COPY {table} FROM STDIN (FORMAT BINARY)");
        while (reader.Read())
        {
            writer.StartRow();
            row(writer, reader);
        }
        writer.Complete();
    }
}
