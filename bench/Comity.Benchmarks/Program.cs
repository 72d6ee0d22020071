using BenchmarkDotNet.Running;
using Comity.Benchmarks;

// `generate N` writes N generated requests for the demonstration stack as JSON Lines (for
// bench/batch-throughput); `ledger ...` runs one ledger throughput figure (bench/ledger-throughput);
// `generate-bookings MB` a booking-records CSV export of MB megabytes and `csvhelper-cut IN OUT
// COLUMNS` the CsvHelper anchor of the firewall's cut (bench/disclosure-throughput);
// `replay-history DIR COUNT [--keep-projection]` a ledger of COUNT recorded Los Angeles decisions
// (bench/sections/replay; bench/sections/reports keeps the reports' projection in step too);
// `la-corpus`, `encode`, `run`, `report-engine`, `scaling` and `report-scaling` serve the anchor
// comparisons (AnchorCommands); anything else goes to BenchmarkDotNet.
return args switch
{
    ["generate", var count, ..] => RequestCorpus.Write(Console.OpenStandardOutput(), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["replay-history", _, _, ..] => Comity.Benchmarks.Replay.ReplayHistory.Run(args),
    ["ledger", .. var ledger] => Comity.Benchmarks.Ledger.LedgerThroughput.Run(ledger),
    ["generate-bookings", var megabytes, ..] => Comity.Benchmarks.Disclosure.BookingExport.Write(Console.OpenStandardOutput(), long.Parse(megabytes, System.Globalization.CultureInfo.InvariantCulture)),
    ["csvhelper-cut", var input, var output, var keep] => Comity.Benchmarks.Disclosure.CsvHelperCut.Run(input, output, keep),
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
