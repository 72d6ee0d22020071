using System.Text.Json;
using Comity.Cases;
using Comity.Contract;

namespace Comity.Recording.Internal;

/// <summary>The request in force of a case: that of its decision entry, or of its latest correction.</summary>
internal static class CaseRequest
{
    /// <exception cref="FormatException">when the recorded request no longer reads.</exception>
    public static DecisionRequest Current(CaseDetail c) => Read(c.Current.BodyJson);

    /// <summary>The digest of the stack that decided the case in force (its decision's or its latest correction's), or null when the entry names none.</summary>
    public static string? StackDigest(CaseDetail c)
    {
        using var body = JsonDocument.Parse(c.Current.BodyJson);
        return body.RootElement.TryGetProperty("stackDigest", out var digest) && digest.ValueKind == JsonValueKind.String ? digest.GetString() : null;
    }

    /// <exception cref="FormatException">when the recorded request no longer reads.</exception>
    public static DecisionRequest Read(string entryBodyJson)
    {
        using var body = JsonDocument.Parse(entryBodyJson);
        var read = RequestReader.Read(System.Text.Encoding.UTF8.GetBytes(body.RootElement.GetProperty("request").GetRawText()));
        return read.Ok ? read.Request! : throw new FormatException($"the recorded request no longer reads: {string.Join("; ", read.Errors)}");
    }
}
