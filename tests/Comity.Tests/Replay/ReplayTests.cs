using System.Security.Cryptography;
using System.Text;
using Comity.Analysis;
using Comity.Cases;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Ledger;
using Comity.Recording;
using Comity.Replay;
using Comity.Tests.Analysis.Support;
using Comity.Tests.Cli.Support;
using Comity.Tests.Support;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Replay;

/// <summary>
/// <c>comity replay</c>: recorded history decided again under another version of the law. Los
/// Angeles history replayed without Ordinance 188441 changes exactly the cases that
/// <c>comity diff</c> puts in its changed classes, from and to the outcomes it says, for the rules
/// it names, and none received before the ordinance took effect; nothing is recorded.
/// </summary>
public sealed class ReplayTests
{
    private static readonly string LosAngelesFolder = RepoRoot.Combine("stacks/us/ca/los-angeles");
    private static readonly DateOnly OrdinanceInForce = new(2024, 12, 9);

    /// <summary>Los Angeles history (requests drawn over the whole contract, recorded as the server records them) and a copy of the stack without the ordinance.</summary>
    private sealed class History : IDisposable
    {
        private readonly TempDir dir = Repo.TempDir();

        public History(int count)
        {
            Without = dir.CopyFrom(LosAngelesFolder, "us/ca/los-angeles");
            dir.CopyFrom(RepoRoot.Combine("stacks/us/federal"), "us/federal");
            File.Delete(Path.Combine(Without, "los-angeles", "ordinance-188441.law"));
            Recorded = Record(count).GetAwaiter().GetResult();
        }

        public string Data => Path.Combine(dir.Path, "data");
        public string Without { get; }

        /// <summary>Each recorded request as read back from the JSON recorded, by its ledger entry.</summary>
        public IReadOnlyList<(long Entry, DecisionRequest Request, Outcome Outcome)> Recorded { get; }

        private async Task<List<(long, DecisionRequest, Outcome)>> Record(int count)
        {
            var catalog = StackCatalog.ForStack(LosAngelesFolder);
            var stacks = new[] { StackLoader.Load(LosAngelesFolder), StackLoader.Load(Without) };
            using var folder = RecordingFolder.Open(Data, catalog, TimeProvider.System);
            var pending = new List<(DecisionRequest Request, Task<RecordedDecision> Recorded)>();
            foreach (var drawn in RandomRequests.For(stacks, count))
            {
                var json = Encoding.UTF8.GetBytes(RequestWriter.ToJson(drawn));
                var decided = RequestDecider.Decide(catalog, json);
                if (decided.Error is not null)
                    continue;
                var (request, answer) = decided.Value!;
                pending.Add((request, folder.Recorder.RecordAsync(json, request, answer, Recorder.Compact(answer), "clerk")));
            }
            var recorded = new List<(long, DecisionRequest, Outcome)>();
            foreach (var (request, task) in pending)
            {
                var r = await task;
                recorded.Add((r.Receipt.Index, request, r.Answer.Outcome));
            }
            return recorded;
        }

        public void Dispose() => dir.Dispose();
    }

    [Fact]
    public void Los_angeles_history_replayed_without_ordinance_188441_changes_exactly_the_cases_diff_predicts_and_none_before_it_took_effect()
    {
        using var history = new History(3000);
        var (a, b) = (StackLoader.Load(LosAngelesFolder), StackLoader.Load(history.Without));
        var diff = StackDiffer.Diff(a, LosAngelesFolder, b, history.Without);

        ReplayReport report;
        using (var ledger = TransparencyLog.Open(history.Data, new LedgerOptions { ReadOnly = true }))
            report = new Replayer(ledger).Run(b, history.Without, new ReplayScope());

        var predicted = new Dictionary<long, (Outcome, Outcome, string)>();
        foreach (var (entry, request, outcome) in history.Recorded)
        {
            var changes = diff.Changes.Where(c => c.Classes.Any(k => k.Contains(request))).ToList();
            Assert.True(changes.Count <= 1, $"entry {entry} is in {changes.Count} changes of the diff");
            if (changes is [var change])
            {
                Assert.Equal(change.From, outcome);
                predicted[entry] = (change.From, change.To, string.Join(",", change.Rules.Select(r => r.Id)));
            }
        }
        var replayed = report.Changes.SelectMany(c => c.Cases.Select(k => (k.Entry, Change: (c.From, c.To, string.Join(",", c.Rules))))).ToDictionary(x => x.Entry, x => x.Change);

        Assert.Equal(history.Recorded.Count, report.Replayed);
        Assert.Equal(0, report.ProblemCount);
        Assert.True(predicted.Count >= 20, $"only {predicted.Count} of {history.Recorded.Count} recorded cases are in a changed class: the history is too thin to show anything");
        Assert.Equal(predicted.Keys.Order(), replayed.Keys.Order());
        foreach (var (entry, change) in predicted)
            Assert.Equal(change, replayed[entry]);
        Assert.All(report.Changes.SelectMany(c => c.Rules), id => Assert.StartsWith("la.ord-188441.", id, StringComparison.Ordinal));
        Assert.Contains(history.Recorded, r => r.Request.ReceivedOn < OrdinanceInForce);
        Assert.All(report.Changes.SelectMany(c => c.Cases), k => Assert.True(DateOnly.Parse(k.ReceivedAt[..10], System.Globalization.CultureInfo.InvariantCulture) >= OrdinanceInForce, k.ReceivedAt));
    }

    [Fact]
    public async Task The_command_replays_a_period_and_a_unit_in_text_csv_and_json_and_leaves_every_byte_of_the_data_folder_as_it_was()
    {
        using var history = new History(800);
        var before = Fingerprint(history.Data);

        var json = await ComityCli.RunAsync("replay", "--stack", history.Without, "--data", history.Data, "--format", "json");
        var csv = await ComityCli.RunAsync("replay", "--stack", history.Without, "--data", history.Data, "--format", "csv");
        var text = await ComityCli.RunAsync("replay", "--stack", history.Without, "--data", history.Data);
        var period = await ComityCli.RunAsync("replay", "--stack", history.Without, "--data", history.Data, "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json");
        var unit = await ComityCli.RunAsync("replay", "--stack", history.Without, "--data", history.Data, "--unit", "lapd", "--format", "json");

        Assert.Equal(before, Fingerprint(history.Data));
        AssertExit(0, json);
        var all = Json(json.Stdout);
        var changed = all.GetProperty("changed").GetInt64();
        Assert.True(changed > 0, json.Stdout);
        Assert.Equal(history.Recorded.Count, all.GetProperty("replayed").GetInt64());
        Assert.Equal(changed, all.GetProperty("changes").EnumerateArray().Sum(c => c.GetProperty("count").GetInt64()));
        AssertExit(0, csv);
        Assert.Equal(string.Join(",", ReplayWriter.CsvHeader), csv.StdoutLines[0].TrimEnd('\r'));
        Assert.Equal(changed + 1, csv.StdoutLines.Count);
        AssertExit(0, text);
        Assert.Contains($"{history.Recorded.Count:N0} recorded cases decided again (every day, every unit); nothing was recorded", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{changed:N0} cases would change outcome", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("because of la.ord-188441.", text.Stdout, StringComparison.Ordinal);

        AssertExit(0, period);
        var inPeriod = history.Recorded.Count(r => r.Request.ReceivedOn.Year == 2025);
        Assert.Equal(inPeriod, Json(period.Stdout).GetProperty("replayed").GetInt64());
        Assert.All(Cases(period.Stdout), k => Assert.StartsWith("2025-", k.GetProperty("receivedAt").GetString(), StringComparison.Ordinal));
        AssertExit(0, unit);
        var lapd = UnitsWithin(StackLoader.Load(LosAngelesFolder), "lapd");
        Assert.Equal(history.Recorded.Count(r => lapd.Contains(r.Request.Actor.Unit)), Json(unit.Stdout).GetProperty("replayed").GetInt64());
        Assert.All(Cases(unit.Stdout), k => Assert.Contains(k.GetProperty("unit").GetString()!, lapd));
    }

    [Fact]
    public async Task A_case_counts_by_the_correction_in_force_and_a_void_case_is_not_history()
    {
        using var dir = Repo.TempDir();
        var without = dir.CopyFrom(LosAngelesFolder, "us/ca/los-angeles");
        dir.CopyFrom(RepoRoot.Combine("stacks/us/federal"), "us/federal");
        File.Delete(Path.Combine(without, "los-angeles", "ordinance-188441.law"));
        var (a, b) = (StackLoader.Load(LosAngelesFolder), StackLoader.Load(without));
        // A request the ordinance denies and state law alone permits, from the diff's own witness.
        var change = StackDiffer.Diff(a, LosAngelesFolder, b, without).Changes.First(c => c.From == Outcome.Deny && c.To == Outcome.Permit);
        var witness = RequestWriter.ToJson(Fixtures.AsSent(change.Classes[0].Witness));
        var data = Path.Combine(dir.Path, "data");
        long kept, corrected, voided;
        using (var folder = RecordingFolder.Open(data, StackCatalog.ForStack(LosAngelesFolder), TimeProvider.System))
        {
            string With(string property, string value)
            {
                var node = System.Text.Json.Nodes.JsonNode.Parse(witness)!.AsObject();
                node[property] = value;
                return node.ToJsonString();
            }
            async Task<RecordedDecision> Decide(string id) => (await folder.Recorder.DecideAsync(Encoding.UTF8.GetBytes(With("id", id)), "clerk")).Value!;
            kept = (await Decide("KEPT")).Receipt.Index;
            var toCorrect = await Decide("CORRECTED");
            corrected = toCorrect.Receipt.Index;
            var toVoid = await Decide("VOIDED");
            voided = toVoid.Receipt.Index;
            // Received before the ordinance took effect, in truth: the correction in force is not changed by it.
            var before = With("receivedAt", "2024-06-14");
            Assert.Null((await folder.Workflow.CorrectAsync(toCorrect.CaseId, Encoding.UTF8.GetBytes(before), CorrectionReason.DataEntryError, null, "supervisor")).Error);
            Assert.Null((await folder.Workflow.VoidAsync(toVoid.CaseId, CorrectionReason.Duplicate, null, "supervisor")).Error);
        }

        ReplayReport report;
        using (var ledger = TransparencyLog.Open(data, new LedgerOptions { ReadOnly = true }))
            report = new Replayer(ledger).Run(b, without, new ReplayScope());

        var only = Assert.Single(Assert.Single(report.Changes).Cases);
        Assert.Equal((kept, "KEPT"), (only.Entry, only.RequestId));
        Assert.Equal(2, report.Replayed);
        Assert.Equal(2, report.Superseded);
        Assert.NotEqual(corrected, voided);
    }

    [Fact]
    public async Task A_stack_that_does_not_load_or_a_bad_day_is_bad_input()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        AssertExit(0, await ComityCli.RunAsync([.. DecideExample, "--record", "--data", data]));

        var day = await ComityCli.RunAsync("replay", "--stack", Demo, "--data", data, "--from", "2025-13-01");
        var stack = await ComityCli.RunAsync("replay", "--stack", dir.Path, "--data", data);
        var format = await ComityCli.RunAsync("replay", "--stack", Demo, "--data", data, "--format", "xml");

        AssertExit(2, day);
        Assert.Contains("--from 2025-13-01: expected a day as yyyy-mm-dd", day.Stderr, StringComparison.Ordinal);
        AssertExit(2, stack);
        Assert.Contains("no stack.law here", stack.Stderr, StringComparison.Ordinal);
        AssertExit(2, format);
    }

    private static IEnumerable<System.Text.Json.JsonElement> Cases(string json) =>
        Json(json).GetProperty("changes").EnumerateArray().SelectMany(c => c.GetProperty("cases").EnumerateArray());

    private static HashSet<string> UnitsWithin(Stack stack, string unit)
    {
        var units = new HashSet<string> { unit };
        for (var added = true; added;)
            added = stack.Units.Where(u => u.Within is { } w && units.Contains(w)).Select(u => units.Add(u.Id)).ToList().Any(x => x);
        return units;
    }

    /// <summary>
    /// Every file of a data folder with the SHA-256 of its bytes, but SQLite's shared-memory index
    /// (<c>-shm</c>) and an empty write-ahead log (<c>-wal</c>), which any reader of a WAL database
    /// creates and which hold no data.
    /// </summary>
    private static string Fingerprint(string folder) => string.Join("\n", Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Where(f => !f.EndsWith("-shm", StringComparison.Ordinal) && !(f.EndsWith("-wal", StringComparison.Ordinal) && new FileInfo(f).Length == 0))
        .Select(f => $"{Path.GetRelativePath(folder, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));
}
