using System.Collections.Concurrent;
using System.Text.Json;
using Comity.Law;
using Comity.Ledger;
using Comity.Recording.Entries;

namespace Comity.Recording;

/// <summary>
/// The law in the ledger: each stack version is recorded once, the first time it decides
/// anything, as a <c>stack</c> entry naming its files, each file's content a <c>law-file</c> entry
/// of its own kept once however many versions share it (<see cref="RecordAsync"/>); and any
/// recorded version can be read back by its digest or entry (<see cref="Read(string)"/>), written
/// out byte for byte and loaded again, so that a decision can be re-decided from the ledger alone.
/// </summary>
public sealed class StackVersions(TransparencyLog ledger, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<long>>> recorded = new(StringComparer.Ordinal);

    /// <summary>
    /// The index of the <c>stack</c> entry of <paramref name="stack"/>'s version, recording it (and
    /// the files the ledger does not hold yet) the first time. Concurrent callers share one
    /// recording; once known, the task is complete and costs a dictionary look-up.
    /// </summary>
    public Task<long> RecordAsync(Stack stack, string recordedBy)
    {
        var lazy = recorded.GetOrAdd(stack.Digest, _ => new Lazy<Task<long>>(() => RecordNewAsync(stack, recordedBy)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
            recorded.TryRemove(new KeyValuePair<string, Lazy<Task<long>>>(stack.Digest, lazy)); // the next decision tries again
        return task;
    }

    private async Task<long> RecordNewAsync(Stack stack, string recordedBy)
    {
        if (ledger.Find(StackEntry.KeyOf(stack.Digest)) is { } known)
            return known;
        if (stack.Sources.Count == 0)
            throw new InvalidOperationException($"stack {stack.Id} ({stack.Digest}) was not loaded from files, so its law cannot be recorded");
        var at = time.GetUtcNow();
        var entries = new Dictionary<string, Task<long>>(StringComparer.Ordinal);
        foreach (var source in stack.Sources)
        {
            var sha = LawFileEntry.HashOf(source.Bytes);
            if (entries.ContainsKey(sha))
                continue;
            entries[sha] = ledger.Find(LawFileEntry.KeyOf(sha)) is { } held
                ? Task.FromResult(held)
                : AppendAsync(LawFileEntry.Kind, new LawFileEntry(sha, source.Bytes, recordedBy).Write(), at, LawFileEntry.KeyOf(sha));
        }
        var files = new List<StackEntryFile>();
        foreach (var source in stack.Sources)
        {
            var sha = LawFileEntry.HashOf(source.Bytes);
            files.Add(new StackEntryFile(source.Name, source.Path, sha, await entries[sha].ConfigureAwait(false)));
        }
        var entry = new StackEntry(stack.Digest, stack.Id, files, recordedBy);
        return await AppendAsync(StackEntry.Kind, entry.Write(), at, StackEntry.KeyOf(stack.Digest)).ConfigureAwait(false);
    }

    private async Task<long> AppendAsync(string kind, byte[] body, DateTimeOffset at, string key) =>
        (await ledger.AppendAsync(new LedgerEntry(kind, body, at) { Key = key }).ConfigureAwait(false)).Index;

    /// <summary>Every stack version the ledger holds: its <c>stack</c> entry, digest and stack id, in the order they were recorded.</summary>
    public IReadOnlyList<(long Entry, string Digest, string Stack)> List()
    {
        var found = new List<(long, string, string)>();
        foreach (var (key, index) in ledger.FindKeys(StackEntry.Kind + ":"))
        {
            var entry = ledger.Read(index);
            if (entry.Kind == StackEntry.Kind && entry.Body.TryGetProperty("stack", out var id) && id.ValueKind == JsonValueKind.String)
                found.Add((index, key[(StackEntry.Kind.Length + 1)..], id.GetString()!));
        }
        return found;
    }

    /// <summary>The stack version with <paramref name="digest"/> (<c>sha256:...</c>), read back from the ledger.</summary>
    /// <exception cref="LedgerException">when the ledger holds no such version, or what it holds is damaged.</exception>
    public StoredStack Read(string digest)
    {
        if (ledger.Find(StackEntry.KeyOf(digest)) is not { } index)
            throw new LedgerException($"the ledger holds no stack with digest {digest}: a stack version is recorded the first time it decides anything, and decisions recorded before stack versions were kept name a digest only");
        var stored = Read(index);
        return stored.Digest == digest
            ? stored
            : throw new LedgerException($"the ledger's index of stacks names entry {index} for {digest}, but that entry holds {stored.Digest}; run 'comity ledger verify'");
    }

    /// <summary>The stack version recorded in entry <paramref name="index"/>, with every file's content checked against its hash.</summary>
    /// <exception cref="LedgerException">when the entry is not a stack, or a file it names is missing or damaged.</exception>
    public StoredStack Read(long index)
    {
        var recordedEntry = ledger.Read(index);
        if (recordedEntry.Kind != StackEntry.Kind)
            throw new LedgerException($"entry {index} is a {recordedEntry.Kind}, not a stack");
        try
        {
            var stack = StackEntry.Read(recordedEntry.Body);
            var files = new List<StoredStackFile>();
            foreach (var f in stack.Files)
            {
                var fileEntry = ledger.Read(f.Entry);
                if (fileEntry.Kind != LawFileEntry.Kind)
                    throw new LedgerException($"stack entry {index} names entry {f.Entry} for {f.Name}, which is a {fileEntry.Kind}, not a law-file");
                LawFileEntry file;
                try
                {
                    file = LawFileEntry.Read(fileEntry.Body);
                }
                catch (FormatException e)
                {
                    throw new LedgerException($"entry {f.Entry} ({f.Name} of the stack in entry {index}) is damaged: {e.Message}");
                }
                if (file.Sha256 != f.Sha256)
                    throw new LedgerException($"stack entry {index} names {f.Name} with sha256 {f.Sha256}, but entry {f.Entry} holds sha256 {file.Sha256}");
                files.Add(new StoredStackFile(f.Name, f.Path, file.Bytes));
            }
            return new StoredStack(index, stack.Digest, stack.Stack, files);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new LedgerException($"entry {index} cannot be read as a stack: {e.Message}");
        }
    }
}
