using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Comity.Ledger.Internal;

/// <summary>
/// The ledger's SQLite file (WAL, synchronous=FULL: a commit is on disk before it returns), with
/// the tables <see cref="LedgerStore"/> names; the key index is written in the same transaction
/// as its entry. One process writes (the data folder's lock file), on one connection; reads use
/// their own.
/// </summary>
internal sealed class SqliteLedgerStore : LedgerStore
{
    private readonly SqliteConnection connection;
    private readonly sqlite3_stmt? insertEntry;
    private readonly WalCheckpointer? checkpointer;
    private readonly SqliteCommand upsertLeaves;
    private readonly SqliteCommand insertKey;
    private readonly SqliteCommand insertCheckpoint;

    private SqliteLedgerStore(string path, bool readOnly)
    {
        Path = path;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        ReaderConnectionString = new SqliteConnectionStringBuilder(ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
        connection = new SqliteConnection(ConnectionString);
        connection.Open();
        if (!readOnly)
        {
            // Decision entries of about 1.1 KB waste a sixth of a 4 KB page (three fit); an 8 KB
            // page holds seven. Larger pages pack entries no better but cost more per commit:
            // every commit rewrites its last, partly filled pages (entries, leaf tile, checkpoint,
            // header) in the WAL. Takes effect only when the file is created.
            Execute("PRAGMA page_size=8192");
            Execute("PRAGMA journal_mode=WAL");
            Execute("PRAGMA synchronous=FULL");
            // The WAL is folded into the database by a thread of its own (see WalCheckpointer),
            // not by whichever commit crosses the threshold: appenders never wait for it.
            Execute("PRAGMA wal_autocheckpoint=0");
            Execute("""
                CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS entries(idx INTEGER PRIMARY KEY, entry BLOB NOT NULL);
                CREATE TABLE IF NOT EXISTS leaves(tile INTEGER PRIMARY KEY, hashes BLOB NOT NULL);
                CREATE TABLE IF NOT EXISTS checkpoints(size INTEGER PRIMARY KEY, note TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS keys(key TEXT PRIMARY KEY, idx INTEGER NOT NULL);
                """);
            var format = Meta("format");
            if (format is null)
                SetMeta("format", Format);
            else if (format != Format)
                throw new LedgerException($"{path} is a ledger of format {format}; this Comity reads {Format}");
        }
        // The one statement run per entry goes straight to SQLite: ADO.NET's per-command
        // bookkeeping cost more than the insert itself.
        if (!readOnly)
        {
            insertEntry = Prepare("INSERT INTO entries(idx, entry) VALUES(?1, ?2)");
            checkpointer = new WalCheckpointer(ConnectionString);
        }
        insertKey = Command("INSERT OR IGNORE INTO keys(key, idx) VALUES($key, $idx)", "$key", "$idx");
        upsertLeaves = Command("INSERT OR REPLACE INTO leaves(tile, hashes) VALUES($tile, $hashes)", "$tile", "$hashes");
        insertCheckpoint = Command("INSERT OR REPLACE INTO checkpoints(size, note) VALUES($size, $note)", "$size", "$note");
    }

    public override string Path { get; }
    private string ConnectionString { get; }
    private string ReaderConnectionString { get; }

    public static new SqliteLedgerStore Open(string path, bool readOnly)
    {
        if (readOnly && !File.Exists(path))
            throw new LedgerException($"there is no ledger at {path}");
        try
        {
            return new SqliteLedgerStore(path, readOnly);
        }
        catch (SqliteException e)
        {
            throw new LedgerException($"{path} cannot be opened as a ledger: {e.Message}", e);
        }
    }

    public override string? Meta(string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() as string;
    }

    public override void SetMeta(string name, string value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO meta(name, value) VALUES($name, $value)";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    /// <summary>Appends every stored leaf hash to <paramref name="tree"/> (empty: one writer, so it is loaded once, on opening); the rows must be whole tiles but the last.</summary>
    public override void LoadLeaves(HashTree tree)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tile, hashes FROM leaves ORDER BY tile";
        using var reader = command.ExecuteReader();
        long expected = 0;
        var partial = false;
        while (reader.Read())
        {
            var tile = reader.GetInt64(0);
            var hashes = (byte[])reader.GetValue(1);
            if (tile != expected || partial || hashes.Length == 0 || hashes.Length % Merkle.HashSize != 0 || hashes.Length > TileWidth * Merkle.HashSize)
                throw new LedgerException($"{Path}: the stored leaf hashes are damaged at tile {tile}; run 'comity ledger verify'");
            partial = hashes.Length < TileWidth * Merkle.HashSize;
            for (var i = 0; i < hashes.Length; i += Merkle.HashSize)
                tree.Append(hashes.AsSpan(i, Merkle.HashSize));
            expected++;
        }
        tree.Publish();
    }

    /// <summary>One more than the highest entry index stored (0 when empty).</summary>
    public override long EntryCount()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(idx) FROM entries";
        return command.ExecuteScalar() is long max ? max + 1 : 0;
    }

    public override (long Size, string Note)? LatestCheckpoint()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>
    /// Writes entries <paramref name="first"/>.. (already appended to <paramref name="tree"/>, not
    /// yet published), their leaf tiles and the checkpoint that signs them, in one durable transaction.
    /// </summary>
    /// <param name="keys">The key of each entry that has one (see <see cref="LedgerEntry.Key"/>), by position; null when none has.</param>
    public override void Commit(IReadOnlyList<byte[]> documents, long first, HashTree tree, Checkpoint checkpoint, IReadOnlyList<string?>? keys = null)
    {
        var insertEntry = this.insertEntry ?? throw new InvalidOperationException("the store was opened read-only");
        using var transaction = connection.BeginTransaction(deferred: false);
        upsertLeaves.Transaction = transaction;
        insertCheckpoint.Transaction = transaction;
        insertKey.Transaction = transaction;
        for (var i = 0; i < documents.Count; i++)
        {
            Check(raw.sqlite3_bind_int64(insertEntry, 1, first + i));
            Check(raw.sqlite3_bind_blob(insertEntry, 2, documents[i]));
            var step = raw.sqlite3_step(insertEntry);
            raw.sqlite3_reset(insertEntry);
            if (step != raw.SQLITE_DONE)
                Check(step);
            if (keys?[i] is { } key)
            {
                insertKey.Parameters[0].Value = key;
                insertKey.Parameters[1].Value = first + i;
                insertKey.ExecuteNonQuery();
            }
        }
        var end = first + documents.Count;
        for (var tile = first / TileWidth; tile * TileWidth < end; tile++)
        {
            var start = tile * TileWidth;
            var width = (int)Math.Min(TileWidth, end - start);
            upsertLeaves.Parameters[0].Value = tile;
            upsertLeaves.Parameters[1].Value = tree.Nodes(0, start, width).ToArray();
            upsertLeaves.ExecuteNonQuery();
        }
        WriteCheckpoint(checkpoint);
        transaction.Commit();
        checkpointer!.Wrote();
    }

    /// <summary>Between two transactions of the writer: lets the WAL start again from its beginning (see <see cref="WalCheckpointer"/>).</summary>
    public override void CatchUpWal() => checkpointer?.CatchUp(connection.Handle!);

    /// <summary>The WAL checkpointer's completed background passes (for tests).</summary>
    public override int WalPasses => checkpointer?.Passes ?? 0;

    /// <summary>Stores a checkpoint on its own (when a ledger is created, or an old store's unsigned tail is signed on opening).</summary>
    public override void StoreCheckpoint(Checkpoint checkpoint)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        insertCheckpoint.Transaction = transaction;
        WriteCheckpoint(checkpoint);
        transaction.Commit();
    }

    private void WriteCheckpoint(Checkpoint checkpoint)
    {
        insertCheckpoint.Parameters[0].Value = checkpoint.Size;
        insertCheckpoint.Parameters[1].Value = checkpoint.Note;
        insertCheckpoint.ExecuteNonQuery();
    }

    public override bool IsTaken(Exception error) =>
        error is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) == 19; // SQLITE_CONSTRAINT

    public override (System.Data.Common.DbConnection Connection, System.Data.Common.DbTransaction Snapshot) OpenSnapshot()
    {
        var reader = OpenReader();
        return (reader, reader.BeginTransaction(deferred: true));
    }

    public override bool HasKeys(System.Data.Common.DbConnection connection)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'keys'";
        return exists.ExecuteScalar() is long n && n > 0;
    }

    /// <summary>A connection of its own for a reader (pooled), so reads never wait for the writer.</summary>
    public SqliteConnection OpenReader()
    {
        var reader = new SqliteConnection(ReaderConnectionString);
        reader.Open();
        return reader;
    }

    /// <summary>The index recorded with a key, or null (also for a store written before keys were kept: it holds none).</summary>
    public override long? FindKey(string key)
    {
        using var reader = OpenReader();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT idx FROM keys WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        try
        {
            return command.ExecuteScalar() is long index ? index : null;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1) // no such table: a store no writer of this version has opened
        {
            return null;
        }
    }

    /// <summary>Every key starting with <paramref name="prefix"/> and its index, in index order (none for a store written before keys were kept).</summary>
    public override IReadOnlyList<(string Key, long Index)> FindKeys(string prefix)
    {
        using var reader = OpenReader();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT key, idx FROM keys WHERE substr(key, 1, length($prefix)) = $prefix ORDER BY idx";
        command.Parameters.AddWithValue("$prefix", prefix);
        var found = new List<(string, long)>();
        try
        {
            using var rows = command.ExecuteReader();
            while (rows.Read())
                found.Add((rows.GetString(0), rows.GetInt64(1)));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1) // no such table: a store no writer of this version has opened
        {
        }
        return found;
    }

    public override byte[]? ReadEntry(long index)
    {
        using var reader = OpenReader();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT entry FROM entries WHERE idx = $idx";
        command.Parameters.AddWithValue("$idx", index);
        return command.ExecuteScalar() as byte[];
    }

    public override IEnumerable<(long Index, byte[] Entry)> ReadEntries(long from)
    {
        using var reader = OpenReader();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT idx, entry FROM entries WHERE idx >= $from ORDER BY idx";
        command.Parameters.AddWithValue("$from", from);
        using var rows = command.ExecuteReader();
        while (rows.Read())
            yield return (rows.GetInt64(0), (byte[])rows.GetValue(1));
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement));
        return statement;
    }

    private void Check(int code)
    {
        if (code != raw.SQLITE_OK)
            throw new SqliteException($"SQLite Error {code}: '{raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}'.", code);
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = p });
        return command;
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        checkpointer?.Dispose();
        insertEntry?.Dispose();
        upsertLeaves.Dispose();
        insertKey.Dispose();
        insertCheckpoint.Dispose();
        // Pooled connections would keep the file open: close them, so the last close folds the WAL into the database.
        using (var reader = new SqliteConnection(ReaderConnectionString))
            SqliteConnection.ClearPool(reader);
        SqliteConnection.ClearPool(connection);
        connection.Dispose();
    }
}
