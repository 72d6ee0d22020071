using System.CommandLine;
using System.Globalization;
using Comity.Law;
using Comity.Replay;

namespace Comity.Cli.Commands;

/// <summary><c>comity replay --stack DIR [--from DATE --to DATE] [--unit U]</c>: recorded history decided again under another stack.</summary>
internal static class ReplayCommand
{
    private static readonly Option<string> Stack = new("--stack")
    {
        HelpName = "DIR", Required = true,
        Description = "the law to replay under: a folder holding stack.law (an amendment, a copy without a struck rule, a draft ordinance); " +
            "only cases decided under a stack of the same id are replayed",
    };

    private static readonly Option<string?> From = new("--from") { HelpName = "DATE", Description = "replay requests received on or after this day (yyyy-mm-dd)" };
    private static readonly Option<string?> To = new("--to") { HelpName = "DATE", Description = "replay requests received on or before this day (yyyy-mm-dd)" };
    private static readonly Option<string?> Unit = new("--unit") { HelpName = "U", Description = "replay only requests received by this unit or a unit within it" };

    private static readonly Option<string> Format = new("--format")
    {
        HelpName = "text|csv|json", DefaultValueFactory = _ => "text",
        Description = "text for people (default); csv, one row a changed case; json, the counts and every changed case",
    };

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("text", "csv", "json");
        var command = new Command("replay",
            "Decide recorded history again under another stack and report every case whose outcome would change, grouped as comity diff groups " +
            "classes (from -> to, the rules that cause it), with counts and the cases listed. Each case counts once, by the decision or correction " +
            "in force; void cases are left out. Reads the ledger only: a replay is recorded nowhere and changes nothing. " +
            "Exit 0 whatever changes, 2 on bad input.")
        {
            Stack, From, To, Unit, Format, DataOptions.Data, DataOptions.Store,
        };
        command.SetAction(result => BadInput.Guard(() =>
        {
            var scope = new ReplayScope(Day(result.GetValue(From), "--from"), Day(result.GetValue(To), "--to"), result.GetValue(Unit));
            if (scope.From > scope.To)
                throw new FormatException($"--from {result.GetValue(From)} is after --to {result.GetValue(To)}");
            var folder = result.GetValue(Stack)!;
            var stack = StackLoader.Load(folder);
            using var log = DataOptions.Open(result, readOnly: true);
            var report = ProgressDisplay.Run("replaying recorded decisions", progress => new Replayer(log).Run(stack, folder, scope, progress));
            switch (result.GetValue(Format))
            {
                case "csv":
                    using (var stdout = Console.OpenStandardOutput())
                        stdout.Write(ReplayWriter.Csv(report));
                    break;
                case "json":
                    Console.Out.Write(ReplayWriter.Json(report) + "\n");
                    break;
                default:
                    Console.Out.Write(ReplayWriter.Text(report));
                    break;
            }
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static DateOnly? Day(string? text, string option) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new FormatException($"{option} {text}: expected a day as yyyy-mm-dd");
}
