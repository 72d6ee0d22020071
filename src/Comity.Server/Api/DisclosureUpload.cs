using System.Text;
using Comity.Disclosure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Comity.Server.Api;

/// <summary>
/// The head of a disclosure upload (multipart/form-data), read up to the export's part, whose body
/// is then a stream straight off the connection: parts <c>request</c> (the contract's request,
/// JSON), optionally <c>catalog</c> (the export's record system), <c>subject</c> (FIELD=VALUE, one
/// part per subject field, for act disclose) and <c>format</c> (csv or jsonl), then <c>export</c>,
/// the file, last. The small parts are read whole (up to <see cref="MaxPartBytes"/>); the export
/// never is.
/// </summary>
public sealed record DisclosureUpload(ReadOnlyMemory<byte> Request, string? Catalog, SubjectKey? Subject, RecordFormat Format, string FileName, MultipartSection Export)
{
    public const int MaxPartBytes = DecisionsApi.MaxRequestBytes;

    public static readonly string[] PartNames = ["request", "catalog", "subject", "format", "export"];

    /// <summary>The upload's parts up to the export, or the problem to answer with (naming the part).</summary>
    public static async Task<(DisclosureUpload? Upload, IResult? Problem)> ReadHead(MultipartReader reader, CancellationToken cancel)
    {
        ReadOnlyMemory<byte>? request = null;
        string? catalog = null, format = null;
        var subject = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(cancel) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase) || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                return Problem("part", "every part needs a Content-Disposition: form-data; name=\"...\" header");
            if (!PartNames.Contains(name))
                return Problem(name, $"unknown part \"{name}\"; expected {string.Join(", ", PartNames)}");
            if (name != "subject" && !seen.Add(name))
                return Problem(name, $"part \"{name}\" is given twice");
            if (name == "export")
            {
                if (request is null)
                    return Problem("request", "the request part must come before the export part (the request is decided before the export is read)");
                var fileName = UploadedFileName(disposition);
                if (!TryFormat(format, section.ContentType, fileName, out var recordFormat, out var why))
                    return Problem("format", why);
                var key = subject.Count > 0 ? new SubjectKey(subject) : null;
                return (new DisclosureUpload(request.Value, catalog, key, recordFormat, fileName, section), null);
            }
            var bytes = await ReadSmall(section.Body, cancel);
            if (bytes is null)
                return Problem(name, $"part \"{name}\" is larger than {MaxPartBytes} bytes; only the export may be large, and it comes last");
            if (name == "request")
            {
                request = bytes;
                continue;
            }
            var text = Encoding.UTF8.GetString(bytes.Value.Span).Trim();
            switch (name)
            {
                case "catalog":
                    catalog = text;
                    break;
                case "format":
                    format = text;
                    break;
                default:
                    if (!SubjectKey.TryParsePair(text, out var pair))
                        return Problem("subject", $"\"{text}\" is not FIELD=VALUE");
                    subject.Add(pair);
                    break;
            }
        }
        return Problem(request is null ? "request" : "export", request is null
            ? "no request part: send the disclosure request (contract v1 JSON) as part \"request\", then the file as part \"export\""
            : "no export part: send the file to cut as part \"export\", after the others");
    }

    /// <summary>The format: the <c>format</c> part, else the part's Content-Type, else its file name's extension.</summary>
    private static bool TryFormat(string? given, string? contentType, string fileName, out RecordFormat format, out string why)
    {
        why = "";
        if (given is not null)
        {
            if (RecordFormats.TryParse(given, out format))
                return true;
            why = $"\"{given}\" is not a format; expected csv or jsonl";
            return false;
        }
        var media = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        RecordFormat? byType = media switch
        {
            "text/csv" => RecordFormat.Csv,
            "application/jsonl" or "application/x-jsonlines" or "application/x-ndjson" or "application/ndjson" => RecordFormat.JsonLines,
            _ => null,
        };
        if ((byType ?? RecordFormats.FromFileName(fileName)) is { } known)
        {
            format = known;
            return true;
        }
        format = default;
        why = $"cannot tell the export's format from its Content-Type ({contentType ?? "none"}) or file name ({fileName}); send a part \"format\" (csv or jsonl) before it, or Content-Type text/csv or application/jsonl";
        return false;
    }

    /// <summary>The file name the client gave (its last segment only), for errors and the manifest; "export" when none.</summary>
    private static string UploadedFileName(ContentDispositionHeaderValue disposition)
    {
        var given = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
        var name = Path.GetFileName((given ?? "").Replace('\\', '/'));
        return name.Length > 0 && !name.Any(char.IsControl) ? name : "export";
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadSmall(Stream body, CancellationToken cancel)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > MaxPartBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    public static (DisclosureUpload?, IResult?) Problem(string part, string message) => (null, PartProblem(part, message));

    /// <summary>400 naming the part at fault.</summary>
    public static IResult PartProblem(string part, string message) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "Bad disclosure upload", detail: message,
        extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { part, message } } });
}
