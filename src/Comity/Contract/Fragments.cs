using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Comity.Contract;

/// <summary>
/// Pre-written compact JSON for answer parts that many answers share (a rule's reason, a duty's
/// obligation, a layer's result): the engine registers its immutable instances once, and the
/// writer copies their bytes instead of writing them property by property. Parts not registered,
/// and every part of an indented answer, are written in full; the bytes are the same either way.
/// </summary>
public static class Fragments
{
    private static readonly ConditionalWeakTable<object, byte[]> Table = new();

    /// <summary>Marks an immutable answer part as shared by many answers; returns it.</summary>
    public static T Share<T>(T part) where T : class
    {
        Action<Utf8JsonWriter> write = part switch
        {
            Reason r => w => AnswerWriter.WriteReason(w, r),
            Obligation o => w => AnswerWriter.WriteObligation(w, o),
            LayerResult l => w => AnswerWriter.WriteLayer(w, l),
            _ => throw new ArgumentException($"{typeof(T).Name} is not an answer part that can be shared", nameof(part)),
        };
        Table.AddOrUpdate(part, Encode(write));
        return part;
    }

    internal static bool TryWrite(Utf8JsonWriter w, object part)
    {
        if (w.Options.Indented || !Table.TryGetValue(part, out var json))
            return false;
        w.WriteRawValue(json, skipInputValidation: true);
        return true;
    }

    private static byte[] Encode(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Compact))
            write(w);
        return buffer.WrittenSpan.ToArray();
    }
}
