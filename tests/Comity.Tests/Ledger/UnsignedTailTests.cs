using System.Security.Cryptography;
using System.Text;
using Comity.Ledger;
using Comity.Tests.Cli.Support;
using Microsoft.Data.Sqlite;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Ledger;

/// <summary>
/// The ledger signs only what it sequenced. Someone who can write <c>ledger.db</c> but not read
/// the signing key appends an entry together with its leaf hash, as the writer would. Before
/// checkpoints were stored in the same commit as their entries, <c>ledger verify</c> passed, the
/// owner's next opening signed the forged entry into a checkpoint, and its receipt verified offline.
/// </summary>
public sealed class UnsignedTailTests
{
    [Fact]
    public async Task An_entry_written_into_the_file_is_caught_by_verify_and_never_signed()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        using (var log = TransparencyLog.Open(data))
            await Entries.AppendMany(log, 3);

        Forge(data, 3);

        var report = TransparencyLog.Verify(data);
        Assert.False(report.Ok);
        Assert.Equal(3, report.FirstBadEntry);
        Assert.Contains(report.Problems, p => p.StartsWith("entry 3 is covered by no signed checkpoint", StringComparison.Ordinal));
        var refused = Assert.Throws<LedgerException>(() => TransparencyLog.Open(data));
        Assert.Contains("entry 3 is covered by no signed checkpoint", refused.Message, StringComparison.Ordinal);
        Assert.Contains("will sign nothing", refused.Message, StringComparison.Ordinal);
        // Nothing was signed over it on the way: the newest checkpoint still signs 3 entries.
        using var readOnly = TransparencyLog.Open(data, new LedgerOptions { ReadOnly = true });
        Assert.Equal(3, readOnly.Checkpoint().Size);
        Assert.Throws<LedgerException>(() => readOnly.Receipt(3));
    }

    [Fact]
    public async Task A_running_writer_refuses_to_sign_over_an_entry_it_did_not_append()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        using var log = TransparencyLog.Open(data);
        await Entries.AppendMany(log, 2);

        Forge(data, 2);

        var failed = await Assert.ThrowsAsync<LedgerException>(() => log.AppendAsync(Entries.Review(9)));
        Assert.Contains("this ledger's writer did not append it", failed.Message, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<LedgerException>(() => log.AppendAsync(Entries.Review(10)));
        Assert.Same(failed, again);
        Assert.Equal(2, log.Checkpoint().Size);
    }

    [Fact]
    public async Task Ledger_verify_exits_4_naming_the_unsigned_entry()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        AssertExit(0, await ComityCli.RunAsync([.. DecideExample, "--record", "--data", data]));
        var forged = FirstDecision + 1;
        Forge(data, forged);

        var verify = await ComityCli.RunAsync("ledger", "verify", "--data", data);
        var proof = await ComityCli.RunAsync("ledger", "proof", Decision(1), "--data", data);

        AssertExit(4, verify);
        Assert.StartsWith($"NOT VERIFIED: first bad entry {forged}\n  entry {forged} is covered by no signed checkpoint", verify.Stdout, StringComparison.Ordinal);
        AssertExit(2, proof);
    }

    [Fact]
    public async Task A_store_written_before_checkpoints_were_sealed_in_their_commits_has_its_tail_signed_once()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        using (var log = TransparencyLog.Open(data))
            await Entries.AppendMany(log, 2);
        // As an older Comity left a store after a crash: its last entry's checkpoint unsaved, no mark.
        Execute(data, "DELETE FROM meta WHERE name = 'checkpoint-in-commit'");
        Forge(data, 2);

        using (var log = TransparencyLog.Open(data))
            Assert.Equal(3, log.Checkpoint().Size);
        Assert.True(TransparencyLog.Verify(data).Ok);
        Forge(data, 3);
        Assert.Throws<LedgerException>(() => TransparencyLog.Open(data));
    }

    /// <summary>Appends entry <paramref name="index"/> and its leaf hash straight into the SQLite file, as the writer would, without the key.</summary>
    private static void Forge(string data, long index)
    {
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var document = Encoding.UTF8.GetBytes($$"""{"body":{"answer":{"outcome":"must-comply"},"recordedBy":"admin"},"kind":"decision","recordedAt":"2025-03-14T16:30:00.000Z","salt":"{{salt}}","v":1}""");
        var leaf = Merkle.LeafHash(SHA256.HashData(document));
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "ledger.db")};Pooling=False");
        connection.Open();
        using var tx = connection.BeginTransaction();
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO entries(idx, entry) VALUES($i, $e)";
            insert.Parameters.AddWithValue("$i", index);
            insert.Parameters.AddWithValue("$e", document);
            insert.ExecuteNonQuery();
        }
        var tile = index / 256;
        byte[] hashes;
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT hashes FROM leaves WHERE tile = $t";
            read.Parameters.AddWithValue("$t", tile);
            hashes = read.ExecuteScalar() as byte[] ?? [];
        }
        using (var write = connection.CreateCommand())
        {
            write.CommandText = "INSERT OR REPLACE INTO leaves(tile, hashes) VALUES($t, $h)";
            write.Parameters.AddWithValue("$t", tile);
            write.Parameters.AddWithValue("$h", hashes.Concat(leaf).ToArray());
            write.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static void Execute(string data, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "ledger.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
