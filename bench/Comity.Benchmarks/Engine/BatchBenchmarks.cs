using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Comity.Contract;
using Comity.Engine;

namespace Comity.Benchmarks.Engine;

/// <summary>
/// Where a batch's time goes, per request, in steady state: reading and validating a line,
/// deciding it, writing its answer, and the three together as <c>comity decide --batch</c> runs
/// them (BatchDecider over the lines in memory, answers to a null stream), on 10,000 requests of
/// the generated corpus (the one bench/batch-throughput uses).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class BatchBenchmarks
{
    private const int Count = 10_000;

    private byte[] _lines = [];
    private (int Start, int Length)[] _offsets = [];
    private StackCatalog _catalog = null!;
    private DecisionEngine _engine = null!;
    private DecisionRequest[] _requests = [];
    private DecisionAnswer[] _answers = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var lines = new MemoryStream();
        var offsets = new List<(int, int)>();
        foreach (var line in RequestCorpus.Generate(Count))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            offsets.Add(((int)lines.Length, bytes.Length));
            lines.Write(bytes);
            lines.WriteByte((byte)'\n');
        }
        _lines = lines.ToArray();
        _offsets = offsets.ToArray();
        _catalog = StackCatalog.ForStack(Paths.Stack("demo"));
        _requests = _offsets.Select(o => RequestReader.Read(_lines.AsSpan(o.Start, o.Length)).Request
            ?? throw new InvalidOperationException("the corpus has a request that does not read")).ToArray();
        _engine = _catalog.Find(_requests[0], out _)!;
        _answers = _requests.Select(_engine.Decide).ToArray();
        _writer = new Utf8JsonWriter(_buffer, AnswerWriter.Compact);
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int Read()
    {
        var errors = 0;
        foreach (var (start, length) in _offsets)
            errors += RequestReader.Read(_lines.AsSpan(start, length)).Errors.Count;
        return errors;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int Decide()
    {
        var outcomes = 0;
        foreach (var r in _requests)
            outcomes += (int)_engine.Decide(r).Outcome;
        return outcomes;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public long Write()
    {
        foreach (var a in _answers)
        {
            AnswerWriter.Write(_writer, a);
            _writer.Flush();
            _writer.Reset();
            _buffer.ResetWrittenCount();
        }
        return _buffer.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public long Batch() => new BatchDecider(_catalog).Run(new MemoryStream(_lines, writable: false), Stream.Null).Decided;
}
