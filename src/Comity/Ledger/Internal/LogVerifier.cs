using Microsoft.Data.Sqlite;

namespace Comity.Ledger.Internal;

/// <summary>
/// Full verification from the stored bytes alone, trusting nothing derived: every entry is hashed
/// again and compared with its stored leaf hash; the tree is rebuilt from those recomputed leaves
/// and its root compared with every stored checkpoint, whose signature is checked. Checkpoints
/// that all match roots of one sequence of leaves are consistent with one another by
/// construction. Reads one snapshot; does not need the writer.
/// </summary>
internal static class LogVerifier
{
    private const int MaxProblems = 20;

    public static VerificationReport Run(LedgerStore store, NoteVerifier key)
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

        using var connection = store.OpenReader();
        using var snapshot = connection.BeginTransaction(deferred: true);
        var checkpoints = ReadCheckpoints(connection, key, Problem);
        var storedLeaves = ReadLeaves(connection, Problem);

        var frontier = new Frontier();
        var next = 0; // next checkpoint to compare
        long lastGood = 0;
        long count = 0;
        Span<byte> commitment = stackalloc byte[Merkle.HashSize];
        Span<byte> leaf = stackalloc byte[Merkle.HashSize];

        void CompareCheckpoints()
        {
            while (next < checkpoints.Count && checkpoints[next].Size == count)
            {
                var c = checkpoints[next++];
                if (c.Checkpoint is null)
                    continue;
                if (!c.Checkpoint.RootHash.AsSpan().SequenceEqual(frontier.Root()))
                    Problem(count == lastGood
                        ? $"checkpoint at size {count}: its root does not match the entries (the checkpoint was altered)"
                        : $"checkpoint at size {count}: its root does not match entries 0 to {count - 1}: entries {lastGood} to {count - 1} differ from what was signed", lastGood);
                else
                    lastGood = count;
            }
            while (next < checkpoints.Count && checkpoints[next].Size < count)
                next++;
        }

        CompareCheckpoints();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = "SELECT idx, entry FROM entries ORDER BY idx";
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                var index = rows.GetInt64(0);
                if (index != count)
                {
                    Problem(index > count ? $"entries {count} to {index - 1} are missing" : $"entry {index} is stored twice", count);
                    if (index < count)
                        continue;
                    while (count < index)
                    {
                        frontier.Push(new byte[Merkle.HashSize]); // keeps later positions aligned; roots will not match
                        count++;
                        CompareCheckpoints();
                    }
                }
                var stream = rows.GetStream(1);
                HashEntry(stream, commitment);
                Merkle.LeafHashOf32(commitment, leaf);
                if (count >= storedLeaves.Count)
                    Problem($"entry {count} has no stored leaf hash", count);
                else if (!leaf.SequenceEqual(storedLeaves[(int)count]))
                    Problem($"entry {count} does not match its stored leaf hash: the entry or the hash was altered", count);
                frontier.Push(leaf.ToArray());
                count++;
                CompareCheckpoints();
            }
        }
        if (storedLeaves.Count > count)
            Problem($"{storedLeaves.Count - count} stored leaf hashes beyond the {count} entries: entries {count} to {storedLeaves.Count - 1} were removed", count);
        foreach (var c in checkpoints.Skip(next))
            if (c.Size > count)
                Problem($"checkpoint at size {c.Size} signs more entries than the {count} stored: entries {count} to {c.Size - 1} were removed", count);
        if (checkpoints.Count == 0)
            Problem("no signed checkpoint is stored", null);
        return new VerificationReport(count, checkpoints.Count, frontier.Root(), problems, firstBad);
    }

    private static void HashEntry(Stream stream, Span<byte> commitment)
    {
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            System.Security.Cryptography.SHA256.HashData(buffer, commitment);
            return;
        }
        System.Security.Cryptography.SHA256.HashData(stream, commitment);
    }

    private sealed record StoredCheckpoint(long Size, Checkpoint? Checkpoint);

    private static List<StoredCheckpoint> ReadCheckpoints(SqliteConnection connection, NoteVerifier key, Action<string, long?> problem)
    {
        var rows = new List<(long Size, string Note)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT size, note FROM checkpoints ORDER BY size";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        // Signatures are the slow part of a log with many checkpoints: check them on every core.
        var opened = new StoredCheckpoint[rows.Count];
        var errors = new string?[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            var (size, note) = rows[i];
            try
            {
                var checkpoint = Checkpoint.Open(note, key);
                if (checkpoint.Size != size)
                    errors[i] = $"checkpoint stored at size {size} says size {checkpoint.Size}";
                opened[i] = new StoredCheckpoint(size, errors[i] is null ? checkpoint : null);
            }
            catch (Exception e) when (e is FormatException or LedgerException)
            {
                errors[i] = $"checkpoint at size {size}: {e.Message}";
                opened[i] = new StoredCheckpoint(size, null);
            }
        });
        foreach (var e in errors)
            if (e is not null)
                problem(e, null);
        return [.. opened];
    }

    private static List<byte[]> ReadLeaves(SqliteConnection connection, Action<string, long?> problem)
    {
        var leaves = new List<byte[]>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tile, hashes FROM leaves ORDER BY tile";
        using var reader = command.ExecuteReader();
        long expected = 0;
        while (reader.Read())
        {
            var tile = reader.GetInt64(0);
            var hashes = (byte[])reader.GetValue(1);
            if (tile != expected)
                problem($"leaf hash tile {tile} stored where tile {expected} belongs", expected * LedgerStore.TileWidth);
            if (hashes.Length % Merkle.HashSize != 0 || hashes.Length > LedgerStore.TileWidth * Merkle.HashSize)
                problem($"leaf hash tile {tile} is {hashes.Length} bytes, not a whole number of hashes", tile * LedgerStore.TileWidth);
            for (var i = 0; i + Merkle.HashSize <= hashes.Length; i += Merkle.HashSize)
                leaves.Add(hashes[i..(i + Merkle.HashSize)]);
            expected = tile + 1;
        }
        return leaves;
    }

    /// <summary>The right edge of a tree being built leaf by leaf: enough to give its root at any size.</summary>
    private sealed class Frontier
    {
        private readonly List<(int Level, byte[] Hash)> stack = [];

        public void Push(byte[] leaf)
        {
            stack.Add((0, leaf));
            while (stack.Count >= 2 && stack[^1].Level == stack[^2].Level)
            {
                var (level, right) = stack[^1];
                var left = stack[^2].Hash;
                stack.RemoveRange(stack.Count - 2, 2);
                stack.Add((level + 1, Merkle.NodeHash(left, right)));
            }
        }

        public byte[] Root()
        {
            if (stack.Count == 0)
                return Merkle.EmptyRoot();
            var hash = stack[^1].Hash;
            for (var i = stack.Count - 2; i >= 0; i--)
                hash = Merkle.NodeHash(stack[i].Hash, hash);
            return hash;
        }
    }
}
