using Npgsql;

namespace Comity.Ledger.Internal;

/// <summary>
/// The ledger's tables in PostgreSQL (schema <c>ledger</c>) and their migrations: numbered steps,
/// each applied once, recorded in <c>ledger.schema_version</c>, all under the ledger's advisory
/// lock so that servers starting together apply each step once. A step is never edited once
/// released; a change is a new step.
/// </summary>
internal static class PostgresLedgerSchema
{
    private static readonly (int Version, string Name, string Sql)[] Steps =
    [
        (1, "entries, leaves, checkpoints, keys, meta", $"""
            CREATE TABLE meta(name text PRIMARY KEY, value text NOT NULL);
            CREATE TABLE entries(idx bigint PRIMARY KEY CHECK (idx >= 0), entry bytea NOT NULL);
            CREATE TABLE leaves(tile bigint PRIMARY KEY CHECK (tile >= 0), hashes bytea NOT NULL);
            CREATE TABLE checkpoints(size bigint PRIMARY KEY CHECK (size >= 0), note text NOT NULL);
            CREATE TABLE keys(key text PRIMARY KEY, idx bigint NOT NULL);
            INSERT INTO meta(name, value) VALUES ('format', '{LedgerStore.Format}'), ('checkpoint-in-commit', '1');
            """),
    ];

    public static bool Exists(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT to_regclass('ledger.schema_version') IS NOT NULL", connection);
        return command.ExecuteScalar() is true;
    }

    /// <summary>Creates the schema or brings it up to date, and checks the stored format.</summary>
    public static void Migrate(NpgsqlConnection connection, string description)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, $"SELECT pg_advisory_xact_lock({PostgresLedgerStore.LockId})");
        Execute(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {PostgresLedgerStore.Schema};
            CREATE TABLE IF NOT EXISTS {PostgresLedgerStore.Schema}.schema_version(version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
            """);
        int current;
        using (var command = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {PostgresLedgerStore.Schema}.schema_version", connection))
            current = (int)command.ExecuteScalar()!;
        if (current > Steps[^1].Version)
            throw new LedgerException($"the ledger in {description} is at schema version {current}; this Comity knows versions up to {Steps[^1].Version}");
        foreach (var (version, name, sql) in Steps)
        {
            if (version <= current)
                continue;
            Execute(connection, sql);
            using var record = new NpgsqlCommand($"INSERT INTO {PostgresLedgerStore.Schema}.schema_version(version, name) VALUES($1, $2)", connection);
            record.Parameters.Add(new NpgsqlParameter { Value = version });
            record.Parameters.Add(new NpgsqlParameter { Value = name });
            record.ExecuteNonQuery();
        }
        using (var format = new NpgsqlCommand("SELECT value FROM meta WHERE name = 'format'", connection))
            if (format.ExecuteScalar() is not string stored || stored != LedgerStore.Format)
                throw new LedgerException($"the ledger in {description} is of format {format.ExecuteScalar() as string ?? "none"}; this Comity reads {LedgerStore.Format}");
        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
