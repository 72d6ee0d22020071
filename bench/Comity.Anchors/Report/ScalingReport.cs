using System.Globalization;
using System.Text;
using Comity.Anchors.Harness;
using static Comity.Anchors.Report.Format;

namespace Comity.Anchors.Report;

/// <summary>
/// The scaling section of docs/benchmarks.md: for each generated stack (a folder named by its
/// number of rules, bench/sections/engine-scaling), Comity's and Cedar's median decision times,
/// their ratio, and whether they agreed on every request.
/// </summary>
public static class ScalingReport
{
    public static string Write(IEnumerable<string> directories, string loadAverages)
    {
        var s = new StringBuilder();
        s.AppendLine($"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average (1, 5, 15 min) {loadAverages}.");
        s.AppendLine();
        s.AppendLine("| rules | requests | agree | Comity, decide only | Cedar, decide only | ratio | Comity, JSON in/out | Cedar, JSON in/out | ratio |");
        s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var ordered = directories.OrderBy(d => int.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture)).ToList();
        foreach (var dir in ordered)
        {
            var comity = EngineTimings.Parse(File.ReadAllText(Path.Combine(dir, "timings-comity.json")));
            var cedar = EngineTimings.Parse(File.ReadAllText(Path.Combine(dir, "timings-cedar.json")));
            var a = File.ReadAllLines(Path.Combine(dir, "verdicts-comity.txt")).Select(v => v.Split(' ')[0]).ToArray();
            var b = File.ReadAllLines(Path.Combine(dir, "verdicts-cedar.txt"));
            var agree = a.Zip(b).Count(p => p.First == p.Second);
            s.AppendLine($"| {N(int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture))} | {N(a.Length)} | {N(agree)} "
                + $"| {Us(comity.Decide.MedianMicroseconds)} | {Us(cedar.Decide.MedianMicroseconds)} | {Times(cedar.Decide.MedianMicroseconds / comity.Decide.MedianMicroseconds)} "
                + $"| {Us(comity.Json.MedianMicroseconds)} | {Us(cedar.Json.MedianMicroseconds)} | {Times(cedar.Json.MedianMicroseconds / comity.Json.MedianMicroseconds)} |");
        }
        if (ordered.Count > 1)
        {
            var (first, last) = (ordered[0], ordered[^1]);
            double Median(string dir, string engine) => EngineTimings.Parse(File.ReadAllText(Path.Combine(dir, $"timings-{engine}.json"))).Decide.MedianMicroseconds;
            var rules = double.Parse(Path.GetFileName(last), CultureInfo.InvariantCulture) / double.Parse(Path.GetFileName(first), CultureInfo.InvariantCulture);
            s.AppendLine();
            s.AppendLine($"From {N(double.Parse(Path.GetFileName(first), CultureInfo.InvariantCulture))} to {N(double.Parse(Path.GetFileName(last), CultureInfo.InvariantCulture))} rules "
                + $"({Times(rules)}), deciding only: Comity's median grew {Times(Median(last, "comity") / Median(first, "comity"))}, "
                + $"Cedar's {Times(Median(last, "cedar") / Median(first, "cedar"))}.");
        }
        return s.ToString();
    }
}
