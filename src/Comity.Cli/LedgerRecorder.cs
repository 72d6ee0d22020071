using System.Buffers;
using Comity.Contract;
using Comity.Engine;
using Comity.Ledger;

namespace Comity.Cli;

/// <summary>
/// <c>decide --batch --record</c>: each decided line is appended to the ledger as soon as it is
/// decided (so a block's appends share one sync), and its answer is written, with its receipt,
/// only once the ledger has it on disk.
/// </summary>
internal sealed class LedgerRecorder(TransparencyLog ledger) : IBatchRecorder
{
    private readonly List<(int Start, int End, Task<Receipt> Receipt)> pending = [];
    private readonly ArrayBufferWriter<byte> buffer = new(1 << 17);

    public void Decided(ReadOnlySpan<byte> request, DecisionAnswer answer, ReadOnlySpan<byte> answerJson, int answerEnd) =>
        pending.Add((answerEnd - answerJson.Length, answerEnd, ledger.AppendAsync(DecisionRecord.Entry(request, answerJson, answer.Policy.Digest, DateTimeOffset.UtcNow))));

    /// <remarks>
    /// If an append failed, the answers before it are still written (they are recorded, and a
    /// caller retrying from the first unanswered line must not record them again), then the
    /// failure is thrown.
    /// </remarks>
    public void Write(ReadOnlySpan<byte> block, Stream output)
    {
        buffer.ResetWrittenCount();
        var at = 0;
        try
        {
            foreach (var (start, end, receipt) in pending)
            {
                if (end > block.Length)
                    break; // a half-written answer a failure cut off (BatchDecider leaves it out of the block)
                Receipt recorded;
                try
                {
                    recorded = receipt.GetAwaiter().GetResult();
                }
                catch
                {
                    buffer.Write(block[at..start]);
                    throw;
                }
                DecisionRecord.AppendWithReceipt(block[at..end], recorded, buffer, AnswerWriter.Compact);
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
