using Comity.Ledger.Internal;
using Comity.Storage;

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

    /// <summary>The newest checkpoint read from a shared store (see <see cref="Refresh"/>).</summary>
    private Checkpoint? sharedLatest;

    private TransparencyLog(string directory, LedgerStore store, HashTree tree, NoteVerifier verifier, NoteSigner? signer, FileStream? lockFile, Checkpoint latest, int maxBatch)
    {
        Directory = directory;
        this.store = store;
        this.tree = tree;
        Verifier = verifier;
        this.signer = signer;
        this.lockFile = lockFile;
        sharedLatest = store.Shared ? latest : null;
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

    /// <summary>Entries on disk (published to readers); on PostgreSQL, every entry any server committed.</summary>
    public long Size => store.Shared ? Published(long.MaxValue) : tree.Size;

    /// <summary>
    /// The tree's size, first caught up with the store when it is shared and smaller than
    /// <paramref name="needed"/>: other servers append to it, and readers read the database.
    /// </summary>
    private long Published(long needed)
    {
        if (store.Shared && tree.Size < needed)
            Refresh();
        return tree.Size;
    }

    /// <summary>
    /// For a shared store: the newest checkpoint in the database, checked against its key and
    /// against the tree, which is first caught up with the entries it signs.
    /// </summary>
    private Checkpoint Refresh()
    {
        var stored = store.LatestCheckpoint() ?? throw new LedgerException($"{store.Path} holds no signed checkpoint");
        var known = Volatile.Read(ref sharedLatest);
        if (known is not null && known.Size == stored.Size && known.Note == stored.Note)
            return known;
        CatchUp(store, tree, stored.Size);
        var latest = OpenStored(stored.Note, Verifier, tree);
        if (known is null || latest.Size > known.Size)
            Volatile.Write(ref sharedLatest, latest);
        return latest;
    }

    /// <summary>Loads the leaves other servers committed into <paramref name="tree"/> when it holds fewer than <paramref name="size"/>.</summary>
    private static void CatchUp(LedgerStore store, HashTree tree, long size)
    {
        if (!store.Shared || tree.Size >= size)
            return;
        lock (tree.Writing)
            if (tree.Size < size)
                store.LoadLeaves(tree);
    }

    /// <summary>Opens the ledger in <paramref name="dataDirectory"/> (SQLite), creating it (and the folder, owner-only) on first use.</summary>
    public static TransparencyLog Open(string dataDirectory, LedgerOptions? options = null)
    {
        options ??= new LedgerOptions();
        var directory = Path.GetFullPath(dataDirectory);
        var databasePath = options.DatabasePath is { } p ? Path.GetFullPath(p) : Path.Combine(directory, DatabaseFileName);
        if (options.ReadOnly)
        {
            KeyFile.LoadVerifier(directory); // no key, no ledger: said before anything is opened
            return OpenReadOnly(directory, LedgerStore.Open(databasePath, readOnly: true));
        }

        OwnerOnly.CreateFolder(directory);
        var lockFile = TakeLock(directory);
        try
        {
            OwnerOnly.PrepareDatabase(databasePath);
            var store = LedgerStore.Open(databasePath, readOnly: false);
            OwnerOnly.Tighten(databasePath + "-wal", databasePath + "-shm");
            return OpenWriter(directory, store, options, lockFile);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the ledger where <paramref name="location"/> says: SQLite in its data folder (as
    /// <see cref="Open(string, LedgerOptions?)"/>), or PostgreSQL, creating its tables on first use.
    /// On PostgreSQL any number of processes may open the ledger for writing at once, each with
    /// the same <c>ledger.key</c> in its data folder: they append to one sequence, signed by that
    /// one key (see <see cref="PostgresLedgerStore"/>). The first to create the ledger stores the
    /// key's verifier in the database, and a process with another key refuses to open it.
    /// </summary>
    public static TransparencyLog Open(StoreLocation location, LedgerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.IsPostgres)
            return Open(location.DataFolder, options);
        options ??= new LedgerOptions();
        var store = PostgresLedgerStore.Open(location.PostgresConnectionString!, location.ToString(), options.ReadOnly);
        if (options.ReadOnly)
            return OpenReadOnly(location.DataFolder, store);
        OwnerOnly.CreateFolder(location.DataFolder);
        return OpenWriter(location.DataFolder, store, options, lockFile: null);
    }

    /// <summary>Takes <paramref name="store"/> over (disposes it on failure).</summary>
    private static TransparencyLog OpenWriter(string directory, LedgerStore store, LedgerOptions options, FileStream? lockFile)
    {
        NoteSigner? signer = null;
        try
        {
            if (store.Shared && store.Meta(VerifierName) is { } stored && !File.Exists(Path.Combine(directory, KeyFile.PrivateName)))
                throw new LedgerException($"{store.Path} holds the ledger signed by {stored}, but {directory} has no {KeyFile.PrivateName}: every server writing one ledger signs with the same key, so copy {KeyFile.PrivateName} from the data folder of a server that writes it");
            signer = KeyFile.LoadOrCreate(directory, options.Origin);
            var origin = store.ClaimMeta("origin", signer.Name);
            if (origin != signer.Name)
                throw new LedgerException($"{store.Path} is the ledger of {origin}, but {Path.Combine(directory, KeyFile.PrivateName)} is the key of {signer.Name}");
            if (store.Shared)
            {
                var verifier = store.ClaimMeta(VerifierName, signer.Verifier.Encoded);
                if (verifier != signer.Verifier.Encoded)
                    throw new LedgerException($"{store.Path} holds the ledger signed by {verifier}, but {Path.Combine(directory, KeyFile.PrivateName)} is another key ({signer.Verifier.Encoded}): every server writing one ledger signs with the same key, so copy {KeyFile.PrivateName} from the data folder of a server that writes it");
            }
            var tree = Load(store);
            var latest = Recover(store, tree, signer);
            return new TransparencyLog(directory, store, tree, signer.Verifier, signer, lockFile, latest, options.MaxBatch);
        }
        catch
        {
            signer?.Dispose();
            store.Dispose();
            throw;
        }
    }

    /// <summary>The <c>meta</c> row of a shared store naming the one key its writers sign with.</summary>
    private const string VerifierName = "verifier";

    private static TransparencyLog OpenReadOnly(string directory, LedgerStore store)
    {
        try
        {
            var verifier = LoadVerifier(directory, store);
            var tree = Load(store);
            var latest = store.LatestCheckpoint() is { } stored
                ? OpenStored(stored.Note, verifier, CatchingUp(store, tree, stored.Size))
                : throw new LedgerException($"{store.Path} holds no signed checkpoint yet");
            return new TransparencyLog(directory, store, tree, verifier, null, null, latest, 1);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The verifier key in the data folder; for a shared store without one there, the one its first writer stored.</summary>
    private static NoteVerifier LoadVerifier(string directory, LedgerStore store)
    {
        try
        {
            return KeyFile.LoadVerifier(directory);
        }
        catch (LedgerException) when (store.Shared && store.Meta(VerifierName) is { } stored)
        {
            return NoteVerifier.Parse(stored);
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
        if (entry.Corrects is { } corrected && corrected >= Math.Max(tree.Appended, Published(corrected + 1)))
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
        var size = Published(index + 1);
        if (index < 0 || index >= size)
            throw new LedgerException($"there is no entry {index}: the ledger holds entries 0 to {size - 1}");
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
    public long? Find(string key) => store.FindKey(key) is { } index && index < Published(index + 1) ? index : null;

    /// <summary>Every key that starts with <paramref name="prefix"/> (<c>stack:</c>) with the entry it names, in entry order, within the published size.</summary>
    public IReadOnlyList<(string Key, long Index)> FindKeys(string prefix)
    {
        var keys = store.FindKeys(prefix);
        var size = keys.Count == 0 ? 0 : Published(keys.Max(k => k.Index) + 1);
        return [.. keys.Where(k => k.Index < size)];
    }

    /// <summary>
    /// The canonical documents of entries <paramref name="from"/> to <paramref name="to"/> (inclusive,
    /// within the published size), in order, in one streamed read, without hashing them (for tools
    /// that read history in bulk, such as reproduce and replay; <see cref="Verify()"/> checks the hashes).
    /// </summary>
    public IEnumerable<(long Index, byte[] Document)> ReadDocuments(long from, long to)
    {
        var last = Math.Min(to, Published(to == long.MaxValue ? to : to + 1) - 1);
        foreach (var (i, document) in store.ReadEntries(Math.Max(0, from)))
        {
            if (i > last)
                yield break;
            yield return (i, document);
        }
    }

    /// <summary>
    /// The newest signed checkpoint. Opened for writing, it covers every durable entry; on
    /// PostgreSQL it is the newest in the database, whichever server signed it.
    /// </summary>
    public Checkpoint Checkpoint() => store.Shared ? Refresh() : writer?.Latest ?? readOnlyLatest!;

    /// <summary>The receipt for entry <paramref name="index"/> against the newest checkpoint.</summary>
    public Receipt Receipt(long index)
    {
        var checkpoint = Checkpoint();
        if (index < 0 || index >= checkpoint.Size)
            throw new LedgerException($"entry {index} is not in the latest checkpoint, which covers entries 0 to {checkpoint.Size - 1}");
        return new Receipt(index, tree.Leaf(index).ToArray(), checkpoint, tree.InclusionProof(index, checkpoint.Size));
    }

    /// <summary>RFC 6962 inclusion proof (audit path) of entry <paramref name="index"/> in the tree of <paramref name="treeSize"/> entries.</summary>
    public IReadOnlyList<byte[]> ProveInclusion(long index, long treeSize) => Guard(() => tree.InclusionProof(index, Within(treeSize)));

    /// <summary>RFC 6962 consistency proof that the tree of <paramref name="oldSize"/> entries is a prefix of the tree of <paramref name="newSize"/>.</summary>
    public IReadOnlyList<byte[]> ProveConsistency(long oldSize, long newSize) => Guard(() => tree.ConsistencyProof(oldSize, Within(newSize)));

    /// <summary>The RFC 6962 root hash of the first <paramref name="treeSize"/> entries.</summary>
    public byte[] RootHash(long treeSize) => Guard(() => tree.Root(Within(treeSize)));

    /// <summary>Catches a shared store's tree up to <paramref name="treeSize"/> if it can; the size itself, for the tree to check.</summary>
    private long Within(long treeSize)
    {
        Published(treeSize);
        return treeSize;
    }

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

    /// <summary>
    /// <see cref="Verify(string, NoteVerifier?, IReadOnlyList{string}?, LedgerOptions?, IProgress{ValueTuple{long, long}}?)"/>
    /// for the ledger where <paramref name="location"/> says. On PostgreSQL the key is by default
    /// the one in the data folder, else the verifier key the database names (which proves only
    /// that the log is consistent with itself: give the key you trust as <paramref name="trustedKey"/>).
    /// </summary>
    public static VerificationReport Verify(StoreLocation location, NoteVerifier? trustedKey = null, IReadOnlyList<string>? heldCheckpoints = null,
        IProgress<(long Done, long Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.IsPostgres)
            return Verify(location.DataFolder, trustedKey, heldCheckpoints, progress: progress);
        using var store = PostgresLedgerStore.Open(location.PostgresConnectionString!, location.ToString(), readOnly: true);
        var key = trustedKey ?? LoadVerifier(location.DataFolder, store);
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

    private static HashTree Load(LedgerStore store)
    {
        var tree = new HashTree();
        store.LoadLeaves(tree);
        var entries = store.EntryCount();
        // On a shared store another server may commit between the two reads: more entries than leaves read is no damage there.
        if (store.Shared ? entries < tree.Size : entries != tree.Size)
            throw new LedgerException($"{store.Path} holds {entries} entries but {tree.Size} leaf hashes; run 'comity ledger verify'");
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
            latest = OpenStored(stored.Note, signer.Verifier, CatchingUp(store, tree, stored.Size));
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

    private static HashTree CatchingUp(LedgerStore store, HashTree tree, long size)
    {
        CatchUp(store, tree, size);
        return tree;
    }

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
            throw new LedgerException($"the ledger in {directory} is open for writing by another process", e) { HeldByAnotherProcess = true };
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
