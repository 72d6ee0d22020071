using Comity.Storage;
using Comity.Tests.Support;
using Npgsql;

namespace Comity.Tests.Storage;

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sqlite")]
    public void Nothing_or_sqlite_means_SQLite_in_the_data_folder(string? store)
    {
        var location = StoreLocation.Parse("data", store);
        Assert.False(location.IsPostgres);
        Assert.Equal(Path.GetFullPath("data"), location.DataFolder);
    }

    [Fact]
    public void A_postgres_address_becomes_a_connection_string()
    {
        var location = StoreLocation.Parse("data", "postgres://comity:s%40cret@db.example:6543/county?sslmode=require&application_name=comity-1");
        var builder = new NpgsqlConnectionStringBuilder(location.PostgresConnectionString);
        Assert.Equal(("db.example", 6543, "comity", "s@cret", "county", SslMode.Require, "comity-1"),
            (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database, builder.SslMode, builder.ApplicationName));
        Assert.Equal("PostgreSQL database county on db.example:6543", location.ToString());
    }

    [Fact]
    public void A_connection_string_is_taken_as_it_is()
    {
        var location = StoreLocation.Parse("data", "Host=/var/run/postgresql;Database=comity");
        Assert.Equal("comity", new NpgsqlConnectionStringBuilder(location.PostgresConnectionString).Database);
    }

    [Theory]
    [InlineData("mysql://x", "expected 'sqlite'")]
    [InlineData("postgres://user:hunter2@/county", "not a valid postgres:// address")]
    [InlineData("postgres://user:hunter2@db", "names no database")]
    [InlineData("Host=db;Password=hunter2;Colour=blue", "Colour")]
    [InlineData("postgres://db/county?sslmode", "has no value")]
    public void A_bad_store_says_what_is_wrong_and_never_shows_the_password(string store, string problem)
    {
        var error = Assert.Throws<StoreConfigurationException>(() => StoreLocation.Parse("data", store));
        Assert.Contains(problem, error.Message);
        Assert.StartsWith("--store ", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void The_tests_on_PostgreSQL_get_a_database_of_their_own()
    {
        using var store = TestStore.Create(StoreProvider.Postgres);
        using var connection = new NpgsqlConnection(store.Location.PostgresConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.StartsWith("comity_test_", (string)command.ExecuteScalar()!);
    }
}
