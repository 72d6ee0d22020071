using System.Buffers;
using System.Text.Json;
using Comity.Contract;

namespace Comity.Recording.Entries;

/// <summary>Writes an entry's body: one compact JSON object (the ledger stores it in RFC 8785 canonical form).</summary>
internal static class EntryJson
{
    public static byte[] Object(Action<Utf8JsonWriter> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Compact))
        {
            w.WriteStartObject();
            properties(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A required string property of a body read back from the ledger.</summary>
    public static string String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString()!
            : throw new FormatException($"the entry's body has no string \"{name}\"");

    /// <summary>A required integer property of a body read back from the ledger.</summary>
    public static long Int64(JsonElement body, string name) =>
        body.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out var n)
            ? n
            : throw new FormatException($"the entry's body has no integer \"{name}\"");

    /// <summary>An optional string property: null when absent.</summary>
    public static string? OptionalString(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var p) ? null
        : p.ValueKind == JsonValueKind.String ? p.GetString()
        : throw new FormatException($"the entry's \"{name}\" is not a string");

    /// <summary>An optional boolean property: null when absent.</summary>
    public static bool? OptionalBoolean(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var p) ? null
        : p.ValueKind is JsonValueKind.True or JsonValueKind.False ? p.GetBoolean()
        : throw new FormatException($"the entry's \"{name}\" is not true or false");

    /// <summary>The reason code of a correction or a void.</summary>
    public static Comity.Cases.CorrectionReason Reason(JsonElement body) =>
        Comity.Cases.CaseVocabularies.Reasons.TryParse(String(body, "reason"), out var reason)
            ? reason
            : throw new FormatException($"the reason is not {Comity.Cases.CaseVocabularies.Reasons.Expected}");
}
