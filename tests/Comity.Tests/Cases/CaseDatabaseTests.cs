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
    public void A_file_that_is_not_a_database_is_refused_with_its_path()
    {
        using var dir = Repo.TempDir();
        File.WriteAllText(Path.Combine(dir.Path, CaseDatabase.FileName), "this is not SQLite, just some text that is long enough to have a header");
        var e = Assert.Throws<CaseStoreException>(() => CaseDatabase.Open(dir.Path));
        Assert.Contains(CaseDatabase.FileName, e.Message);
    }
}
