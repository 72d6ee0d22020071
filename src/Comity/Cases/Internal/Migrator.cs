using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Comity.Cases.Internal;

/// <summary>
/// Brings a case database to the newest schema: the SQL scripts in Cases/Migrations, named
/// <c>NNNN-what.sql</c>, run in the order of their numbers, each in its own transaction together
/// with its row in <c>schema_version</c>. Every script whose number the database has not recorded
/// is run, not only those above the highest: engineers take numbers in advance and their branches
/// land in any order, so a database made on one branch (1, 2, 3, 6) gets 4 and 5 when they arrive.
/// A database that recorded a number this build does not know is newer than it: refused, not touched.
/// </summary>
internal static class Migrator
{
    private const string Prefix = "Comity.Cases.Migrations.";

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    public static int Latest => Scripts[^1].Version;

    public static void Migrate(SqliteConnection connection, string path)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = new HashSet<int>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT version FROM schema_version";
            using var reader = read.ExecuteReader();
            while (reader.Read())
                applied.Add(reader.GetInt32(0));
        }
        if (applied.FirstOrDefault(v => !Scripts.Any(s => s.Version == v)) is var unknown and > 0)
            throw new CaseStoreException($"{path}: the case database is at schema version {unknown}, which this build of Comity does not know (it knows up to {Latest}); use a newer Comity");
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
        // Numbers are taken in advance, so a branch may lack one below its own for a while; two
        // scripts with one number would each think the other ran.
        for (var i = 1; i < scripts.Count; i++)
            if (scripts[i].Item1 == scripts[i - 1].Item1)
                throw new InvalidOperationException($"migrations {scripts[i - 1].Item2} and {scripts[i].Item2} have the same number");
        return scripts;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
