using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace Comity.Cases.Internal;

/// <summary>
/// Brings a case database to the newest schema: the SQL scripts in Cases/Migrations (SQLite) or
/// Cases/Migrations/postgres (PostgreSQL, the same schema in its types), named
/// <c>NNNN-what.sql</c>, run in the order of their numbers, each in its own transaction together
/// with its row in <c>schema_version</c>. Each script runs once, whichever of them a database has
/// not had yet: numbers are handed out to work done in parallel, so a build may carry 0005 before
/// 0004 lands, and a database that got 0005 first still gets 0004 later. A database that has had a
/// script this build does not know is newer than this build: refused, not touched.
/// </summary>
/// <remarks>
/// On PostgreSQL several servers may start at once on one empty database: each migrates holding
/// an advisory lock (<see cref="PostgresLock"/>), so that the scripts run once, by one of them.
/// </remarks>
internal static class Migrator
{
    /// <summary>The advisory lock the servers on one PostgreSQL database take to migrate ("Comity cases", as two 32-bit keys).</summary>
    private const string PostgresLock = "SELECT pg_advisory_lock(1131375981, 1667330917)";
    private const string PostgresUnlock = "SELECT pg_advisory_unlock(1131375981, 1667330917)";

    private static readonly Dictionary<Dialect, IReadOnlyList<(int Version, string Name, string Sql)>> ScriptsOf = new()
    {
        [Dialect.Sqlite] = LoadScripts(Dialect.Sqlite.MigrationPrefix),
        [Dialect.Postgres] = LoadScripts(Dialect.Postgres.MigrationPrefix),
    };

    /// <summary>The SQLite scripts.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts => ScriptsOf[Dialect.Sqlite];

    public static int Latest => Scripts[^1].Version;

    /// <summary>The scripts of one dialect; both carry the same numbers and names.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> ScriptsFor(Dialect dialect) => ScriptsOf[dialect];

    public static void Migrate(DbConnection connection, Dialect dialect, string where)
    {
        var postgres = dialect == Dialect.Postgres;
        if (postgres)
            Execute(connection, PostgresLock);
        try
        {
            Apply(connection, ScriptsOf[dialect], where);
        }
        finally
        {
            if (postgres)
                Execute(connection, PostgresUnlock);
        }
    }

    private static void Apply(DbConnection connection, IReadOnlyList<(int Version, string Name, string Sql)> scripts, string where)
    {
        var latest = scripts[^1].Version;
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = new HashSet<int>();
        using (var versions = connection.CreateCommand())
        {
            versions.CommandText = "SELECT version FROM schema_version";
            using var rows = versions.ExecuteReader();
            while (rows.Read())
                applied.Add(rows.GetInt32(0));
        }
        var current = applied.Count == 0 ? 0 : applied.Max();
        if (current > latest)
            throw new CaseStoreException($"{where}: the case database is at schema version {current}, newer than this build of Comity knows ({latest}); use a newer Comity");
        if (applied.FirstOrDefault(v => scripts.All(s => s.Version != v)) is var unknown and > 0)
            throw new CaseStoreException($"{where}: the case database has had schema version {unknown}, which this build of Comity does not know; use a newer Comity");
        foreach (var (version, name, sql) in scripts)
        {
            if (applied.Contains(version))
                continue;
            using var tx = connection.BeginTransaction();
            Execute(connection, sql, tx);
            Sql.Execute(connection, "INSERT INTO schema_version (version, name, applied_at) VALUES (@v, @n, @t)", tx,
                ("@v", version), ("@n", name), ("@t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            tx.Commit();
        }
    }

    private static void Execute(DbConnection connection, string sql, DbTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<(int, string, string)> LoadScripts(string prefix)
    {
        var assembly = typeof(Migrator).Assembly;
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
                continue;
            var name = resource[prefix.Length..^".sql".Length];
            if (name.Contains('.', StringComparison.Ordinal))
                continue; // another dialect's folder beneath this one
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new InvalidOperationException($"migration {resource} is not named NNNN-what.sql");
            scripts.Add((version, name, Read(assembly, resource)));
        }
        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        for (var i = 1; i < scripts.Count; i++)
            if (scripts[i].Item1 == scripts[i - 1].Item1)
                throw new InvalidOperationException($"two migrations are numbered {scripts[i].Item1}: {scripts[i - 1].Item2} and {scripts[i].Item2}");
        return scripts;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
