using Comity.Ledger;

namespace Comity.Server.Recording;

/// <summary>Receipts as JSON, in the shape the ledger gives answers (<see cref="DecisionRecord.WriteReceipt"/>): index, leafHash, checkpoint, proof.</summary>
internal static class ReceiptJson
{
    private static readonly int PropertyPrefix = "{\"receipt\":".Length;

    /// <summary>The receipt object alone, as the answer carries it.</summary>
    public static byte[] Of(Receipt receipt)
    {
        var w = JsonScratch.Start(out var buffer);
        w.WriteStartObject();
        DecisionRecord.WriteReceipt(w, receipt);
        w.WriteEndObject();
        w.Flush();
        // Compact output is exactly {"receipt":VALUE}: the value is what lies between.
        return buffer.WrittenSpan[PropertyPrefix..^1].ToArray();
    }
}
