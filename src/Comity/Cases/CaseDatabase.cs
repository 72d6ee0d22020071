using Comity.Cases.Internal;
using Microsoft.Data.Sqlite;

namespace Comity.Cases;

/// <summary>
/// The case database, <c>&lt;data&gt;/comity.db</c>: one SQLite file in WAL mode, created and brought
/// to the newest schema when opened. Readers each take a pooled connection and run beside the
/// writer; writes go through one connection, one transaction at a time.
/// </summary>
/// <remarks>
/// Commits are not flushed to the disk one by one (<c>synchronous=NORMAL</c>): a killed process loses
/// nothing committed, and after a power cut the few rows lost are rebuilt from the ledger, which is
/// the durable record (each row names its ledger entry).
/// </remarks>
public sealed class CaseDatabase : IDisposable
{
    public const string FileName = "comity.db";

    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly string _connectionString;

    private CaseDatabase(string path, string connectionString, SqliteConnection writer)
    {
        Path = path;
        _connectionString = connectionString;
        _writer = writer;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when absent) <c>comity.db</c> in <paramref name="dataFolder"/>, which is created too; both owner-only (<see cref="Comity.Ledger.OwnerOnly"/>).</summary>
    /// <exception cref="CaseStoreException">when the file is not a Comity case database this build can use.</exception>
    public static CaseDatabase Open(string dataFolder)
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
            Migrator.Migrate(writer, path);
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

    /// <summary>The schema version the file is at after opening.</summary>
    public int SchemaVersion => Read(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    internal T Read<T>(Func<SqliteConnection, T> query)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return query(connection);
    }

    internal T Write<T>(Func<SqliteConnection, SqliteTransaction, T> change)
    {
        lock (_writeLock)
        {
            using var tx = _writer.BeginTransaction();
            var result = change(_writer, tx);
            tx.Commit();
            return result;
        }
    }

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        lock (_writeLock)
            _writer.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }
}
