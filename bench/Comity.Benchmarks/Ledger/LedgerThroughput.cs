using System.Diagnostics;
using System.Globalization;
using System.Text;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Ledger;
using Comity.Recording.Entries;

namespace Comity.Benchmarks.Ledger;

/// <summary>
/// The ledger's throughput figures, run by bench/ledger-throughput (one process per figure, so
/// each starts cold): durable appends per second with group commit, full verification time, and
/// this machine's fsync latency measured the same way the store syncs.
/// </summary>
public static class LedgerThroughput
{
    public static int Run(string[] args) => args switch
    {
        ["appends", var dir, var count, var writers, var kind] => Appends(dir, Int(count), Int(writers), kind, null),
        ["appends", var dir, var count, var writers, var kind, var store] => Appends(dir, Int(count), Int(writers), kind, store),
        ["verify", var dir] => Verify(dir),
        ["fsync", var file, var count] => Fsync(file, Int(count)),
        ["prepare", var count, var kind] => Prepare(Int(count), kind),
        _ => throw new ArgumentException("ledger appends DIR COUNT WRITERS decision|small [STORE] | ledger verify DIR | ledger fsync FILE COUNT | ledger prepare COUNT decision|small"),
    };

    /// <summary>
    /// COUNT appends from WRITERS concurrent writers (each awaits its append before the next,
    /// as a server's request handlers would), into a new or existing ledger in DIR. Entries are
    /// prepared beforehand; canonicalizing and hashing them is part of the measured append.
    /// First, rounds of 20,000 appends (at most COUNT) go to a scratch ledger that is then
    /// deleted, until a round compiles no more methods (at least 3, at most 5 rounds): the figure is a
    /// running server's, not that of code the JIT has not yet optimized. One round was not
    /// enough: tiered compilation was still recompiling the hot methods during the measured run
    /// (and charging its CPU to it): 47 to 52 µs per decision append at 50,000 appends, against
    /// 23 to 30 µs with the JIT's final code from the start (DOTNET_TieredCompilation=0; both
    /// at load average 15 to 18).
    /// The line ends with the JIT's and the GC's share of the measured run.
    /// STORE, when given, is a <c>--store</c> value (a PostgreSQL database): the measured appends go
    /// there (the warm-up still goes to a scratch SQLite ledger, so PostgreSQL's code is compiled in the run).
    /// </summary>
    private static int Appends(string dir, int count, int writers, string kind, string? store)
    {
        var entries = kind == "decision" ? DecisionEntries(count) : SmallEntries(count);
        var scratch = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)) + ".warm-up";
        var rounds = 0;
        using (var warmUp = TransparencyLog.Open(scratch))
        {
            while (rounds < 5)
            {
                var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
                var warmBatches = new System.Collections.Concurrent.ConcurrentDictionary<long, byte>();
                AppendAll(warmUp, entries, Math.Min(count, 20_000), writers, receipt => warmBatches.TryAdd(receipt.Checkpoint.Size, 0));
                rounds++;
                if (rounds >= 3 && System.Runtime.JitInfo.GetCompiledMethodCount() == compiled)
                    break;
            }
        }
        System.IO.Directory.Delete(scratch, recursive: true);
        // The warm-up's garbage (its ledger's tree, its entries' documents) is collected now, not in the measured run.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        using var log = store is null ? TransparencyLog.Open(dir) : TransparencyLog.Open(Comity.Storage.StoreLocation.Parse(dir, store));
        var before = log.Size;
        var batches = new System.Collections.Concurrent.ConcurrentDictionary<long, byte>();
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var collections = GC.CollectionCount(0);
        var paused = GC.GetTotalPauseDuration();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        AppendAll(log, entries, count, writers, receipt => batches.TryAdd(receipt.Checkpoint.Size, 0));
        var seconds = clock.Elapsed.TotalSeconds;
        jit = System.Runtime.JitInfo.GetCompilationTime() - jit;
        collections = GC.CollectionCount(0) - collections;
        paused = GC.GetTotalPauseDuration() - paused;
        // CPU time of the whole process (every thread) per append: what the figure would cost on a machine not shared with others.
        var cpuPerAppend = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count;
        var bytes = entries.Sum(e => (long)e.Body.Length) / count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"appends {count} {kind} (body ~{bytes} B) by {writers} writers: {seconds:F2} s, {count / seconds:F0} durable appends/s, {cpuPerAppend:F1} µs CPU per append, {batches.Count} commits (~{(double)count / batches.Count:F0} per sync), log {before} -> {log.Size}; after {rounds} warm-up rounds, JIT {jit.TotalMilliseconds:F0} ms, {collections} GCs pausing {paused.TotalMilliseconds:F0} ms"));
        return 0;
    }

    private static void AppendAll(TransparencyLog log, LedgerEntry[] entries, int count, int writers, Action<Receipt> done)
    {
        var next = -1;
        var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                done(await log.AppendAsync(entries[i]).ConfigureAwait(false));
        })).ToArray();
        Task.WaitAll(tasks);
    }

    /// <summary>
    /// An append's own work before the write (canonical entry document, salt, commitment, leaf
    /// hash) on one thread, COUNT times after a warm-up: the CPU cost a writer's group shares none of.
    /// </summary>
    private static int Prepare(int count, string kind)
    {
        var entries = kind == "decision" ? DecisionEntries(Math.Min(count, 10_000)) : SmallEntries(Math.Min(count, 10_000));
        var leaf = new byte[Merkle.HashSize];
        for (var i = 0; i < Math.Min(count, 20_000); i++)
            Comity.Ledger.Internal.EntryDocument.Prepare(entries[i % entries.Length], leaf);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
            Comity.Ledger.Internal.EntryDocument.Prepare(entries[i % entries.Length], leaf);
        var micros = clock.Elapsed.TotalMicroseconds / count;
        var cpuMicros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prepare {count} {kind}: {micros:F2} µs each ({cpuMicros:F2} µs CPU)"));
        return 0;
    }

    private static int Verify(string dir)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var report = TransparencyLog.Verify(dir);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify {report.Entries} entries, {report.Checkpoints} checkpoints: {seconds:F2} s ({cpuSeconds:F2} s CPU), {(report.Ok ? "ok" : "NOT OK: " + report.Problems[0])}"));
        return report.Ok ? 0 : 1;
    }

    /// <summary>Writes 4 KiB and syncs it (FileStream.Flush(true): fdatasync), COUNT times; prints the median latency.</summary>
    private static int Fsync(string file, int count)
    {
        var block = new byte[4096];
        var times = new double[count];
        using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            for (var i = 0; i < count; i++)
            {
                var clock = Stopwatch.StartNew();
                stream.Write(block);
                stream.Flush(flushToDisk: true);
                times[i] = clock.Elapsed.TotalMicroseconds;
            }
        }
        File.Delete(file);
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fsync of 4 KiB appended: median {times[count / 2]:F0} µs, p90 {times[count * 9 / 10]:F0} µs over {count} ({1e6 / times[count / 2]:F0} syncs/s)"));
        return 0;
    }

    /// <summary>Decisions as <c>decide --record</c> records them: generated requests decided by the demonstration stack.</summary>
    internal static LedgerEntry[] DecisionEntries(int count)
    {
        var engine = DecisionEngine.Compile(StackLoader.Load(Paths.Stack("demo")));
        var time = new DateTimeOffset(2025, 3, 14, 16, 30, 0, TimeSpan.Zero);
        var entries = new LedgerEntry[count];
        var i = 0;
        foreach (var line in RequestCorpus.Generate(Math.Min(count, 10_000)))
        {
            var request = Encoding.UTF8.GetBytes(line);
            var answer = engine.Decide(RequestReader.Read(request).Request!);
            var body = DecisionEntry.Write(request, Encoding.UTF8.GetBytes(AnswerWriter.ToJson(answer)), answer.Policy.Digest, "bench", out _);
            var entry = new LedgerEntry(DecisionEntry.Kind, body, time);
            for (var j = i; j < count; j += 10_000)
                entries[j] = entry;
            i++;
        }
        return entries;
    }

    internal static LedgerEntry[] SmallEntries(int count)
    {
        var time = new DateTimeOffset(2025, 3, 14, 16, 30, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, count).Select(i => new LedgerEntry("review",
            Encoding.UTF8.GetBytes($$"""{"case":"C-{{i % 10_000}}","reviewer":"staff-{{i % 37}}","outcome":"upheld","note":"reviewed against the stack in force"}"""), time))];
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
