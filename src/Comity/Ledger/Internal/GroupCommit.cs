namespace Comity.Ledger.Internal;

/// <summary>
/// Group commit: appenders queue their prepared entries; one writer thread takes everything
/// queued, writes it in one transaction (one sync), publishes the grown tree, signs one
/// checkpoint for it, and only then completes every appender in the batch. A checkpoint is
/// signed only over entries already on disk, so no crash can make the log sign two checkpoints
/// that disagree.
/// </summary>
internal sealed class GroupCommit : IDisposable
{
    private readonly object gate = new();
    private readonly LedgerStore store;
    private readonly HashTree tree;
    private readonly Func<long, Checkpoint> sign;
    private readonly int maxBatch;
    private readonly Thread thread;
    private List<Pending> queue = [];
    private Checkpoint? unsaved;
    private bool closing;

    public GroupCommit(LedgerStore store, HashTree tree, Func<long, Checkpoint> sign, Checkpoint latest, int maxBatch)
    {
        this.store = store;
        this.tree = tree;
        this.sign = sign;
        this.maxBatch = maxBatch;
        Latest = latest;
        thread = new Thread(Run) { IsBackground = true, Name = "ledger group commit" };
        thread.Start();
    }

    /// <summary>The newest signed checkpoint; it covers every durable entry.</summary>
    public Checkpoint Latest { get; private set; }

    /// <remarks>A class: the task machinery over a struct of ours would be JIT-compiled at every start
    /// (ReadyToRun cannot precompile the framework's generics over our value types).</remarks>
    public sealed record Committed(long Index, Checkpoint Checkpoint);

    public sealed class Pending(byte[] document, byte[] leafHash)
    {
        public byte[] Document { get; } = document;
        public byte[] LeafHash { get; } = leafHash;
        public TaskCompletionSource<Committed> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task<Committed> Enqueue(Pending pending)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(closing, this);
            queue.Add(pending);
            if (queue.Count == 1)
                Monitor.Pulse(gate);
        }
        return pending.Done.Task;
    }

    private void Run()
    {
        var documents = new List<byte[]>();
        while (true)
        {
            List<Pending> batch;
            lock (gate)
            {
                while (queue.Count == 0 && !closing)
                {
                    if (unsaved is { } checkpoint)
                    {
                        unsaved = null;
                        Monitor.Exit(gate);
                        try
                        {
                            SaveQuietly(checkpoint, durable: false);
                        }
                        finally
                        {
                            Monitor.Enter(gate);
                        }
                        continue;
                    }
                    Monitor.Wait(gate);
                }
                if (queue.Count == 0)
                    break;
                if (queue.Count <= maxBatch)
                {
                    batch = queue;
                    queue = [];
                }
                else
                {
                    batch = queue.GetRange(0, maxBatch);
                    queue.RemoveRange(0, maxBatch);
                }
            }
            Write(batch, documents);
            store.CatchUpWal();
        }
        if (unsaved is { } last)
            SaveQuietly(last, durable: true);
    }

    private void Write(List<Pending> batch, List<byte[]> documents)
    {
        var first = tree.Appended;
        documents.Clear();
        foreach (var p in batch)
        {
            documents.Add(p.Document);
            tree.Append(p.LeafHash);
        }
        try
        {
            store.Commit(documents, first, tree, unsaved);
        }
        catch (Exception e)
        {
            tree.Rollback();
            var failure = new LedgerException($"the ledger could not record {batch.Count} entries: {e.Message}", e);
            foreach (var p in batch)
                p.Done.TrySetException(failure);
            return;
        }
        tree.Publish();
        Checkpoint signed;
        try
        {
            signed = sign(tree.Size);
        }
        catch (Exception e)
        {
            // Recorded but not signed: the next batch or the next open signs them.
            foreach (var p in batch)
                p.Done.TrySetException(new LedgerException($"entries were recorded but could not be signed: {e.Message}", e));
            return;
        }
        Latest = signed;
        unsaved = signed;
        for (var i = 0; i < batch.Count; i++)
            batch[i].Done.TrySetResult(new Committed(first + i, signed));
    }

    private void SaveQuietly(Checkpoint checkpoint, bool durable)
    {
        try
        {
            store.StoreCheckpoint(checkpoint, durable);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // Signed again on the next batch or open: a checkpoint is reproducible from the entries.
            lock (gate)
                unsaved ??= checkpoint;
        }
    }

    /// <summary>Writes everything queued, stores the last checkpoint, and stops the writer.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (closing)
                return;
            closing = true;
            Monitor.Pulse(gate);
        }
        thread.Join();
    }
}
