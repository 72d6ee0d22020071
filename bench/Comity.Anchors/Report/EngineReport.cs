using System.Globalization;
using System.Text;
using System.Text.Json;
using Comity.Anchors.Harness;
using static Comity.Anchors.Report.Format;
using Comity.Anchors.Subset;

namespace Comity.Anchors.Report;

/// <summary>
/// The engine section of docs/benchmarks.md from one run's files (bench/sections/engine-anchors):
/// the corpus, the agreement of every anchor with Comity request by request, then the speed table
/// with ratios. Disagreements are listed with the request: each is a finding about an encoding.
/// </summary>
public static class EngineReport
{
    /// <summary>The engines in the order of the table; a file stem and the comparison it stands in.</summary>
    public static readonly IReadOnlyList<string> Anchors = ["cedar", "rulesengine", "nrules", "casbin", "json-rules-engine"];

    /// <summary>Comity deciding in full but writing only <c>{"id", "decision"}</c>, for the cost of the explanation's JSON.</summary>
    public const string ComityVerdictOnly = "comity-verdict";

    private const int ListedDisagreements = 10;

    public static string Write(string directory, AnchorSubset subset, string loadAverages)
    {
        var corpus = File.ReadAllLines(Path.Combine(directory, "corpus.jsonl")).Where(l => l.Length > 0).ToArray();
        var comity = File.ReadAllLines(Path.Combine(directory, "verdicts-comity.txt"));
        var timings = Anchors.Prepend(ComityVerdictOnly).Prepend("comity")
            .ToDictionary(e => e, e => EngineTimings.Parse(File.ReadAllText(Path.Combine(directory, $"timings-{e}.json"))));
        var s = new StringBuilder();

        s.AppendLine($"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average (1, 5, 15 min) {loadAverages}.");
        s.AppendLine();
        Corpus(s, corpus, comity, subset);
        Agreement(s, directory, corpus, comity, timings);
        Speed(s, timings);
        return s.ToString();
    }

    private static void Corpus(StringBuilder s, string[] corpus, string[] comity, AnchorSubset subset)
    {
        var acts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var questions = 0;
        foreach (var line in corpus)
        {
            using var doc = JsonDocument.Parse(line);
            var act = doc.RootElement.GetProperty("act").GetString()!;
            acts[act] = acts.GetValueOrDefault(act) + 1;
            questions += doc.RootElement.TryGetProperty("data", out var data) ? Math.Max(1, data.GetArrayLength()) : 1;
        }
        var outcomes = comity.GroupBy(v => v.Split(' ')[1]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {N(g.Count())}");
        var layers = subset.Rules.GroupBy(r => r.Layer).Select(g => $"{g.Key} {g.Count()}");
        s.AppendLine($"Subset: {subset.Rules.Count} rules of `{subset.Stack.Id}` ({string.Join(", ", layers)}), those that can apply to "
            + $"{string.Join(", ", subset.Acts.Select(a => $"`{a}`"))}. Corpus: {N(corpus.Length)} requests "
            + $"({string.Join(", ", acts.Select(a => $"{a.Key} {N(a.Value)}"))}), {N(questions)} questions (one per data item asked). "
            + $"Comity's outcomes: {string.Join(", ", outcomes)}.");
        s.AppendLine();
    }

    private static void Agreement(StringBuilder s, string directory, string[] corpus, string[] comity, IReadOnlyDictionary<string, EngineTimings> timings)
    {
        s.AppendLine("**Agreement first.** Comity's `must-comply` and `permit` are permit, its `deny` and `refer-to-counsel` are deny; "
            + "each anchor's permit or deny is compared with that, request by request:");
        s.AppendLine();
        s.AppendLine("| anchor | requests | agree | disagree |");
        s.AppendLine("|---|---:|---:|---:|");
        var found = new List<string>();
        foreach (var anchor in Anchors)
        {
            var verdicts = File.ReadAllLines(Path.Combine(directory, $"verdicts-{anchor}.txt"));
            if (verdicts.Length != comity.Length)
                throw new InvalidDataException($"verdicts-{anchor}.txt has {verdicts.Length} lines, Comity's {comity.Length}");
            var differ = Enumerable.Range(0, comity.Length).Where(i => comity[i].Split(' ')[0] != verdicts[i]).ToList();
            s.AppendLine($"| {Engine(timings[anchor])} | {N(comity.Length)} | {N(comity.Length - differ.Count)} | {N(differ.Count)} |");
            found.AddRange(differ.Take(ListedDisagreements).Select(i =>
                $"- {timings[anchor].Engine} says {verdicts[i]}, Comity {comity[i].Split(' ')[1]}: `{corpus[i]}`"));
            if (differ.Count > ListedDisagreements)
                found.Add($"- ... and {N(differ.Count - ListedDisagreements)} more for {timings[anchor].Engine}");
        }
        s.AppendLine();
        if (found.Count == 0)
            s.AppendLine("No disagreement: every anchor gives Comity's answer on every request.");
        else
        {
            s.AppendLine("Disagreements (each is a finding about an encoding or about Comity; the first few per anchor):");
            s.AppendLine();
            foreach (var line in found)
                s.AppendLine(line);
        }
        s.AppendLine();
    }

    private static void Speed(StringBuilder s, IReadOnlyDictionary<string, EngineTimings> timings)
    {
        var comity = timings["comity"];
        s.AppendLine($"**Speed**, on the first {N(comity.Requests)} requests of the corpus: median of the single decisions' times (each timed "
            + "on its own), 99th percentile, and decisions per second over a whole pass (the median pass). *Decide only*: the input already "
            + "read (for Comity, the full answer object with reasons, citations and obligations; for an anchor, its permit or deny). "
            + "*JSON in, JSON out*: from the request's JSON line to the answer's (Comity: the full contract answer; an anchor: "
            + "`{\"id\", \"decision\"}`; the second Comity row writes its answer that way too, to show what serialising the "
            + "explanation costs). Ratio: the engine's median over Comity's in the same mode.");
        s.AppendLine();
        s.AppendLine("| engine | runtime | decide only: median | p99 | per second | ratio | JSON in, JSON out: median | p99 | per second | ratio |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, t) in timings)
            s.AppendLine($"| {(name == "comity" ? "**Comity**" : name == ComityVerdictOnly ? t.Engine : Engine(t))} | {t.Runtime} "
                + $"| {Us(t.Decide.MedianMicroseconds)} | {Us(t.Decide.P99Microseconds)} | {N(t.Decide.PerSecond)} | {Ratio(t.Decide.MedianMicroseconds, comity.Decide.MedianMicroseconds)} "
                + $"| {Us(t.Json.MedianMicroseconds)} | {Us(t.Json.P99Microseconds)} | {N(t.Json.PerSecond)} | {Ratio(t.Json.MedianMicroseconds, comity.Json.MedianMicroseconds)} |");
        s.AppendLine();

        var anchors = timings.Where(t => Anchors.Contains(t.Key)).Select(t => t.Value).ToList();
        var fastest = anchors.MinBy(t => t.Decide.MedianMicroseconds)!;
        var fastestJson = anchors.MinBy(t => t.Json.MedianMicroseconds)!;
        var inProcess = fastest.Decide.MedianMicroseconds / comity.Decide.MedianMicroseconds;
        var boundary = fastestJson.Json.MedianMicroseconds / comity.Json.MedianMicroseconds;
        s.AppendLine($"Target: Comity at least 10 times faster per decision than the fastest anchor, with its full explanation. "
            + $"In process: {Us(comity.Decide.MedianMicroseconds)} against {fastest.Engine}'s {Us(fastest.Decide.MedianMicroseconds)}, "
            + $"{Times(inProcess)}: **{(inProcess >= 10 ? "met" : "not met")}**. "
            + $"Behind the JSON boundary: {Us(comity.Json.MedianMicroseconds)} against {fastestJson.Engine}'s {Us(fastestJson.Json.MedianMicroseconds)}, "
            + $"{Times(boundary)}: **{(boundary >= 10 ? "met" : "not met")}**.");
    }

    private static string Engine(EngineTimings t) => $"{t.Engine} {t.Version}";

    private static string Ratio(double engine, double comity) => Times(engine / comity);
}
