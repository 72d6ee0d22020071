using System.Data;
using System.Data.Common;
using Comity.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Comity.Ledger.Internal;

/// <summary>
/// The ledger's tables in a PostgreSQL database several servers append to, in the schema
/// <c>ledger</c> (beside the cases' tables), brought up to date by <see cref="PostgresLedgerSchema"/>.
/// <para>
/// Sequencing happens in the database: each batch of a writer is one transaction that first takes
/// the transaction-level advisory lock <see cref="LockId"/>; under it the writer reads the leaf
/// hashes other servers committed since its last batch, appends its entries after them, signs the
/// checkpoint and inserts it with them, and commits. The lock goes with the commit, or with the
/// connection when a server dies, so another server goes on at once: there is no leader to elect.
/// A server that lost its connection cannot commit, so nothing it signed is ever stored. The
/// primary keys (an entry's index, a checkpoint's size) make a second entry at one index or a
/// second checkpoint of one size impossible in the database itself, lock or no lock.
/// </para>
/// </summary>
internal sealed class PostgresLedgerStore : LedgerStore
{
    /// <summary>The advisory lock the writers of one database take for each batch ("ComityLG"); a database holds one ledger.</summary>
    public const long LockId = 0x436F6D6974794C47;

    public const string Schema = "ledger";

    private readonly NpgsqlDataSource dataSource;
    private NpgsqlConnection? batchConnection;
    private NpgsqlTransaction? batchTransaction;

    private PostgresLedgerStore(string connectionString, string description)
    {
        Path = description;
        // Unqualified names are the ledger's tables, so the verifier's SQL is the same on both stores.
        dataSource = PostgresConnections.Open(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = Schema });
    }

    public override string Path { get; }

    public override bool Shared => true;

    /// <param name="description">The database for messages, without its password.</param>
    public static PostgresLedgerStore Open(string connectionString, string description, bool readOnly)
    {
        var store = new PostgresLedgerStore(connectionString, description);
        try
        {
            using var connection = store.dataSource.OpenConnection();
            if (readOnly)
            {
                if (!PostgresLedgerSchema.Exists(connection))
                    throw new LedgerException($"there is no ledger in {description}");
            }
            else
                PostgresLedgerSchema.Migrate(connection, description);
            return store;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            store.Dispose();
            throw new LedgerException($"{description} cannot be opened as a ledger: {e.Message}", e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public override string? Meta(string name)
    {
        using var command = dataSource.CreateCommand("SELECT value FROM meta WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return command.ExecuteScalar() as string;
    }

    public override void SetMeta(string name, string value)
    {
        using var command = dataSource.CreateCommand("INSERT INTO meta(name, value) VALUES($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        command.ExecuteNonQuery();
    }

    /// <summary>Under the log's lock: of two servers creating the ledger at once, the first one's value stays.</summary>
    public override string ClaimMeta(string name, string value)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        TakeLock(connection, transaction);
        using var read = new NpgsqlCommand("SELECT value FROM meta WHERE name = $1", connection, transaction);
        read.Parameters.Add(new NpgsqlParameter { Value = name });
        if (read.ExecuteScalar() is string stored)
            return stored;
        using var insert = new NpgsqlCommand("INSERT INTO meta(name, value) VALUES($1, $2)", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = name });
        insert.Parameters.Add(new NpgsqlParameter { Value = value });
        insert.ExecuteNonQuery();
        transaction.Commit();
        return value;
    }

    /// <summary>The ledger's advisory lock, until the transaction ends (or the connection dies).</summary>
    private static void TakeLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockId})", connection, transaction);
        command.ExecuteNonQuery();
    }

    public override void LoadLeaves(HashTree tree)
    {
        using var connection = dataSource.OpenConnection();
        LoadLeaves(connection, tree);
    }

    /// <summary>Appends the committed leaf hashes beyond the tree's size (it holds nothing unpublished) and publishes them.</summary>
    private void LoadLeaves(NpgsqlConnection connection, HashTree tree)
    {
        var known = tree.Appended;
        using var command = new NpgsqlCommand("SELECT tile, hashes FROM leaves WHERE tile >= $1 ORDER BY tile", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = known / TileWidth });
        AppendLeaves(command, tree, known);
    }

    private void AppendLeaves(NpgsqlCommand command, HashTree tree, long known)
    {
        using var reader = command.ExecuteReader();
        var expected = known / TileWidth;
        var partial = false;
        while (reader.Read())
        {
            var tile = reader.GetInt64(0);
            var hashes = reader.GetFieldValue<byte[]>(1);
            var skip = tile * TileWidth < known ? (int)(known - tile * TileWidth) * Merkle.HashSize : 0;
            if (tile != expected || partial || hashes.Length == 0 || hashes.Length % Merkle.HashSize != 0 || hashes.Length > TileWidth * Merkle.HashSize || hashes.Length < skip)
                throw new LedgerException($"{Path}: the stored leaf hashes are damaged at tile {tile}; run 'comity ledger verify'");
            partial = hashes.Length < TileWidth * Merkle.HashSize;
            for (var i = skip; i < hashes.Length; i += Merkle.HashSize)
                tree.Append(hashes.AsSpan(i, Merkle.HashSize));
            expected++;
        }
        tree.Publish();
    }

    public override long EntryCount()
    {
        using var command = dataSource.CreateCommand("SELECT max(idx) FROM entries");
        return command.ExecuteScalar() is long max ? max + 1 : 0;
    }

    public override (long Size, string Note)? LatestCheckpoint()
    {
        using var command = dataSource.CreateCommand("SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>Opens the batch's transaction, takes the log's lock and catches the tree up.</summary>
    public override void BeginBatch(HashTree tree)
    {
        batchConnection = dataSource.OpenConnection();
        batchTransaction = batchConnection.BeginTransaction(IsolationLevel.ReadCommitted);
        var known = tree.Appended;
        // Read committed: each statement sees every commit before it began, so the leaves read
        // after the lock is granted include every batch that held it before.
        TakeLock(batchConnection, batchTransaction);
        using var command = new NpgsqlCommand("SELECT tile, hashes FROM leaves WHERE tile >= $1 ORDER BY tile", batchConnection, batchTransaction);
        command.Parameters.Add(new NpgsqlParameter { Value = known / TileWidth });
        AppendLeaves(command, tree, known);
    }

    public override void Commit(IReadOnlyList<byte[]> documents, long first, HashTree tree, Checkpoint checkpoint, IReadOnlyList<string?>? keys = null)
    {
        var own = batchConnection is null;
        if (own)
            BeginBatch(tree); // a commit outside the group-commit writer (tests): its own batch
        var connection = batchConnection!;
        var transaction = batchTransaction!;
        try
        {
            var indexes = new long[documents.Count];
            for (var i = 0; i < indexes.Length; i++)
                indexes[i] = first + i;
            var keyNames = new List<string>();
            var keyIndexes = new List<long>();
            for (var i = 0; i < documents.Count; i++)
                if (keys?[i] is { } key)
                {
                    keyNames.Add(key);
                    keyIndexes.Add(first + i);
                }
            var end = first + documents.Count;
            var tiles = new List<long>();
            var tileHashes = new List<byte[]>();
            for (var tile = first / TileWidth; tile * TileWidth < end; tile++)
            {
                var start = tile * TileWidth;
                tiles.Add(tile);
                tileHashes.Add(tree.Nodes(0, start, (int)Math.Min(TileWidth, end - start)).ToArray());
            }

            using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(Command("INSERT INTO entries(idx, entry) SELECT * FROM unnest($1, $2)",
                Array(indexes, NpgsqlDbType.Bigint), Array(documents.ToArray(), NpgsqlDbType.Bytea)));
            if (keyNames.Count > 0)
                batch.BatchCommands.Add(Command("INSERT INTO keys(key, idx) SELECT * FROM unnest($1, $2) ON CONFLICT (key) DO NOTHING",
                    Array(keyNames.ToArray(), NpgsqlDbType.Text), Array(keyIndexes.ToArray(), NpgsqlDbType.Bigint)));
            batch.BatchCommands.Add(Command("INSERT INTO leaves(tile, hashes) SELECT * FROM unnest($1, $2) ON CONFLICT (tile) DO UPDATE SET hashes = EXCLUDED.hashes",
                Array(tiles.ToArray(), NpgsqlDbType.Bigint), Array(tileHashes.ToArray(), NpgsqlDbType.Bytea)));
            // No ON CONFLICT: a second checkpoint of one size is an error, never a replacement.
            batch.BatchCommands.Add(Command("INSERT INTO checkpoints(size, note) VALUES($1, $2)",
                new NpgsqlParameter { Value = checkpoint.Size }, new NpgsqlParameter { Value = checkpoint.Note }));
            batch.ExecuteNonQuery();
            transaction.Commit();
        }
        catch
        {
            if (own)
                AbortBatch();
            throw;
        }
        EndBatch();
    }

    public override void AbortBatch()
    {
        try
        {
            batchTransaction?.Rollback();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone: the server rolls the transaction back and drops the lock.
        }
        EndBatch();
    }

    private void EndBatch()
    {
        batchTransaction?.Dispose();
        batchConnection?.Dispose();
        batchTransaction = null;
        batchConnection = null;
    }

    public override bool IsTaken(Exception error) => error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>The first checkpoint (the empty tree): under the lock, and only once however many servers create the ledger at the same time.</summary>
    public override void StoreCheckpoint(Checkpoint checkpoint)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        TakeLock(connection, transaction);
        using var command = new NpgsqlCommand("SELECT note FROM checkpoints WHERE size = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Size });
        if (command.ExecuteScalar() is string stored)
        {
            // Ed25519 is deterministic: the same key over the same tree signs the same note.
            if (stored != checkpoint.Note)
                throw new LedgerException($"{Path} holds another checkpoint of size {checkpoint.Size}; run 'comity ledger verify'");
            return;
        }
        using var insert = new NpgsqlCommand("INSERT INTO checkpoints(size, note) VALUES($1, $2)", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Size });
        insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Note });
        insert.ExecuteNonQuery();
        transaction.Commit();
    }

    public override (DbConnection Connection, DbTransaction Snapshot) OpenSnapshot()
    {
        var connection = dataSource.OpenConnection();
        try
        {
            return (connection, connection.BeginTransaction(IsolationLevel.RepeatableRead));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override bool HasKeys(DbConnection connection) => true; // created with the other tables

    public override long? FindKey(string key)
    {
        using var command = dataSource.CreateCommand("SELECT idx FROM keys WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return command.ExecuteScalar() is long index ? index : null;
    }

    public override IReadOnlyList<(string Key, long Index)> FindKeys(string prefix)
    {
        using var command = dataSource.CreateCommand("SELECT key, idx FROM keys WHERE starts_with(key, $1) ORDER BY idx");
        command.Parameters.Add(new NpgsqlParameter { Value = prefix });
        using var reader = command.ExecuteReader();
        var found = new List<(string, long)>();
        while (reader.Read())
            found.Add((reader.GetString(0), reader.GetInt64(1)));
        return found;
    }

    public override byte[]? ReadEntry(long index)
    {
        using var command = dataSource.CreateCommand("SELECT entry FROM entries WHERE idx = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = index });
        return command.ExecuteScalar() as byte[];
    }

    public override IEnumerable<(long Index, byte[] Entry)> ReadEntries(long from)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT idx, entry FROM entries WHERE idx >= $1 ORDER BY idx", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType element) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | element };

    public override void Dispose()
    {
        AbortBatch();
        dataSource.Dispose();
    }
}
