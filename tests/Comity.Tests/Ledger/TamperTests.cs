using Comity.Ledger;
using Comity.Tests.Cli.Support;
using Microsoft.Data.Sqlite;

namespace Comity.Tests.Ledger;

/// <summary>
/// Tampering with any byte of any stored entry, leaf hash or checkpoint is caught by a full
/// verification, which names the entry; so are removed, moved and reordered entries; and
/// byte flips anywhere in the SQLite file either are caught or changed nothing stored.
/// </summary>
public sealed class TamperTests : IClassFixture<TamperTests.PristineLedger>
{
    private readonly PristineLedger pristine;

    public TamperTests(PristineLedger pristine) => this.pristine = pristine;

    /// <summary>A ledger of 300 entries written in batches (so several leaf tiles and many checkpoints), closed.</summary>
    public sealed class PristineLedger : IDisposable
    {
        public const int Count = 300;
        private readonly TempDir dir = Repo.TempDir();

        public PristineLedger()
        {
            using var log = TransparencyLog.Open(Data);
            for (var from = 0; from < Count; from += 50)
                Entries.AppendMany(log, 50, from).GetAwaiter().GetResult();
            Key = log.Verifier;
            Latest = log.Checkpoint().Note;
        }

        public string Data => Path.Combine(dir.Path, "data");
        public NoteVerifier Key { get; }
        public string Latest { get; }

        /// <summary>A copy of the ledger's folder to damage.</summary>
        public string Copy(TempDir into) => into.CopyFrom(Data, "data");

        public void Dispose() => dir.Dispose();
    }

    [Fact]
    public void The_untouched_ledger_verifies()
    {
        var report = TransparencyLog.Verify(pristine.Data);
        Assert.True(report.Ok, string.Join("\n", report.Problems));
        Assert.Equal(PristineLedger.Count, report.Entries);
        Assert.True(report.Checkpoints >= 6);
    }

    [Fact]
    public void A_flipped_byte_in_any_entry_is_caught_and_the_entry_named()
    {
        using var dir = Repo.TempDir();
        var data = pristine.Copy(dir);
        var random = new Random(5);
        for (var index = 0; index < PristineLedger.Count; index++)
        {
            var original = Get<byte[]>(data, "SELECT entry FROM entries WHERE idx = $k", index);
            var altered = (byte[])original.Clone();
            altered[random.Next(altered.Length)] ^= (byte)(1 << random.Next(8));
            Set(data, "UPDATE entries SET entry = $v WHERE idx = $k", index, altered);
            AssertCaught(data, index);
            Set(data, "UPDATE entries SET entry = $v WHERE idx = $k", index, original);
        }
        Assert.True(TransparencyLog.Verify(data).Ok);
    }

    [Fact]
    public void A_store_that_names_another_origin_or_format_is_caught()
    {
        using var dir = Repo.TempDir();
        var data = pristine.Copy(dir);
        Exec(data, "UPDATE meta SET value = value || 'x' WHERE name = 'origin'");
        var report = TransparencyLog.Verify(data);
        Assert.False(report.Ok);
        Assert.Contains(report.Problems, p => p.Contains("says it is the ledger of", StringComparison.Ordinal));
        Exec(data, "UPDATE meta SET value = substr(value, 1, length(value) - 1) WHERE name = 'origin'");
        Exec(data, "UPDATE meta SET value = 'comity-ledger/9' WHERE name = 'format'");
        Assert.Contains(TransparencyLog.Verify(data).Problems, p => p.Contains("format is comity-ledger/9", StringComparison.Ordinal));
    }

    [Fact]
    public void A_flipped_byte_in_any_leaf_hash_is_caught_and_the_entry_named()
    {
        using var dir = Repo.TempDir();
        var data = pristine.Copy(dir);
        var random = new Random(6);
        for (var index = 0; index < PristineLedger.Count; index++)
        {
            var tile = index / 256;
            var original = Get<byte[]>(data, "SELECT hashes FROM leaves WHERE tile = $k", tile);
            var altered = (byte[])original.Clone();
            altered[(index % 256) * 32 + random.Next(32)] ^= (byte)(1 << random.Next(8));
            Set(data, "UPDATE leaves SET hashes = $v WHERE tile = $k", tile, altered);
            AssertCaught(data, index);
            Set(data, "UPDATE leaves SET hashes = $v WHERE tile = $k", tile, original);
        }
    }

    [Fact]
    public void A_flipped_byte_anywhere_in_any_checkpoint_is_caught()
    {
        using var dir = Repo.TempDir();
        var data = pristine.Copy(dir);
        var sizes = All<long>(data, "SELECT size FROM checkpoints");
        var random = new Random(7);
        foreach (var size in sizes)
        {
            var original = Get<string>(data, "SELECT note FROM checkpoints WHERE size = $k", size);
            var bytes = System.Text.Encoding.UTF8.GetBytes(original);
            // Every byte of the first checkpoint, random bytes of the others.
            var positions = size == sizes[0] ? Enumerable.Range(0, bytes.Length) : Enumerable.Range(0, 8).Select(_ => random.Next(bytes.Length));
            foreach (var at in positions)
            {
                var altered = (byte[])bytes.Clone();
                altered[at] ^= (byte)(1 << random.Next(8));
                Set(data, "UPDATE checkpoints SET note = $v WHERE size = $k", size, System.Text.Encoding.UTF8.GetString(altered));
                var report = TransparencyLog.Verify(data);
                Assert.False(report.Ok, $"checkpoint {size}, byte {at} altered, not caught");
            }
            Set(data, "UPDATE checkpoints SET note = $v WHERE size = $k", size, original);
        }
        Assert.True(TransparencyLog.Verify(data).Ok);
    }

    [Fact]
    public void Removed_moved_and_swapped_entries_are_caught()
    {
        using var dir = Repo.TempDir();
        var data = pristine.Copy(dir);

        Exec(data, "DELETE FROM entries WHERE idx = 120");
        AssertCaught(data, 120);
        Exec(data, "UPDATE entries SET idx = 120 WHERE idx = 121"); // 121 moved into the gap: slot 120 is wrong, 121 is missing
        AssertCaught(data, 120);

        using var dir2 = Repo.TempDir();
        var swapped = pristine.Copy(dir2);
        Exec(swapped, "UPDATE entries SET idx = -1 WHERE idx = 10; UPDATE entries SET idx = 10 WHERE idx = 11; UPDATE entries SET idx = 11 WHERE idx = -1");
        AssertCaught(swapped, 10);
    }

    [Fact]
    public void Entries_changed_together_with_their_leaf_hashes_are_caught_by_the_checkpoints()
    {
        using var dir = Repo.TempDir();
        var data = pristine.Copy(dir);
        // A forger who rewrites entry 130 and recomputes its leaf hash still cannot re-sign the checkpoints.
        var forged = new RecordedEntry(130, "{\"body\":{},\"kind\":\"review\",\"recordedAt\":\"2025-01-01T00:00:00.000Z\",\"salt\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"v\":1}"u8.ToArray());
        Set(data, "UPDATE entries SET entry = $v WHERE idx = $k", 130, forged.Canonical);
        var tile = Get<byte[]>(data, "SELECT hashes FROM leaves WHERE tile = $k", 0);
        forged.LeafHash.CopyTo(tile, 130 * 32);
        Set(data, "UPDATE leaves SET hashes = $v WHERE tile = $k", 0, tile);

        var report = TransparencyLog.Verify(data);
        Assert.False(report.Ok);
        Assert.Contains(report.Problems, p => p.Contains("differ from what was signed", StringComparison.Ordinal));
        Assert.True(report.FirstBadEntry is >= 100 and <= 130, $"first bad entry {report.FirstBadEntry}");
    }

    [Fact]
    public void A_log_cut_short_with_its_checkpoints_is_caught_by_a_checkpoint_held_elsewhere()
    {
        using var dir = Repo.TempDir();
        var data = pristine.Copy(dir);
        Exec(data, "DELETE FROM entries WHERE idx >= 250; DELETE FROM checkpoints WHERE size > 250; UPDATE leaves SET hashes = substr(hashes, 1, 250 * 32) WHERE tile = 0; DELETE FROM leaves WHERE tile = 1");

        Assert.True(TransparencyLog.Verify(data).Ok, "without outside evidence a clean cut looks like a shorter log");
        var report = TransparencyLog.Verify(data, heldCheckpoints: [pristine.Latest]);
        Assert.False(report.Ok);
        Assert.Equal(250, report.FirstBadEntry);
        Assert.Contains(report.Problems, p => p.Contains("entries 250 to 299 were removed", StringComparison.Ordinal));
    }

    [Fact]
    public void Byte_flips_anywhere_in_the_database_file_are_caught_or_change_nothing_stored()
    {
        using var dir = Repo.TempDir();
        var data = pristine.Copy(dir);
        var file = Path.Combine(data, TransparencyLog.DatabaseFileName);
        Assert.False(File.Exists(file + "-wal") && new FileInfo(file + "-wal").Length > 0, "the closed ledger left a WAL");
        var original = File.ReadAllBytes(file);
        var content = Dump(file);
        var random = new Random(8);
        var caught = 0;
        const int Flips = 250;
        for (var i = 0; i < Flips; i++)
        {
            var bytes = (byte[])original.Clone();
            var at = random.Next(bytes.Length);
            bytes[at] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(file, bytes);
            var report = TransparencyLog.Verify(data);
            if (!report.Ok)
                caught++;
            else
                Assert.True(content == Dump(file), $"byte {at} of {bytes.Length} changed what is stored, and verify passed");
            SqliteConnection.ClearAllPools();
        }
        Assert.True(caught > 0, "no flip was caught: the flips missed the stored data entirely?");
    }

    [Fact]
    public void A_flipped_byte_inside_each_entry_as_laid_out_in_the_file_is_caught()
    {
        using var dir = Repo.TempDir();
        var data = pristine.Copy(dir);
        var file = Path.Combine(data, TransparencyLog.DatabaseFileName);
        var original = File.ReadAllBytes(file);
        var entries = All<byte[]>(data, "SELECT entry FROM entries ORDER BY idx");
        SqliteConnection.ClearAllPools();
        for (var index = 0; index < entries.Count; index += 7)
        {
            // SQLite may keep stale copies in free pages; flip the byte in every copy, so the live one is among them.
            var bytes = (byte[])original.Clone();
            var copies = 0;
            for (var at = original.AsSpan().IndexOf(entries[index]); at >= 0; copies++)
            {
                bytes[at + entries[index].Length / 2] ^= 0x20;
                var further = original.AsSpan(at + 1).IndexOf(entries[index]);
                at = further < 0 ? -1 : at + 1 + further;
            }
            Assert.True(copies > 0, $"entry {index} is not stored contiguously in the file");
            File.WriteAllBytes(file, bytes);
            AssertCaught(data, index);
            SqliteConnection.ClearAllPools();
        }
    }

    private static void AssertCaught(string data, long index)
    {
        var report = TransparencyLog.Verify(data);
        Assert.False(report.Ok, $"tampering with entry {index} was not caught");
        Assert.True(report.FirstBadEntry == index, $"expected first bad entry {index}, got {report.FirstBadEntry}: {string.Join("; ", report.Problems)}");
    }

    /// <summary>Everything stored, as text, read through SQLite (or the error that stops reading it).</summary>
    private static string Dump(string file)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            connection.Open();
            var text = new System.Text.StringBuilder();
            foreach (var sql in new[] { "SELECT idx, hex(entry) FROM entries ORDER BY idx", "SELECT tile, hex(hashes) FROM leaves ORDER BY tile", "SELECT size, note FROM checkpoints ORDER BY size", "SELECT name, value FROM meta ORDER BY name" })
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                    text.Append(reader.GetValue(0)).Append('|').Append(reader.GetValue(1)).Append('\n');
            }
            return text.ToString();
        }
        catch (SqliteException e)
        {
            return "unreadable: " + e.Message;
        }
    }

    private static SqliteConnection Connect(string data)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(data, TransparencyLog.DatabaseFileName)};Pooling=False");
        connection.Open();
        using var unsynced = connection.CreateCommand();
        unsynced.CommandText = "PRAGMA synchronous=OFF"; // the tamperer needs no durability; the tests need speed
        unsynced.ExecuteNonQuery();
        return connection;
    }

    private static T Get<T>(string data, string sql, long key)
    {
        using var connection = Connect(data);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$k", key);
        return (T)command.ExecuteScalar()!;
    }

    private static List<T> All<T>(string data, string sql)
    {
        using var connection = Connect(data);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
            values.Add((T)reader.GetValue(0));
        return values;
    }

    private static void Set(string data, string sql, long key, object value)
    {
        using var connection = Connect(data);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static void Exec(string data, string sql)
    {
        using var connection = Connect(data);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
