using System.Text.Json.Nodes;
using Comity.Tests.Cli.Support;
using Comity.Tests.Fuzz.Support;
using CsCheck;

namespace Comity.Tests.Fuzz;

/// <summary>
/// The command-line door: thousands of mutated requests as the lines of one
/// <c>comity decide --batch --record</c> run (a process per request would take hours). Every line
/// gets exactly one answer, in order: the library's own answer with a receipt, or an error answer
/// naming the line and JSON paths; the exit code is 2 when any line was refused, never 1; the
/// ledger holds exactly the decided lines and verifies.
/// </summary>
public sealed class CliFuzzTests
{
    [Fact]
    public void A_batch_of_mutated_requests_answers_every_line_in_order_and_records_exactly_the_decided_ones()
    {
        // One batch of PerDoor lines; a failure names its seed (CsCheck_Seed) and the lines at fault.
        RequestMutants.Lines.Array[Fuzzing.PerDoor].Sample(lines => CheckBatch(lines), iter: 1, threads: 1, print: lines => $"{lines.Length} lines");
    }

    private static void CheckBatch(byte[][] lines)
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var input = lines.SelectMany(l => l.Append((byte)'\n')).ToArray();

        var run = ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "-"], input, TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();

        var verdicts = lines.Select(Fuzzing.Verdict).ToArray();
        var refused = verdicts.Count(v => v is null);
        Assert.True(run.ExitCode == (refused > 0 ? 2 : 0), $"exit {run.ExitCode} with {refused} lines refused\n{run.Stderr}");
        var answers = run.StdoutLines;
        Assert.Equal(lines.Length, answers.Count);
        var receipts = 0L;
        var previous = -1L;
        for (var i = 0; i < lines.Length; i++)
        {
            var context = $"line {i + 1}: {Seeds.Show(lines[i])}\nanswer: {answers[i]}";
            var answer = JsonNode.Parse(answers[i])!.AsObject();
            if (verdicts[i] is { } verdict)
            {
                // In order; the law that decides comes before its first decision (law-file and stack entries).
                Assert.True(answer["receipt"] is JsonObject receipt && (long)receipt["index"]! > previous, $"expected a receipt after entry {previous}: {context}");
                previous = (long)answer["receipt"]!["index"]!;
                answer.Remove("receipt");
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(verdict), answer), $"the command's answer differs from the library's: {context}");
                receipts++;
            }
            else
            {
                Assert.True((long?)answer["line"] == i + 1, $"expected an error answer for this line: {context}");
                Assert.Null(answer["receipt"]);
                Fuzzing.AssertErrorsNamePaths(System.Text.Json.JsonDocument.Parse(answers[i]).RootElement.GetProperty("errors"), context);
            }
        }
        Assert.True(receipts > 0, "no line was decided: the fuzzer never got past the contract");
        var verify = ComityCli.RunAsync("ledger", "verify", "--data", data).GetAwaiter().GetResult();
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.StartsWith($"verified: {previous + 1} entries, ", verify.Stdout, StringComparison.Ordinal);
        using var ledger = Comity.Ledger.TransparencyLog.Open(data, new Comity.Ledger.LedgerOptions { ReadOnly = true });
        var kinds = ledger.ReadFrom(0).Select(e => e.Kind).ToList();
        Assert.Equal(receipts, kinds.Count(k => k == "decision"));
        Assert.All(kinds.Where(k => k != "decision"), k => Assert.Contains(k, new[] { "law-file", "stack" }));
    }
}
