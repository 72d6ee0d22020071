using System.Text;
using System.Text.Json;
using Comity.Contract;
using Comity.Engine;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>
/// A batch answers every line in order, one answer per line; when deciding or recording fails
/// outright, the answers of the lines before the failure are still written (they are recorded,
/// and a caller retrying from the first unanswered line must not record them twice).
/// </summary>
public class BatchFailureTests
{
    private static readonly StackCatalog Demo = StackCatalog.ForStack(RepoRoot.Combine("stacks/demo"));

    private static string Line(string id) => Req.Json($$"""{ "id": "{{id}}" }""");

    /// <summary>Records in memory; the <paramref name="failOn"/>-th decided line fails to record.</summary>
    private sealed class FailingRecorder(int failOn) : IBatchRecorder
    {
        private int _decided;

        public void Decided(ReadOnlySpan<byte> requestJson, DecisionRequest request, DecisionAnswer answer, ReadOnlySpan<byte> answerJson, int answerEnd)
        {
            if (++_decided == failOn)
                throw new IOException("the ledger's disk is full");
        }

        public void Write(ReadOnlySpan<byte> block, Stream output) => output.Write(block);
    }

    private static IReadOnlyList<JsonElement> Lines(MemoryStream output) =>
        Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public void When_recording_fails_the_answers_before_the_failing_line_are_written_in_order_then_the_failure_is_thrown()
    {
        var input = string.Join("\n", Line("R-1"), "", Line("R-3"), Line("R-4"), Line("R-5")) + "\n";
        using var output = new MemoryStream();

        var thrown = Assert.Throws<IOException>(() =>
            new BatchDecider(Demo, new FailingRecorder(failOn: 3)).Run(new MemoryStream(Encoding.UTF8.GetBytes(input)), output));

        Assert.Equal("the ledger's disk is full", thrown.Message);
        var lines = Lines(output);
        Assert.Equal(3, lines.Count);
        Assert.Equal("R-1", lines[0].GetProperty("id").GetString());
        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.Equal("R-3", lines[2].GetProperty("id").GetString());
    }

    [Fact]
    public void A_line_the_reader_cannot_read_is_an_error_answer_in_its_place_and_the_batch_goes_on()
    {
        var input = string.Join("\n", Line("R-1"), Line("R-2").Replace("\"R-2\"", "\"\\ud800\"", StringComparison.Ordinal), Line("R-3")) + "\n";
        using var output = new MemoryStream();

        var summary = new BatchDecider(Demo).Run(new MemoryStream(Encoding.UTF8.GetBytes(input)), output);

        Assert.Equal((2, 1), (summary.Decided, summary.Rejected));
        var lines = Lines(output);
        Assert.Equal(3, lines.Count);
        Assert.Equal("R-1", lines[0].GetProperty("id").GetString());
        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.StartsWith("$", lines[1].GetProperty("errors")[0].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal("R-3", lines[2].GetProperty("id").GetString());
    }
}
