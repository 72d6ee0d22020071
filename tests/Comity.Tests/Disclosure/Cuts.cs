using System.Text;
using Comity.Contract;
using Comity.Disclosure;
using Comity.Engine;
using Comity.Tests.Support;

namespace Comity.Tests.Disclosure;

/// <summary>
/// Plans and cuts for the disclosure tests: a small stack that permits personal information and
/// criminal history and denies home addresses, a catalog over fields id, name, home, cii and ssn,
/// and cuts of in-memory exports.
/// </summary>
public static class Cuts
{
    public static readonly DecisionEngine Engine = TempStack.Compile(
        LawText.Rule("r.permit", "permit", when: "item is one of personal-info, criminal-history")
        + LawText.Rule("r.deny", "deny", when: "item is home-address"));

    public const string CatalogJson = """
        {
          "system": "people",
          "jurisdiction": "test",
          "subject": ["id"],
          "fields": { "id": "personal-info", "name": "personal-info", "home": "home-address", "cii": "criminal-history", "ssn": "none" }
        }
        """;

    public static DataCatalog Catalog(string json = CatalogJson) => CatalogReader.Read(Encoding.UTF8.GetBytes(json), "catalog.json");

    /// <summary>A bulk-disclose request for these items (default: personal info, home address, criminal history).</summary>
    public static DecisionRequest Bulk(params string[] data) =>
        Req.With($$"""{ "act": "bulk-disclose", "data": [{{string.Join(", ", (data.Length > 0 ? data : ["personal-info", "home-address", "criminal-history"]).Select(d => $"\"{d}\""))}}] }""");

    public static DisclosurePlan Plan(DecisionRequest? request = null, DataCatalog? catalog = null, SubjectKey? subject = null, DecisionEngine? engine = null)
    {
        request ??= Bulk();
        return DisclosurePlan.Create(request, (engine ?? Engine).Decide(request), catalog ?? Catalog(), subject, "request.json");
    }

    public static SubjectKey Subject(params (string Field, string Value)[] values) =>
        new(values.Select(v => KeyValuePair.Create(v.Field, v.Value)).ToList());

    /// <summary>Cuts <paramref name="input"/> (UTF-8 text) and returns the output as text.</summary>
    public static (string Output, RedactionResult Result) Run(DisclosurePlan plan, string input, RecordFormat format = RecordFormat.Csv, RedactionLimits? limits = null) =>
        Run(plan, Encoding.UTF8.GetBytes(input), format, limits);

    /// <summary>
    /// Cuts <paramref name="input"/> twice, read from memory and from a regular file (whose reads
    /// may stop at other places): both must give the same output and digests, or the same errors.
    /// </summary>
    public static (string Output, RedactionResult Result) Run(DisclosurePlan plan, byte[] input, RecordFormat format = RecordFormat.Csv, RedactionLimits? limits = null)
    {
        var read = Attempt(plan, new MemoryStream(input), format, limits);
        var path = Path.Combine(Path.GetTempPath(), $"comity-cut-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, input);
        (string Output, RedactionResult? Result, DisclosureException? Error) fromFile;
        try
        {
            using var file = File.OpenRead(path);
            fromFile = Attempt(plan, file, format, limits);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Equal(Errors(read.Error), Errors(fromFile.Error));
        if (read.Error is not null)
            throw read.Error;
        Assert.Equal(read.Output, fromFile.Output);
        Assert.Equal((read.Result!.InputBytes, read.Result.InputSha256, read.Result.OutputSha256, read.Result.RowsRead, read.Result.RowsWritten),
            (fromFile.Result!.InputBytes, fromFile.Result.InputSha256, fromFile.Result.OutputSha256, fromFile.Result.RowsRead, fromFile.Result.RowsWritten));
        return (read.Output, read.Result);
    }

    private static (string Output, RedactionResult? Result, DisclosureException? Error) Attempt(DisclosurePlan plan, Stream input, RecordFormat format, RedactionLimits? limits)
    {
        using var output = new MemoryStream();
        try
        {
            var result = Redactor.Redact(plan, input, output, format, format == RecordFormat.Csv ? "in.csv" : "in.jsonl", limits);
            return (Encoding.UTF8.GetString(output.ToArray()), result, null);
        }
        catch (DisclosureException e)
        {
            return ("", null, e);
        }
    }

    private static string? Errors(DisclosureException? e) => e is null ? null : string.Join("\n", e.Errors);

    /// <summary>The cut's single error, as "file:line:column: message".</summary>
    public static string Error(DisclosurePlan plan, byte[] input, RecordFormat format = RecordFormat.Csv, RedactionLimits? limits = null)
    {
        var e = Assert.Throws<DisclosureException>(() => Run(plan, input, format, limits));
        return Assert.Single(e.Errors).ToString();
    }

    public static string Error(DisclosurePlan plan, string input, RecordFormat format = RecordFormat.Csv, RedactionLimits? limits = null) =>
        Error(plan, Encoding.UTF8.GetBytes(input), format, limits);

    /// <summary>Small windows, so that records cross every boundary the scanner has.</summary>
    public static RedactionLimits Tiny(int initial) => new() { InitialBufferBytes = initial, MaxRecordBytes = 1 << 20 };
}
