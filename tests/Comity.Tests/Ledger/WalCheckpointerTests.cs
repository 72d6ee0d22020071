using System.Text;
using Comity.Ledger;
using Comity.Ledger.Internal;
using Comity.Tests.Cli.Support;

namespace Comity.Tests.Ledger;

/// <summary>
/// The ledger's WAL must start again from its beginning while appends keep coming: SQLite does so
/// only when a transaction begins with every frame copied, and the background pass never copies
/// the frames committed while it ran. Without the writer's catch-up the WAL grew without bound.
/// </summary>
public sealed class WalCheckpointerTests
{
    [Fact]
    public void The_writer_copies_what_the_background_pass_left_so_the_next_commit_restarts_the_WAL()
    {
        using var dir = Repo.TempDir();
        var path = Path.Combine(dir.Path, "ledger.db");
        using var store = LedgerStore.Open(path, readOnly: false);
        var tree = new HashTree();
        Commit(store, tree, 100);
        Assert.True(SpinWait.SpinUntil(() => store.WalPasses > 0, TimeSpan.FromSeconds(60)), "the background pass never ran");
        Commit(store, tree, 100); // frames the background pass has not copied
        var sequence = CheckpointSequence(path);

        store.CatchUpWal();
        Commit(store, tree, 1);

        // The WAL header's checkpoint sequence number goes up by one each time the WAL restarts.
        Assert.Equal(sequence + 1, CheckpointSequence(path));
        Assert.Equal(201, store.EntryCount());
    }

    [Fact]
    public async Task Closing_does_not_wait_out_the_pause_between_passes()
    {
        using var dir = Repo.TempDir();
        var path = Path.Combine(dir.Path, "ledger.db");
        using (var store = LedgerStore.Open(path, readOnly: false))
            Commit(store, new HashTree(), 1);
        var checkpointer = new WalCheckpointer(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path }.ToString(), rest: TimeSpan.FromHours(1));
        checkpointer.Wrote();
        Assert.True(SpinWait.SpinUntil(() => checkpointer.Passes > 0, TimeSpan.FromSeconds(60)), "the background pass never ran");

        // The pass is done and the thread rests for an hour: closing must end that rest at once
        // (a command that appended once waited out the whole quarter second before it could exit).
        // (WaitAsync throws TimeoutException if Dispose is still waiting a minute later.)
        await Task.Run(checkpointer.Dispose).WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static void Commit(LedgerStore store, HashTree tree, int count)
    {
        var first = tree.Appended;
        var documents = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            var document = Encoding.UTF8.GetBytes($$"""{"body":{"n":{{first + i}}},"kind":"test","v":1}""");
            documents.Add(document);
            tree.Append(Merkle.LeafHash(document));
        }
        // The checkpoint's signature is not what this test is about: any note stored with the entries.
        var size = tree.Appended;
        store.Commit(documents, first, tree, new Checkpoint("test", size, tree.AppendedRoot(), $"test\n{size}\n\n"));
        tree.Publish();
    }

    private static uint CheckpointSequence(string databasePath)
    {
        using var wal = new FileStream(databasePath + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[16];
        wal.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12));
    }
}
