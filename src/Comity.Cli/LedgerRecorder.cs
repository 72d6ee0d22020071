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
    private readonly List<(int End, Task<Receipt> Receipt)> pending = [];
    private readonly ArrayBufferWriter<byte> buffer = new(1 << 17);

    public void Decided(ReadOnlySpan<byte> request, DecisionAnswer answer, ReadOnlySpan<byte> answerJson, int answerEnd) =>
        pending.Add((answerEnd, ledger.AppendAsync(DecisionRecord.Entry(request, answerJson, answer.Policy.Digest, DateTimeOffset.UtcNow))));

    public void Write(ReadOnlySpan<byte> block, Stream output)
    {
        buffer.ResetWrittenCount();
        var at = 0;
        foreach (var (end, receipt) in pending)
        {
            DecisionRecord.AppendWithReceipt(block[at..end], receipt.GetAwaiter().GetResult(), buffer, AnswerWriter.Compact);
            at = end;
        }
        pending.Clear();
        buffer.Write(block[at..]);
        output.Write(buffer.WrittenSpan);
    }
}
