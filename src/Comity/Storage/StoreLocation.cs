using Npgsql;

namespace Comity.Storage;

/// <summary>
/// Where Comity keeps its databases (the cases, users, tokens, access log and the ledger):
/// SQLite files in the data folder, the default, for one server; or one PostgreSQL database that
/// several servers share. The data folder holds the files that are not rows (the ledger's signing
/// key, the web app's data-protection keys) in either case.
/// </summary>
public sealed record StoreLocation
{
    private StoreLocation(string dataFolder, string? postgres)
    {
        DataFolder = dataFolder;
        PostgresConnectionString = postgres;
    }

    /// <summary>The data folder (absolute).</summary>
    public string DataFolder { get; }

    /// <summary>An Npgsql connection string when the databases are in PostgreSQL; null for SQLite.</summary>
    public string? PostgresConnectionString { get; }

    public bool IsPostgres => PostgresConnectionString is not null;

    public static StoreLocation Sqlite(string dataFolder) => new(Path.GetFullPath(dataFolder), null);

    public static StoreLocation Postgres(string dataFolder, string connectionString) =>
        new(Path.GetFullPath(dataFolder), Normalize(connectionString));

    /// <summary>
    /// Reads a <c>--store</c> value: empty or <c>sqlite</c> for SQLite in the data folder; a
    /// <c>postgres://user:password@host:port/database?option=value</c> (or <c>postgresql://</c>)
    /// address, or an Npgsql connection string (<c>Host=...;Database=...</c>), for PostgreSQL.
    /// </summary>
    /// <exception cref="StoreConfigurationException">when the value is neither.</exception>
    public static StoreLocation Parse(string dataFolder, string? store) =>
        string.IsNullOrWhiteSpace(store) || store.Trim().Equals("sqlite", StringComparison.OrdinalIgnoreCase)
            ? Sqlite(dataFolder)
            : Postgres(dataFolder, store.Trim());

    /// <summary>The store for logs and messages: the password is never shown.</summary>
    public override string ToString()
    {
        if (PostgresConnectionString is null)
            return $"SQLite in {DataFolder}";
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Password = null };
        return $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}";
    }

    private static string Normalize(string store)
    {
        try
        {
            var builder = store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                ? FromUri(store)
                : store.Contains('=') ? new NpgsqlConnectionStringBuilder(store) : throw Bad(store, "expected 'sqlite', a postgres:// address or an Npgsql connection string (Host=...;Database=...)");
            if (string.IsNullOrEmpty(builder.Host))
                throw Bad(store, "it names no host");
            if (string.IsNullOrEmpty(builder.Database))
                throw Bad(store, "it names no database");
            return builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw Bad(store, e.Message);
        }
    }

    private static NpgsqlConnectionStringBuilder FromUri(string store)
    {
        if (!Uri.TryCreate(store, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw Bad(store, "not a valid postgres:// address (postgres://user:password@host:port/database)");
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
            builder.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        builder.Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
                throw Bad(store, $"option '{pair}' has no value");
            // libpq's names (sslmode, application_name, connect_timeout) are Npgsql's keywords too, less the underscores.
            builder[Uri.UnescapeDataString(pair[..equals]).Replace("_", " ")] = Uri.UnescapeDataString(pair[(equals + 1)..]);
        }
        return builder;
    }

    private static StoreConfigurationException Bad(string store, string problem) =>
        new($"--store {Redact(store)}: {problem}");

    /// <summary>The value as given, with any password in a postgres:// address or a Password= keyword replaced by "***".</summary>
    private static string Redact(string store) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(store, @"(://[^:/@]*:)[^@]*@", "$1***@"),
            @"(?i)(password\s*=\s*)[^;]*", "$1***");
}
