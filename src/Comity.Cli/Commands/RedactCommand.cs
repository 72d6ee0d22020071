using System.CommandLine;
using Comity.Disclosure;
using Comity.Ledger;

namespace Comity.Cli.Commands;

/// <summary>
/// <c>comity redact</c>: decide a disclosure request, then cut an export to what the decision
/// releases, with a manifest recorded in the ledger. Nothing is published unless the whole cut
/// succeeded and was recorded.
/// </summary>
internal static class RedactCommand
{
    private static readonly Option<string> RequestOption = new("--request")
    {
        HelpName = "REQ.json", Required = true,
        Description = "the disclosure request (contract v1 JSON, act disclose or bulk-disclose); - reads standard input",
    };

    private static readonly Option<string> CatalogOption = new("--catalog")
    {
        HelpName = "CATALOG", Required = true,
        Description = "the data catalog of the export's record system (e.g. stacks/us/ca/los-angeles/catalog/booking-records.json)",
    };

    private static readonly Option<string> InOption = new("--in")
    {
        HelpName = "FILE", Required = true,
        Description = "the export to cut (CSV or JSON Lines, UTF-8); - reads standard input (then give --format)",
    };

    private static readonly Option<string> OutOption = new("--out")
    {
        HelpName = "FILE", Required = true,
        Description = "where the cut export goes; written under a temporary name and renamed only when complete",
    };

    private static readonly Option<string[]> SubjectOption = new("--subject")
    {
        HelpName = "FIELD=VALUE",
        Description = "for act disclose: the person's value of each subject field the catalog names; only rows holding exactly these values are released",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string?> FormatOption = new("--format")
    {
        HelpName = "csv|jsonl",
        Description = "the export's format; default: from the extension of --in (.csv, .jsonl, .ndjson)",
    };

    private static readonly Option<string?> ManifestOption = new("--manifest")
    {
        HelpName = "FILE",
        Description = "where the disclosure manifest goes; default: OUT.manifest.json",
    };

    public static Command Create()
    {
        var command = new Command("redact",
            "Decide a disclosure request, then cut an export (CSV or JSON Lines) to the fields the decision permits or requires and, for a named person, to that person's rows; " +
            "write a manifest of what was kept and dropped and why, with SHA-256 digests, recorded in the ledger in --data (the manifest carries its receipt). " +
            "Exit 0 when the cut export is published (warnings, such as status withheld under the federal floor, go to standard error), 2 on bad input (nothing is published).")
        {
            RequestOption, CatalogOption, InOption, OutOption, SubjectOption, FormatOption, ManifestOption, DataOptions.Data, DataOptions.Store, StackOptions.Stack, StackOptions.Stacks,
        };
        command.SetAction(result => BadInput.Guard(() => Run(result)));
        return command;
    }

    private static int Run(ParseResult result)
    {
        var requestPath = result.GetValue(RequestOption)!;
        var inPath = result.GetValue(InOption)!;
        var outPath = result.GetValue(OutOption)!;
        var manifestPath = result.GetValue(ManifestOption) ?? outPath + ".manifest.json";
        if (!TryFormat(result.GetValue(FormatOption), inPath, out var format) || !TrySubject(result.GetValue(SubjectOption) ?? [], out var subject))
            return ExitCodes.BadInput;
        if ((inPath != "-" && (SamePath(inPath, outPath) || SamePath(inPath, manifestPath))) || SamePath(outPath, manifestPath))
        {
            Console.Error.WriteLine("comity: --in, --out and --manifest must name three different files");
            return ExitCodes.BadInput;
        }
        if (inPath == "-" && requestPath == "-")
        {
            Console.Error.WriteLine("comity: --request and --in cannot both read standard input");
            return ExitCodes.BadInput;
        }

        var (engine, request, requestText) = Requests.LoadWithText(StackOptions.Catalog(result), requestPath);
        if (engine is null)
            return ExitCodes.BadInput;
        var catalog = CatalogReader.Load(result.GetValue(CatalogOption)!);
        var plan = DisclosurePlan.Create(request!, engine.Decide(request!), catalog, subject, InputFile.Name(requestPath));

        using var input = InputFile.Open(inPath);
        using var export = new PendingFile(outPath);
        using var manifestFile = new PendingFile(manifestPath);
        var cut = Redactor.Redact(plan, input, export.Stream, format, InputFile.Name(inPath));
        PublishedDisclosure published;
        using (var ledger = DataOptions.Open(result, create: true))
            published = DisclosurePublisher.PublishAsync(ledger, plan, cut, requestText, outPath,
                export, manifestFile, DateTimeOffset.UtcNow, EntryActor.CommandLine()).GetAwaiter().GetResult();
        var (manifest, receipt) = (published.Manifest, published.Receipt);
        Console.Out.WriteLine($"{outPath}: {cut.RowsWritten} of {cut.RowsRead} rows, {cut.Fields.Count(f => f.Kept)} of {cut.Fields.Count} fields released (outcome {Contract.Vocabularies.Outcomes.Name(plan.Answer.Outcome)})");
        Console.Out.WriteLine($"manifest: {manifestPath} (ledger entry {receipt.Index})");
        foreach (var warning in manifest.Warnings)
            Console.Error.WriteLine($"comity: warning: {warning}");
        return ExitCodes.Decided;
    }

    private static bool TryFormat(string? given, string inPath, out RecordFormat format)
    {
        if (given is not null)
        {
            if (RecordFormats.TryParse(given, out format))
                return true;
            Console.Error.WriteLine($"comity: --format: \"{given}\" is not a format; expected csv or jsonl");
            return false;
        }
        if (RecordFormats.FromFileName(inPath) is { } named)
        {
            format = named;
            return true;
        }
        format = default;
        Console.Error.WriteLine($"comity: --in {inPath}: cannot tell the format from the name; give --format csv or --format jsonl");
        return false;
    }

    private static bool TrySubject(string[] pairs, out SubjectKey? subject)
    {
        subject = null;
        var values = new List<KeyValuePair<string, string>>();
        foreach (var text in pairs)
        {
            if (!SubjectKey.TryParsePair(text, out var pair))
            {
                Console.Error.WriteLine($"comity: --subject: \"{text}\" is not FIELD=VALUE");
                return false;
            }
            values.Add(pair);
        }
        subject = values.Count > 0 ? new SubjectKey(values) : null;
        return true;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}
