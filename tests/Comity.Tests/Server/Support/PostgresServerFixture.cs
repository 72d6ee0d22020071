using Comity.Tests.Support;

namespace Comity.Tests.Server.Support;

/// <summary>
/// <see cref="ServerFixture"/> with its databases in a fresh PostgreSQL database of its own
/// (<c>Comity:Store</c>), dropped when the fixture is disposed: the provider suite's server.
/// </summary>
public sealed class PostgresServerFixture : ServerFixture
{
    // Made before the base constructor builds the server, which reads Settings().
    private readonly PostgresDatabase database = PostgresDatabase.Create();

    protected override IEnumerable<(string Key, string Value)> Settings() => [("Comity:Store", database.ConnectionString)];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            database.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        database.Dispose();
    }
}
