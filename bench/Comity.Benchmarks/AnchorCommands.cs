using System.Globalization;
using Comity.Anchors.Corpus;
using Comity.Anchors.Encoders;
using Comity.Anchors.Engines;
using Comity.Anchors.Harness;
using Comity.Anchors.Scaling;
using Comity.Anchors.Subset;
using Comity.Law;

namespace Comity.Benchmarks;

/// <summary>
/// The commands bench/sections/engine-anchors runs (besides BenchmarkDotNet):
/// <c>la-corpus N</c> writes the Los Angeles subset corpus as JSON Lines;
/// <c>encode STACK OUT</c> writes every anchor's encoding of the stack's subset;
/// <c>run comity|comity-verdict|rulesengine|nrules --corpus F [--verdicts F [--from N] [--to N]] [--passes N [--sample N] [--warmup N]] [--stack DIR] [--encodings DIR]</c>
/// writes one .NET engine's verdicts on the corpus (or a range of it) and, with passes, times it
/// and prints its timings as JSON (the Node anchors: bench/anchors/node/harness.mjs).
/// </summary>
internal static class AnchorCommands
{
    public static int LaCorpusCommand(string[] args)
    {
        LaCorpus.Write(Console.OpenStandardOutput(), Int(args[1]), args.Length > 2 ? Int(args[2]) : 8);
        return 0;
    }

    public static int Encode(string[] args)
    {
        var stack = StackLoader.Load(args[1]);
        var subset = AnchorSubset.Build(stack, AnchorSubset.LosAngelesActs);
        AnchorEncodings.Write(subset, args[2]);
        Console.Error.WriteLine($"{subset.Rules.Count} rules of {stack.Id} encoded in {args[2]}");
        return 0;
    }

    public static int Run(string[] args)
    {
        var engine = args[1];
        var corpus = Option(args, "--corpus") ?? throw new ArgumentException("--corpus FILE is required");
        var stackDir = Option(args, "--stack") ?? Paths.Stack("us/ca/los-angeles");
        var encodings = Option(args, "--encodings") ?? Path.Combine(Paths.Repo(), "bench", "anchors", "encodings");
        var options = new EngineHarness.Options
        {
            VerdictsPath = Option(args, "--verdicts"),
            From = Int(Option(args, "--from") ?? "0"),
            To = Int(Option(args, "--to") ?? int.MaxValue.ToString(CultureInfo.InvariantCulture)),
            Passes = Int(Option(args, "--passes") ?? "0"),
            Sample = Int(Option(args, "--sample") ?? int.MaxValue.ToString(CultureInfo.InvariantCulture)),
            Warmup = Int(Option(args, "--warmup") ?? "2000"),
        };
        var lines = File.ReadLines(corpus).Where(l => l.Length > 0).Select(System.Text.Encoding.UTF8.GetBytes).ToList();
        OffenceClasses Offences() => OffenceClasses.FromJson(File.ReadAllText(Path.Combine(encodings, AnchorEncodings.OffenceClasses)));
        var timings = engine switch
        {
            "comity" => EngineHarness.Run(new ComityEngine(stackDir), lines, options),
            "comity-verdict" => EngineHarness.Run(new ComityEngine(stackDir, verdictOnly: true), lines, options),
            "rulesengine" => EngineHarness.Run(new RulesEngineAnchor(File.ReadAllText(Path.Combine(encodings, AnchorEncodings.RulesEngine)), Offences()), lines, options),
            "nrules" => EngineHarness.Run(new NRulesAnchor(AnchorSubset.Build(StackLoader.Load(stackDir), AnchorSubset.LosAngelesActs), Offences()), lines, options),
            _ => throw new ArgumentException($"unknown engine {engine}: comity, comity-verdict, rulesengine or nrules"),
        };
        if (timings is not null)
            Console.WriteLine(timings.ToJson());
        return 0;
    }

    /// <summary><c>report-engine DIR [--load "1.0 1.1 1.2"] [--stack DIR]</c>: the engine section's markdown from a run's files in DIR.</summary>
    public static int ReportEngine(string[] args)
    {
        var subset = AnchorSubset.Build(StackLoader.Load(Option(args, "--stack") ?? Paths.Stack("us/ca/los-angeles")), AnchorSubset.LosAngelesActs);
        Console.Write(Comity.Anchors.Report.EngineReport.Write(args[1], subset, Option(args, "--load") ?? "unknown"));
        return 0;
    }

    /// <summary>
    /// <c>scaling N DIR [REQUESTS]</c>: a generated stack of N rules in DIR/stack, its Cedar policies
    /// in DIR/encodings and a corpus of REQUESTS (default 2,000) in DIR/corpus.jsonl.
    /// </summary>
    public static int Scaling(string[] args)
    {
        var dir = args[2];
        var stackDir = Path.Combine(dir, "stack");
        GeneratedStack.Write(stackDir, Int(args[1]));
        var stack = StackLoader.Load(stackDir);
        var subset = AnchorSubset.Build(stack, GeneratedStack.Acts);
        var encodings = Path.Combine(dir, "encodings");
        Directory.CreateDirectory(encodings);
        File.WriteAllText(Path.Combine(encodings, AnchorEncodings.Cedar), CedarEncoder.Encode(subset));
        File.WriteAllText(Path.Combine(encodings, AnchorEncodings.CedarContext), CedarEncoder.Context(subset));
        File.WriteAllText(Path.Combine(encodings, AnchorEncodings.OffenceClasses), new OffenceClasses(stack.Tables).ToJson());
        File.WriteAllLines(Path.Combine(dir, "corpus.jsonl"), GeneratedStack.Corpus(args.Length > 3 ? Int(args[3]) : 2000));
        return 0;
    }

    /// <summary><c>report-scaling DIR... [--load "..."]</c>: the scaling section's table from the runs in each DIR (named by its number of rules).</summary>
    public static int ReportScaling(string[] args)
    {
        var load = Option(args, "--load") ?? "unknown";
        var dirs = args.Skip(1).TakeWhile(a => a != "--load").ToList();
        Console.Write(Comity.Anchors.Report.ScalingReport.Write(dirs, load));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
