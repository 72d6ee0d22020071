using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Comity.Anchors.Corpus;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Ledger;
using Comity.Recording;
using Comity.Recording.Entries;
using Comity.Reports;

namespace Comity.Benchmarks.Replay;

/// <summary>
/// <c>replay-history DIR COUNT</c>: a ledger in DIR holding COUNT recorded Los Angeles decisions,
/// for bench/sections/replay to replay and reproduce. The requests are the anchors' Los Angeles
/// corpus (received 2013 to 2026, every act of the corpus), those from a unit the stack does not
/// declare left out as the server refuses them; each is decided by the stack and recorded as the
/// server records it (the law first, then decision entries pointing at it), without cases.
/// With <c>--keep-projection</c> (bench/sections/reports), the reports' kept projection is then
/// caught up to the new checkpoint as the server's keeper does after commits
/// (<see cref="KeptProjection.Keep"/>); bench/sections/replay, which makes no report, goes without.
/// </summary>
public static class ReplayHistory
{
    public static int Run(string[] args)
    {
        var (dir, count) = (args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        var keep = args.Skip(3).Contains("--keep-projection", StringComparer.Ordinal);
        var stack = StackLoader.Load(Paths.Stack("us/ca/los-angeles"));
        var engine = DecisionEngine.Compile(stack);
        var clock = Stopwatch.StartNew();
        using var log = TransparencyLog.Open(dir);
        var stackEntry = new StackVersions(log, TimeProvider.System).RecordAsync(stack, "bench").GetAwaiter().GetResult();
        var time = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        var entries = Channel.CreateBounded<LedgerEntry>(new BoundedChannelOptions(1 << 15) { SingleWriter = true });
        var appenders = Enumerable.Range(0, 1024).Select(_ => Task.Run(async () =>
        {
            await foreach (var entry in entries.Reader.ReadAllAsync().ConfigureAwait(false))
                await log.AppendAsync(entry).ConfigureAwait(false);
        })).ToArray();
        var answer = new ArrayBufferWriter<byte>(16384);
        long bytes = 0;
        var recorded = 0;
        foreach (var line in LaCorpus.Generate(int.MaxValue))
        {
            if (recorded == count)
                break;
            var json = Encoding.UTF8.GetBytes(line);
            var read = RequestReader.Read(json);
            if (!read.Ok || StackCatalog.UndeclaredUnit(stack, read.Request!) is not null)
                continue;
            answer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(answer, AnswerWriter.Compact))
                AnswerWriter.Write(w, engine.Decide(read.Request!));
            var body = DecisionEntry.Write(json, answer.WrittenSpan, stack.Digest, stackEntry, "bench", out _);
            bytes += body.Length;
            entries.Writer.WriteAsync(new LedgerEntry(DecisionEntry.Kind, body, time)).AsTask().GetAwaiter().GetResult();
            recorded++;
        }
        entries.Writer.Complete();
        Task.WaitAll(appenders);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recorded {recorded} decisions (body ~{bytes / Math.Max(1, recorded)} B) of {stack.Id} {stack.Digest} in {clock.Elapsed.TotalSeconds:F1} s; log size {log.Size}"));
        if (keep)
        {
            clock.Restart();
            var mapping = ReportMapping.Load(Paths.Stack("us/ca/los-angeles"), stack);
            var kept = KeptProjection.Keep(log, dir, mapping, stack, PersonKeys.ForDataFolder(dir), _ => null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reports' projection: {kept.How}, in {clock.Elapsed.TotalSeconds:F1} s"));
        }
        return 0;
    }
}
