using Comity.Cases;
using Comity.Tests.Cli.Support;
using Microsoft.Data.Sqlite;

namespace Comity.Tests.Cases;

public sealed class CaseDatabaseTests
{
    [Fact]
    public void Opening_creates_the_file_in_wal_mode_at_the_newest_schema_and_reopening_keeps_it()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        using (var db = CaseDatabase.Open(data))
            Assert.Equal(Comity.Cases.Internal.Migrator.Latest, db.SchemaVersion);
        using (var db = CaseDatabase.Open(data))
            Assert.Equal(Comity.Cases.Internal.Migrator.Latest, db.SchemaVersion);
        using var raw = new SqliteConnection($"Data Source={Path.Combine(data, CaseDatabase.FileName)};Pooling=false");
        raw.Open();
        using var mode = raw.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar());
    }

    [Fact]
    public void A_database_from_a_newer_comity_is_refused_untouched()
    {
        using var dir = Repo.TempDir();
        using (CaseDatabase.Open(dir.Path))
        {
        }
        var file = Path.Combine(dir.Path, CaseDatabase.FileName);
        using (var raw = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            raw.Open();
            using var bump = raw.CreateCommand();
            bump.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES (99, '0099-future', 'x')";
            bump.ExecuteNonQuery();
        }
        var e = Assert.Throws<CaseStoreException>(() => CaseDatabase.Open(dir.Path));
        Assert.Contains("schema version 99", e.Message);
    }

    [Fact]
    public void A_script_numbered_below_the_highest_that_the_database_lacks_is_run_when_it_arrives()
    {
        // Numbers are taken in advance and branches land in any order: a database made where 0006
        // existed and 0003 did not yet is brought up when 0003 arrives. Simulated by undoing 0003.
        using var dir = Repo.TempDir();
        using (CaseDatabase.Open(dir.Path))
        {
        }
        using (var raw = new SqliteConnection($"Data Source={Path.Combine(dir.Path, CaseDatabase.FileName)};Pooling=false"))
        {
            raw.Open();
            using var undo = raw.CreateCommand();
            undo.CommandText = """
                DROP INDEX obligations_open_due;
                ALTER TABLE obligations DROP COLUMN kind; ALTER TABLE obligations DROP COLUMN owed_to;
                ALTER TABLE obligations DROP COLUMN due_basis; ALTER TABLE obligations DROP COLUMN due_at;
                ALTER TABLE cases DROP COLUMN referred_items; ALTER TABLE cases DROP COLUMN waiting_since;
                DELETE FROM schema_version WHERE version = 3;
                """;
            undo.ExecuteNonQuery();
        }
        using (var db = CaseDatabase.Open(dir.Path))
            Assert.Equal(Comity.Cases.Internal.Migrator.Latest, db.SchemaVersion);
        using var check = new SqliteConnection($"Data Source={Path.Combine(dir.Path, CaseDatabase.FileName)};Pooling=false");
        check.Open();
        using var versions = check.CreateCommand();
        versions.CommandText = "SELECT COUNT(*) FROM schema_version WHERE version = 3";
        Assert.Equal(1L, versions.ExecuteScalar());
        using var column = check.CreateCommand();
        column.CommandText = "SELECT COUNT(*) FROM pragma_table_info('obligations') WHERE name = 'due_at'";
        Assert.Equal(1L, column.ExecuteScalar());
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_with_its_path()
    {
        using var dir = Repo.TempDir();
        File.WriteAllText(Path.Combine(dir.Path, CaseDatabase.FileName), "this is not SQLite, just some text that is long enough to have a header");
        var e = Assert.Throws<CaseStoreException>(() => CaseDatabase.Open(dir.Path));
        Assert.Contains(CaseDatabase.FileName, e.Message);
    }
}
