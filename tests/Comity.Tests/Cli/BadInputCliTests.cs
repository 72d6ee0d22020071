using System.Text.Json.Nodes;
using Comity.Tests.Cli.Support;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Cli;

/// <summary>
/// Inputs found by fuzzing that once ended the command with exit 1 and a stack trace: each is now
/// refused with exit 2 and a message naming where, and nothing is recorded for it.
/// </summary>
public sealed class BadInputCliTests
{
    /// <summary>The example request with its id replaced by a lone surrogate escape: valid JSON, but no text.</summary>
    private static string LoneSurrogate(string id = "R-x") => ExampleLine(id).Replace($"\"{id}\"", "\"\\ud800\"", StringComparison.Ordinal);

    [Fact]
    public async Task Decide_refuses_a_lone_surrogate_escape_with_exit_2()
    {
        var run = await ComityCli.RunAsync(["decide", "-", "--stack", Demo], LoneSurrogate());

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("comity: <stdin>: $", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_record_answers_every_line_around_a_lone_surrogate_and_records_only_the_decided_ones()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var input = ExampleLine("R-1") + "\n" + ExampleLine("R-2") + "\n" + LoneSurrogate() + "\n" + ExampleLine("R-4") + "\n";

        var run = await ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"], input);

        AssertExit(2, run);
        var answers = run.StdoutLines.Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(4, answers.Count);
        Assert.Equal(["R-1", "R-2"], answers.Take(2).Select(a => (string)a["id"]!));
        Assert.Equal([FirstDecision, FirstDecision + 1], answers.Take(2).Select(a => (long)a["receipt"]!["index"]!));
        Assert.Equal(3, (int)answers[2]["line"]!);
        Assert.Null(answers[2]["receipt"]);
        Assert.Equal(("R-4", FirstDecision + 2), ((string)answers[3]["id"]!, (long)answers[3]["receipt"]!["index"]!));
        var verify = await ComityCli.RunAsync("ledger", "verify", "--data", data);
        AssertExit(0, verify);
        Assert.StartsWith($"verified: {FirstDecision + 3} entries, ", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_with_a_stack_nested_thirty_thousand_deep_is_exit_2_naming_file_line_and_column()
    {
        using var temp = Repo.TempDir();
        var stack = temp.CopyFrom(Repo.DemoStack, "deep");
        var ordinance = Path.Combine(stack, "city", "ordinance.law");
        var lines = File.ReadAllLines(ordinance);
        var when = Array.FindIndex(lines, l => l.StartsWith("  when ", StringComparison.Ordinal));
        lines[when] = "  when " + new string('(', 30_000) + lines[when]["  when ".Length..] + new string(')', 30_000);
        File.WriteAllLines(ordinance, lines);

        var run = await ComityCli.RunAsync(["decide", Example, "--stack", stack]);

        AssertExit(2, run);
        Assert.Contains($"comity: {ordinance}:{when + 1}:72: the condition nests more than 64 levels deep", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_will_not_start_on_a_default_stack_with_errors_and_names_file_line_and_column()
    {
        using var temp = Repo.TempDir();
        var stack = temp.CopyFrom(Repo.DemoStack, "us/ca/los-angeles");
        var line = BreakFirstEffect(Path.Combine(stack, "city", "ordinance.law"));

        var run = await ComityCli.RunAsync(["serve", "--stacks", temp.Path, "--data", Path.Combine(temp.Path, "data"), "--urls", "http://127.0.0.1:0"]);

        AssertExit(2, run);
        Assert.Contains($"comity: {Path.Combine(stack, "city", "ordinance.law")}:{line}:10: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_refuses_a_scenario_with_a_lone_surrogate_with_exit_2_naming_the_file_and_scenario()
    {
        using var temp = Repo.TempDir();
        var stack = temp.CopyFrom(Repo.DemoStack, "demo");
        var scenarios = Path.Combine(stack, "scenarios", "demo.json");
        File.WriteAllText(scenarios, File.ReadAllText(scenarios).Replace("\"name\": \"", "\"name\": \"\\ud800", StringComparison.Ordinal));

        var run = await ComityCli.RunAsync(["test", stack]);

        AssertExit(2, run);
        Assert.StartsWith($"comity: {scenarios}: $[0]: ", run.Stderr, StringComparison.Ordinal);
    }
}
