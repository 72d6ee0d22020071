using System.Buffers;
using System.Text;
using System.Text.Json;
using Comity.Contract.Internal;

namespace Comity.Contract;

/// <summary>
/// Reads a request from UTF-8 JSON and holds it to contract 1.1: unknown properties, wrong types,
/// wrong enumeration values, missing required facts and impossible combinations are each reported
/// with the JSON path and what was expected. All errors are collected, not just the first, except
/// when the text is not JSON at all. Never throws for bad input.
/// </summary>
/// <remarks>
/// The text is parsed by System.Text.Json (<see cref="JsonDocument"/>) and each object is read by
/// a table of its properties (<see cref="RequestTables"/>): what the contract allows is written
/// once, as data, in the order the contract lists it.
/// </remarks>
public static class RequestReader
{
    /// <summary>
    /// How deep a request may nest. A request is at most four levels deep
    /// (<c>$.subject.identity.attorney</c>); the margin leaves room for wrong values to be reported
    /// as such, and the limit keeps a hostile document from costing more than its length.
    /// </summary>
    public const int MaxDepth = 16;

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static RequestReadResult Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    public static RequestReadResult Read(ReadOnlySpan<byte> utf8)
    {
        utf8 = ByteOrderMark.Strip(utf8);
        var invalid = Utf8Validation.FirstInvalid(utf8);
        if (invalid >= 0)
        {
            var (line, column) = Utf8Validation.Position(utf8, invalid);
            return Refused("$", $"not valid UTF-8 at line {line}, column {column}: byte 0x{utf8[invalid]:X2}; a request is UTF-8 JSON");
        }
        // The document reads from memory that outlives it: a pooled copy, returned once it is read.
        var buffer = ArrayPool<byte>.Shared.Rent(utf8.Length);
        try
        {
            utf8.CopyTo(buffer);
            using var document = JsonDocument.Parse(buffer.AsMemory(0, utf8.Length), Options);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            return Refused("$", $"not valid JSON at line {line}, column {column}: {FirstSentence(e.Message)}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static RequestReadResult Read(JsonElement root)
    {
        var reading = new JsonReading();
        var draft = RequestTables.Root.Read(reading, root, "$");
        if (draft is null)
            return RequestReadResult.Failure(reading.Errors!);
        var request = draft.Build();
        RequestCombinations.Check(request, reading);
        return reading.Errors is null ? RequestReadResult.Success(request) : RequestReadResult.Failure(reading.Errors);
    }

    private static RequestReadResult Refused(string path, string message) => RequestReadResult.Failure([new ContractError(path, message)]);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
