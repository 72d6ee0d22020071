using System.CommandLine;
using Comity.Cli;
using Comity.Cli.Commands;

// The comity command: parse arguments, hand each command to the library, map outcomes to exit
// codes (0 decided, whatever the outcome; 2 bad input; 1 internal failure; 3 and 4 checks that failed).
var root = new RootCommand(
    "Comity decides immigration-enforcement requests under stacks of federal, state and local law, with reasons and citations; " +
    "check and diff analyse a stack, or two versions of one, over every request the contract allows. " +
    "Exit codes: 0 decided (whatever the outcome), 2 bad input (the message names the file and JSON path or rule line), 1 internal failure, 3 scenarios or check failed (comity test, comity check), 4 not verified (comity ledger verify, comity verify-receipt, comity backup); comity report: 3 privacy audit failed, 4 a consistency check failed, 5 checkpoint or projection not verified.")
{
    DecideCommand.Create(),
    ExplainCommand.Create(),
    SchemaCommand.Create(),
    TestCommand.Create(),
    CheckCommand.Create(),
    DiffCommand.Create(),
    ReplayCommand.Create(),
    RedactCommand.Create(),
    LedgerCommand.Create(),
    VerifyReceiptCommand.Create(),
    NoticeCommand.Create(),
    ServeCommand.Create(),
    UsersCommand.Create(),
    ReportCommand.Create(),
    BackupCommand.Create(),
    MigrateCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine($"comity: {error.Message}");
    Console.Error.WriteLine("comity: see 'comity --help'");
    return ExitCodes.BadInput;
}
try
{
    return parsed.Invoke();
}
catch (Exception e) when (e is Comity.Storage.StoreConfigurationException || e.InnerException is Comity.Storage.StoreConfigurationException)
{
    // A --store (or $COMITY_STORE) Comity cannot use is bad input, whichever command read it.
    Console.Error.WriteLine($"comity: {(e as Comity.Storage.StoreConfigurationException ?? e.InnerException)!.Message}");
    return ExitCodes.BadInput;
}
catch (Exception e)
{
    Console.Error.WriteLine($"comity: internal failure: {e}");
    return ExitCodes.InternalFailure;
}
