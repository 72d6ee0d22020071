using System.CommandLine;
using Comity.Notices;
using Comity.Recording;

namespace Comity.Cli.Commands;

/// <summary>
/// <c>comity notice CASE NOTICE --language es --data DIR --out FILE</c>: prints a notice of a case
/// (a TRUTH Act notice, the consent form, the decision copy), filled from the case in the data
/// folder, and records in the ledger which language and template version was handed over.
/// <c>comity notice CASE</c> lists the notices the case calls for.
/// </summary>
internal static class NoticeCommand
{
    public static Command Create()
    {
        var caseId = new Argument<long>("CASE") { Description = "the case number" };
        var notice = new Argument<string?>("NOTICE")
        {
            Description = "the notice to print (request-notice, release-notice, interview-consent, decision-copy); without it, list those the case calls for",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var language = new Option<string?>("--language")
        {
            HelpName = "TAG",
            Description = "the language (en, es, zh, tl, vi, ko, or a county's own); default: the person's language when the notice has it, else English",
        };
        var output = new Option<string?>("--out")
        {
            HelpName = "FILE",
            Description = "where to write the notice (required with NOTICE); an unreviewed translation prints with the English beside it",
        };
        var format = new Option<string>("--format")
        {
            HelpName = "pdf|html",
            Description = "a PDF (default), or a print-ready HTML page",
            DefaultValueFactory = _ => "pdf",
        };
        var by = new Option<string>("--by")
        {
            HelpName = "NAME",
            Description = "who prints it, as the ledger entry names them (default: the user running the command)",
            DefaultValueFactory = _ => Environment.UserName,
        };
        var command = new Command("notice",
            "Print a notice of a case, filled from the case, in the person's language: the TRUTH Act's (Cal. Gov. Code 7283.1(a), (b)) and the decision copy for the attorney. " +
            "Printing records in the ledger which notice, language and template version was handed over. Templates are read from the stacks' notices folders and DATA/notices (docs/notices.md).")
        {
            caseId, notice, language, output, format, by, DataOptions.Data, DataOptions.Store, StackOptions.Stacks,
        };
        command.SetAction(result => BadInput.Guard(() =>
        {
            var stacks = result.GetValue(StackOptions.Stacks)!;
            var catalog = Engine.StackCatalog.ForRoot(stacks);
            using var folder = DataOptions.OpenForRecording(result, catalog);
            var desk = new NoticeDesk(folder.Ledger, folder.Cases, catalog, stacks, result.GetValue(DataOptions.Data), TimeProvider.System);
            var id = result.GetValue(caseId);
            if (result.GetValue(notice) is not { } name)
                return List(desk.List(id));
            if (result.GetValue(output) is not { } file)
            {
                Console.Error.WriteLine("comity: --out FILE: say where to write the notice");
                return ExitCodes.BadInput;
            }
            var formatName = result.GetValue(format)!;
            if (formatName is not ("pdf" or "html"))
            {
                Console.Error.WriteLine($"comity: --format: expected pdf or html, not \"{formatName}\"");
                return ExitCodes.BadInput;
            }
            var printed = desk.PrintAsync(id, name, result.GetValue(language), formatName == "pdf" ? NoticeFormat.Pdf : NoticeFormat.Html, result.GetValue(by)!)
                .GetAwaiter().GetResult();
            if (printed.Error is { } error)
                return Refused(error);
            File.WriteAllBytes(file, printed.Value!.Content);
            var e = printed.Value.Entry;
            Console.Out.WriteLine($"{file}: {e.Notice} of case {e.Case} in {e.Language}, template version {e.Version} ({e.Review}{(e.EnglishBeside ? ", English beside" : "")}), {e.Document}; recorded as ledger entry {printed.Value.LedgerIndex}");
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static int List(Recorded<CaseNoticeList> listed)
    {
        if (listed.Error is { } error)
            return Refused(error);
        var list = listed.Value!;
        Console.Out.WriteLine($"case {list.CaseId}: the person's language is {list.PersonLanguage ?? "not recorded"}");
        foreach (var n in list.Notices)
        {
            Console.Out.WriteLine($"  {n.Notice,-18} {n.Title}  ({(n.Cites.Count > 0 ? string.Join("; ", n.Cites) : "for the attorney")})");
            Console.Out.WriteLine($"  {"",-18} prints in {n.Language}; languages: {string.Join(", ", n.Languages.Select(l => $"{l.Language} ({l.Review.ToString().ToLowerInvariant()}{(l.EnglishBeside ? ", English beside" : "")})"))}");
        }
        return ExitCodes.Decided;
    }

    private static int Refused(RecordError error)
    {
        Console.Error.WriteLine($"comity: {(error.Path is null ? "" : error.Path + ": ")}{error.Message}");
        return ExitCodes.BadInput;
    }
}
