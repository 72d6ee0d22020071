using BenchmarkDotNet.Running;
using Comity.Benchmarks;

// `generate N` writes N generated requests for the demonstration stack as JSON Lines (for
// bench/batch-throughput); `la-corpus`, `encode`, `run`, `report-engine`, `scaling` and
// `report-scaling` serve the anchor comparisons
// (AnchorCommands); anything else goes to BenchmarkDotNet.
return args switch
{
    ["generate", var count, ..] => RequestCorpus.Write(Console.OpenStandardOutput(), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["la-corpus", _, ..] => AnchorCommands.LaCorpusCommand(args),
    ["encode", _, _, ..] => AnchorCommands.Encode(args),
    ["run", _, ..] => AnchorCommands.Run(args),
    ["report-engine", _, ..] => AnchorCommands.ReportEngine(args),
    ["scaling", _, _, ..] => AnchorCommands.Scaling(args),
    ["report-scaling", _, ..] => AnchorCommands.ReportScaling(args),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    Paths.Repo(); // resolved in the host, inherited by the benchmark processes
    BenchmarkSwitcher.FromAssembly(typeof(RequestCorpus).Assembly).Run(args);
    return 0;
}
