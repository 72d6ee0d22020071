using System.CommandLine;
using Comity.Engine;
using Comity.Law;
using Comity.Scenarios;

namespace Comity.Cli.Commands;

/// <summary><c>comity test STACK</c>: run the stack's scenarios and report failures and rule coverage.</summary>
internal static class TestCommand
{
    private static readonly Option<string?> ScenariosOption = new("--scenarios")
    {
        HelpName = "DIR",
        Description = "the folder of scenario files (JSON arrays); default: STACK/scenarios",
    };

    public static Command Create()
    {
        var stack = new Argument<string>("STACK") { Description = "the stack folder (it holds stack.law)" };
        var command = new Command("test",
            "Run a stack's legal scenarios; print failures and rule coverage (every rule decides a scenario, every exception fires). " +
            "Exit 0 when all pass with full coverage, 3 when not, 2 on bad input.")
        {
            stack, ScenariosOption,
        };
        command.SetAction(result => BadInput.Guard(() =>
        {
            var dir = result.GetValue(stack)!;
            var engine = DecisionEngine.Compile(StackLoader.Load(dir));
            var scenarios = ScenarioReader.ReadFolder(result.GetValue(ScenariosOption) ?? Path.Combine(dir, "scenarios"));
            var report = ScenarioRunner.Run(engine, scenarios);
            Print(report);
            return report.Failures.Count == 0 && report.CoverageComplete ? ExitCodes.Decided : ExitCodes.TestsFailed;
        }));
        return command;
    }

    private static void Print(ScenarioRunner.Report report)
    {
        foreach (var f in report.Failures)
        {
            Console.Out.WriteLine($"FAIL {f.Scenario.File} [{f.Scenario.Index}] {f.Scenario.Name}");
            Console.Out.WriteLine($"     ({f.Scenario.Citation}: {f.Scenario.Reason})");
            foreach (var p in f.Problems)
                Console.Out.WriteLine($"     - {p}");
        }
        Console.Out.WriteLine($"{report.Run} scenarios: {report.Run - report.Failures.Count} passed, {report.Failures.Count} failed");
        var rules = report.Provisions;
        Console.Out.WriteLine(report.CoverageComplete
            ? $"rule coverage: complete ({rules} provisions)"
            : "rule coverage: incomplete");
        Uncovered("rules that decide no scenario", report.Undecided);
        Uncovered("exceptions that never fire", report.ExceptionsNeverFired);
        Uncovered("duties that never apply", report.ConsequencesNeverApplied);
    }

    private static void Uncovered(string what, IReadOnlyList<string> ids)
    {
        if (ids.Count > 0)
            Console.Out.WriteLine($"  {what} ({ids.Count}): {string.Join(", ", ids)}");
    }
}
