using System.Buffers;
using Comity.Contract;
using Comity.Engine;

namespace Comity.Recording;

/// <summary>
/// <c>decide --batch --record</c>: each decided line goes through <see cref="Recorder"/> as soon as
/// it is decided (so a block's appends share one sync), and its answer is written, with its
/// receipt, only once the ledger and the case database have it.
/// </summary>
public sealed class BatchRecorder(Recorder recorder, string recordedBy) : IBatchRecorder
{
    private readonly List<(int End, Task<RecordedDecision> Recorded)> pending = [];
    private readonly ArrayBufferWriter<byte> buffer = new(1 << 17);

    public void Decided(ReadOnlySpan<byte> requestJson, DecisionRequest request, DecisionAnswer answer, ReadOnlySpan<byte> answerJson, int answerEnd) =>
        pending.Add((answerEnd, recorder.RecordAsync(requestJson, request, answer, answerJson, recordedBy)));

    public void Write(ReadOnlySpan<byte> block, Stream output)
    {
        buffer.ResetWrittenCount();
        var at = 0;
        foreach (var (end, recorded) in pending)
        {
            var decision = recorded.GetAwaiter().GetResult();
            ReceiptJson.Attach(block[at..end], decision.ReceiptJson.Span, buffer);
            at = end;
        }
        pending.Clear();
        buffer.Write(block[at..]);
        output.Write(buffer.WrittenSpan);
    }
}
