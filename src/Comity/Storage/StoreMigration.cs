using System.Data.Common;
using Comity.Cases;
using Comity.Cases.Internal;

namespace Comity.Storage;

/// <summary>How many rows of one table <see cref="StoreMigration"/> copied.</summary>
public sealed record CopiedTable(string Table, long Rows);

/// <summary>What <c>comity migrate</c> copied, table by table.</summary>
public sealed record StoreMigrationReport(IReadOnlyList<CopiedTable> Tables);

/// <summary>A PostgreSQL database <c>comity migrate</c> will not write into: it already holds rows, or it is not PostgreSQL.</summary>
public sealed class StoreMigrationException(string message) : Exception(message);

/// <summary>
/// Copies a SQLite data folder's case database (cases and their events, users, tokens, the access
/// log, webhooks) into an empty PostgreSQL database, row for row, ids and ledger indexes kept, in
/// one transaction: a copy that fails leaves the target as empty as it was.
/// </summary>
public static class StoreMigration
{
    /// <summary>The tables, parents before children (the foreign keys hold at each insert). schema_version is the target's own.</summary>
    internal static readonly string[] Tables =
    [
        "identities", "cases", "case_events", "reviews", "obligations", "case_actions", "case_documents", "case_disclosures",
        "users", "api_tokens", "account_events", "access_log",
        "webhook_endpoints", "webhook_deliveries", "webhook_cursor", "projection",
        "records_particulars", "records_requests", "records_request_events",
    ];

    /// <summary>Tables whose one row the schema makes: replaced, not counted against an empty target.</summary>
    private static readonly HashSet<string> MadeBySchema = ["projection"];

    /// <exception cref="StoreMigrationException">when the target is not PostgreSQL or already holds rows.</exception>
    /// <exception cref="CaseStoreException">when either database cannot be opened.</exception>
    public static StoreMigrationReport CopyCases(string dataFolder, StoreLocation target)
    {
        if (!target.IsPostgres)
            throw new StoreMigrationException("--store: give the PostgreSQL database to copy into (postgres://user:password@host:port/database)");
        if (!File.Exists(Path.Combine(dataFolder, CaseDatabase.FileName)))
            throw new StoreMigrationException($"--data {dataFolder}: there is no case database ({CaseDatabase.FileName}) here to copy");
        // Opening brings each to the newest schema, so that both have the same columns.
        using var from = CaseDatabase.Open(StoreLocation.Sqlite(dataFolder));
        using var to = CaseDatabase.Open(target);
        using var source = from.Connect();
        using var destination = to.Connect();
        foreach (var table in Tables.Where(t => !MadeBySchema.Contains(t)))
            if (Sql.Scalar(destination, $"SELECT COUNT(*) FROM {table}") != 0)
                throw new StoreMigrationException($"{target}: the database is not empty (its {table} table has rows); migrate copies into an empty database only, so that nothing is mixed");
        using var tx = destination.BeginTransaction();
        var copied = Tables.Select(table => new CopiedTable(table, Copy(source, destination, tx, table))).ToList();
        foreach (var table in Tables)
            if (Sql.Scalar(destination, "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = @t AND column_name = 'id' AND is_identity = 'YES'", tx, ("@t", table)) != 0)
                // The next id continues after the copied ones.
                Sql.Execute(destination, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}", tx);
        Sql.Execute(destination, "SELECT setval(pg_get_serial_sequence('obligations', 'rowid'), COALESCE(MAX(rowid), 0) + 1, false) FROM obligations", tx);
        tx.Commit();
        return new StoreMigrationReport(copied);
    }

    private static long Copy(DbConnection source, DbConnection destination, DbTransaction tx, string table)
    {
        // obligations' rowid is SQLite's implicit row number, a column of its own on PostgreSQL.
        var columns = Sql.List(source, $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid", r => r.GetString(0));
        if (table == "obligations")
            columns.Insert(0, "rowid");
        if (MadeBySchema.Contains(table))
            Sql.Execute(destination, $"DELETE FROM {table}", tx);
        using var read = Sql.Command(source, $"SELECT {string.Join(", ", columns)} FROM {table} ORDER BY rowid");
        using var rows = read.ExecuteReader();
        using var insert = Sql.Command(destination, $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})", tx,
            [.. columns.Select((_, i) => ($"@p{i}", (object?)null))]);
        long count = 0;
        var values = new object[columns.Count];
        while (rows.Read())
        {
            rows.GetValues(values);
            for (var i = 0; i < values.Length; i++)
                insert.Parameters[i].Value = values[i];
            insert.ExecuteNonQuery();
            count++;
        }
        return count;
    }
}
