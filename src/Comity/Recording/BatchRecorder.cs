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
    private readonly List<(int Start, int End, Task<RecordedDecision> Recorded)> pending = [];
    private readonly ArrayBufferWriter<byte> buffer = new(1 << 17);

    public void Decided(ReadOnlySpan<byte> requestJson, DecisionRequest request, DecisionAnswer answer, ReadOnlySpan<byte> answerJson, int answerEnd) =>
        pending.Add((answerEnd - answerJson.Length, answerEnd, recorder.RecordAsync(requestJson, request, answer, answerJson, recordedBy)));

    /// <remarks>
    /// If recording a line failed, the answers before it are still written (they are recorded, and
    /// a caller retrying from the first unanswered line must not record them again), then the
    /// failure is thrown.
    /// </remarks>
    public void Write(ReadOnlySpan<byte> block, Stream output)
    {
        buffer.ResetWrittenCount();
        var at = 0;
        try
        {
            foreach (var (start, end, recorded) in pending)
            {
                if (end > block.Length)
                    break; // a half-written answer a failure cut off (BatchDecider leaves it out of the block)
                RecordedDecision decision;
                try
                {
                    decision = recorded.GetAwaiter().GetResult();
                }
                catch
                {
                    buffer.Write(block[at..start]);
                    throw;
                }
                ReceiptJson.Attach(block[at..end], decision.ReceiptJson.Span, buffer);
                at = end;
            }
            buffer.Write(block[at..]);
        }
        finally
        {
            pending.Clear();
            output.Write(buffer.WrittenSpan);
        }
    }
}
