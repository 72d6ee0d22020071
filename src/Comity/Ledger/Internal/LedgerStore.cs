using System.Data.Common;

namespace Comity.Ledger.Internal;

/// <summary>
/// Where the ledger's rows live: <see cref="SqliteLedgerStore"/> (a file one process writes) or
/// <see cref="PostgresLedgerStore"/> (a database several servers append to). Both hold the same
/// tables: <c>entries(idx, entry)</c> the canonical entry documents; <c>leaves(tile, hashes)</c>
/// the leaf hashes, 256 to a row as in a level-0 tile; <c>checkpoints(size, note)</c> every
/// checkpoint the log signed; <c>keys(key, idx)</c> the content-addressed entries by their key;
/// <c>meta(name, value)</c>. Everything above (the tree, signing, proofs, verification) is the
/// same code for both.
/// </summary>
internal abstract class LedgerStore : IDisposable
{
    public const int TileWidth = 256;
    public const string Format = "comity-ledger/1";

    /// <summary>Opens the SQLite file at <paramref name="path"/>.</summary>
    public static LedgerStore Open(string path, bool readOnly) => SqliteLedgerStore.Open(path, readOnly);

    /// <summary>The store, for messages: a file's path, or the PostgreSQL database (without its password).</summary>
    public abstract string Path { get; }

    /// <summary>
    /// Whether other processes may append too (PostgreSQL): then every batch first catches the
    /// tree up with what they committed (<see cref="BeginBatch"/>), and readers ask the store for
    /// the newest checkpoint instead of trusting what this process wrote last.
    /// </summary>
    public virtual bool Shared => false;

    public abstract string? Meta(string name);

    public abstract void SetMeta(string name, string value);

    /// <summary>Stores <paramref name="value"/> under <paramref name="name"/> unless a value is there already; returns the stored value (the first writer's).</summary>
    public virtual string ClaimMeta(string name, string value)
    {
        if (Meta(name) is { } stored)
            return stored;
        SetMeta(name, value);
        return value;
    }

    /// <summary>Appends every stored leaf hash beyond <paramref name="tree"/>'s size to it and publishes them; the rows must be whole tiles but the last.</summary>
    public abstract void LoadLeaves(HashTree tree);

    /// <summary>One more than the highest entry index stored (0 when empty).</summary>
    public abstract long EntryCount();

    public abstract (long Size, string Note)? LatestCheckpoint();

    /// <summary>
    /// Starts one batch of the writer, before it appends to <paramref name="tree"/>: a shared store
    /// takes the log's lock here and brings the tree up to every entry other servers committed.
    /// </summary>
    public virtual void BeginBatch(HashTree tree)
    {
    }

    /// <summary>
    /// Writes entries <paramref name="first"/>.. (already appended to <paramref name="tree"/>, not
    /// yet published), their leaf tiles and the checkpoint that signs them, in one durable transaction.
    /// </summary>
    /// <param name="keys">The key of each entry that has one (see <see cref="LedgerEntry.Key"/>), by position; null when none has.</param>
    public abstract void Commit(IReadOnlyList<byte[]> documents, long first, HashTree tree, Checkpoint checkpoint, IReadOnlyList<string?>? keys = null);

    /// <summary>Ends a batch whose commit failed (or never came); never throws.</summary>
    public virtual void AbortBatch()
    {
    }

    /// <summary>Whether <paramref name="error"/> from <see cref="Commit"/> says an index or checkpoint size it wrote is taken already.</summary>
    public abstract bool IsTaken(Exception error);

    /// <summary>Between two transactions of the writer (SQLite: lets the WAL start again from its beginning).</summary>
    public virtual void CatchUpWal()
    {
    }

    /// <summary>The WAL checkpointer's completed background passes (for tests).</summary>
    public virtual int WalPasses => 0;

    /// <summary>Stores a checkpoint on its own (when a ledger is created, or an old store's unsigned tail is signed on opening).</summary>
    public abstract void StoreCheckpoint(Checkpoint checkpoint);

    /// <summary>A connection of its own in a read transaction over one snapshot, for the verifier; dispose both.</summary>
    public abstract (DbConnection Connection, DbTransaction Snapshot) OpenSnapshot();

    /// <summary>Whether the store has the key index (a SQLite file no writer of this version opened has none).</summary>
    public abstract bool HasKeys(DbConnection connection);

    /// <summary>The index recorded with a key, or null.</summary>
    public abstract long? FindKey(string key);

    /// <summary>Every key starting with <paramref name="prefix"/> and its index, in index order.</summary>
    public abstract IReadOnlyList<(string Key, long Index)> FindKeys(string prefix);

    public abstract byte[]? ReadEntry(long index);

    /// <summary>The entries from <paramref name="from"/> on, in order, streamed.</summary>
    public abstract IEnumerable<(long Index, byte[] Entry)> ReadEntries(long from);

    public abstract void Dispose();
}
