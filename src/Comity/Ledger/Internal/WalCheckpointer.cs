using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Comity.Ledger.Internal;

/// <summary>
/// Copies the write-ahead log into the database file from a thread of its own (PASSIVE
/// checkpoints: they never block the writer), at most every quarter second while appends come
/// in. SQLite's own automatic checkpoint would run inside the commit that crosses its threshold,
/// and every appender in that group would wait for it. Crash safety is SQLite's: a checkpoint
/// only copies frames already committed and synced.
/// <para>
/// SQLite starts the WAL again from its beginning only when a write transaction begins with
/// every frame already copied, which never happens while appends keep coming: the background
/// pass copies what was committed when it started, and the writer has committed more by the time
/// it ends. The WAL then grew without bound (340 MB in a 300,000-append run) and every commit
/// wrote to new blocks of a growing file, which cost the kernel more than the write itself
/// (allocating pages and blocks, the inode's size synced with every commit). So after each
/// background pass the writer, between two of its transactions, copies the few frames committed
/// since (<see cref="CatchUp"/>): the WAL is then wholly copied, the next transaction writes it
/// from the beginning again, over blocks already allocated and cached.
/// </para>
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private readonly string connectionString;
    private readonly TimeSpan rest;
    private readonly Thread thread;
    private readonly object gate = new();
    private bool pending;
    private bool stopping;
    private volatile bool copied;
    private int passes;

    /// <param name="rest">the pause between passes</param>
    public WalCheckpointer(string connectionString, TimeSpan? rest = null)
    {
        this.connectionString = connectionString;
        this.rest = rest ?? TimeSpan.FromMilliseconds(250);
        thread = new Thread(Run) { IsBackground = true, Name = "ledger WAL checkpoint" };
        thread.Start();
    }

    /// <summary>Background passes that were not busy (for tests).</summary>
    public int Passes => Volatile.Read(ref passes);

    /// <summary>A transaction was committed: the WAL has grown.</summary>
    public void Wrote()
    {
        lock (gate)
        {
            if (pending)
                return;
            pending = true;
            Monitor.Pulse(gate);
        }
    }

    /// <summary>
    /// Called by the writer between transactions, on its own connection: once a background pass
    /// has copied most of the WAL, copies the rest, so that the next transaction restarts the WAL.
    /// Costs one sync of the database file per background pass. Busy (a background pass is
    /// running) or failed: the WAL stays valid and grows until the next try.
    /// </summary>
    public void CatchUp(sqlite3 writer)
    {
        if (!copied)
            return;
        copied = false;
        raw.sqlite3_wal_checkpoint_v2(writer, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);
    }

    private void Run()
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // Through a statement, not sqlite3_wal_checkpoint_v2: on a connection that has not read
        // the database yet, that call finds no WAL open and returns at once, copying nothing.
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        while (true)
        {
            lock (gate)
            {
                while (!pending && !stopping)
                    Monitor.Wait(gate);
                if (stopping)
                    return;
                pending = false;
            }
            try
            {
                using var result = checkpoint.ExecuteReader();
                copied = result.Read() && result.GetInt64(0) == 0; // the first column is 1 when busy
                if (copied)
                    Interlocked.Increment(ref passes);
            }
            catch (SqliteException)
            {
                // Failed: the WAL stays valid and the next commit asks again.
            }
            Rest();
        }
    }

    /// <summary>
    /// The pause between passes (a quarter second), cut short only by <see cref="Dispose"/>: a command that
    /// appends once and exits must not wait out the pause (it did: 0.25 s of every
    /// <c>comity decide</c> and <c>comity redact</c>). An append meanwhile only marks a pass as due.
    /// </summary>
    private void Rest()
    {
        var until = Environment.TickCount64 + (long)rest.TotalMilliseconds;
        lock (gate)
        {
            long left;
            while (!stopping && (left = until - Environment.TickCount64) > 0)
                Monitor.Wait(gate, (int)Math.Min(left, int.MaxValue));
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            stopping = true;
            Monitor.Pulse(gate);
        }
        thread.Join();
    }
}
