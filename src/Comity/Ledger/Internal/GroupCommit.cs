namespace Comity.Ledger.Internal;

/// <summary>
/// Group commit: appenders queue their prepared entries; one writer thread takes everything
/// queued, signs one checkpoint over the tree grown by exactly those entries, writes the entries
/// and that checkpoint in one transaction (one sync), publishes the grown tree, and only then
/// completes every appender in the batch. Every entry on disk is therefore covered by a signed
/// checkpoint stored with it: an entry without one was not appended by this writer (someone
/// wrote the file directly), and the ledger refuses to sign over it. A checkpoint signed for a
/// batch whose commit fails is never handed out, so no crash makes the log publish two
/// checkpoints that disagree.
/// </summary>
internal sealed class GroupCommit : IDisposable
{
    private readonly object gate = new();
    private readonly LedgerStore store;
    private readonly HashTree tree;
    private readonly Func<long, byte[], Checkpoint> sign;
    private readonly int maxBatch;
    private readonly Thread thread;
    private List<Pending> queue = [];
    private bool closing;

    /// <summary>Set once an entry this writer did not append is found where it was to write: from then on it signs nothing.</summary>
    private LedgerException? foreign;

    public GroupCommit(LedgerStore store, HashTree tree, Func<long, byte[], Checkpoint> sign, Checkpoint latest, int maxBatch)
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
        public string? Key { get; init; }
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
        var keys = new List<string?>();
        while (true)
        {
            List<Pending> batch;
            lock (gate)
            {
                while (queue.Count == 0 && !closing)
                    Monitor.Wait(gate);
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
            Write(batch, documents, keys);
            store.CatchUpWal();
        }
    }

    private void Write(List<Pending> batch, List<byte[]> documents, List<string?> keys)
    {
        if (foreign is not null)
        {
            foreach (var p in batch)
                p.Done.TrySetException(foreign);
            return;
        }
        lock (tree.Writing)
            WriteLocked(batch, documents, keys);
    }

    private void WriteLocked(List<Pending> batch, List<byte[]> documents, List<string?> keys)
    {
        try
        {
            // A shared store takes the log's lock here and catches the tree up with what other servers appended.
            store.BeginBatch(tree);
        }
        catch (Exception e)
        {
            store.AbortBatch();
            var failure = new LedgerException($"the ledger could not record {batch.Count} entries: {e.Message}", e);
            foreach (var p in batch)
                p.Done.TrySetException(failure);
            return;
        }
        var first = tree.Appended;
        documents.Clear();
        keys.Clear();
        foreach (var p in batch)
        {
            documents.Add(p.Document);
            keys.Add(p.Key);
            tree.Append(p.LeafHash);
        }
        Checkpoint signed;
        try
        {
            // Signed before the commit, over exactly what this batch appends, and stored with it.
            signed = sign(tree.Appended, tree.AppendedRoot());
            store.Commit(documents, first, tree, signed, keys);
        }
        catch (Exception e)
        {
            store.AbortBatch();
            tree.Rollback();
            LedgerException failure;
            if (store.IsTaken(e)) // the index or the checkpoint's size is taken
            {
                foreign = new LedgerException($"entry {first} or a later one is already in {store.Path}, but this ledger's writer did not append it: someone wrote the store directly. The ledger will sign nothing more; run 'comity ledger verify'", e);
                failure = foreign;
            }
            else
                failure = new LedgerException($"the ledger could not record {batch.Count} entries: {e.Message}", e);
            foreach (var p in batch)
                p.Done.TrySetException(failure);
            return;
        }
        tree.Publish();
        Latest = signed;
        for (var i = 0; i < batch.Count; i++)
            batch[i].Done.TrySetResult(new Committed(first + i, signed));
    }

    /// <summary>Writes everything queued and stops the writer.</summary>
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
