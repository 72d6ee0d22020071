using System.Collections.Concurrent;

namespace Comity.Replay.Internal;

/// <summary>
/// Reads recorded history in order on the calling thread and hands it, in blocks, to one worker
/// per core: deciding is the work, and SQLite reads one stream. Each worker keeps its own state
/// (<typeparamref name="TState"/>: buffers, counts), merged by the caller afterwards.
/// </summary>
internal static class HistoryPipeline
{
    private const int Block = 512;

    public static List<TState> Run<TState>(IEnumerable<(long Index, byte[] Document)> entries, long total, Func<TState> state,
        Action<TState, long, byte[]> work, IProgress<WorkProgress>? progress, CancellationToken cancel = default)
    {
        var workers = Math.Max(1, Environment.ProcessorCount);
        using var queue = new BlockingCollection<List<(long, byte[])>>(workers * 4);
        var states = new TState[workers];
        long done = 0;
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Factory.StartNew(() =>
        {
            var own = states[w] = state();
            foreach (var block in queue.GetConsumingEnumerable(cancel))
            {
                foreach (var (index, document) in block)
                    work(own, index, document);
                var now = Interlocked.Add(ref done, block.Count);
                progress?.Report(new WorkProgress(now, total));
            }
        }, cancel, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            var current = new List<(long, byte[])>(Block);
            foreach (var entry in entries)
            {
                current.Add(entry);
                if (current.Count == Block)
                {
                    queue.Add(current, cancel);
                    current = new List<(long, byte[])>(Block);
                }
            }
            if (current.Count > 0)
                queue.Add(current, cancel);
        }
        finally
        {
            queue.CompleteAdding();
            // A worker's failure surfaces here, after the reader stops feeding it.
            Task.WaitAll(tasks);
        }
        return [.. states];
    }
}
