using System.Threading.Channels;
using System.Data.Common;

namespace Comity.Cases.Internal;

/// <summary>
/// Group commit for the case database: callers queue rows; one writer takes everything queued and
/// writes it in one transaction, then completes every caller. Under load this turns hundreds of
/// small commits into one, and no request thread waits on the write lock. The write function takes
/// the whole group, so that a database that batches statements (PostgreSQL) gets it in one round
/// trip. A group that fails is retried row by row, so that one bad row fails only its own caller.
/// </summary>
internal sealed class GroupWriter<TItem, TResult> : IDisposable
{
    private const int MaxBatch = 1024;

    private readonly CaseDatabase _database;
    private readonly Func<DbConnection, DbTransaction, IReadOnlyList<TItem>, IReadOnlyList<TResult>> _write;
    private readonly Channel<(TItem Item, TaskCompletionSource<TResult> Done)> _queue =
        Channel.CreateUnbounded<(TItem, TaskCompletionSource<TResult>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public GroupWriter(CaseDatabase database, Func<DbConnection, DbTransaction, IReadOnlyList<TItem>, IReadOnlyList<TResult>> write)
    {
        _database = database;
        _write = write;
        _loop = Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public Task<TResult> Enqueue(TItem item)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((item, done)))
            done.SetException(new ObjectDisposedException(nameof(GroupWriter<TItem, TResult>)));
        return done.Task;
    }

    private async Task Loop()
    {
        var batch = new List<(TItem Item, TaskCompletionSource<TResult> Done)>(MaxBatch);
        var items = new List<TItem>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                batch.Add(pending);
            try
            {
                items.Clear();
                foreach (var (item, _) in batch)
                    items.Add(item);
                var results = _database.Write((db, tx) => _write(db, tx, items));
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Done.SetResult(results[i]);
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var (item, done) in batch)
                {
                    try
                    {
                        done.SetResult(_database.Write((db, tx) => _write(db, tx, [item])[0]));
                    }
                    catch (Exception e)
                    {
                        done.SetException(e);
                    }
                }
            }
            catch (Exception e)
            {
                batch[0].Done.SetException(e);
            }
        }
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
    }
}
