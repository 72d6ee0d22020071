using System.Buffers;
using System.Text.Encodings.Web;
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
        var encoder = writer.Options.Encoder;
        var note = EscapedNote(receipt.Checkpoint, encoder);
        writer.WriteStartObject("receipt"u8);
        writer.WriteNumber("index"u8, receipt.Index);
        writer.WriteBase64String("leafHash"u8, receipt.LeafHash);
        writer.WriteString("checkpoint"u8, note);
        // The proof is its head (header, index, audit path) and the same note: written as the
        // escaped head and the escaped note already at hand, it is the string
        // WriteString(receipt.TlogProof) would write, without building or escaping the note again.
        // (JSON escaping goes character by character, and the head ends with a line feed.)
        var notes = note.EncodedUtf8Bytes;
        var headMax = TlogProof.MaxHeadBytes(receipt.AuditPath);
        // The head's raw bytes, then the quoted value: escaping makes a byte at most six ("\u002B").
        var buffer = ArrayPool<byte>.Shared.Rent(headMax + 1 + headMax * 6 + notes.Length + 1);
        try
        {
            var head = buffer.AsSpan(0, TlogProof.WriteHead(receipt.Index, receipt.AuditPath, buffer));
            var value = buffer.AsSpan(headMax);
            value[0] = (byte)'"';
            if ((encoder ?? JavaScriptEncoder.Default).EncodeUtf8(head, value[1..], out _, out var escaped) != OperationStatus.Done)
                throw new InvalidOperationException("the receipt's proof did not fit where it was measured to fit");
            notes.CopyTo(value[(1 + escaped)..]);
            var length = 1 + escaped + notes.Length;
            value[length++] = (byte)'"';
            writer.WritePropertyName("proof"u8);
            writer.WriteRawValue(value[..length], skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        writer.WriteEndObject();
    }

    /// <summary>The checkpoint note escaped for JSON, kept for the latest checkpoint: every receipt of a commit group shares it.</summary>
    private static JsonEncodedText EscapedNote(Checkpoint checkpoint, JavaScriptEncoder? encoder)
    {
        var last = lastNote;
        if (last is not null && ReferenceEquals(last.Checkpoint, checkpoint) && ReferenceEquals(last.Encoder, encoder))
            return last.Escaped;
        last = new NoteCache(checkpoint, encoder, JsonEncodedText.Encode(checkpoint.Note, encoder));
        lastNote = last;
        return last.Escaped;
    }

    private sealed record NoteCache(Checkpoint Checkpoint, JavaScriptEncoder? Encoder, JsonEncodedText Escaped);

    private static volatile NoteCache? lastNote;
}
