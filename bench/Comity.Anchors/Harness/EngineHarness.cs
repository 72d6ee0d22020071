using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Comity.Anchors.Engines;

namespace Comity.Anchors.Harness;

/// <summary>
/// Runs one engine over a corpus as bench/anchors/node/harness.mjs runs the Node anchors, in two
/// parts. The agreement pass (with <see cref="Options.VerdictsPath"/>): every request of
/// [<see cref="Options.From"/>, <see cref="Options.To"/>), JSON line in, answer out, untimed,
/// writing each request's verdict for the agreement check. The timing (with
/// <see cref="Options.Passes"/> above 0): a warm-up on the first <see cref="Options.Warmup"/>
/// requests, repeated until <see cref="Options.WarmupSeconds"/> have passed (the JIT compilers
/// promote code only after a while) and at least <see cref="WarmupPasses"/> times (Comity compiles
/// a rule's condition once it has been evaluated 64 times, about a millisecond each: on a large
/// stack with few requests, a warm-up by time alone left those compilations to the timed passes),
/// then timed passes over the first <see cref="Options.Sample"/>
/// requests, first "JSON in, JSON out" (read the line, decide, write the answer into memory), then
/// "decide only" (inputs read beforehand). Each decision is timed on its own with the monotonic clock.
/// </summary>
public static class EngineHarness
{
    /// <summary>The fewest passes over the warm-up requests, whatever their time.</summary>
    public const int WarmupPasses = 100;

    public sealed record Options
    {
        public string? VerdictsPath { get; init; }
        public int From { get; init; }
        public int To { get; init; } = int.MaxValue;
        public int Passes { get; init; }
        public int Sample { get; init; } = int.MaxValue;
        public int Warmup { get; init; } = 2000;
        public double WarmupSeconds { get; init; } = 2;
    }

    public static EngineTimings? Run<TIn, TOut>(IAnchorEngine<TIn, TOut> engine, IReadOnlyList<byte[]> lines, Options options)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        TOut Answer(byte[] line)
        {
            var input = engine.Read(line);
            var output = engine.Decide(input);
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            engine.Write(writer, input, output);
            writer.Flush();
            return output;
        }

        if (options.VerdictsPath is { } path)
        {
            var range = lines.Skip(options.From).Take(options.To - options.From);
            File.WriteAllLines(path, range.Select(line => engine.Verdict(Answer(line))), new UTF8Encoding(false));
        }
        if (options.Passes <= 0)
            return null;

        var warmup = lines.Take(options.Warmup).ToList();
        var started = Stopwatch.GetTimestamp();
        for (var pass = 0; pass < WarmupPasses || Stopwatch.GetElapsedTime(started).TotalSeconds < options.WarmupSeconds; pass++)
            foreach (var line in warmup)
                Answer(line);

        var sample = lines.Take(options.Sample).ToList();
        var latencies = new double[sample.Count];
        var json = new List<PassTiming>();
        for (var p = 0; p < options.Passes; p++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < sample.Count; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                Answer(sample[i]);
                latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            }
            json.Add(PassTiming.Of(latencies, Stopwatch.GetElapsedTime(start).TotalSeconds));
        }

        var inputs = sample.Select(l => engine.Read(l)).ToArray();
        var decide = new List<PassTiming>();
        for (var p = 0; p < options.Passes; p++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < inputs.Length; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                engine.Decide(inputs[i]);
                latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            }
            decide.Add(PassTiming.Of(latencies, Stopwatch.GetElapsedTime(start).TotalSeconds));
        }

        return new EngineTimings(engine.Name, engine.Version, $".NET {Environment.Version}", sample.Count,
            TimingSummary.Of(json), TimingSummary.Of(decide));
    }
}
