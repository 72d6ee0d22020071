using Comity.Ledger.Internal;

namespace Comity.Ledger;

/// <summary>
/// Comity's tamper-evident ledger: an append-only Merkle log (RFC 6962 hashing) of canonical
/// entry documents, with checkpoints signed as C2SP signed notes (Ed25519) and receipts as C2SP
/// tlog-proofs, so that tools Comity did not write (Go's sumdb/note and sumdb/tlog, any
/// tlog-tiles client) can check what it recorded.
/// <para>
/// <see cref="Open"/> opens or creates the ledger in a data folder: <c>ledger.db</c> (SQLite),
/// <c>ledger.key</c> (the Ed25519 signing key, owner-only) and <c>ledger.vkey</c> (its public
/// verifier key). One process at a time may open a folder for writing.
/// </para>
/// <para>
/// <see cref="AppendAsync"/> is thread-safe and completes only once the entry is on disk and a
/// checkpoint covering it is signed; concurrent appends share one transaction and one sync
/// (group commit). Reads (<see cref="Read"/>, proofs, <see cref="Checkpoint"/>) never wait for
/// the writer. The published parts (checkpoints, tiles, receipts) commit to each entry by a
/// salted hash and reveal nothing of it.
/// </para>
/// </summary>
public sealed class TransparencyLog : IDisposable, IAsyncDisposable
{
    public const string DatabaseFileName = "ledger.db";
    private const string LockFileName = "ledger.lock";

    private readonly LedgerStore store;
    private readonly HashTree tree;
    private readonly NoteSigner? signer;
    private readonly GroupCommit? writer;
    private readonly FileStream? lockFile;
    private readonly Checkpoint? readOnlyLatest;

    private TransparencyLog(string directory, LedgerStore store, HashTree tree, NoteVerifier verifier, NoteSigner? signer, FileStream? lockFile, Checkpoint latest, int maxBatch)
    {
        Directory = directory;
        this.store = store;
        this.tree = tree;
        Verifier = verifier;
        this.signer = signer;
        this.lockFile = lockFile;
        if (signer is null)
            readOnlyLatest = latest;
        else
            writer = new GroupCommit(store, tree, Sign, latest, maxBatch);
    }

    /// <summary>The data folder.</summary>
    public string Directory { get; }

    /// <summary>The log's origin: the first line of its checkpoints and the name of its key.</summary>
    public string Origin => Verifier.Name;

    /// <summary>The log's public key; <see cref="NoteVerifier.Encoded"/> is the verifier key to publish.</summary>
    public NoteVerifier Verifier { get; }

    /// <summary>Entries on disk (published to readers).</summary>
    public long Size => tree.Size;

    /// <summary>Opens the ledger in <paramref name="dataDirectory"/>, creating it (and the folder, owner-only) on first use.</summary>
    public static TransparencyLog Open(string dataDirectory, LedgerOptions? options = null)
    {
        options ??= new LedgerOptions();
        var directory = Path.GetFullPath(dataDirectory);
        var databasePath = options.DatabasePath is { } p ? Path.GetFullPath(p) : Path.Combine(directory, DatabaseFileName);
        if (options.ReadOnly)
            return OpenReadOnly(directory, databasePath);

        OwnerOnly.CreateFolder(directory);
        var lockFile = TakeLock(directory);
        LedgerStore? store = null;
        NoteSigner? signer = null;
        try
        {
            OwnerOnly.PrepareDatabase(databasePath);
            store = LedgerStore.Open(databasePath, readOnly: false);
            OwnerOnly.Tighten(databasePath + "-wal", databasePath + "-shm");
            signer = KeyFile.LoadOrCreate(directory, options.Origin);
            var origin = store.Meta("origin");
            if (origin is null)
                store.SetMeta("origin", signer.Name);
            else if (origin != signer.Name)
                throw new LedgerException($"{databasePath} is the ledger of {origin}, but {Path.Combine(directory, KeyFile.PrivateName)} is the key of {signer.Name}");
            var tree = Load(store, databasePath);
            var latest = Recover(store, tree, signer);
            return new TransparencyLog(directory, store, tree, signer.Verifier, signer, lockFile, latest, options.MaxBatch);
        }
        catch
        {
            signer?.Dispose();
            store?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    private static TransparencyLog OpenReadOnly(string directory, string databasePath)
    {
        var verifier = KeyFile.LoadVerifier(directory);
        var store = LedgerStore.Open(databasePath, readOnly: true);
        try
        {
            var tree = Load(store, databasePath);
            var latest = store.LatestCheckpoint() is { } stored
                ? OpenStored(stored.Note, verifier, tree)
                : throw new LedgerException($"{databasePath} holds no signed checkpoint yet");
            return new TransparencyLog(directory, store, tree, verifier, null, null, latest, 1);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Records an entry. Completes once it is durable and signed into a checkpoint, with its
    /// receipt; fails (and records nothing) when the body is not I-JSON or the store cannot write.
    /// </summary>
    public async Task<Receipt> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (writer is null)
            throw new InvalidOperationException("this ledger was opened read-only");
        if (entry.Corrects is { } corrected && corrected >= tree.Appended)
            throw new ArgumentException($"entry {corrected} does not exist yet, so it cannot be corrected", nameof(entry));
        cancellationToken.ThrowIfCancellationRequested();
        var leaf = new byte[Merkle.HashSize];
        var document = EntryDocument.Prepare(entry, leaf);
        var committed = await writer.Enqueue(new GroupCommit.Pending(document, leaf) { Key = entry.Key }).ConfigureAwait(false);
        return new Receipt(committed.Index, leaf, committed.Checkpoint, tree.InclusionProof(committed.Index, committed.Checkpoint.Size));
    }

    /// <summary>The entry at <paramref name="index"/>, as stored.</summary>
    public RecordedEntry Read(long index)
    {
        if (index < 0 || index >= Size)
            throw new LedgerException($"there is no entry {index}: the ledger holds entries 0 to {Size - 1}");
        var document = store.ReadEntry(index) ?? throw new LedgerException($"entry {index} is missing from {store.Path}; run 'comity ledger verify'");
        return new RecordedEntry(index, document);
    }

    /// <summary>The entries from <paramref name="index"/> to the end, in order, as stored (one read, streamed).</summary>
    public IEnumerable<RecordedEntry> ReadFrom(long index)
    {
        var size = Size;
        foreach (var (i, document) in store.ReadEntries(Math.Max(0, index)))
        {
            if (i >= size)
                yield break;
            yield return new RecordedEntry(i, document);
        }
    }

    /// <summary>
    /// The index of the entry recorded with <paramref name="key"/> (see <see cref="LedgerEntry.Key"/>),
    /// or null when none is. The caller reads the entry and checks that it is what the key promises.
    /// </summary>
    public long? Find(string key) => store.FindKey(key) is { } index && index < Size ? index : null;

    /// <summary>Every key that starts with <paramref name="prefix"/> (<c>stack:</c>) with the entry it names, in entry order, within the published size.</summary>
    public IReadOnlyList<(string Key, long Index)> FindKeys(string prefix) => [.. store.FindKeys(prefix).Where(k => k.Index < Size)];

    /// <summary>
    /// The canonical documents of entries <paramref name="from"/> to <paramref name="to"/> (inclusive,
    /// within the published size), in order, in one streamed read, without hashing them (for tools
    /// that read history in bulk, such as reproduce and replay; <see cref="Verify()"/> checks the hashes).
    /// </summary>
    public IEnumerable<(long Index, byte[] Document)> ReadDocuments(long from, long to)
    {
        var last = Math.Min(to, Size - 1);
        foreach (var (i, document) in store.ReadEntries(Math.Max(0, from)))
        {
            if (i > last)
                yield break;
            yield return (i, document);
        }
    }

    /// <summary>The newest signed checkpoint. Opened for writing, it covers every durable entry.</summary>
    public Checkpoint Checkpoint() => writer?.Latest ?? readOnlyLatest!;

    /// <summary>The receipt for entry <paramref name="index"/> against the newest checkpoint.</summary>
    public Receipt Receipt(long index)
    {
        var checkpoint = Checkpoint();
        if (index < 0 || index >= checkpoint.Size)
            throw new LedgerException($"entry {index} is not in the latest checkpoint, which covers entries 0 to {checkpoint.Size - 1}");
        return new Receipt(index, tree.Leaf(index).ToArray(), checkpoint, tree.InclusionProof(index, checkpoint.Size));
    }

    /// <summary>RFC 6962 inclusion proof (audit path) of entry <paramref name="index"/> in the tree of <paramref name="treeSize"/> entries.</summary>
    public IReadOnlyList<byte[]> ProveInclusion(long index, long treeSize) => Guard(() => tree.InclusionProof(index, treeSize));

    /// <summary>RFC 6962 consistency proof that the tree of <paramref name="oldSize"/> entries is a prefix of the tree of <paramref name="newSize"/>.</summary>
    public IReadOnlyList<byte[]> ProveConsistency(long oldSize, long newSize) => Guard(() => tree.ConsistencyProof(oldSize, newSize));

    /// <summary>The RFC 6962 root hash of the first <paramref name="treeSize"/> entries.</summary>
    public byte[] RootHash(long treeSize) => Guard(() => tree.Root(treeSize));

    /// <summary>Recomputes everything from the stored entries and checks every checkpoint; see <see cref="VerificationReport"/>.</summary>
    public VerificationReport Verify(NoteVerifier? trustedKey = null, IReadOnlyList<string>? heldCheckpoints = null) =>
        LogVerifier.Run(store, trustedKey ?? Verifier, heldCheckpoints);

    /// <summary><see cref="Verify(NoteVerifier?, IReadOnlyList{string}?)"/> with the log's own key, telling <paramref name="progress"/> (entries hashed, entries stored) as it goes.</summary>
    public VerificationReport Verify(Action<long, long> progress) => LogVerifier.Run(store, Verifier, null, progress);

    /// <summary>
    /// Verifies the ledger in <paramref name="dataDirectory"/> without opening it for use, so it
    /// reports on a store too damaged to open (and never writes). Signatures are checked with
    /// <paramref name="trustedKey"/>, by default the verifier key in the folder.
    /// <paramref name="heldCheckpoints"/> are signed checkpoints kept elsewhere (by a court, an
    /// auditor, a witness): the stored entries must match them too. Only they can show that the
    /// newest entries were cut off together with the checkpoints that signed them.
    /// </summary>
    /// <param name="progress">entries checked so far, of the entries stored, now and then (for a progress bar)</param>
    public static VerificationReport Verify(string dataDirectory, NoteVerifier? trustedKey = null, IReadOnlyList<string>? heldCheckpoints = null, LedgerOptions? options = null,
        IProgress<(long Done, long Total)>? progress = null)
    {
        var directory = Path.GetFullPath(dataDirectory);
        var databasePath = options?.DatabasePath is { } p ? Path.GetFullPath(p) : Path.Combine(directory, DatabaseFileName);
        var key = trustedKey ?? KeyFile.LoadVerifier(directory);
        if (!File.Exists(databasePath))
            throw new LedgerException($"there is no ledger at {databasePath}");
        LedgerStore store;
        try
        {
            store = LedgerStore.Open(databasePath, readOnly: true);
        }
        catch (LedgerException e)
        {
            return new VerificationReport(0, 0, Merkle.EmptyRoot(), [e.Message], null);
        }
        using (store)
            return LogVerifier.Run(store, key, heldCheckpoints, progress is null ? null : (done, total) => progress.Report((done, total)));
    }

    /// <summary>Writes the log as C2SP tlog-tiles (checkpoint, hash tiles, entry bundles of commitments) to <paramref name="directory"/>.</summary>
    public TileExport ExportTiles(string directory) => TileWriter.Write(directory, Checkpoint(), tree, store);

    /// <summary>
    /// Signs <paramref name="text"/> (lines ending in a newline) as a C2SP signed note with the
    /// ledger's key, for a document whose publication the ledger records (a report's manifest hash),
    /// so that anyone holding the public key can check it. Ed25519 is deterministic: the same text
    /// gives the same note. The text must not read as a checkpoint (its second line is no tree size).
    /// </summary>
    public string SignNote(string text)
    {
        if (signer is null)
            throw new InvalidOperationException("this ledger was opened read-only, so it signs nothing");
        if (text.Length == 0 || text[^1] != '\n' || text.Contains("\n\n", StringComparison.Ordinal) || text.Any(c => c < 0x20 && c != '\n'))
            throw new ArgumentException("a signed note's text is non-empty lines, each ending in a newline", nameof(text));
        var lines = text.Split('\n');
        if (lines.Length > 2 && long.TryParse(lines[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            throw new ArgumentException("a note whose second line is a number would read as a checkpoint", nameof(text));
        return signer.Sign(text);
    }

    /// <summary>Signs the tree of <paramref name="size"/> entries whose root is <paramref name="root"/> (the writer's batch, before its commit).</summary>
    private Checkpoint Sign(long size, byte[] root) =>
        new(Origin, size, root, signer!.Sign(Ledger.Checkpoint.Body(Origin, size, root)));

    private static HashTree Load(LedgerStore store, string databasePath)
    {
        var tree = new HashTree();
        store.LoadLeaves(tree);
        var entries = store.EntryCount();
        if (entries != tree.Size)
            throw new LedgerException($"{databasePath} holds {entries} entries but {tree.Size} leaf hashes; run 'comity ledger verify'");
        return tree;
    }

    /// <summary>
    /// The store's <c>meta</c> row saying that every commit holds the checkpoint of its entries
    /// (from 2026-12). Before it, a checkpoint was stored with the next commit, so a crash could
    /// leave entries without one, and opening signed them.
    /// </summary>
    private const string SealedCommits = "checkpoint-in-commit";

    /// <summary>
    /// Checks the newest stored checkpoint against the stored hashes (refusing to sign anything
    /// if they disagree) and that it covers every stored entry: the writer stores each checkpoint
    /// in the same commit as its entries, so an entry beyond it was written by someone else and
    /// the ledger refuses to sign over it. Only a store last written before that rule may hold an
    /// unsigned tail after a crash: it is signed once, after checking that it still hashes to its
    /// leaves, and the store is marked.
    /// </summary>
    private static Checkpoint Recover(LedgerStore store, HashTree tree, NoteSigner signer)
    {
        var sealedCommits = store.Meta(SealedCommits) is not null || tree.Size == 0;
        long covered = 0;
        Checkpoint? latest = null;
        if (store.LatestCheckpoint() is { } stored)
        {
            latest = OpenStored(stored.Note, signer.Verifier, tree);
            covered = latest.Size;
        }
        if (covered < tree.Size && sealedCommits)
            throw new LedgerException(Uncovered(covered, tree.Size) + "; the ledger will sign nothing until they are removed and 'comity ledger verify' passes");
        if (latest is null || covered < tree.Size)
        {
            foreach (var (index, document) in store.ReadEntries(covered))
                if (!new RecordedEntry(index, document).LeafHash.AsSpan().SequenceEqual(tree.Leaf(index)))
                    throw new LedgerException($"entry {index} does not match its stored leaf hash; the ledger will sign nothing until 'comity ledger verify' passes");
            var root = tree.Root(tree.Size);
            latest = new Checkpoint(signer.Name, tree.Size, root, signer.Sign(Ledger.Checkpoint.Body(signer.Name, tree.Size, root)));
            store.StoreCheckpoint(latest);
        }
        if (!sealedCommits || store.Meta(SealedCommits) is null)
            store.SetMeta(SealedCommits, "1");
        return latest;
    }

    /// <summary>Says which entries no signed checkpoint covers, and why that matters.</summary>
    internal static string Uncovered(long covered, long size) =>
        (size - covered == 1 ? $"entry {covered} is" : $"entries {covered} to {size - 1} are")
        + $" covered by no signed checkpoint (the latest signs {covered} entries): this ledger's writer stores every checkpoint in the same commit as its entries, so they were not appended by it";

    private static Checkpoint OpenStored(string note, NoteVerifier verifier, HashTree tree)
    {
        Checkpoint checkpoint;
        try
        {
            checkpoint = Ledger.Checkpoint.Open(note, verifier);
        }
        catch (FormatException e)
        {
            throw new LedgerException($"the latest stored checkpoint is malformed ({e.Message}); run 'comity ledger verify'");
        }
        if (checkpoint.Size > tree.Size || !checkpoint.RootHash.AsSpan().SequenceEqual(tree.Root(checkpoint.Size)))
            throw new LedgerException($"the latest checkpoint (size {checkpoint.Size}) does not match the stored entries; the ledger will sign nothing until 'comity ledger verify' passes");
        return checkpoint;
    }

    private static FileStream TakeLock(string directory)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = OwnerOnly.File;
            var path = Path.Combine(directory, LockFileName);
            var stream = new FileStream(path, options);
            OwnerOnly.Tighten(path);
            return stream;
        }
        catch (IOException e)
        {
            throw new LedgerException($"the ledger in {directory} is open for writing by another process", e);
        }
    }

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new LedgerException(e.Message.Split(" (Parameter", 2)[0], e);
        }
    }

    public void Dispose()
    {
        writer?.Dispose();
        signer?.Dispose();
        store.Dispose();
        lockFile?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
