using System.Collections.Concurrent;
using Comity.Ledger;
using Comity.Storage;
using Comity.Tests.Support;
using Npgsql;

namespace Comity.Tests.Ledger;

/// <summary>
/// Several servers, one log (issue 23, point 2): ledgers opened by several processes on one
/// PostgreSQL database append to one sequence, signed by one key, sequenced under the database's
/// advisory lock; the primary keys refuse a second entry at an index or a second checkpoint of a
/// size whatever a writer does. Two <see cref="TransparencyLog"/> instances stand for two servers:
/// each has its own data folder, its own connections and its own tree in memory.
/// </summary>
public sealed class SeveralWritersTests : IDisposable
{
    private readonly TestStore store = TestStore.Create(StoreProvider.Postgres);
    private readonly string secondFolder = Directory.CreateTempSubdirectory("comity-second-server-").FullName;

    private StoreLocation Second => StoreLocation.Postgres(secondFolder, store.Location.PostgresConnectionString!);

    /// <summary>The second server's data folder gets a copy of the first one's signing key, as docs/postgres.md says to do.</summary>
    private void CopyKey() => File.Copy(Path.Combine(store.DataFolder, "ledger.key"), Path.Combine(secondFolder, "ledger.key"));

    [Fact]
    public async Task Two_servers_appending_at_once_make_one_sequence_whose_every_receipt_verifies()
    {
        await using var first = TransparencyLog.Open(store.Location);
        CopyKey();
        await using var second = TransparencyLog.Open(Second);
        var receipts = new ConcurrentBag<Receipt>();
        const int Threads = 8, Each = 60;
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            var log = t % 2 == 0 ? first : second;
            for (var i = 0; i < Each; i++)
                receipts.Add(await log.AppendAsync(Entries.Review(t * Each + i)));
        })));

        const int Total = Threads * Each;
        Assert.Equal(Enumerable.Range(0, Total).Select(i => (long)i), receipts.Select(r => r.Index).Order());
        var latest = first.Checkpoint();
        Assert.Equal(Total, latest.Size);
        Assert.Equal(latest.Note, second.Checkpoint().Note);
        foreach (var r in receipts)
        {
            var signed = TlogProof.Parse(r.TlogProof).Verify(first.Verifier, r.LeafHash);
            Assert.True(Merkle.VerifyConsistency(signed.Size, latest.Size, signed.RootHash, latest.RootHash, second.ProveConsistency(signed.Size, latest.Size)));
            // Either server gives a right receipt for an entry the other appended.
            Assert.Equal(r.LeafHash, second.Read(r.Index).LeafHash);
            TlogProof.Parse(second.Receipt(r.Index).TlogProof).Verify(second.Verifier, r.LeafHash);
        }
        // One checkpoint per size: two handed out for one size are the same note.
        Assert.All(receipts.GroupBy(r => r.Checkpoint.Size), g => Assert.Single(g.Select(r => r.Checkpoint.Note).Distinct()));
        Assert.True(first.Verify().Ok);
        var report = TransparencyLog.Verify(Second);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(Total, report.Entries);
    }

    [Fact]
    public async Task A_server_with_another_key_or_none_refuses_to_open_the_ledger_and_creates_no_key()
    {
        await using (var first = TransparencyLog.Open(store.Location))
            await first.AppendAsync(Entries.Review(1));

        var none = Assert.Throws<LedgerException>(() => TransparencyLog.Open(Second));
        Assert.Contains("copy ledger.key", none.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(secondFolder, "ledger.key")));

        // A key of its own, with the same origin, is still another signer.
        var origin = File.ReadAllText(Path.Combine(store.DataFolder, "ledger.vkey")).Split('+')[0];
        using (TransparencyLog.Open(Path.Combine(secondFolder, "elsewhere"), new LedgerOptions { Origin = origin })) { }
        File.Copy(Path.Combine(secondFolder, "elsewhere", "ledger.key"), Path.Combine(secondFolder, "ledger.key"));
        var other = Assert.Throws<LedgerException>(() => TransparencyLog.Open(Second));
        Assert.Contains("is another key", other.Message, StringComparison.Ordinal);
        Assert.Contains("copy ledger.key", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_refuses_a_second_entry_at_one_index_and_a_second_checkpoint_of_one_size()
    {
        await using (var log = TransparencyLog.Open(store.Location))
            await Entries.AppendMany(log, 10);
        var entry = Assert.Throws<PostgresException>(() => LedgerStoreSql.Execute(store, "INSERT INTO entries(idx, entry) VALUES($1, $2)", 3L, "{}"u8.ToArray()));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, entry.SqlState);
        var size = LedgerStoreSql.Scalar<long>(store, "SELECT max(size) FROM checkpoints");
        var checkpoint = Assert.Throws<PostgresException>(() => LedgerStoreSql.Execute(store, "INSERT INTO checkpoints(size, note) VALUES($1, $2)", size, "another"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, checkpoint.SqlState);
        Assert.True(TransparencyLog.Verify(store.Location).Ok);
    }

    [Fact]
    public async Task A_server_whose_connection_dies_while_it_waits_for_the_lock_records_nothing_and_the_other_goes_on()
    {
        await using var first = TransparencyLog.Open(store.Location);
        CopyKey();
        await using var second = TransparencyLog.Open(Second);
        await first.AppendAsync(Entries.Review(0));

        // A third session holds the ledger's lock, so the first server's next batch waits for it.
        using var holder = LedgerStoreSql.Connect(store);
        using (var take = holder.CreateCommand())
        {
            take.CommandText = $"SELECT pg_advisory_lock({Comity.Ledger.Internal.PostgresLedgerStore.LockId})";
            take.ExecuteNonQuery();
        }
        var waiting = first.AppendAsync(Entries.Review(1));
        var pid = await WaitingForTheLock(holder);
        using (var kill = holder.CreateCommand())
        {
            kill.CommandText = $"SELECT pg_terminate_backend({pid})";
            kill.ExecuteNonQuery();
        }
        await Assert.ThrowsAsync<LedgerException>(() => waiting);
        using (var release = holder.CreateCommand())
        {
            release.CommandText = "SELECT pg_advisory_unlock_all()";
            release.ExecuteNonQuery();
        }

        var next = await second.AppendAsync(Entries.Review(2));
        Assert.Equal(1, next.Index);
        var after = await first.AppendAsync(Entries.Review(3));
        Assert.Equal(2, after.Index);
        TlogProof.Parse(after.TlogProof).Verify(first.Verifier, after.LeafHash);
        Assert.Equal(3, first.Checkpoint().Size);
        Assert.True(first.Verify().Ok);
    }

    private static async Task<int> WaitingForTheLock(System.Data.Common.DbConnection connection)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var find = connection.CreateCommand();
            find.CommandText = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock%'";
            if (find.ExecuteScalar() is int pid)
                return pid;
            await Task.Delay(50);
        }
        throw new InvalidOperationException("no session waited for the ledger's lock");
    }

    public void Dispose()
    {
        store.Dispose();
        try { Directory.Delete(secondFolder, recursive: true); } catch (IOException) { }
    }
}
