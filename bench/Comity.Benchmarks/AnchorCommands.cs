using System.Globalization;
using Comity.Anchors.Corpus;
using Comity.Anchors.Encoders;
using Comity.Anchors.Engines;
using Comity.Anchors.Harness;
using Comity.Anchors.Subset;
using Comity.Law;

namespace Comity.Benchmarks;

/// <summary>
/// The commands bench/sections/engine-anchors runs (besides BenchmarkDotNet):
/// <c>la-corpus N</c> writes the Los Angeles subset corpus as JSON Lines;
/// <c>encode STACK OUT</c> writes every anchor's encoding of the stack's subset;
/// <c>run comity|rulesengine|nrules --corpus F [--verdicts F] [--passes N] [--warmup N] [--stack DIR] [--encodings DIR]</c>
/// times one .NET engine and prints its timings as JSON (the Node anchors: bench/anchors/node/harness.mjs).
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
        AnchorEncodings.Write(subset, Title(stack), args[2]);
        Console.Error.WriteLine($"{subset.Rules.Count} rules of {stack.Id} encoded in {args[2]}");
        return 0;
    }

    public static string Title(Stack stack) => $"Stack {stack.Id} restricted to the acts {string.Join(", ", AnchorSubset.LosAngelesActs)}: permit or deny.";

    public static int Run(string[] args)
    {
        var engine = args[1];
        var corpus = Option(args, "--corpus") ?? throw new ArgumentException("--corpus FILE is required");
        var stackDir = Option(args, "--stack") ?? Paths.Stack("us/ca/los-angeles");
        var encodings = Option(args, "--encodings") ?? Path.Combine(Paths.Repo(), "bench", "anchors", "encodings");
        var options = new EngineHarness.Options(Int(Option(args, "--passes") ?? "1"), Int(Option(args, "--warmup") ?? "2000"), Option(args, "--verdicts"));
        var lines = File.ReadLines(corpus).Where(l => l.Length > 0).Select(System.Text.Encoding.UTF8.GetBytes).ToList();
        OffenceClasses Offences() => OffenceClasses.FromJson(File.ReadAllText(Path.Combine(encodings, AnchorEncodings.OffenceClasses)));
        var timings = engine switch
        {
            "comity" => EngineHarness.Run(new ComityEngine(stackDir), lines, options),
            "rulesengine" => EngineHarness.Run(new RulesEngineAnchor(File.ReadAllText(Path.Combine(encodings, AnchorEncodings.RulesEngine)), Offences()), lines, options),
            "nrules" => EngineHarness.Run(new NRulesAnchor(AnchorSubset.Build(StackLoader.Load(stackDir), AnchorSubset.LosAngelesActs), Offences()), lines, options),
            _ => throw new ArgumentException($"unknown engine {engine}: comity, rulesengine or nrules"),
        };
        Console.WriteLine(timings.ToJson());
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
