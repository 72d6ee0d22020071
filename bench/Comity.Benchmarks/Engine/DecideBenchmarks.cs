using BenchmarkDotNet.Attributes;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;

namespace Comity.Benchmarks.Engine;

/// <summary>
/// One in-process decision on the demonstration stack, request already parsed: the engine's own
/// cost, answer object included. Expect well under 1 µs with a few allocations for the answer.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DecideBenchmarks
{
    private DecisionEngine _engine = null!;
    private DecisionRequest _notify = null!, _hold = null!, _disclose = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = DecisionEngine.Compile(StackLoader.Load(Paths.Stack("demo")));
        _notify = Read("""{"receivedAt":"2025-03-14","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"notify-release","purpose":"civil-immigration","document":{"type":"i-247a"},"data":["release-date"],"subject":{"convictions":[{"code":"PC 211","level":"felony","date":"2016-05-01"}]}}""");
        _hold = Read("""{"receivedAt":"2025-03-14","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247d"}}""");
        _disclose = Read("""{"receivedAt":"2025-03-14","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"disclose","purpose":"civil-immigration","document":{"type":"letter"},"data":["immigration-status","home-address"]}""");
    }

    private static DecisionRequest Read(string json) => RequestReader.Read(json).Request ?? throw new InvalidOperationException(json);

    [Benchmark]
    public DecisionAnswer Decide_NotifyReleaseWithConviction() => _engine.Decide(_notify);

    [Benchmark]
    public DecisionAnswer Decide_Hold() => _engine.Decide(_hold);

    [Benchmark]
    public DecisionAnswer Decide_DiscloseTwoItems() => _engine.Decide(_disclose);
}
