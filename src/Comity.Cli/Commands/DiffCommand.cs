using System.CommandLine;
using Comity.Analysis;
using Comity.Cli.Rendering;

namespace Comity.Cli.Commands;

/// <summary><c>comity diff STACK_A STACK_B</c>: every class of requests whose outcome changes between two versions of the law.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var from = new Argument<string>("STACK_A") { Description = "the stack as it is (a folder holding stack.law)" };
        var to = new Argument<string>("STACK_B") { Description = "the stack as it would be (an amendment, an injunction)" };
        var command = new Command("diff",
            "List every class of requests whose outcome changes from STACK_A to STACK_B, grouped by from -> to outcome, with the rules " +
            "that cause each change and, for each class, a witness to give comity decide with either stack. Exit 0 whatever changes, 2 on bad input.")
        {
            from, to, OutputOptions.Json, OutputOptions.All,
        };
        command.SetAction(result => BadInput.Guard(() =>
        {
            var (a, b) = (result.GetValue(from)!, result.GetValue(to)!);
            var report = StackDiffer.Diff(a, b);
            Console.Out.Write(result.GetValue(OutputOptions.Json)
                ? ReportWriter.ToJson(report) + "\n"
                : FindingsRenderer.Render(report, a, b, result.GetValue(OutputOptions.All)));
            return ExitCodes.Decided;
        }));
        return command;
    }
}
