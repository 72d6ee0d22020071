using BenchmarkDotNet.Running;
using Comity.Benchmarks;

// `generate N` writes N generated requests as JSON Lines (for the batch throughput run in
// bench/batch); `ledger ...` runs one ledger throughput figure (bench/ledger-throughput);
// anything else goes to BenchmarkDotNet.
if (args is ["generate", var count, ..])
    return RequestCorpus.Write(Console.OpenStandardOutput(), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
if (args is ["ledger", .. var ledger])
    return Comity.Benchmarks.Ledger.LedgerThroughput.Run(ledger);
Paths.Repo(); // resolved in the host, inherited by the benchmark processes
BenchmarkSwitcher.FromAssembly(typeof(RequestCorpus).Assembly).Run(args);
return 0;
