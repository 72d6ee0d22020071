using System.Text.Json;

namespace Comity.Ledger;

/// <summary>
/// How a receipt appears in an answer or a manifest:
/// <c>"receipt": { "index", "leafHash", "checkpoint", "proof" }</c>, where <c>proof</c> is the
/// C2SP tlog-proof text. (The decision entry itself is written and read by
/// <c>Comity.Recording.Entries.DecisionEntry</c>.)
/// </summary>
public static class DecisionRecord
{
    /// <summary>Writes the <c>receipt</c> property (name and value) into an answer being written.</summary>
    public static void WriteReceipt(Utf8JsonWriter writer, Receipt receipt)
    {
        writer.WriteStartObject("receipt"u8);
        writer.WriteNumber("index"u8, receipt.Index);
        writer.WriteBase64String("leafHash"u8, receipt.LeafHash);
        writer.WriteString("checkpoint"u8, receipt.Checkpoint.Note);
        writer.WriteString("proof"u8, receipt.TlogProof);
        writer.WriteEndObject();
    }
}
