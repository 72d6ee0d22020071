using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Comity.Ledger;

namespace Comity.Tests.Ledger;

/// <summary>
/// <see cref="DecisionRecord.WriteReceipt"/> writes the proof from its parts and keeps the escaped
/// checkpoint note between receipts: the JSON must be exactly what writing the
/// <see cref="Receipt.TlogProof"/> string gives, whatever the writer's encoder.
/// </summary>
public sealed class ReceiptWritingTests
{
    public static TheoryData<string> Encoders => ["none", "default", "relaxed"];

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Receipts_are_written_as_the_proof_string_would_be(string encoderName)
    {
        JavaScriptEncoder? encoder = encoderName switch { "default" => JavaScriptEncoder.Default, "relaxed" => JavaScriptEncoder.UnsafeRelaxedJsonEscaping, _ => null };
        // Hashes whose base64 holds '+', '/' and '=' padding-free lines; a note with characters some encoders escape.
        byte[][] path = [Enumerable.Repeat((byte)0xFB, 32).ToArray(), Enumerable.Repeat((byte)0xFF, 32).ToArray(), new byte[32]];
        var first = new Checkpoint("example.org/log", 12, new byte[32], "example.org/log\n12\nAAAA+/==\n\n— example.org/log <&'\"> AbC+/9==\n");
        var second = first with { Note = "example.org/log\n13\nBBBB\n\n— example.org/log Zm9v\n" };
        foreach (var receipt in new[]
        {
            new Receipt(0, new byte[32], first, path),
            new Receipt(11, Enumerable.Repeat((byte)0xFB, 32).ToArray(), first, path[..1]),
            new Receipt(1_234_567_890_123, new byte[32], second, []),
            new Receipt(5, new byte[32], first, path),
        })
        {
            Assert.Equal(Reference(receipt, encoder), Written(receipt, encoder));
        }
    }

    private static string Written(Receipt receipt, JavaScriptEncoder? encoder)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            writer.WriteStartObject();
            DecisionRecord.WriteReceipt(writer, receipt);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The receipt as it was written before: every string built and escaped whole.</summary>
    private static string Reference(Receipt receipt, JavaScriptEncoder? encoder)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("receipt"u8);
            writer.WriteNumber("index"u8, receipt.Index);
            writer.WriteBase64String("leafHash"u8, receipt.LeafHash);
            writer.WriteString("checkpoint"u8, receipt.Checkpoint.Note);
            writer.WriteString("proof"u8, receipt.TlogProof);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
