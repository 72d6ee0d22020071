using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Comity.Ledger;
using Comity.Tests.Cli.Support;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Ledger;

/// <summary>
/// Crash safety, the hard way: the real <c>comity decide --batch --record</c> under a steady
/// stream of requests is killed with SIGKILL at a random moment, 50 times over one ledger.
/// After each kill every acknowledged answer's entry is there with the leaf hash its receipt
/// names, every receipt's checkpoint is consistent with the log as reopened, and the whole log
/// verifies. Two ledgers are crashed side by side, 25 times each, to halve the wall time.
/// </summary>
public sealed class CrashTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Kills = 50;

    private sealed record Acknowledged(long Index, byte[] LeafHash, Checkpoint Checkpoint);

    [Fact]
    public async Task Every_acknowledged_entry_survives_SIGKILL_and_the_log_verifies()
    {
        using var dir = Repo.TempDir();
        var lanes = await Task.WhenAll(Enumerable.Range(0, 2).Select(lane => Task.Run(() => CrashRepeatedly(Path.Combine(dir.Path, $"data{lane}"), Kills / 2, 2026 + lane))));
        var (acknowledged, underLoad) = (lanes.Sum(l => l.Acknowledged), lanes.Sum(l => l.KilledUnderLoad));
        output.WriteLine($"{Kills} kills, {underLoad} with answers flowing, {acknowledged} acknowledged entries survived");
        Assert.True(underLoad >= Kills / 2, $"only {underLoad} of {Kills} kills came while answers were flowing");
    }

    private static async Task<(int Acknowledged, int KilledUnderLoad)> CrashRepeatedly(string data, int kills, int seed)
    {
        using (var create = TransparencyLog.Open(data)) { }
        var key = NoteVerifier.Parse(File.ReadAllText(Path.Combine(data, "ledger.vkey")));
        var random = new Random(seed);
        var acknowledged = new List<Acknowledged>();
        var killedUnderLoad = 0;

        for (var kill = 0; kill < kills; kill++)
        {
            var before = acknowledged.Count;
            // Most kills land while answers flow; some during start-up or the first append.
            var underLoad = random.Next(5) > 0;
            var delay = underLoad ? random.Next(10, 400) : random.Next(0, 300);
            acknowledged.AddRange(await RunAndKill(data, key, underLoad, delay, kill));
            if (underLoad && acknowledged.Count > before)
                killedUnderLoad++;

            await using var log = TransparencyLog.Open(data);
            var latest = log.Checkpoint();
            foreach (var a in acknowledged.Skip(before))
            {
                Assert.True(a.Index < log.Size, $"kill {kill}: acknowledged entry {a.Index} is gone (the log has {log.Size})");
                Assert.Equal(a.LeafHash, log.Read(a.Index).LeafHash);
                Assert.True(Merkle.VerifyConsistency(a.Checkpoint.Size, latest.Size, a.Checkpoint.RootHash, latest.RootHash, log.ProveConsistency(a.Checkpoint.Size, latest.Size)),
                    $"kill {kill}: the checkpoint of size {a.Checkpoint.Size} handed out before the crash is not consistent with the log after it");
            }
            var report = log.Verify();
            Assert.True(report.Ok, $"kill {kill}: " + string.Join("\n", report.Problems));
        }
        await using (var final = TransparencyLog.Open(data))
            Assert.All(acknowledged, a => Assert.Equal(a.LeafHash, final.Read(a.Index).LeafHash));
        return (acknowledged.Count, killedUnderLoad);
    }

    /// <summary>Starts the command, feeds it requests, collects acknowledged answers, and kills it with SIGKILL after <paramref name="delay"/> ms.</summary>
    private static async Task<List<Acknowledged>> RunAndKill(string data, NoteVerifier key, bool afterFirstAnswer, int delay, int run)
    {
        using var process = ComityCli.Start(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"]);
        var acknowledged = new ConcurrentQueue<Acknowledged>();
        var firstAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                JsonElement receipt;
                try
                {
                    receipt = JsonDocument.Parse(line).RootElement.GetProperty("receipt");
                }
                catch (JsonException)
                {
                    break; // the last line, cut off by the kill: never acknowledged
                }
                acknowledged.Enqueue(new Acknowledged(
                    receipt.GetProperty("index").GetInt64(),
                    Convert.FromBase64String(receipt.GetProperty("leafHash").GetString()!),
                    Checkpoint.Open(receipt.GetProperty("checkpoint").GetString()!, key)));
                firstAnswer.TrySetResult();
            }
        });
        var writer = Task.Run(async () =>
        {
            var n = 0;
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var block = new StringBuilder();
                    for (var i = 0; i < 20; i++)
                        block.Append(ExampleLine($"K{run}-{n++}")).Append('\n');
                    await process.StandardInput.WriteAsync(block.ToString());
                    await process.StandardInput.FlushAsync();
                    await Task.Delay(1);
                }
            }
            catch (IOException)
            {
                // The process is gone.
            }
        });

        if (afterFirstAnswer)
            await Task.WhenAny(firstAnswer.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        await Task.Delay(delay);
        process.Kill(); // SIGKILL on Unix: no handler runs, nothing is flushed
        await process.WaitForExitAsync();
        stop.Cancel();
        await writer;
        await reader;
        var stderr = await process.StandardError.ReadToEndAsync();
        Assert.True(stderr.Length == 0 || !stderr.Contains("Exception", StringComparison.Ordinal), $"run {run} failed before the kill: {stderr}");
        return [.. acknowledged];
    }
}
