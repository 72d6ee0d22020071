using System.Text.Json;
using System.Text.Json.Serialization;

namespace Comity.Anchors.Harness;

/// <summary>
/// What a harness measured for one engine, as JSON (the Node harness writes the same shape):
/// timed passes "JSON in, JSON out" and "decide only" over the first <paramref name="Requests"/>
/// requests of the corpus.
/// </summary>
public sealed record EngineTimings(string Engine, string Version, string Runtime, int Requests, TimingSummary Json, TimingSummary Decide)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static EngineTimings Parse(string json) => JsonSerializer.Deserialize<EngineTimings>(json, JsonOptions)
        ?? throw new JsonException("empty timings");
}

/// <summary>Timed passes over the corpus; the summary is the median pass: median of the passes' per-decision medians, and of their throughputs.</summary>
public sealed record TimingSummary(IReadOnlyList<PassTiming> Passes)
{
    [JsonIgnore]
    public double MedianMicroseconds => Median(Passes.Select(p => p.MedianMicroseconds));

    [JsonIgnore]
    public double P99Microseconds => Median(Passes.Select(p => p.P99Microseconds));

    [JsonIgnore]
    public double PerSecond => Median(Passes.Select(p => p.PerSecond));

    public static TimingSummary Of(IReadOnlyList<PassTiming> passes) => new(passes);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>One pass: its wall time, decisions per second, and the median and 99th percentile of the single decisions' times.</summary>
public sealed record PassTiming(double Seconds, double PerSecond, double MedianMicroseconds, double P99Microseconds)
{
    public static PassTiming Of(double[] latencies, double seconds)
    {
        var sorted = (double[])latencies.Clone();
        Array.Sort(sorted);
        return new PassTiming(seconds, latencies.Length / seconds, TimingSummary.Median(sorted), sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(sorted.Length * 0.99) - 1)]);
    }
}
