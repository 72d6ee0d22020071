using System.Text;
using Comity.Ledger;
using Comity.Tests.Cli.Support;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Ledger;

/// <summary>
/// An implementation Comity did not write, Go's golang.org/x/mod/sumdb/note and sumdb/tlog,
/// accepts what Comity publishes: its verifier key, checkpoints, receipts (tlog-proofs),
/// consistency proofs and tiles, and rejects them once altered.
/// </summary>
public sealed class GoInteropTests(GoInterop go) : IClassFixture<GoInterop>
{
    [Fact]
    public async Task Go_accepts_the_receipts_checkpoints_and_consistency_proofs_the_commands_print()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        string File(string name) => Path.Combine(dir.Path, name);
        var lines = string.Concat(Enumerable.Range(0, 5).Select(i => ExampleLine($"R-{i}") + "\n"));

        AssertExit(0, await ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"], lines));
        var old = await ComityCli.RunAsync("ledger", "checkpoint", "--data", data);
        AssertExit(0, await ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"], lines + lines));
        var current = await ComityCli.RunAsync("ledger", "checkpoint", "--data", data);
        // The demo stack's law comes first (FirstDecision entries), then the decisions: 5 and 10 more.
        var consistency = await ComityCli.RunAsync("ledger", "consistency", Decision(5), Decision(15), "--data", data);
        var proof = await ComityCli.RunAsync("ledger", "proof", Decision(3), "--data", data);
        var entry = await ComityCli.RunAsync("ledger", "entry", Decision(3), "--data", data);
        var key = await ComityCli.RunAsync("ledger", "key", "--data", data);
        foreach (var run in new[] { old, current, consistency, proof, entry, key })
            AssertExit(0, run);
        System.IO.File.WriteAllText(File("vkey"), key.Stdout);
        System.IO.File.WriteAllText(File("old.checkpoint"), old.Stdout);
        System.IO.File.WriteAllText(File("new.checkpoint"), current.Stdout);
        System.IO.File.WriteAllText(File("consistency"), consistency.Stdout);
        System.IO.File.WriteAllText(File("3.tlog-proof"), proof.Stdout);
        System.IO.File.WriteAllBytes(File("3.entry"), entry.StdoutBytes);

        AssertGo(true, "checkpoint", File("vkey"), File("new.checkpoint"));
        AssertGo(true, "receipt", File("vkey"), File("3.tlog-proof"), File("3.entry"));
        AssertGo(true, "consistency", File("vkey"), File("old.checkpoint"), File("new.checkpoint"), File("consistency"));

        // Altered: one character of the entry, the checkpoint's size, one proof hash.
        System.IO.File.WriteAllText(File("3.altered"), entry.Stdout.Replace("\"R-3\"", "\"R-4\"", StringComparison.Ordinal));
        AssertGo(false, "receipt", File("vkey"), File("3.tlog-proof"), File("3.altered"));
        System.IO.File.WriteAllText(File("forged.checkpoint"), current.Stdout.Replace($"\n{Decision(15)}\n", $"\n{Decision(16)}\n", StringComparison.Ordinal));
        AssertGo(false, "checkpoint", File("vkey"), File("forged.checkpoint"));
        var hashes = consistency.StdoutLines.ToArray();
        hashes[0] = Convert.ToBase64String(new byte[32]);
        System.IO.File.WriteAllText(File("bad.consistency"), string.Join('\n', hashes) + "\n");
        AssertGo(false, "consistency", File("vkey"), File("old.checkpoint"), File("new.checkpoint"), File("bad.consistency"));
    }

    [Fact]
    public async Task Go_authenticates_every_exported_tile_and_entry_bundle_and_refuses_an_altered_tile()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var tiles = Path.Combine(dir.Path, "tiles");
        var vkey = Path.Combine(data, "ledger.vkey");
        await using (var log = TransparencyLog.Open(data))
        {
            await Entries.AppendMany(log, 1300);
            log.ExportTiles(tiles);
        }
        AssertGo(true, "tiles", vkey, tiles);

        var tile = Path.Combine(tiles, "tile", "0", "002");
        var bytes = System.IO.File.ReadAllBytes(tile);
        bytes[100] ^= 1;
        System.IO.File.WriteAllBytes(tile, bytes);
        AssertGo(false, "tiles", vkey, tiles);
    }

    [Fact]
    public async Task Go_reads_the_key_file_as_its_own_signer_key_and_signs_the_same_checkpoint_byte_for_byte()
    {
        using var dir = Repo.TempDir();
        await using var log = TransparencyLog.Open(dir.Path, new LedgerOptions { Origin = "ledger.example.gov/comity" });
        await Entries.AppendMany(log, 10);
        var checkpoint = log.Checkpoint();

        var (exit, output) = go.Check("sign", Path.Combine(dir.Path, "ledger.key"), checkpoint.Origin, "10", Convert.ToBase64String(checkpoint.RootHash));
        Assert.True(exit == 0, output);
        Assert.Equal(checkpoint.Note, output);
    }

    private void AssertGo(bool accepted, params string[] args)
    {
        var (exit, output) = go.Check(args);
        Assert.True(accepted == (exit == 0), $"Go {(accepted ? "refused" : "accepted")} {args[0]}: {output}");
    }
}
