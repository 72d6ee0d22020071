using System.Text.Json;
using Comity.Cases;
using Comity.Contract;

namespace Comity.Recording.Internal;

/// <summary>The request in force of a case: that of its decision entry, or of its latest correction.</summary>
internal static class CaseRequest
{
    /// <exception cref="FormatException">when the recorded request no longer reads.</exception>
    public static DecisionRequest Current(CaseDetail c) => Read(c.Current.BodyJson);

    /// <exception cref="FormatException">when the recorded request no longer reads.</exception>
    public static DecisionRequest Read(string entryBodyJson)
    {
        using var body = JsonDocument.Parse(entryBodyJson);
        var read = RequestReader.Read(System.Text.Encoding.UTF8.GetBytes(body.RootElement.GetProperty("request").GetRawText()));
        return read.Ok ? read.Request! : throw new FormatException($"the recorded request no longer reads: {string.Join("; ", read.Errors)}");
    }
}
