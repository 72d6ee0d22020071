using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Tests.Cli.Support;
using Microsoft.Data.Sqlite;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Cli;

/// <summary>
/// The ledger through the command line: decisions recorded with receipts that verify offline,
/// the ledger commands, and their errors. Exit codes: 0 done, 2 bad input, 4 not verified.
/// </summary>
public sealed class LedgerCommandTests
{
    [Fact]
    public async Task Decide_record_adds_a_receipt_to_the_same_answer_and_verify_receipt_accepts_it()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var plain = await ComityCli.RunAsync([.. DecideExample]);
        var recorded = await ComityCli.RunAsync([.. DecideExample, "--record", "--data", data]);

        AssertExit(0, recorded);
        var answer = JsonNode.Parse(recorded.Stdout)!.AsObject();
        var receipt = answer["receipt"]!.AsObject();
        Assert.Equal(FirstDecision, (long)receipt["index"]!);
        Assert.StartsWith($"c2sp.org/tlog-proof@v1\nindex {FirstDecision}\n", (string)receipt["proof"]!, StringComparison.Ordinal);
        answer.Remove("receipt");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(plain.Stdout), answer), "recording changed the answer");

        var answerFile = dir.Write("answer.json", recorded.Stdout);
        var entry = await ComityCli.RunAsync("ledger", "entry", Decision(0), "--data", data);
        AssertExit(0, entry);
        var entryFile = dir.Write("0.entry", entry.Stdout);
        var verified = await ComityCli.RunAsync("verify-receipt", "--key", Path.Combine(data, "ledger.vkey"), answerFile, entryFile);
        AssertExit(0, verified);
        Assert.StartsWith($"verified: entry {FirstDecision} (decision, recorded ", verified.Stdout, StringComparison.Ordinal);

        var body = JsonDocument.Parse(entry.Stdout).RootElement.GetProperty("body");
        Assert.Equal(answer["policy"]!["digest"]!.GetValue<string>(), body.GetProperty("stackDigest").GetString());
        Assert.Equal("LAPD-2025-000123", body.GetProperty("request").GetProperty("id").GetString());
        Assert.Equal("deny", body.GetProperty("answer").GetProperty("outcome").GetString());
        Assert.False(body.GetProperty("answer").TryGetProperty("receipt", out _));
    }

    [Fact]
    public async Task Verify_receipt_refuses_another_entry_and_another_key_with_exit_4()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var lines = ExampleLine("A") + "\n" + ExampleLine("B") + "\n";
        AssertExit(0, await ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"], lines));
        var proof = dir.Write("0.tlog-proof", (await ComityCli.RunAsync("ledger", "proof", Decision(0), "--data", data)).Stdout);
        var other = dir.Write("1.entry", (await ComityCli.RunAsync("ledger", "entry", Decision(1), "--data", data)).Stdout);
        var otherData = Path.Combine(dir.Path, "other");
        var otherKey = (await ComityCli.RunAsync("ledger", "key", "--data", otherData)).Stdout.Trim();
        var own = dir.Write("0.entry", (await ComityCli.RunAsync("ledger", "entry", Decision(0), "--data", data)).Stdout);

        var wrongEntry = await ComityCli.RunAsync("verify-receipt", "--key", Path.Combine(data, "ledger.vkey"), proof, other);
        var wrongKey = await ComityCli.RunAsync("verify-receipt", "--key", otherKey, proof, own);
        var notAnEntry = await ComityCli.RunAsync("verify-receipt", "--key", otherKey, proof, proof);

        AssertExit(4, wrongEntry);
        Assert.Contains($"NOT VERIFIED: the inclusion proof does not lead from this entry at index {FirstDecision}", wrongEntry.Stdout, StringComparison.Ordinal);
        AssertExit(4, wrongKey);
        Assert.Contains("NOT VERIFIED: the note is not signed by ", wrongKey.Stdout, StringComparison.Ordinal);
        AssertExit(2, notAnEntry);
        Assert.Contains("not a JSON entry document", notAnEntry.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"receipt\": ")]
    [InlineData("{ \"receipt\": { \"proof\": \"x\", \"leafHash\": 7 } }")]
    public async Task Verify_receipt_refuses_a_malformed_answer_with_exit_2_naming_the_file(string malformed)
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        AssertExit(0, await ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"], ExampleLine("A") + "\n"));
        var entry = dir.Write("0.entry", (await ComityCli.RunAsync("ledger", "entry", Decision(0), "--data", data)).Stdout);
        var answer = dir.Write("answer.json", malformed);

        var run = await ComityCli.RunAsync("verify-receipt", "--key", Path.Combine(data, "ledger.vkey"), answer, entry);

        AssertExit(2, run);
        Assert.Contains("answer.json: not a tlog-proof or an answer with a receipt", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("index", "the receipt says index 7, but its proof is for index 6")] // FirstDecision + 1 and FirstDecision
    [InlineData("leafHash", "the receipt's leafHash ")]
    [InlineData("checkpoint", "the receipt's checkpoint is not the checkpoint its proof leads to")]
    public async Task Verify_receipt_refuses_a_receipt_whose_own_parts_disagree_with_its_proof(string part, string message)
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var lines = ExampleLine("A") + "\n" + ExampleLine("B") + "\n";
        var run = await ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"], lines);
        AssertExit(0, run);
        var (first, second) = (JsonNode.Parse(run.StdoutLines[0])!.AsObject(), JsonNode.Parse(run.StdoutLines[1])!.AsObject());
        var entry = dir.Write("0.entry", (await ComityCli.RunAsync("ledger", "entry", Decision(0), "--data", data)).Stdout);
        var key = Path.Combine(data, "ledger.vkey");
        AssertExit(0, await ComityCli.RunAsync("verify-receipt", "--key", key, dir.Write("genuine.json", first.ToJsonString()), entry));

        // One part of the receipt taken from the second answer's: the proof itself still verifies.
        first["receipt"]![part] = second["receipt"]![part]!.DeepClone();
        if (part == "checkpoint")
            first["receipt"]![part] = "example.org/log\n1\nAAAA\n\n— example.org/log AAAA\n";
        var altered = await ComityCli.RunAsync("verify-receipt", "--key", key, dir.Write("altered.json", first.ToJsonString()), entry);

        AssertExit(4, altered);
        Assert.Contains("NOT VERIFIED: " + message, altered.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_record_gives_every_answer_its_own_receipt_in_order()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var lines = string.Concat(Enumerable.Range(0, 40).Select(i => ExampleLine($"R-{i}") + "\n")) + "{\"broken\n";

        var run = await ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"], lines);

        AssertExit(2, run); // the broken last line; the others are decided and recorded
        var answers = run.StdoutLines.Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(41, answers.Count);
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal($"R-{i}", (string)answers[i]["id"]!);
            Assert.Equal(FirstDecision + i, (long)answers[i]["receipt"]!["index"]!);
        }
        Assert.Null(answers[40]["receipt"]);
        var verify = await ComityCli.RunAsync("ledger", "verify", "--data", data);
        AssertExit(0, verify);
        Assert.StartsWith($"verified: {FirstDecision + 40} entries, ", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_verify_names_the_first_bad_entry_with_exit_4()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var lines = string.Concat(Enumerable.Range(0, 5).Select(i => ExampleLine($"R-{i}") + "\n"));
        AssertExit(0, await ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"], lines));
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "ledger.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE entries SET entry = replace(entry, CAST('R-3' AS BLOB), CAST('R-9' AS BLOB)) WHERE idx = {FirstDecision + 3}";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var run = await ComityCli.RunAsync("ledger", "verify", "--data", data);

        AssertExit(4, run);
        Assert.StartsWith($"NOT VERIFIED: first bad entry {FirstDecision + 3}\n  entry {FirstDecision + 3} does not match its stored leaf hash", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_commands_without_a_ledger_or_with_a_missing_entry_are_bad_input()
    {
        using var dir = Repo.TempDir();
        var empty = Path.Combine(dir.Path, "nothing");
        var none = await ComityCli.RunAsync("ledger", "checkpoint", "--data", empty);
        AssertExit(2, none);
        Assert.Contains($"comity: there is no ledger in {empty}", none.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(empty), "a read command created a ledger");

        var data = Path.Combine(dir.Path, "data");
        AssertExit(0, await ComityCli.RunAsync([.. DecideExample, "--record", "--data", data]));
        var missing = await ComityCli.RunAsync("ledger", "proof", "7", "--data", data);
        AssertExit(2, missing);
        Assert.Contains($"entry 7 is not in the latest checkpoint, which covers entries 0 to {FirstDecision}", missing.Stderr, StringComparison.Ordinal);
        var backwards = await ComityCli.RunAsync("ledger", "consistency", "1", "0", "--data", data);
        AssertExit(2, backwards);
        var negative = await ComityCli.RunAsync("ledger", "entry", "-1", "--data", data);
        AssertExit(2, negative);
    }

    [Fact]
    public async Task Ledger_key_prints_the_verifier_key_and_keeps_the_origin_chosen_at_creation()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var created = await ComityCli.RunAsync("ledger", "key", "--origin", "ledger.example.gov/comity", "--data", data);
        var again = await ComityCli.RunAsync("ledger", "key", "--data", data);
        var changed = await ComityCli.RunAsync("ledger", "key", "--origin", "other.example/log", "--data", data);

        AssertExit(0, created);
        Assert.Matches(@"^ledger\.example\.gov/comity\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}\n$", created.Stdout);
        Assert.Equal(created.Stdout, again.Stdout);
        Assert.Equal(created.Stdout, File.ReadAllText(Path.Combine(data, "ledger.vkey")));
        AssertExit(2, changed);
        Assert.Contains("already exists with origin ledger.example.gov/comity", changed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_ledger_commands_and_the_exit_code_for_not_verified()
    {
        var root = await ComityCli.RunAsync("--help");
        var ledger = await ComityCli.RunAsync("ledger", "--help");

        Assert.Contains("verify-receipt", root.Stdout, StringComparison.Ordinal);
        Assert.Contains("4 not verified", root.Stdout, StringComparison.Ordinal);
        foreach (var sub in new[] { "key", "checkpoint", "verify", "proof", "entry", "consistency", "export-tiles" })
            Assert.Contains($"  {sub} ", ledger.Stdout, StringComparison.Ordinal);
    }
}
