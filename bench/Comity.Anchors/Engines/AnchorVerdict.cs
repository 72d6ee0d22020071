using System.Text.Json;
using Comity.Anchors.Subset;

namespace Comity.Anchors.Engines;

/// <summary>What the anchors answer: permit or deny for the whole request, written as <c>{"id":..., "decision":...}</c>.</summary>
public static class AnchorVerdict
{
    public static string Of(bool permit) => permit ? "permit" : "deny";

    public static void Write(Utf8JsonWriter writer, AnchorRequest request, bool permit)
    {
        writer.WriteStartObject();
        writer.WriteString("id", request.Id);
        writer.WriteString("decision", Of(permit));
        writer.WriteEndObject();
    }
}
