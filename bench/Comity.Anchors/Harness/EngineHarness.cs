using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Comity.Anchors.Engines;

namespace Comity.Anchors.Harness;

/// <summary>
/// Runs one engine over the corpus as bench/anchors/node/harness.mjs runs the Node anchors: the
/// first <see cref="Options.Warmup"/> requests untimed, to warm the engine up; then
/// <see cref="Options.Passes"/> timed passes "JSON in, JSON out" over the whole corpus (read the
/// line, decide, write the answer into memory), the first of which writes each request's verdict
/// for the agreement check; then as many timed passes "decide only" on the first
/// <see cref="Options.Sample"/> requests, read beforehand. Each decision is timed on its own with
/// the monotonic clock.
/// </summary>
public static class EngineHarness
{
    public sealed record Options(int Passes, int Warmup, int Sample, string? VerdictsPath);

    public static EngineTimings Run<TIn, TOut>(IAnchorEngine<TIn, TOut> engine, IReadOnlyList<byte[]> lines, Options options)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        void Answer(TIn input, TOut output)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            engine.Write(writer, input, output);
            writer.Flush();
        }

        foreach (var line in lines.Take(options.Warmup))
        {
            var input = engine.Read(line);
            Answer(input, engine.Decide(input));
        }

        var latencies = new double[lines.Count];
        var json = new List<PassTiming>();
        for (var p = 0; p < options.Passes; p++)
        {
            var verdicts = p == 0 && options.VerdictsPath is { } path ? new string[lines.Count] : null;
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < lines.Count; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var input = engine.Read(lines[i]);
                var output = engine.Decide(input);
                Answer(input, output);
                latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
                if (verdicts is not null)
                    verdicts[i] = engine.Verdict(output);
            }
            json.Add(PassTiming.Of(latencies, Stopwatch.GetElapsedTime(start).TotalSeconds));
            if (verdicts is not null)
                File.WriteAllLines(options.VerdictsPath!, verdicts, new UTF8Encoding(false));
        }

        var inputs = lines.Take(options.Sample).Select(l => engine.Read(l)).ToArray();
        latencies = new double[inputs.Length];
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

        return new EngineTimings(engine.Name, engine.Version, $".NET {Environment.Version}", lines.Count, inputs.Length,
            TimingSummary.Of(json), TimingSummary.Of(decide));
    }
}
