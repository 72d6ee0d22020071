using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Comity.Cases.Internal;

/// <summary>
/// Where the SQL of the case database differs between SQLite and PostgreSQL; everything else is one
/// text for both (named <c>@parameters</c>, <c>INSERT ... ON CONFLICT</c>, <c>RETURNING</c>,
/// <c>COUNT(*) FILTER</c>, <c>COLLATE NOCASE</c>: PostgreSQL's migrations create a collation of that
/// name). Each store asks its database's dialect for the few pieces that differ.
/// </summary>
internal abstract class Dialect
{
    public static readonly Dialect Sqlite = new SqliteDialect();
    public static readonly Dialect Postgres = new PostgresDialect();

    /// <summary>The embedded migrations' resource prefix (Cases/Migrations, or Cases/Migrations/postgres).</summary>
    public abstract string MigrationPrefix { get; }

    /// <summary>The text of one field of a JSON object held as text in <paramref name="column"/>.</summary>
    public abstract string JsonField(string column, string field);

    /// <summary>True when <paramref name="needle"/> occurs in <paramref name="haystack"/>, as written (no LIKE wildcards).</summary>
    public abstract string Contains(string haystack, string needle);

    /// <summary>A UTF-8 blob parameter, as text: both keep the bytes as they are.</summary>
    public abstract string TextFromUtf8(string parameter);

    /// <summary>Whether commands run many times are worth preparing on their connection.</summary>
    public abstract bool PreparesCommands { get; }

    /// <summary>Whether <paramref name="e"/> is a broken UNIQUE (or PRIMARY KEY) constraint.</summary>
    public abstract bool IsUniqueViolation(DbException e);

    private sealed class SqliteDialect : Dialect
    {
        public override string MigrationPrefix => "Comity.Cases.Migrations.";
        public override string JsonField(string column, string field) => $"json_extract({column}, '$.{field}')";
        public override string Contains(string haystack, string needle) => $"instr({haystack}, {needle}) > 0";
        public override string TextFromUtf8(string parameter) => $"CAST({parameter} AS TEXT)";
        public override bool PreparesCommands => true;
        // SQLITE_CONSTRAINT (19): the only constraints the stores can break by input are UNIQUE ones.
        public override bool IsUniqueViolation(DbException e) => e is SqliteException { SqliteErrorCode: 19 };
    }

    private sealed class PostgresDialect : Dialect
    {
        public override string MigrationPrefix => "Comity.Cases.Migrations.postgres.";
        public override string JsonField(string column, string field) => $"({column}::json ->> '{field}')";
        public override string Contains(string haystack, string needle) => $"strpos({haystack}, {needle}) > 0";
        public override string TextFromUtf8(string parameter) => $"convert_from({parameter}, 'UTF8')";
        // Each write takes a pooled connection of its own: there is no one connection to prepare on.
        public override bool PreparesCommands => false;
        public override bool IsUniqueViolation(DbException e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
    }
}
