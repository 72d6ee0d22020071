using System.Text;
using Comity.Ledger;
using Comity.Tests.Cli.Support;

namespace Comity.Tests.Ledger;

public sealed class TransparencyLogTests
{
    [Fact]
    public async Task Append_returns_a_receipt_whose_proof_verifies_against_its_signed_checkpoint()
    {
        using var dir = Repo.TempDir();
        await using var log = TransparencyLog.Open(dir.Path);
        var receipts = await Entries.AppendMany(log, 300);

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), receipts.Select(r => r.Index).Order());
        foreach (var r in receipts)
        {
            var proof = TlogProof.Parse(r.TlogProof);
            var checkpoint = proof.Verify(log.Verifier, r.LeafHash);
            Assert.True(checkpoint.Size > r.Index);
            Assert.Equal(r.LeafHash, log.Read(r.Index).LeafHash);
        }
    }

    [Fact]
    public async Task Concurrent_appends_share_commits_and_every_checkpoint_is_consistent_with_the_last()
    {
        using var dir = Repo.TempDir();
        await using var log = TransparencyLog.Open(dir.Path);
        var receipts = await Entries.AppendMany(log, 2000);

        var checkpoints = receipts.Select(r => r.Checkpoint).DistinctBy(c => c.Size).ToList();
        Assert.True(checkpoints.Count < 2000, "group commit should put several appends in one transaction");
        var latest = log.Checkpoint();
        Assert.Equal(2000, latest.Size);
        foreach (var c in checkpoints)
            Assert.True(Merkle.VerifyConsistency(c.Size, latest.Size, c.RootHash, latest.RootHash, log.ProveConsistency(c.Size, latest.Size)));
    }

    [Fact]
    public async Task Roots_and_proofs_match_a_plain_RFC_6962_computation_at_every_size()
    {
        using var dir = Repo.TempDir();
        await using var log = TransparencyLog.Open(dir.Path);
        var leaves = new List<byte[]>();
        for (var i = 0; i < 70; i++)
            leaves.Add((await log.AppendAsync(Entries.Review(i))).LeafHash);

        for (var n = 0; n <= 70; n++)
        {
            var root = ReferenceMerkle.Root(leaves.GetRange(0, n));
            Assert.Equal(root, log.RootHash(n));
            for (var m = 0; m < n; m++)
            {
                Assert.True(Merkle.VerifyInclusion(m, n, leaves[m], log.ProveInclusion(m, n), root), $"inclusion {m} in {n}");
                if (m == 0)
                {
                    Assert.Throws<LedgerException>(() => log.ProveConsistency(0, n));
                    continue;
                }
                Assert.True(Merkle.VerifyConsistency(m, n, ReferenceMerkle.Root(leaves.GetRange(0, m)), root, log.ProveConsistency(m, n)), $"consistency {m} to {n}");
            }
        }
    }

    [Fact]
    public async Task Reopening_keeps_the_entries_the_key_and_the_root()
    {
        using var dir = Repo.TempDir();
        byte[] root;
        string vkey;
        await using (var log = TransparencyLog.Open(dir.Path))
        {
            await Entries.AppendMany(log, 600);
            root = log.Checkpoint().RootHash;
            vkey = log.Verifier.Encoded;
        }
        await using var again = TransparencyLog.Open(dir.Path);
        Assert.Equal(600, again.Size);
        Assert.Equal(root, again.Checkpoint().RootHash);
        Assert.Equal(vkey, again.Verifier.Encoded);
        Assert.True(again.Verify().Ok);
        var next = await again.AppendAsync(Entries.Review(600));
        Assert.Equal(600, next.Index);
    }

    [Fact]
    public async Task An_entry_reads_back_as_canonical_JSON_with_kind_time_salt_and_correction()
    {
        using var dir = Repo.TempDir();
        await using var log = TransparencyLog.Open(dir.Path);
        await log.AppendAsync(Entries.Review(0));
        var body = Encoding.UTF8.GetBytes("""{ "z": 1, "a": [true, null, 1.5e3], "é": "x\u000a" }""");
        var receipt = await log.AppendAsync(new LedgerEntry("review", body, Entries.Time, Corrects: 0));

        var entry = log.Read(receipt.Index);
        var text = Encoding.UTF8.GetString(entry.Canonical);
        Assert.StartsWith("""{"body":{"a":[true,null,1500],"z":1,"é":"x\n"},"corrects":0,"kind":"review","recordedAt":"2025-03-14T16:30:00.000Z","salt":""", text);
        Assert.EndsWith("\",\"v\":1}", text);
        Assert.Equal("review", entry.Kind);
        Assert.Equal(0, entry.Corrects);
        Assert.Equal(Entries.Time, entry.RecordedAt);
        Assert.Equal(receipt.LeafHash, entry.LeafHash);
    }

    [Fact]
    public async Task The_same_entry_twice_gets_different_commitments_because_of_its_salt()
    {
        using var dir = Repo.TempDir();
        await using var log = TransparencyLog.Open(dir.Path);
        var a = await log.AppendAsync(Entries.Review(1));
        var b = await log.AppendAsync(Entries.Review(1));
        Assert.NotEqual(a.LeafHash, b.LeafHash);
    }

    [Fact]
    public async Task Bad_entries_are_refused_and_nothing_is_recorded()
    {
        using var dir = Repo.TempDir();
        await using var log = TransparencyLog.Open(dir.Path);
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(new LedgerEntry("Review", "{}"u8.ToArray(), Entries.Time)));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(new LedgerEntry("review", "{\"a\":1,\"a\":2}"u8.ToArray(), Entries.Time)));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(new LedgerEntry("review", "{\"a\":"u8.ToArray(), Entries.Time)));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(Entries.Review(0, corrects: 5)));
        Assert.Equal(0, log.Size);
    }

    [Fact]
    public void The_key_file_is_readable_by_its_owner_only_and_the_verifier_key_is_beside_it()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        using (var log = TransparencyLog.Open(data, new LedgerOptions { Origin = "ledger.example.gov/comity" }))
        {
            Assert.Equal("ledger.example.gov/comity", log.Origin);
            Assert.Equal(log.Verifier.Encoded + "\n", File.ReadAllText(Path.Combine(data, "ledger.vkey")));
        }
        if (OperatingSystem.IsWindows())
            return;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "ledger.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.StartsWith("PRIVATE+KEY+ledger.example.gov/comity+", File.ReadAllText(Path.Combine(data, "ledger.key")));
    }

    [Fact]
    public void A_second_writer_is_refused_while_a_reader_may_open()
    {
        using var dir = Repo.TempDir();
        using var log = TransparencyLog.Open(dir.Path);
        var refused = Assert.Throws<LedgerException>(() => TransparencyLog.Open(dir.Path));
        Assert.Contains("open for writing by another process", refused.Message);
        using var reader = TransparencyLog.Open(dir.Path, new LedgerOptions { ReadOnly = true });
        Assert.Equal(log.Checkpoint().Note, reader.Checkpoint().Note);
    }

    [Fact]
    public async Task Exported_tiles_are_read_back_by_the_authenticating_reader()
    {
        using var dir = Repo.TempDir();
        await using var log = TransparencyLog.Open(Path.Combine(dir.Path, "data"));
        await Entries.AppendMany(log, 70_000 / 100);
        var export = log.ExportTiles(Path.Combine(dir.Path, "tiles"));
        Assert.Equal(700, export.TreeSize);

        var reader = TileLogReader.Open(Path.Combine(dir.Path, "tiles"), log.Verifier);
        Assert.Equal(log.Checkpoint().Note, reader.Checkpoint.Note);
        for (long i = 0; i < 700; i += 37)
        {
            Assert.Equal(log.Read(i).LeafHash, reader.LeafHash(i));
            Assert.Equal(log.Read(i).Commitment, reader.Commitment(i));
        }
    }
}
