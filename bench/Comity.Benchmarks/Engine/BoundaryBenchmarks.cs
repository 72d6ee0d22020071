using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Comity.Anchors.Corpus;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;

namespace Comity.Benchmarks.Engine;

/// <summary>
/// The JSON boundary around a decision, without the decision: reading a request of the Los Angeles
/// corpus with the strict reader, and writing a decided answer in full, each per request over the
/// same 1,000 requests (what the anchor harness's JSON-boundary mode adds to deciding). Tokenize
/// is the floor under Read: System.Text.Json's reader walking the same lines with no checks at all.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class BoundaryBenchmarks
{
    private const int Requests = 1000;
    private byte[][] _lines = null!;
    private DecisionAnswer[] _answers = null!;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = DecisionEngine.Compile(StackLoader.Load(Paths.Stack("us/ca/los-angeles")));
        _lines = LaCorpus.Generate(Requests).Select(Encoding.UTF8.GetBytes).ToArray();
        _answers = _lines.Select(l => engine.Decide(RequestReader.Read(l).Request!)).ToArray();
        _writer = new Utf8JsonWriter(_buffer, AnswerWriter.Compact);
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public int Read()
    {
        var n = 0;
        foreach (var line in _lines)
            if (RequestReader.Read(line).Request is not null)
                n++;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public int Tokenize()
    {
        var n = 0;
        foreach (var line in _lines)
        {
            var r = new Utf8JsonReader(line);
            while (r.Read())
                n++;
        }
        return n;
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public long Write()
    {
        long bytes = 0;
        foreach (var answer in _answers)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset();
            AnswerWriter.Write(_writer, answer);
            _writer.Flush();
            bytes += _buffer.WrittenCount;
        }
        return bytes;
    }
}
