using System.Data.Common;
using Comity.Cases.Internal;
using Comity.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Comity.Cases;

/// <summary>
/// The case database: by default <c>&lt;data&gt;/comity.db</c>, one SQLite file in WAL mode; or
/// the tables of a PostgreSQL database that several servers share (<see cref="StoreLocation"/>).
/// Either is created and brought to the newest schema when opened, and the stores above it run the
/// same SQL on both (<see cref="Dialect"/> holds the few pieces that differ).
/// </summary>
/// <remarks>
/// On SQLite, readers each take a pooled connection and run beside the writer; writes go through
/// one connection, one transaction at a time. Commits are not flushed to the disk one by one
/// (<c>synchronous=NORMAL</c>): a killed process loses nothing committed, and after a power cut the
/// few rows lost are rebuilt from the ledger, which is the durable record (each row names its
/// ledger entry). On PostgreSQL every read and every write takes a pooled connection of its own;
/// writes from several servers run side by side, each in its own transaction.
/// </remarks>
public sealed class CaseDatabase : IDisposable
{
    public const string FileName = "comity.db";

    private readonly SqliteConnection? _writer;
    private readonly NpgsqlDataSource? _postgres;
    private readonly Lock _writeLock = new();
    private readonly string _connectionString;

    private CaseDatabase(string path, string connectionString, SqliteConnection writer)
    {
        Path = path;
        _connectionString = connectionString;
        _writer = writer;
        Dialect = Dialect.Sqlite;
    }

    private CaseDatabase(string description, NpgsqlDataSource postgres)
    {
        Path = description;
        _connectionString = postgres.ConnectionString;
        _postgres = postgres;
        Dialect = Dialect.Postgres;
    }

    /// <summary>The database file (SQLite), or which PostgreSQL database it is (never its password).</summary>
    public string Path { get; }

    /// <summary>Whether the tables are in PostgreSQL.</summary>
    public bool IsPostgres => _postgres is not null;

    internal Dialect Dialect { get; }

    /// <summary>Opens (creating when absent) <c>comity.db</c> in <paramref name="dataFolder"/>, which is created too; both owner-only (<see cref="Comity.Ledger.OwnerOnly"/>).</summary>
    /// <exception cref="CaseStoreException">when the file is not a Comity case database this build can use.</exception>
    public static CaseDatabase Open(string dataFolder) => Open(StoreLocation.Sqlite(dataFolder));

    /// <summary>Opens the case database where <paramref name="store"/> says, creating its tables when absent.</summary>
    /// <exception cref="CaseStoreException">when it is not a Comity case database this build can use, or PostgreSQL cannot be reached.</exception>
    public static CaseDatabase Open(StoreLocation store) =>
        store.PostgresConnectionString is { } postgres ? OpenPostgres(store, postgres) : OpenSqlite(store.DataFolder);

    private static CaseDatabase OpenSqlite(string dataFolder)
    {
        Comity.Ledger.OwnerOnly.CreateFolder(dataFolder);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataFolder, FileName));
        Comity.Ledger.OwnerOnly.PrepareDatabase(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        try
        {
            writer.Open();
            Pragma(writer, "PRAGMA journal_mode=WAL");
            Pragma(writer, "PRAGMA synchronous=NORMAL");
            Migrator.Migrate(writer, Dialect.Sqlite, path);
            Comity.Ledger.OwnerOnly.Tighten(path + "-wal", path + "-shm");
        }
        catch (SqliteException e)
        {
            writer.Dispose();
            throw new CaseStoreException($"{path}: cannot open the case database: {e.Message}", e);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
        return new CaseDatabase(path, connectionString, writer);
    }

    private static CaseDatabase OpenPostgres(StoreLocation store, string connectionString)
    {
        var description = store.ToString();
        var source = PostgresConnections.Open(new NpgsqlConnectionStringBuilder(connectionString));
        try
        {
            using var connection = source.OpenConnection();
            Migrator.Migrate(connection, Dialect.Postgres, description);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            source.Dispose();
            throw new CaseStoreException($"{description}: cannot open the case database: {e.Message}", e);
        }
        catch
        {
            source.Dispose();
            throw;
        }
        return new CaseDatabase(description, source);
    }

    /// <summary>The schema version the database is at after opening.</summary>
    public int SchemaVersion => Read(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    internal T Read<T>(Func<DbConnection, T> query)
    {
        using var connection = Connect();
        return query(connection);
    }

    internal T Write<T>(Func<DbConnection, DbTransaction, T> change)
    {
        if (_writer is null)
        {
            using var connection = Connect();
            using var ptx = connection.BeginTransaction();
            var written = change(connection, ptx);
            ptx.Commit();
            return written;
        }
        lock (_writeLock)
        {
            using var tx = _writer.BeginTransaction();
            var result = change(_writer, tx);
            tx.Commit();
            return result;
        }
    }

    /// <summary>A new open connection (pooled) to the database, for a reader or a copy.</summary>
    internal DbConnection Connect()
    {
        if (_postgres is not null)
            return _postgres.OpenConnection();
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (_postgres is not null)
        {
            _postgres.Dispose();
            return;
        }
        lock (_writeLock)
            _writer!.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }
}
