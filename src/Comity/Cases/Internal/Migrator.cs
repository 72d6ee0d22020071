using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Comity.Cases.Internal;

/// <summary>
/// Brings a case database to the newest schema: the SQL scripts in Cases/Migrations, named
/// <c>NNNN-what.sql</c>, run in the order of their numbers, each in its own transaction together
/// with its row in <c>schema_version</c>. Each script runs once, whichever of them a database has
/// not had yet: numbers are handed out to work done in parallel, so a build may carry 0005 before
/// 0004 lands, and a database that got 0005 first still gets 0004 later. A database that has had a
/// script this build does not know is newer than this build: refused, not touched.
/// </summary>
internal static class Migrator
{
    private const string Prefix = "Comity.Cases.Migrations.";

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    public static int Latest => Scripts[^1].Version;

    public static void Migrate(SqliteConnection connection, string path)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var current = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current > Latest)
            throw new CaseStoreException($"{path}: the case database is at schema version {current}, newer than this build of Comity knows ({Latest}); use a newer Comity");
        var applied = new HashSet<int>();
        using (var versions = connection.CreateCommand())
        {
            versions.CommandText = "SELECT version FROM schema_version";
            using var rows = versions.ExecuteReader();
            while (rows.Read())
                applied.Add(rows.GetInt32(0));
        }
        if (applied.FirstOrDefault(v => Scripts.All(s => s.Version != v)) is var unknown and > 0)
            throw new CaseStoreException($"{path}: the case database has had schema version {unknown}, which this build of Comity does not know; use a newer Comity");
        foreach (var (version, name, sql) in Scripts)
        {
            if (applied.Contains(version))
                continue;
            using var tx = connection.BeginTransaction();
            Execute(connection, sql, tx);
            using var mark = connection.CreateCommand();
            mark.Transaction = tx;
            mark.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $n, $t)";
            mark.Parameters.AddWithValue("$v", version);
            mark.Parameters.AddWithValue("$n", name);
            mark.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            mark.ExecuteNonQuery();
            tx.Commit();
        }
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = typeof(Migrator).Assembly;
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
                continue;
            var name = resource[Prefix.Length..^".sql".Length];
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
