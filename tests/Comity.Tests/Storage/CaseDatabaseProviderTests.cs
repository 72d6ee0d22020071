using System.Data.Common;
using Comity.Cases;
using Comity.Cases.Internal;
using Comity.Tests.Support;
using Npgsql;

namespace Comity.Tests.Storage;

/// <summary>The case database on each provider: created at the newest schema, the same schema on both, refused when newer.</summary>
public sealed class CaseDatabaseProviderTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Opening_creates_the_newest_schema_and_reopening_keeps_it(StoreProvider provider)
    {
        using var store = TestStore.Create(provider);
        using (var db = CaseDatabase.Open(store.Location))
        {
            Assert.Equal(Migrator.Latest, db.SchemaVersion);
            Assert.Equal(provider == StoreProvider.Postgres, db.IsPostgres);
        }
        using (var db = CaseDatabase.Open(store.Location))
            Assert.Equal(Migrator.Latest, db.SchemaVersion);
        Assert.Equal(provider == StoreProvider.Sqlite, File.Exists(Path.Combine(store.DataFolder, CaseDatabase.FileName)));
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        Assert.Equal(Migrator.ScriptsFor(Dialect.Sqlite).Select(s => s.Name), Migrator.ScriptsFor(Dialect.Postgres).Select(s => s.Name));
    }

    [Fact]
    public void PostgreSQL_has_the_tables_and_columns_of_SQLite()
    {
        using var sqlite = TestStore.Create(StoreProvider.Sqlite);
        using var postgres = TestStore.Create(StoreProvider.Postgres);
        Dictionary<string, string[]> fromSqlite, fromPostgres;
        using (var db = CaseDatabase.Open(sqlite.Location))
            fromSqlite = db.Read(c => Columns(c, """
                SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                """));
        using (var db = CaseDatabase.Open(postgres.Location))
            fromPostgres = db.Read(c => Columns(c, """
                SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'
                """));
        Assert.Equal(fromSqlite.Keys.Order(), fromPostgres.Keys.Order());
        foreach (var (table, columns) in fromSqlite)
            Assert.Equal(columns.Append(table == "obligations" ? "rowid" : null).OfType<string>().Order(), fromPostgres[table].Order());
    }

    [Fact]
    public void A_PostgreSQL_database_from_a_newer_comity_is_refused_untouched()
    {
        using var store = TestStore.Create(StoreProvider.Postgres);
        using (CaseDatabase.Open(store.Location))
        {
        }
        using (var raw = new NpgsqlConnection(store.Location.PostgresConnectionString))
        {
            raw.Open();
            using var bump = new NpgsqlCommand("INSERT INTO schema_version (version, name, applied_at) VALUES (99, '0099-future', 'x')", raw);
            bump.ExecuteNonQuery();
        }
        var e = Assert.Throws<CaseStoreException>(() => CaseDatabase.Open(store.Location));
        Assert.Contains("schema version 99", e.Message);
        Assert.DoesNotContain("Password", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Several_servers_opening_one_empty_PostgreSQL_database_at_once_migrate_it_once()
    {
        using var store = TestStore.Create(StoreProvider.Postgres);
        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => CaseDatabase.Open(store.Location))));
        foreach (var db in opened)
            db.Dispose();
        using var reopened = CaseDatabase.Open(store.Location);
        Assert.Equal(Migrator.Latest, reopened.Read(c => Sql.Scalar(c, "SELECT COUNT(*) FROM schema_version")));
    }

    [Fact]
    public void An_unreachable_PostgreSQL_is_a_case_store_error_naming_it_without_its_password()
    {
        using var dir = Comity.Tests.Cli.Support.Repo.TempDir();
        var location = Comity.Storage.StoreLocation.Parse(dir.Path, "postgres://comity:hunter2@127.0.0.1:1/county?timeout=2");
        var e = Assert.Throws<CaseStoreException>(() => CaseDatabase.Open(location));
        Assert.Contains("PostgreSQL database county on 127.0.0.1:1", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    private static Dictionary<string, string[]> Columns(DbConnection connection, string sql) =>
        Sql.List(connection, sql, r => (Table: r.GetString(0), Column: r.GetString(1)))
            .GroupBy(p => p.Table).ToDictionary(g => g.Key, g => g.Select(p => p.Column).ToArray());
}
