using System.Text;
using Comity.Engine;
using Comity.Ledger;
using Comity.Recording;
using Comity.Recording.Entries;
using Comity.Tests.Cli.Support;
using Comity.Tests.Recording.Support;
using Microsoft.Data.Sqlite;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Replay;

/// <summary>
/// Every decision reproducible from the ledger alone: decided again with the stack version it
/// recorded (read back from the ledger, the folders long gone), its answer the same bytes; a
/// difference, or a stored law byte altered, names the entry.
/// </summary>
public sealed class ReproduceTests
{
    private static readonly string[] LosAngelesExamples = ["detainer-robbery", "detainer-served", "notify-release-2017", "status-and-address", "disclose-booking"];

    [Fact]
    public async Task Decisions_under_two_versions_of_a_stack_reproduce_from_the_ledger_alone_after_the_folders_are_deleted()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var digests = new List<string>();
        foreach (var version in new[] { 1, 2 })
        {
            // Each version in a folder of its own, the federal layer beside it as in stacks/.
            var tree = dir.CopyFrom(Repo.File("stacks/us"), $"v{version}/us");
            var la = Path.Combine(tree, "ca", "los-angeles");
            if (version == 2)
                File.AppendAllText(Path.Combine(la, "los-angeles", Directory.GetFiles(Path.Combine(la, "los-angeles"), "*.law").Select(Path.GetFileName).Order(StringComparer.Ordinal).First()!),
                    "\n# version 2: the same rules, another text\n");
            using (var folder = RecordingFolder.Open(data, StackCatalog.ForStack(la), TimeProvider.System))
                foreach (var example in LosAngelesExamples)
                {
                    var recorded = await folder.Recorder.DecideAsync(File.ReadAllBytes(Repo.File($"examples/la/{example}.json")), "clerk");
                    Assert.Null(recorded.Error);
                    digests.Add(recorded.Value!.Answer.Policy.Digest);
                }
            Directory.Delete(Path.Combine(dir.Path, $"v{version}"), recursive: true);
        }
        Assert.Equal(2, digests.Distinct().Count());

        var reproduce = await ComityCli.RunAsync("ledger", "reproduce", "--data", data);
        var deep = await ComityCli.RunAsync("ledger", "verify", "--deep", "--data", data);

        AssertExit(0, reproduce);
        Assert.StartsWith($"reproduced: {2 * LosAngelesExamples.Length} decisions in entries 0 to ", reproduce.Stdout, StringComparison.Ordinal);
        AssertExit(0, deep);
        Assert.Contains($"reproduced: {2 * LosAngelesExamples.Length} decisions", deep.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_edited_byte_of_a_stored_stack_fails_verify_deep_and_every_decision_under_it_is_named()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var lines = ExampleLine("A") + "\n" + ExampleLine("B") + "\n";
        AssertExit(0, await ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"], lines));
        // One byte of the demo stack's city ordinance, as stored in its law-file entry: "deny" becomes "denx".
        long edited;
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "ledger.db")};Pooling=False"))
        {
            connection.Open();
            using var find = connection.CreateCommand();
            find.CommandText = "SELECT idx FROM entries WHERE instr(CAST(entry AS TEXT), '\"kind\":\"law-file\"') > 0 AND instr(CAST(entry AS TEXT), 'effect deny') > 0 LIMIT 1";
            edited = (long)find.ExecuteScalar()!;
            using var update = connection.CreateCommand();
            update.CommandText = $"UPDATE entries SET entry = CAST(replace(CAST(entry AS TEXT), 'effect deny', 'effect denx') AS BLOB) WHERE idx = {edited}";
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        var deep = await ComityCli.RunAsync("ledger", "verify", "--deep", "--data", data);
        var reproduce = await ComityCli.RunAsync("ledger", "reproduce", "--data", data);

        AssertExit(4, deep);
        Assert.Contains($"entry {edited} does not match its stored leaf hash", deep.Stdout, StringComparison.Ordinal);
        AssertExit(4, reproduce);
        Assert.StartsWith("NOT REPRODUCED: 2 of 2 decisions", reproduce.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  entry {FirstDecision} (decision): its stack cannot be read from the ledger: entry {edited} (", reproduce.Stdout, StringComparison.Ordinal);
        Assert.Contains("the law file's content does not hash to the sha256 it names", reproduce.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_the_law_does_not_give_again_is_named_by_its_entry_and_first_differing_property()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        using (var folder = RecordingFolder.Open(data, StackCatalog.ForStack(Repo.DemoStack), TimeProvider.System))
        {
            var recorded = (await folder.Recorder.DecideAsync(Encoding.UTF8.GetBytes(ExampleLine("R-1")), "clerk")).Value!;
            // As an engine with a defect would have recorded it: the same request and law, another outcome.
            var entry = DecisionEntry.Read(folder.Ledger.Read(recorded.Receipt.Index).Body);
            var answer = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(entry.Answer.GetRawText())));
            // The answer's own outcome: the last "outcome" in canonical order (data, ..., layers, ..., outcome, policy, reasons).
            var at = answer.LastIndexOf("\"outcome\":\"deny\"", StringComparison.Ordinal);
            answer = answer[..at] + "\"outcome\":\"permit\"" + answer[(at + "\"outcome\":\"deny\"".Length)..];
            var body = DecisionEntry.Write(entry.RequestJson, Encoding.UTF8.GetBytes(answer),
                entry.StackDigest, entry.StackEntry, "clerk", out _);
            await folder.Ledger.AppendAsync(new LedgerEntry(DecisionEntry.Kind, body, DateTimeOffset.UtcNow));
        }

        var run = await ComityCli.RunAsync("ledger", "reproduce", "--from", Decision(0), "--data", data);
        var json = await ComityCli.RunAsync("ledger", "reproduce", "--json", "--data", data);

        AssertExit(4, run);
        Assert.Equal($"NOT REPRODUCED: 1 of 2 decisions in entries {FirstDecision} to {FirstDecision + 1}\n  entry {FirstDecision + 1} (decision): the answer differs at $.outcome: recorded \"permit\", now \"deny\"\n", run.Stdout);
        AssertExit(4, json);
        var report = Json(json.Stdout);
        Assert.Equal(1, report.GetProperty("irreproducible").GetInt64());
        Assert.Equal(FirstDecision + 1, report.GetProperty("differences")[0].GetProperty("entry").GetInt64());
    }

    [Fact]
    public async Task Verify_this_case_reproduces_its_decision_from_the_ledger()
    {
        using var site = new RecordingSite();
        var decision = await site.DecideExample();

        var verification = site.Verifier.Verify(decision.CaseId)!;

        Assert.True(verification.Verified);
        var reproduced = Assert.Single(verification.Facts, f => f.Fact == "reproduced");
        Assert.True(reproduced.Verified);
        Assert.StartsWith($"entry {decision.Receipt.Index} (decision) decided again under the law it recorded", reproduced.Detail, StringComparison.Ordinal);
    }
}
