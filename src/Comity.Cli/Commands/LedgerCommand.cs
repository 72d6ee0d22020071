using System.CommandLine;
using System.Globalization;
using Comity.Ledger;
using Comity.Storage;

namespace Comity.Cli.Commands;

/// <summary>
/// <c>comity ledger key|checkpoint|verify|proof|entry|consistency|export-tiles</c>: the
/// tamper-evident record of decisions, in the formats of Certificate Transparency and the Go
/// checksum database (see docs/ledger.md).
/// </summary>
internal static class LedgerCommand
{
    public static Command Create() => new("ledger", "The tamper-evident ledger of decisions: a Merkle log (RFC 6962) with signed checkpoints (C2SP tlog-checkpoint, Ed25519 signed notes) and receipts (C2SP tlog-proof).")
    {
        Key(), Checkpoint(), Verify(), Proof(), Entry(), Consistency(), ExportTiles(), LedgerStackCommand.Create(), LedgerReproduceCommand.Create(),
    };

    private static Command Key()
    {
        var origin = new Option<string?>("--origin")
        {
            HelpName = "NAME",
            Description = "when the ledger is created: its origin and key name, a schema-less URL such as ledger.example.gov/comity",
        };
        var command = new Command("key", "Print the ledger's public verifier key in signed-note form (name+hash+key), creating the ledger and its key on first use.")
        {
            origin, DataOptions.Data, DataOptions.Store,
        };
        command.SetAction(result => BadInput.Guard(() =>
        {
            using var log = Storage.Stores.OpenLedger(DataOptions.Location(result), new LedgerOptions { Origin = result.GetValue(origin) });
            if (result.GetValue(origin) is { } asked && asked != log.Origin)
                throw new LedgerException($"the ledger already exists with origin {log.Origin}; an origin is chosen once, when the ledger is created");
            Console.Out.WriteLine(log.Verifier.Encoded);
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static Command Checkpoint()
    {
        var command = new Command("checkpoint", "Print the latest signed checkpoint (C2SP tlog-checkpoint).") { DataOptions.Data, DataOptions.Store };
        command.SetAction(result => BadInput.Guard(() =>
        {
            using var log = DataOptions.Open(result);
            Console.Out.Write(log.Checkpoint().Note);
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static Command Verify()
    {
        var key = KeyOption("check signatures with this verifier key (text or a file holding it) instead of the one in --data");
        var held = new Option<string[]>("--checkpoint")
        {
            HelpName = "FILE",
            Description = "a signed checkpoint kept outside the store (repeatable): the entries must match it too, which shows whether entries were cut off with their checkpoints",
        };
        var deep = new Option<bool>("--deep")
        {
            Description = "also decide every recorded decision again with the stack it recorded, from the ledger alone, and check that its answer is the same bytes (comity ledger reproduce)",
        };
        var command = new Command("verify", $"Recompute every entry's hash and the tree, and check every checkpoint's signature and root; with --deep, reproduce every decision too. Exit 0 when all verifies, {ExitCodes.NotVerified} naming the first bad entry otherwise.")
        {
            key, held, deep, DataOptions.Data, DataOptions.Store,
        };
        command.SetAction(result => BadInput.Guard(() =>
        {
            var location = DataOptions.Location(result);
            var trusted = result.GetValue(key) is { } k ? ReadKey(k) : null;
            var checkpoints = (result.GetValue(held) ?? []).Select(File.ReadAllText).ToList();
            var report = ProgressDisplay.Run("verifying the ledger", progress =>
                TransparencyLog.Verify(location, trusted, checkpoints, progress: progress is null ? null : new EntryProgress(progress)));
            if (report.Ok)
                Console.Out.WriteLine($"verified: {report.Entries} entries, {report.Checkpoints} signed checkpoints, root {Convert.ToBase64String(report.RootHash)}");
            else
            {
                Console.Out.WriteLine(report.FirstBadEntry is { } bad ? $"NOT VERIFIED: first bad entry {bad}" : "NOT VERIFIED");
                foreach (var problem in report.Problems)
                    Console.Out.WriteLine($"  {problem}");
            }
            if (!result.GetValue(deep))
                return report.Ok ? ExitCodes.Decided : ExitCodes.NotVerified;
            // Deep: the decisions are decided again from the ledger alone, even when the hashes fail
            // (what still reproduces is worth knowing); a store too damaged to open says why.
            try
            {
                using var log = Stores.OpenLedger(location, new LedgerOptions { ReadOnly = true });
                var reproduced = LedgerReproduceCommand.Run(log, null, null);
                Console.Out.Write(LedgerReproduceCommand.Text(reproduced));
                return report.Ok && reproduced.Ok ? ExitCodes.Decided : ExitCodes.NotVerified;
            }
            catch (LedgerException e)
            {
                Console.Out.WriteLine($"NOT REPRODUCED: {e.Message}");
                return ExitCodes.NotVerified;
            }
        }));
        return command;
    }

    private static Command Proof()
    {
        var index = IndexArgument("N", "the entry's index");
        var command = new Command("proof", "Print the receipt for entry N as a C2SP tlog-proof (index, inclusion proof, latest signed checkpoint): the file to hand a court.") { index, DataOptions.Data, DataOptions.Store };
        command.SetAction(result => BadInput.Guard(() =>
        {
            using var log = DataOptions.Open(result, readOnly: true);
            Console.Out.Write(log.Receipt(result.GetValue(index)).TlogProof);
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static Command Entry()
    {
        var index = IndexArgument("N", "the entry's index");
        var command = new Command("entry", "Print entry N as recorded (RFC 8785 JSON with its salt): with its proof, what 'comity verify-receipt' checks. It holds personal data.") { index, DataOptions.Data, DataOptions.Store };
        command.SetAction(result => BadInput.Guard(() =>
        {
            using var log = DataOptions.Open(result, readOnly: true);
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(log.Read(result.GetValue(index)).Canonical);
            stdout.WriteByte((byte)'\n');
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static Command Consistency()
    {
        var old = IndexArgument("OLD", "the earlier tree size");
        var @new = IndexArgument("NEW", "the later tree size (at most the latest checkpoint's)");
        var command = new Command("consistency", "Print the RFC 6962 consistency proof (base64 hashes, one per line) that the tree of OLD entries is a prefix of the tree of NEW.") { old, @new, DataOptions.Data, DataOptions.Store };
        command.SetAction(result => BadInput.Guard(() =>
        {
            using var log = DataOptions.Open(result, readOnly: true);
            foreach (var hash in log.ProveConsistency(result.GetValue(old), result.GetValue(@new)))
                Console.Out.WriteLine(Convert.ToBase64String(hash));
            return ExitCodes.Decided;
        }));
        return command;
    }

    private static Command ExportTiles()
    {
        var dir = new Argument<string>("DIR") { Description = "the folder to write checkpoint, tile/L/N and tile/entries/N into" };
        var command = new Command("export-tiles", "Write the log as C2SP tlog-tiles for auditors and mirrors: the checkpoint, hash tiles, and entry bundles of salted commitments (no personal data).") { dir, DataOptions.Data, DataOptions.Store };
        command.SetAction(result => BadInput.Guard(() =>
        {
            using var log = DataOptions.Open(result, readOnly: true);
            var export = log.ExportTiles(result.GetValue(dir)!);
            Console.Out.WriteLine($"wrote {export.HashTiles} hash tiles and {export.EntryBundles} entry bundles for {export.TreeSize} entries to {export.Directory}");
            return ExitCodes.Decided;
        }));
        return command;
    }

    internal static Option<string?> KeyOption(string description) => new("--key") { HelpName = "VKEY", Description = description };

    /// <summary>A verifier key given as text, or as the name of a file holding it.</summary>
    internal static NoteVerifier ReadKey(string value) =>
        NoteVerifier.Parse(File.Exists(value) ? File.ReadAllText(value) : value);

    private static Argument<long> IndexArgument(string name, string description)
    {
        var argument = new Argument<long>(name) { Description = description };
        argument.Validators.Add(r =>
        {
            if (r.Tokens is [{ Value: var v }] && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < 0)
                r.AddError($"{name} must be 0 or more");
        });
        return argument;
    }

    /// <summary>The ledger's own progress (entries checked, of the stored) as the progress bar reads it.</summary>
    private sealed class EntryProgress(IProgress<Comity.Replay.WorkProgress> bar) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value) => bar.Report(new Comity.Replay.WorkProgress(value.Done, value.Total));
    }
}
