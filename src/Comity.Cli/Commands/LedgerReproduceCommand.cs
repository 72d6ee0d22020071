using System.CommandLine;
using System.Text.Json;
using Comity.Ledger;
using Comity.Replay;

namespace Comity.Cli.Commands;

/// <summary><c>comity ledger reproduce [--from N] [--to M]</c>: every recorded decision decided again with the law it recorded, from the ledger alone.</summary>
internal static class LedgerReproduceCommand
{
    public static readonly Option<long?> From = new("--from") { HelpName = "N", Description = "the first ledger entry to reproduce (default 0)" };
    public static readonly Option<long?> To = new("--to") { HelpName = "M", Description = "the last ledger entry to reproduce, inclusive (default the last)" };

    public static Command Create()
    {
        var command = new Command("reproduce",
            "Decide every recorded decision (and correction) again with the stack version it recorded, read back from the ledger alone, " +
            $"and check that the answer is the same bytes. Exit 0 when every one is, {ExitCodes.NotVerified} naming each entry that is not and the first property that differs.")
        {
            From, To, OutputOptions.Json, DataOptions.Data, DataOptions.Store,
        };
        command.SetAction(result => BadInput.Guard(() =>
        {
            using var log = DataOptions.Open(result, readOnly: true);
            var report = Run(log, result.GetValue(From), result.GetValue(To));
            Console.Out.Write(result.GetValue(OutputOptions.Json) ? Json(report) + "\n" : Text(report));
            return report.Ok ? ExitCodes.Decided : ExitCodes.NotVerified;
        }));
        return command;
    }

    public static Reproduction Run(TransparencyLog log, long? from, long? to)
    {
        if (from is < 0 || to is < 0)
            throw new FormatException("--from and --to are ledger entry indexes, 0 or more");
        return ProgressDisplay.Run("reproducing recorded decisions", progress => new Reproducer(log).Run(from, to, progress));
    }

    public static string Text(Reproduction r)
    {
        var range = r.Entries == 0 ? "no entries" : $"entries {r.From} to {r.To}";
        if (r.Ok)
            return $"reproduced: {r.Decisions} decisions in {range}, every answer the same bytes under the stack it recorded\n";
        var lines = new List<string> { $"NOT REPRODUCED: {r.IrreproducibleCount} of {r.Decisions} decisions in {range}" };
        lines.AddRange(r.Differences.Select(d => $"  entry {d.Entry} ({d.Kind}): {d.Problem}"));
        if (r.IrreproducibleCount > r.Differences.Count)
            lines.Add($"  ... and {r.IrreproducibleCount - r.Differences.Count} more");
        return string.Join("\n", lines) + "\n";
    }

    public static string Json(Reproduction r) => JsonSerializer.Serialize(new
    {
        from = r.From,
        to = r.To,
        entries = r.Entries,
        decisions = r.Decisions,
        reproduced = r.Ok,
        irreproducible = r.IrreproducibleCount,
        differences = r.Differences.Select(d => new { entry = d.Entry, kind = d.Kind, problem = d.Problem }),
    });
}
