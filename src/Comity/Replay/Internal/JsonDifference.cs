using System.Globalization;
using System.Text.Json;

namespace Comity.Replay.Internal;

/// <summary>The first place two JSON values differ, as a JSON path with both values: what reproduce says of an answer that came out otherwise.</summary>
internal static class JsonDifference
{
    /// <summary>The first difference, in document order (properties compared by name), or null when the values are equal.</summary>
    public static string? First(byte[] recorded, byte[] now)
    {
        using var a = JsonDocument.Parse(recorded);
        using var b = JsonDocument.Parse(now);
        return First(a.RootElement, b.RootElement, "$");
    }

    private static string? First(JsonElement a, JsonElement b, string path)
    {
        if (a.ValueKind != b.ValueKind)
            return Differs(path, a, b);
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var bProperties = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                foreach (var p in a.EnumerateObject())
                {
                    if (!bProperties.Remove(p.Name, out var other))
                        return $"{Path(path, p.Name)}: recorded {Show(p.Value)}, now absent";
                    if (First(p.Value, other, Path(path, p.Name)) is { } inner)
                        return inner;
                }
                foreach (var (name, value) in bProperties)
                    return $"{Path(path, name)}: recorded absent, now {Show(value)}";
                return null;
            case JsonValueKind.Array:
                var (la, lb) = (a.GetArrayLength(), b.GetArrayLength());
                for (var i = 0; i < Math.Min(la, lb); i++)
                    if (First(a[i], b[i], $"{path}[{i}]") is { } inner)
                        return inner;
                return la == lb ? null : $"{path}: recorded {la} items, now {lb}";
            default:
                return a.GetRawText() == b.GetRawText() ? null : Differs(path, a, b);
        }
    }

    private static string Path(string path, string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{path}.{name}" : $"{path}[{JsonSerializer.Serialize(name)}]";

    private static string Differs(string path, JsonElement a, JsonElement b) => $"{path}: recorded {Show(a)}, now {Show(b)}";

    private static string Show(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length <= 80 ? text : text[..77].ToString(CultureInfo.InvariantCulture) + "...";
    }
}
