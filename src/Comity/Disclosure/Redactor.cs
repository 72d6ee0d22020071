using Comity.Disclosure.Internal;

namespace Comity.Disclosure;

/// <summary>
/// The firewall's cut: streams an export from <c>input</c> to <c>output</c>, keeping only what
/// the plan releases, in memory bounded by the longest record (never the file). Callable from any
/// stream: a file, standard input, an HTTP request body.
/// </summary>
public static class Redactor
{
    /// <summary>
    /// Cuts the export. On an exception, <paramref name="output"/> holds a partial cut that must be
    /// discarded: write to a <see cref="PendingFile"/>, which is published only when complete.
    /// </summary>
    /// <param name="inputName">the input as the user named it, for errors (file:line:column)</param>
    /// <exception cref="DisclosureException">when the input is malformed, not UTF-8 text, or does not fit the catalog.</exception>
    public static RedactionResult Redact(DisclosurePlan plan, Stream input, Stream output, RecordFormat format, string inputName, RedactionLimits? limits = null)
    {
        limits ??= RedactionLimits.Default;
        using var window = new InputWindow(input, inputName, limits.InitialBufferBytes, limits.MaxRecordBytes);
        using var sink = new HashingOutput(output);
        var rows = format == RecordFormat.Csv
            ? CsvRedactor.Run(plan, window, sink)
            : JsonLinesRedactor.Run(plan, window, sink, limits.MaxDistinctFields);
        var outputSha = sink.Finish();
        return new RedactionResult
        {
            Format = format,
            InputBytes = window.Length,
            InputSha256 = Convert.ToHexStringLower(window.Sha256()),
            OutputBytes = sink.Length,
            OutputSha256 = Convert.ToHexStringLower(outputSha),
            RowsRead = rows.Read,
            RowsWritten = rows.Written,
            Fields = rows.Fields,
        };
    }
}
