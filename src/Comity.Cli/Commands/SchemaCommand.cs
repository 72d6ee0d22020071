using System.CommandLine;
using System.Text.Json;
using Comity.Contract;

namespace Comity.Cli.Commands;

/// <summary><c>comity schema</c>: the JSON Schema of a decision request.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema", "Print the JSON Schema (draft 2020-12) of a decision request, contract v1.");
        command.SetAction(_ =>
        {
            Console.Out.WriteLine(ContractSchema.Request().ToJsonString(new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }));
            return ExitCodes.Decided;
        });
        return command;
    }
}
