using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Comity.Contract;
using Comity.Disclosure;
using Comity.Disclosure.Internal;
using Comity.Engine;

namespace Comity.Benchmarks.Disclosure;

/// <summary>
/// Where the time of a CSV cut goes, in process, on 100 MB of the generated booking export held
/// in memory (no disk, no start-up): the whole cut to a null stream; the same input only scanned
/// (window, UTF-8 check, input SHA-256, record splitting); and SHA-256 of the input alone, the
/// floor no cut can go below. Expect the cut to cost a little more than twice the hash: the
/// input's and the output's digests are about half of it.
/// </summary>
[MedianColumn]
[SimpleJob(warmupCount: 2, iterationCount: 9)]
public class RedactBenchmarks
{
    private byte[] _export = [];
    private DisclosurePlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var buffer = new MemoryStream();
        BookingExport.Write(buffer, 100);
        _export = buffer.ToArray();
        var request = RequestReader.Read("""
            { "receivedAt": "2025-06-02", "actor": { "unit": "lapd", "kind": "law-enforcement" }, "requester": { "agency": "california-agency" },
              "act": "bulk-disclose", "purpose": "criminal", "document": { "type": "court-order" },
              "data": ["booking-record", "criminal-history", "personal-info", "release-date"] }
            """).Request!;
        var engine = StackCatalog.ForRoot(Path.Combine(Paths.Repo(), "stacks")).Find(request, out _)!;
        var catalog = CatalogReader.Load(Path.Combine(Paths.Stack("us/ca/los-angeles"), "catalog", "booking-records.json"));
        _plan = DisclosurePlan.Create(request, engine.Decide(request), catalog, null, "request");
    }

    [Benchmark]
    public long Redact_Csv100MB() => Redactor.Redact(_plan, new MemoryStream(_export), Stream.Null, RecordFormat.Csv, "export").OutputBytes;

    [Benchmark]
    public int Scan_Csv100MB()
    {
        using var window = new InputWindow(new MemoryStream(_export), "export", 1 << 20, 64 << 20);
        var scanner = new CsvScanner(window);
        var records = 0;
        while (scanner.Next())
            records++;
        return records;
    }

    [Benchmark(Baseline = true)]
    public byte[] Sha256_Csv100MB() => SHA256.HashData(_export);
}
