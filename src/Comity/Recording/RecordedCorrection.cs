using System.Buffers;
using Comity.Cases;
using Comity.Contract;

namespace Comity.Recording;

/// <summary>A recorded correction: its case event, and the new decision's answer as compact JSON and its receipt.</summary>
public sealed record RecordedCorrection(CaseEvent Event, DecisionAnswer Answer, ReadOnlyMemory<byte> AnswerJson, ReadOnlyMemory<byte> ReceiptJson)
{
    /// <summary>The new answer as sent: its compact JSON with <c>"receipt"</c> as the last property.</summary>
    public byte[] Sent()
    {
        var buffer = new ArrayBufferWriter<byte>(Recording.ReceiptJson.AttachedLength(AnswerJson.Length, ReceiptJson.Length));
        Recording.ReceiptJson.Attach(AnswerJson.Span, ReceiptJson.Span, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
