using Microsoft.Data.Sqlite;

namespace Comity.Ledger.Internal;

/// <summary>
/// Copies the write-ahead log into the database file from a thread of its own (PASSIVE
/// checkpoints: they never block the writer), at most every quarter second while appends come
/// in. SQLite's own automatic checkpoint would run inside the commit that crosses its threshold,
/// and every appender in that group would wait for it. Crash safety is SQLite's: a checkpoint
/// only copies frames already committed and synced.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private readonly string connectionString;
    private readonly Thread thread;
    private readonly object gate = new();
    private bool pending;
    private bool stopping;

    public WalCheckpointer(string connectionString)
    {
        this.connectionString = connectionString;
        thread = new Thread(Run) { IsBackground = true, Name = "ledger WAL checkpoint" };
        thread.Start();
    }

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

    private void Run()
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
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
                checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // Busy or failed: the WAL stays valid and the next commit asks again.
            }
            Thread.Sleep(250);
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
