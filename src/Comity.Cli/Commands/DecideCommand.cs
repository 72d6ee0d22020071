using System.CommandLine;
using System.Text.Json;
using Comity.Contract;
using Comity.Engine;
using Comity.Ledger;

namespace Comity.Cli.Commands;

/// <summary><c>comity decide FILE|-</c> and <c>comity decide --batch</c>.</summary>
internal static class DecideCommand
{
    private static readonly Option<bool> Batch = new("--batch")
    {
        Description = "read JSON Lines (one request per line) and write one answer per line, in order; a bad line gets an error answer and the batch goes on",
    };

    private static readonly Option<bool> Record = new("--record")
    {
        Description = "record each decision in the ledger in --data before its answer is written; the answer gets a 'receipt' (index, leafHash, checkpoint, and the C2SP tlog-proof)",
    };

    public static Command Create()
    {
        var file = InputFile.Argument("the request (contract v1 JSON), or with --batch the JSON Lines file");
        var command = new Command("decide", "Decide one request, or a stream of them, and print the answer as contract JSON. Exit 0 when decided, 2 when the request (or any batch line) breaks the contract.")
        {
            file, Batch, Record, DataOptions.Data, StackOptions.Stack, StackOptions.Stacks,
        };
        command.SetAction(result => Run(result, result.GetValue(file)!, result.GetValue(Batch), result.GetValue(Record)));
        return command;
    }

    private static int Run(ParseResult result, string path, bool batch, bool record) => BadInput.Guard(() =>
    {
        var catalog = StackOptions.Catalog(result);
        using var ledger = record ? DataOptions.Open(result, create: true) : null;
        if (batch)
            return RunBatch(catalog, path, ledger);
        var (engine, request, text) = Requests.LoadWithText(catalog, path);
        if (engine is null)
            return ExitCodes.BadInput;
        var answer = engine.Decide(request!);
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, AnswerWriter.Indented))
        {
            if (ledger is null)
                AnswerWriter.Write(writer, answer);
            else
                WriteRecorded(writer, ledger, text, answer);
        }
        stdout.WriteByte((byte)'\n');
        return ExitCodes.Decided;
    });

    /// <summary>Records the decision, then writes the answer as recorded with its receipt as the last property.</summary>
    private static void WriteRecorded(Utf8JsonWriter writer, TransparencyLog ledger, byte[] request, DecisionAnswer answer)
    {
        var compact = System.Text.Encoding.UTF8.GetBytes(AnswerWriter.ToJson(answer));
        var receipt = ledger.AppendAsync(DecisionRecord.Entry(request, compact, answer.Policy.Digest, DateTimeOffset.UtcNow)).GetAwaiter().GetResult();
        using var recorded = JsonDocument.Parse(compact);
        writer.WriteStartObject();
        foreach (var property in recorded.RootElement.EnumerateObject())
            property.WriteTo(writer);
        DecisionRecord.WriteReceipt(writer, receipt);
        writer.WriteEndObject();
    }

    /// <summary>Exit 0 when every line was decided; 2 when any line was refused (its error answer says which).</summary>
    private static int RunBatch(StackCatalog catalog, string path, TransparencyLog? ledger)
    {
        using var input = InputFile.Open(path);
        using var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        var summary = new BatchDecider(catalog, ledger is null ? null : new LedgerRecorder(ledger)).Run(input, stdout);
        if (summary.Rejected == 0)
            return ExitCodes.Decided;
        Console.Error.WriteLine($"comity: {summary.Rejected} of {summary.Decided + summary.Rejected} lines of {InputFile.Name(path)} broke the contract; their answers name the line and the property");
        return ExitCodes.BadInput;
    }
}
