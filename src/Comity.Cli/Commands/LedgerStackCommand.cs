using System.CommandLine;
using Comity.Recording;

namespace Comity.Cli.Commands;

/// <summary><c>comity ledger stack DIGEST --out DIR</c>: the law behind a digest, written back from the ledger byte for byte.</summary>
internal static class LedgerStackCommand
{
    public static Command Create()
    {
        var digest = new Argument<string>("DIGEST") { Description = "the stack version's digest, as an answer's policy.digest gives it (sha256:HEX)" };
        var output = new Option<string>("--out")
        {
            HelpName = "DIR",
            Description = "the folder to write the stack into; the stack goes in the folder its id names (DIR/us/ca/los-angeles), beside the layers it shares",
            Required = true,
        };
        var command = new Command("stack", "Write back, byte for byte, every file of the stack version with DIGEST as the ledger recorded it the first time it decided anything; 'comity decide --stack' reads the folder it prints.")
        {
            digest, output, DataOptions.Data, DataOptions.Store,
        };
        command.SetAction(result => BadInput.Guard(() =>
        {
            using var log = DataOptions.Open(result, readOnly: true);
            var asked = result.GetValue(digest)!;
            var stored = new StackVersions(log, TimeProvider.System).Read(asked.StartsWith("sha256:", StringComparison.Ordinal) ? asked : "sha256:" + asked);
            var folder = stored.WriteTo(result.GetValue(output)!);
            Console.Out.WriteLine($"wrote stack {stored.Id} ({stored.Digest}, recorded in entry {stored.Entry}): {stored.Files.Count} files, the stack in {folder}");
            return ExitCodes.Decided;
        }));
        return command;
    }
}
