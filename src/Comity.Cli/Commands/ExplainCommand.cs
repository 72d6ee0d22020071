using System.CommandLine;
using Comity.Cli.Rendering;

namespace Comity.Cli.Commands;

/// <summary><c>comity explain FILE|-</c>: decide one request and show the answer as a person reads it.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var file = InputFile.Argument("the request (contract v1 JSON)");
        var command = new Command("explain", "Decide one request and explain the answer: outcome, per-layer table, reasons with citations, obligations.")
        {
            file, StackOptions.Stack, StackOptions.Stacks,
        };
        command.SetAction(result => BadInput.Guard(() =>
        {
            var (engine, request) = Requests.Load(StackOptions.Catalog(result), result.GetValue(file)!);
            if (engine is null)
                return ExitCodes.BadInput;
            var answer = engine.Decide(request!);
            Console.Out.Write(ExplainRenderer.Render(request!, answer, engine.DefinitionsUsed(request!, answer)));
            return ExitCodes.Decided;
        }));
        return command;
    }
}
