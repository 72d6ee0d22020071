using System.Buffers;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Recording;

/// <summary>
/// A recorded decision: its case, the answer, the ledger's receipt, and both as compact JSON
/// (the answer's bytes are those the ledger entry holds).
/// </summary>
public sealed record RecordedDecision(long CaseId, DecisionAnswer Answer, Receipt Receipt, ReadOnlyMemory<byte> AnswerJson, ReadOnlyMemory<byte> ReceiptJson)
{
    /// <summary>The length of the answer as sent (<see cref="WriteSent"/>).</summary>
    public int SentLength => Recording.ReceiptJson.AttachedLength(AnswerJson.Length, ReceiptJson.Length);

    /// <summary>Writes the answer as sent: its compact JSON with <c>"receipt"</c> as the last property.</summary>
    public void WriteSent(IBufferWriter<byte> output) => Recording.ReceiptJson.Attach(AnswerJson.Span, ReceiptJson.Span, output);

    /// <summary>The answer as sent, as one array.</summary>
    public byte[] Sent()
    {
        var buffer = new ArrayBufferWriter<byte>(SentLength);
        WriteSent(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
