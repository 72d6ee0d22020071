using System.Buffers;
using System.Text.Json;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Recording;

/// <summary>
/// A receipt as JSON (<c>{"index","leafHash","checkpoint","proof"}</c>, written by
/// <see cref="DecisionRecord.WriteReceipt"/>), and the one place an answer gets its receipt.
/// </summary>
public static class ReceiptJson
{
    private static ReadOnlySpan<byte> ReceiptProperty => ",\"receipt\":"u8;

    /// <summary>The receipt object alone, as the answer carries it and the case keeps it.</summary>
    public static byte[] Of(Receipt receipt)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Compact))
        {
            w.WriteStartObject();
            DecisionRecord.WriteReceipt(w, receipt);
            w.WriteEndObject();
        }
        // Compact output is exactly {"receipt":VALUE}: the value is what lies between.
        return buffer.WrittenSpan["{\"receipt\":".Length..^1].ToArray();
    }

    /// <summary>The length of what <see cref="Attach"/> writes.</summary>
    public static int AttachedLength(int answerLength, int receiptLength) => answerLength + ReceiptProperty.Length + receiptLength;

    /// <summary>
    /// Writes the answer as sent: <paramref name="answer"/> (one compact JSON object, as recorded)
    /// with <c>"receipt"</c> added as its last property. The answer's bytes are kept as they are.
    /// </summary>
    public static void Attach(ReadOnlySpan<byte> answer, ReadOnlySpan<byte> receipt, IBufferWriter<byte> output)
    {
        var close = answer.LastIndexOf((byte)'}');
        if (close < 0)
            throw new ArgumentException("the answer is not a JSON object", nameof(answer));
        output.Write(answer[..close]);
        output.Write(ReceiptProperty);
        output.Write(receipt);
        output.Write(answer[close..]);
    }
}
