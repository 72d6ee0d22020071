using Npgsql;

namespace Comity.Tests.Support;

/// <summary>
/// A fresh, empty PostgreSQL database of its own for one test or test class, dropped again on
/// dispose. The server comes from <c>COMITY_TEST_POSTGRES</c>, the connection string of a role that
/// may create databases (<c>eval "$(tools/postgres-for-tests)"</c> starts Debian's PostgreSQL and
/// sets it; <c>.ci/run</c> does so). Without it the classes <c>...OnPostgres</c> are reported
/// skipped, saying how to run them (<see cref="PostgresTestFramework"/>), except under CI, where
/// they fail, saying so; any other test that asks for a database fails with this message.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    public const string Variable = "COMITY_TEST_POSTGRES";

    private readonly string admin;

    private PostgresDatabase(string admin, string name)
    {
        this.admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>The database's name (comity_test_ and 16 hex digits).</summary>
    public string Name { get; }

    /// <summary>An Npgsql connection string to this database.</summary>
    public string ConnectionString { get; }

    public static PostgresDatabase Create()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
            throw new InvalidOperationException($"{Variable} is not set: run eval \"$(tools/postgres-for-tests)\" first (it starts Debian's PostgreSQL for the tests)");
        var name = $"comity_test_{Guid.NewGuid():N}"[..28];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new PostgresDatabase(admin, name);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
