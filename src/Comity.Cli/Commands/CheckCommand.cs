using System.CommandLine;
using Comity.Analysis;
using Comity.Cli.Rendering;

namespace Comity.Cli.Commands;

/// <summary><c>comity check STACK</c>: static analysis of a stack, with a witness request for every finding.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var stack = new Argument<string>("STACK") { Description = "the stack folder (it holds stack.law)" };
        var command = new Command("check",
            "Analyse a stack over every request the contract allows, in every period its effective dates make: floor violations, " +
            "contradictions, gaps, dead and redundant rules, exception cycles, missing citations, overlapping periods, unknown facts " +
            "and values. Each finding names its rules (file:line) and classes of requests, each with a witness to give comity decide. " +
            "Exit 0 when there is no error (warnings allowed), 3 when there is one, 2 when STACK is no stack.")
        {
            stack, OutputOptions.Json, OutputOptions.All,
        };
        command.SetAction(result => BadInput.Guard(() =>
        {
            var folder = result.GetValue(stack)!;
            var report = ProgressDisplay.Run("checking the stack", progress => StackChecker.Check(folder, progress));
            Console.Out.Write(result.GetValue(OutputOptions.Json)
                ? ReportWriter.ToJson(report) + "\n"
                : FindingsRenderer.Render(report, folder, result.GetValue(OutputOptions.All)));
            return report.Errors == 0 ? ExitCodes.Decided : ExitCodes.CheckFailed;
        }));
        return command;
    }
}
