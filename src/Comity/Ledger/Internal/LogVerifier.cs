using System.Security.Cryptography;
using System.Data.Common;

namespace Comity.Ledger.Internal;

/// <summary>
/// Full verification from the stored bytes alone, trusting nothing derived: every entry is hashed
/// again and compared with its stored leaf hash; the tree is rebuilt from those recomputed leaves
/// and its root compared with every stored checkpoint, whose signature is checked. Checkpoints
/// that all match roots of one sequence of leaves are consistent with one another by
/// construction. Every entry must be covered by a signed checkpoint. Reads one snapshot; does not
/// need the writer.
/// </summary>
internal static class LogVerifier
{
    private const int MaxProblems = 20;

    /// <param name="held">Checkpoints held outside the store (given to a court, a witness, an auditor): each must match the stored entries too, which is what catches a log cut short together with its own checkpoints.</param>
    /// <param name="progress">Told (entries hashed, entries stored) every <see cref="ProgressEvery"/> entries and at the end, for a progress bar.</param>
    public static VerificationReport Run(LedgerStore store, NoteVerifier key, IReadOnlyList<string>? held = null, Action<long, long>? progress = null)
    {
        try
        {
            return RunChecked(store, key, held ?? [], progress);
        }
        catch (DbException e)
        {
            return new VerificationReport(0, 0, Merkle.EmptyRoot(), [$"{Describe(store)} is damaged: {e.Message}"], null);
        }
        catch (InvalidCastException e)
        {
            return new VerificationReport(0, 0, Merkle.EmptyRoot(), [$"{Describe(store)} holds a value of the wrong type: {e.Message}"], null);
        }
    }

    private static string Describe(LedgerStore store) => store.Shared ? $"the ledger in {store.Path}" : $"the SQLite file {store.Path}";

    public const int ProgressEvery = 4096;

    private static VerificationReport RunChecked(LedgerStore store, NoteVerifier key, IReadOnlyList<string> held, Action<long, long>? progress)
    {
        var problems = new List<string>();
        long? firstBad = null;
        void Problem(string text, long? entry)
        {
            if (problems.Count < MaxProblems)
                problems.Add(text);
            if (entry is { } e && (firstBad is null || e < firstBad))
                firstBad = e;
        }

        var (connection, snapshot) = store.OpenSnapshot();
        using var _ = connection;
        using var __ = snapshot;
        CheckMeta(connection, key, Problem);
        var checkpoints = ReadCheckpoints(connection, key, Problem);
        foreach (var note in held)
        {
            var checkpoint = Checkpoint.Open(note, key); // a held checkpoint that does not open is the caller's bad input
            checkpoints.Add(new StoredCheckpoint(checkpoint.Size, checkpoint, $"the given checkpoint at size {checkpoint.Size}"));
        }
        checkpoints.Sort((a, b) => a.Size.CompareTo(b.Size));
        var (storedLeaves, storedCount) = ReadLeaves(connection, Problem);

        var frontier = new Frontier();
        var next = 0; // next checkpoint to compare
        long lastGood = 0;
        long count = 0;

        // An entry found bad by itself (altered, missing) explains every later checkpoint that no
        // longer matches; a checkpoint that fails with no such entry before it points at the
        // entries it signed beyond the last one that matched: changed together with their hashes.
        long? firstIdentified = null;
        void EntryProblem(string text, long entry)
        {
            Problem(text, entry);
            firstIdentified ??= entry;
        }

        void CompareCheckpoints()
        {
            while (next < checkpoints.Count && checkpoints[next].Size == count)
            {
                var c = checkpoints[next++];
                if (c.Checkpoint is null)
                    continue;
                if (c.Checkpoint.RootHash.AsSpan().SequenceEqual(frontier.Root()))
                    lastGood = count;
                else if (firstIdentified is null)
                    Problem(count == lastGood
                        ? $"{c.Label}: its root does not match the entries (the checkpoint was altered)"
                        : $"{c.Label}: its root does not match entries 0 to {count - 1}: entries {lastGood} to {count - 1} differ from what was signed", lastGood);
            }
            while (next < checkpoints.Count && checkpoints[next].Size < count)
                next++;
        }

        void Check(long index, ReadOnlySpan<byte> leaf)
        {
            if (index != count)
            {
                EntryProblem(index > count + 1 ? $"entries {count} to {index - 1} are missing" : index > count ? $"entry {count} is missing" : $"entry {index} is stored twice", count);
                if (index < count)
                    return;
                while (count < index)
                {
                    frontier.Push(new byte[Merkle.HashSize]); // keeps later positions aligned; roots will not match
                    count++;
                    CompareCheckpoints();
                }
            }
            if (count >= storedCount)
                EntryProblem($"entry {count} has no stored leaf hash", count);
            else if (!leaf.SequenceEqual(storedLeaves.AsSpan((int)count * Merkle.HashSize, Merkle.HashSize)))
                EntryProblem($"entry {count} does not match its stored leaf hash: the entry or the hash was altered", count);
            frontier.Push(leaf);
            count++;
            CompareCheckpoints();
        }

        CompareCheckpoints();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT idx, entry FROM entries ORDER BY idx";
            using var reader = command.ExecuteReader();
            Span<byte> commitment = stackalloc byte[Merkle.HashSize];
            Span<byte> leaf = stackalloc byte[Merkle.HashSize];
            while (reader.Read())
            {
                // Whatever a tamperer stored (NULL, text, a number) is hashed as the bytes SQLite gives for it.
                var entry = reader.IsDBNull(1) ? [] : reader.GetFieldValue<byte[]>(1);
                SHA256.HashData(entry, commitment);
                Merkle.LeafHashOf32(commitment, leaf);
                Check(reader.GetInt64(0), leaf);
                if (progress is not null && count % ProgressEvery == 0)
                    progress(count, storedCount);
            }
        }
        progress?.Invoke(count, Math.Max(count, storedCount));
        if (storedCount > count)
            Problem($"{storedCount - count} stored leaf hashes beyond the {count} entries: entries {count} to {storedCount - 1} were removed", count);
        foreach (var c in checkpoints.Skip(next))
            if (c.Size > count)
                Problem($"{c.Label} signs more entries than the {count} stored: entries {count} to {c.Size - 1} were removed", count);
        if (checkpoints.Count == held.Count)
            Problem("no signed checkpoint is stored", null);
        // Every entry the writer appended is covered by a checkpoint stored in the same commit: one
        // beyond every signed checkpoint was written into the file by someone else.
        var covered = checkpoints.Where(c => c.Checkpoint is not null).Select(c => c.Size).DefaultIfEmpty(0).Max();
        if (covered < count)
            Problem(TransparencyLog.Uncovered(covered, count), covered);
        if (store.HasKeys(connection))
            CheckKeys(connection, count, Problem);
        return new VerificationReport(count, checkpoints.Count - held.Count, frontier.Root(), problems, firstBad);
    }

    /// <summary>The store must say it is a ledger of this format, and of the log whose key verifies it.</summary>
    private static void CheckMeta(DbConnection connection, NoteVerifier key, Action<string, long?> problem)
    {
        var meta = new Dictionary<string, string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, value FROM meta";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                meta[reader.GetString(0)] = reader.GetString(1);
        }
        if (meta.GetValueOrDefault("format") != LedgerStore.Format)
            problem($"the store's format is {meta.GetValueOrDefault("format") ?? "missing"}, not {LedgerStore.Format}", null);
        if (meta.GetValueOrDefault("origin") != key.Name)
            problem($"the store says it is the ledger of {meta.GetValueOrDefault("origin") ?? "no origin"}, but the key is that of {key.Name}", null);
        // The writer's mark that every commit holds its checkpoint (TransparencyLog.Recover) is "1" or absent; nothing else is kept here.
        if (meta.TryGetValue("checkpoint-in-commit", out var sealedCommits) && sealedCommits != "1")
            problem($"the store's checkpoint-in-commit mark is \"{sealedCommits}\", not \"1\"", null);
        // A store several servers share names the one key they all sign with (TransparencyLog.Open).
        if (meta.TryGetValue("verifier", out var verifier) && verifier != key.Encoded)
            problem($"the store names the verifier key {verifier}, but the key is {key.Encoded}", null);
        foreach (var name in meta.Keys.Where(n => n is not ("format" or "origin" or "checkpoint-in-commit" or "verifier")))
            problem($"the store holds a setting \"{name}\" no writer of this ledger keeps", null);
    }

    /// <summary>
    /// The index of content-addressed entries beside the log (<see cref="LedgerEntry.Key"/>): a key
    /// is <c>KIND:VALUE</c>, and the entry it names must be of that kind with VALUE among its
    /// strings, or the index was altered (and would send a reader to the wrong law).
    /// </summary>
    private static void CheckKeys(DbConnection connection, long count, Action<string, long?> problem)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT k.key, k.idx, e.entry FROM keys k LEFT JOIN entries e ON e.idx = k.idx";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = reader.IsDBNull(0) ? "" : reader.GetValue(0)?.ToString() ?? "";
            var index = reader.IsDBNull(1) ? -1 : reader.GetInt64(1);
            var document = reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2);
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            var fits = false;
            if (document is not null && colon > 0 && index < count)
            {
                try
                {
                    using var parsed = System.Text.Json.JsonDocument.Parse(document);
                    fits = parsed.RootElement.GetProperty("kind").GetString() == key[..colon]
                        && document.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes("\"" + key[(colon + 1)..] + "\"")) >= 0;
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    fits = false;
                }
            }
            if (!fits)
                problem($"the key index names entry {index} for \"{key}\", which that entry is not: the index beside the log was altered", null);
        }
    }

    private sealed record StoredCheckpoint(long Size, Checkpoint? Checkpoint, string Label);

    private static List<StoredCheckpoint> ReadCheckpoints(DbConnection connection, NoteVerifier key, Action<string, long?> problem)
    {
        var checkpoints = new List<StoredCheckpoint>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT size, note FROM checkpoints ORDER BY size";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var size = reader.GetInt64(0);
            var label = $"checkpoint at size {size}";
            try
            {
                var checkpoint = Checkpoint.Open(reader.GetString(1), key);
                if (checkpoint.Size == size)
                {
                    checkpoints.Add(new StoredCheckpoint(size, checkpoint, label));
                    continue;
                }
                problem($"checkpoint stored at size {size} says size {checkpoint.Size}", null);
            }
            catch (Exception e) when (e is FormatException or LedgerException)
            {
                problem($"{label}: {e.Message}", null);
            }
            checkpoints.Add(new StoredCheckpoint(size, null, label));
        }
        return checkpoints;
    }

    /// <summary>Every stored leaf hash, end to end in one array, and how many there are.</summary>
    private static (byte[] Hashes, long Count) ReadLeaves(DbConnection connection, Action<string, long?> problem)
    {
        var leaves = new MemoryStream();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tile, hashes FROM leaves ORDER BY tile";
        using var reader = command.ExecuteReader();
        long expected = 0;
        while (reader.Read())
        {
            var tile = reader.GetInt64(0);
            var hashes = reader.GetFieldValue<byte[]>(1);
            if (tile != expected)
                problem($"leaf hash tile {tile} stored where tile {expected} belongs", expected * LedgerStore.TileWidth);
            if (hashes.Length % Merkle.HashSize != 0 || hashes.Length > LedgerStore.TileWidth * Merkle.HashSize)
                problem($"leaf hash tile {tile} is {hashes.Length} bytes, not a whole number of hashes", tile * LedgerStore.TileWidth);
            leaves.Write(hashes, 0, hashes.Length - hashes.Length % Merkle.HashSize);
            expected = tile + 1;
        }
        return (leaves.GetBuffer(), leaves.Length / Merkle.HashSize);
    }

    /// <summary>The right edge of a tree being built leaf by leaf: enough to give its root at any size.</summary>
    private sealed class Frontier
    {
        private readonly byte[] hashes = new byte[64 * Merkle.HashSize];
        private readonly int[] levels = new int[64];
        private int count;

        public void Push(ReadOnlySpan<byte> leaf)
        {
            leaf.CopyTo(Slot(count));
            levels[count++] = 0;
            while (count >= 2 && levels[count - 1] == levels[count - 2])
            {
                Merkle.NodeHash(Slot(count - 2), Slot(count - 1), Slot(count - 2));
                levels[count - 2]++;
                count--;
            }
        }

        public byte[] Root()
        {
            if (count == 0)
                return Merkle.EmptyRoot();
            var hash = Slot(count - 1).ToArray();
            for (var i = count - 2; i >= 0; i--)
                Merkle.NodeHash(Slot(i), hash, hash);
            return hash;
        }

        private Span<byte> Slot(int i) => hashes.AsSpan(i * Merkle.HashSize, Merkle.HashSize);
    }
}
