using Comity.Ledger;
using Comity.Tests.Support;

namespace Comity.Tests.Ledger;

/// <summary>
/// The ledger's contract on both stores (SQLite in the data folder, PostgreSQL): appends and
/// receipts, proofs against a plain RFC 6962 computation, reopening, the key index, verification
/// and tamper detection, a foreign row where the writer was to write. The same code runs above
/// both stores; these tests say the stores keep it true. On PostgreSQL they need
/// <c>COMITY_TEST_POSTGRES</c> and fail without it.
/// </summary>
public sealed class LedgerProviderTests
{
    public static TheoryData<StoreProvider> Providers => TestStore.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task Concurrent_appends_get_receipts_that_verify_and_checkpoints_consistent_with_the_last(StoreProvider provider)
    {
        using var store = TestStore.Create(provider);
        await using var log = TransparencyLog.Open(store.Location);
        var receipts = await Entries.AppendMany(log, 600);

        Assert.Equal(Enumerable.Range(0, 600).Select(i => (long)i), receipts.Select(r => r.Index).Order());
        var latest = log.Checkpoint();
        Assert.Equal(600, latest.Size);
        foreach (var r in receipts)
        {
            var checkpoint = TlogProof.Parse(r.TlogProof).Verify(log.Verifier, r.LeafHash);
            Assert.True(checkpoint.Size > r.Index);
            Assert.Equal(r.LeafHash, log.Read(r.Index).LeafHash);
            Assert.True(Merkle.VerifyConsistency(checkpoint.Size, latest.Size, checkpoint.RootHash, latest.RootHash, log.ProveConsistency(checkpoint.Size, latest.Size)));
        }
        Assert.True(log.Verify().Ok);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Roots_and_proofs_match_a_plain_RFC_6962_computation(StoreProvider provider)
    {
        using var store = TestStore.Create(provider);
        await using var log = TransparencyLog.Open(store.Location);
        var leaves = new List<byte[]>();
        for (var i = 0; i < 40; i++)
            leaves.Add((await log.AppendAsync(Entries.Review(i))).LeafHash);

        for (var n = 1; n <= 40; n++)
        {
            var root = ReferenceMerkle.Root(leaves.GetRange(0, n));
            Assert.Equal(root, log.RootHash(n));
            for (var m = 0; m < n; m++)
            {
                Assert.True(Merkle.VerifyInclusion(m, n, leaves[m], log.ProveInclusion(m, n), root), $"inclusion {m} in {n}");
                if (m > 0)
                    Assert.True(Merkle.VerifyConsistency(m, n, ReferenceMerkle.Root(leaves.GetRange(0, m)), root, log.ProveConsistency(m, n)), $"consistency {m} to {n}");
            }
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Reopening_keeps_the_entries_the_keys_the_signer_and_the_root(StoreProvider provider)
    {
        using var store = TestStore.Create(provider);
        byte[] root;
        string vkey;
        await using (var log = TransparencyLog.Open(store.Location))
        {
            await Entries.AppendMany(log, 300);
            await log.AppendAsync(Entries.Review(7) with { Key = "review:C-7" });
            await log.AppendAsync(Entries.Review(8) with { Key = "review:C-8" });
            root = log.Checkpoint().RootHash;
            vkey = log.Verifier.Encoded;
        }
        await using var again = TransparencyLog.Open(store.Location);
        Assert.Equal(302, again.Size);
        Assert.Equal(root, again.Checkpoint().RootHash);
        Assert.Equal(vkey, again.Verifier.Encoded);
        Assert.Equal(300, again.Find("review:C-7"));
        Assert.Equal([("review:C-7", 300L), ("review:C-8", 301L)], again.FindKeys("review:"));
        Assert.Contains("\"C-8\"", System.Text.Encoding.UTF8.GetString(again.Read(301).Canonical), StringComparison.Ordinal);
        Assert.Equal(302, again.ReadFrom(0).Count());

        var receipt = await again.AppendAsync(Entries.Review(9));
        Assert.Equal(302, receipt.Index);
        Assert.True(again.Verify().Ok);
        await using var reader = TransparencyLog.Open(store.Location, new LedgerOptions { ReadOnly = true });
        Assert.Equal(303, reader.Checkpoint().Size);
        Assert.True(TransparencyLog.Verify(store.Location).Ok);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Altered_removed_and_swapped_entries_and_altered_checkpoints_are_caught(StoreProvider provider)
    {
        using var store = TestStore.Create(provider);
        string latest;
        await using (var log = TransparencyLog.Open(store.Location))
        {
            await Entries.AppendMany(log, 250);
            await Entries.AppendMany(log, 50, 250);
            latest = log.Checkpoint().Note;
        }
        Assert.True(TransparencyLog.Verify(store.Location).Ok);

        var original = LedgerStoreSql.Scalar<byte[]>(store, "SELECT entry FROM entries WHERE idx = $1", 42L);
        var altered = (byte[])original.Clone();
        altered[10] ^= 1;
        LedgerStoreSql.Execute(store, "UPDATE entries SET entry = $1 WHERE idx = $2", altered, 42L);
        AssertCaught(store, 42);
        LedgerStoreSql.Execute(store, "UPDATE entries SET entry = $1 WHERE idx = $2", original, 42L);
        Assert.True(TransparencyLog.Verify(store.Location).Ok);

        LedgerStoreSql.Execute(store, "UPDATE entries SET idx = 1000000 WHERE idx = 10");
        LedgerStoreSql.Execute(store, "UPDATE entries SET idx = 10 WHERE idx = 11");
        LedgerStoreSql.Execute(store, "UPDATE entries SET idx = 11 WHERE idx = 1000000");
        AssertCaught(store, 10);
        LedgerStoreSql.Execute(store, "UPDATE entries SET idx = 1000000 WHERE idx = 10");
        LedgerStoreSql.Execute(store, "UPDATE entries SET idx = 10 WHERE idx = 11");
        LedgerStoreSql.Execute(store, "UPDATE entries SET idx = 11 WHERE idx = 1000000");

        var size = LedgerStoreSql.Scalar<long>(store, "SELECT max(size) FROM checkpoints");
        var note = LedgerStoreSql.Scalar<string>(store, "SELECT note FROM checkpoints WHERE size = $1", size);
        LedgerStoreSql.Execute(store, "UPDATE checkpoints SET note = $1 WHERE size = $2", note.Replace("\n", "\n\n", StringComparison.Ordinal)[..^2] + "\n", size);
        Assert.False(TransparencyLog.Verify(store.Location).Ok);
        LedgerStoreSql.Execute(store, "UPDATE checkpoints SET note = $1 WHERE size = $2", note, size);

        LedgerStoreSql.Execute(store, "DELETE FROM entries WHERE idx >= 250");
        LedgerStoreSql.Execute(store, "DELETE FROM checkpoints WHERE size > 250");
        LedgerStoreSql.Execute(store, "DELETE FROM leaves WHERE tile = 1");
        var tile = LedgerStoreSql.Scalar<byte[]>(store, "SELECT hashes FROM leaves WHERE tile = 0");
        LedgerStoreSql.Execute(store, "UPDATE leaves SET hashes = $1 WHERE tile = 0", tile[..(250 * 32)]);
        Assert.True(TransparencyLog.Verify(store.Location).Ok, "without outside evidence a clean cut looks like a shorter log");
        var report = TransparencyLog.Verify(store.Location, heldCheckpoints: [latest]);
        Assert.False(report.Ok);
        Assert.Equal(250, report.FirstBadEntry);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_entry_stored_where_the_writer_was_to_write_stops_it_signing(StoreProvider provider)
    {
        using var store = TestStore.Create(provider);
        await using var log = TransparencyLog.Open(store.Location);
        await Entries.AppendMany(log, 5);
        LedgerStoreSql.Execute(store, "INSERT INTO entries(idx, entry) VALUES($1, $2)", 5L, "{}"u8.ToArray());

        var refused = await Assert.ThrowsAsync<LedgerException>(() => log.AppendAsync(Entries.Review(5)));
        Assert.Contains("did not append it", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<LedgerException>(() => log.AppendAsync(Entries.Review(6)));
        Assert.Equal(5, LedgerStoreSql.Scalar<long>(store, "SELECT max(size) FROM checkpoints"));
        Assert.False(log.Verify().Ok);
    }

    private static void AssertCaught(TestStore store, long entry)
    {
        var report = TransparencyLog.Verify(store.Location);
        Assert.False(report.Ok, $"entry {entry} altered, not caught");
        Assert.Equal(entry, report.FirstBadEntry);
    }
}
