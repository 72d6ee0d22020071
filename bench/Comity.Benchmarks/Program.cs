using BenchmarkDotNet.Running;
using Comity.Benchmarks;

// `generate N` writes N generated requests as JSON Lines (for bench/batch-throughput);
// `ledger ...` runs one ledger throughput figure (bench/ledger-throughput);
// `generate-bookings MB` a booking-records CSV export of MB megabytes and `csvhelper-cut IN OUT
// COLUMNS` the CsvHelper anchor of the firewall's cut (bench/disclosure-throughput);
// anything else goes to BenchmarkDotNet.
if (args is ["generate", var count, ..])
    return RequestCorpus.Write(Console.OpenStandardOutput(), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
if (args is ["ledger", .. var ledger])
    return Comity.Benchmarks.Ledger.LedgerThroughput.Run(ledger);
if (args is ["generate-bookings", var megabytes, ..])
    return Comity.Benchmarks.Disclosure.BookingExport.Write(Console.OpenStandardOutput(), long.Parse(megabytes, System.Globalization.CultureInfo.InvariantCulture));
if (args is ["csvhelper-cut", var input, var output, var keep])
    return Comity.Benchmarks.Disclosure.CsvHelperCut.Run(input, output, keep);
Paths.Repo(); // resolved in the host, inherited by the benchmark processes
BenchmarkSwitcher.FromAssembly(typeof(RequestCorpus).Assembly).Run(args);
return 0;
