using Comity.Storage;

namespace Comity.Tests.Support;

/// <summary>The two stores Comity runs on; the provider suite runs its tests once on each.</summary>
public enum StoreProvider { Sqlite, Postgres }

/// <summary>
/// An empty store of either provider for a test: a temporary data folder, and for PostgreSQL a
/// fresh database of its own (see <see cref="PostgresDatabase"/>); both are removed on dispose.
/// </summary>
public sealed class TestStore : IDisposable
{
    private readonly PostgresDatabase? database;

    private TestStore(StoreProvider provider)
    {
        Provider = provider;
        DataFolder = Directory.CreateTempSubdirectory("comity-store-").FullName;
        database = provider == StoreProvider.Postgres ? PostgresDatabase.Create() : null;
        Location = database is null ? StoreLocation.Sqlite(DataFolder) : StoreLocation.Postgres(DataFolder, database.ConnectionString);
    }

    public StoreProvider Provider { get; }
    public string DataFolder { get; }
    public StoreLocation Location { get; }

    public static TestStore Create(StoreProvider provider) => new(provider);

    /// <summary>For <c>[MemberData]</c>: every provider, once.</summary>
    public static TheoryData<StoreProvider> Providers => new(StoreProvider.Sqlite, StoreProvider.Postgres);

    public void Dispose()
    {
        database?.Dispose();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
