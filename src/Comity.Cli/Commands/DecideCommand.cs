using System.CommandLine;
using System.Text.Json;
using Comity.Contract;
using Comity.Engine;
using Comity.Ledger;
using Comity.Recording;

namespace Comity.Cli.Commands;

/// <summary><c>comity decide FILE|-</c> and <c>comity decide --batch</c>.</summary>
internal static class DecideCommand
{
    private static readonly Option<bool> Batch = new("--batch")
    {
        Description = "read JSON Lines (one request per line) and write one answer per line, in order; a bad or blank line gets an error answer in its place and the batch goes on",
    };

    private static readonly Option<bool> Record = new("--record")
    {
        Description = "record each decision in the ledger in --data and keep it as a case in the case database there (comity.db), as the server does, before its answer is written; the answer gets a 'receipt' (index, leafHash, checkpoint, and the C2SP tlog-proof); the entry names the operating-system account as who recorded it",
    };

    public static Command Create()
    {
        var file = InputFile.Argument("the request (contract v1 JSON), or with --batch the JSON Lines file");
        var command = new Command("decide", "Decide one request, or a stream of them, and print the answer as contract JSON. Exit 0 when decided, 2 when the request (or any batch line) breaks the contract.")
        {
            file, Batch, Record, DataOptions.Data, DataOptions.Store, StackOptions.Stack, StackOptions.Stacks,
        };
        command.SetAction(result => Run(result, result.GetValue(file)!, result.GetValue(Batch), result.GetValue(Record)));
        return command;
    }

    private static int Run(ParseResult result, string path, bool batch, bool record) => BadInput.Guard(() =>
    {
        var catalog = StackOptions.Catalog(result);
        using var folder = record ? DataOptions.OpenForRecording(result, catalog) : null;
        if (batch)
            return RunBatch(catalog, path, folder?.Recorder);
        if (folder is not null)
            return RunRecorded(folder.Recorder, path);
        var (engine, request) = Requests.Load(catalog, path);
        if (engine is null)
            return ExitCodes.BadInput;
        var answer = engine.Decide(request!);
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, AnswerWriter.Indented))
            AnswerWriter.Write(writer, answer);
        stdout.WriteByte((byte)'\n');
        return ExitCodes.Decided;
    });

    /// <summary>Decides and records through the same <see cref="Recorder"/> as the server, then prints the answer as recorded, its receipt last.</summary>
    private static int RunRecorded(Recorder recorder, string path)
    {
        var recorded = recorder.DecideAsync(InputFile.ReadAll(path), EntryActor.CommandLine()).GetAwaiter().GetResult();
        if (recorded.Error is { } error)
        {
            foreach (var e in error.ContractErrors ?? [new ContractError(error.Path ?? "$", error.Message)])
                Console.Error.WriteLine($"comity: {InputFile.Name(path)}: {e}");
            return ExitCodes.BadInput;
        }
        using var sent = JsonDocument.Parse(recorded.Value!.Sent());
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, AnswerWriter.Indented))
            sent.RootElement.WriteTo(writer);
        stdout.WriteByte((byte)'\n');
        return ExitCodes.Decided;
    }

    /// <summary>Exit 0 when every line was decided; 2 when any line was refused (its error answer says which).</summary>
    private static int RunBatch(StackCatalog catalog, string path, Recorder? recorder)
    {
        using var input = InputFile.Open(path);
        using var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        var summary = new BatchDecider(catalog, recorder is null ? null : new BatchRecorder(recorder, EntryActor.CommandLine())).Run(input, stdout);
        if (summary.Rejected == 0)
            return ExitCodes.Decided;
        Console.Error.WriteLine($"comity: {summary.Rejected} of {summary.Decided + summary.Rejected} lines of {InputFile.Name(path)} broke the contract; their answers name the line and the property");
        return ExitCodes.BadInput;
    }
}
