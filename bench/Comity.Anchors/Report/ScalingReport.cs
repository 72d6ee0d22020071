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
        foreach (var dir in directories.OrderBy(d => int.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture)))
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
        return s.ToString();
    }
}
