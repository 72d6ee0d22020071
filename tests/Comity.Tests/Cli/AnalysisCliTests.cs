using System.Text.Json;
using System.Text.RegularExpressions;
using Comity.Tests.Analysis.Support;
using Comity.Tests.Cli.Support;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Cli;

/// <summary>
/// <c>comity check</c> and <c>comity diff</c> as a user runs them: grouped text with each witness
/// as a <c>comity decide</c> command, which, pasted, shows the problem; JSON for tools; exit codes.
/// </summary>
public sealed partial class AnalysisCliTests
{
    private static string Fixture(string name) => Path.GetRelativePath(Repo.Root, Fixtures.Folder(name)).Replace('\\', '/');

    [Fact]
    public async Task Check_of_a_clean_stack_exits_0_and_says_so()
    {
        var run = await ComityCli.RunAsync("check", Fixture("clean"));

        AssertExit(0, run);
        Assert.Equal("", run.Stderr);
        Assert.Contains("0 errors, 0 warnings", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("stack fixtures/clean", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_exits_3_on_an_error_and_its_decide_command_shows_the_problem_when_run()
    {
        var stack = Fixture("floor-violation");

        var run = await ComityCli.RunAsync("check", stack);

        AssertExit(3, run);
        Assert.Contains("1 error, 0 warnings", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("ERRORS", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("floor-violation (1)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"city.no-disclosure ({stack}/city/rules.law:1)", run.Stdout, StringComparison.Ordinal);
        var command = DecideCommand().Match(run.Stdout);
        Assert.True(command.Success, run.Stdout);
        Assert.Equal(stack, command.Groups["stack"].Value);
        var decided = await ComityCli.RunAsync(["decide", "--stack", stack, "-"], command.Groups["json"].Value);
        AssertExit(0, decided);
        var answer = Json(decided.Stdout);
        Assert.Equal("refer-to-counsel", answer.GetProperty("outcome").GetString());
        Assert.Contains("fed-1373-conflict", answer.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Check_of_a_stack_that_does_not_load_reports_the_error_and_decide_refuses_the_witness_at_the_same_place()
    {
        var stack = Fixture("exception-cycle");

        var run = await ComityCli.RunAsync("check", stack, "--json");

        AssertExit(3, run);
        var finding = Json(run.Stdout).GetProperty("findings").EnumerateArray().Single();
        Assert.Equal("exception-cycle", finding.GetProperty("type").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        var at = finding.GetProperty("rules")[0].GetProperty("at").GetString()!;
        Assert.Equal($"{stack}/federal/rules.law:1:1", at);
        var witness = finding.GetProperty("classes")[0].GetProperty("witness").GetRawText();
        var decided = await ComityCli.RunAsync(["decide", "--stack", stack, "-"], witness);
        AssertExit(2, decided);
        Assert.Contains($"comity: {at}: exceptions form a cycle: fed.a -> fed.b -> fed.a", decided.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Every finding of every fixture that loads, its witness given to the real <c>comity decide</c>, shows the problem.</summary>
    [Theory]
    [InlineData("floor-violation")]
    [InlineData("floor-acknowledged")]
    [InlineData("contradiction")]
    [InlineData("gap")]
    [InlineData("dead-rule")]
    [InlineData("redundant-rule")]
    public async Task Comity_decide_confirms_every_witness_of_a_fixture(string fixture)
    {
        var stack = Fixture(fixture);
        var report = Json((await ComityCli.RunAsync("check", stack, "--json")).Stdout);

        foreach (var finding in report.GetProperty("findings").EnumerateArray())
        {
            var rule = finding.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).FirstOrDefault();
            foreach (var c in finding.GetProperty("classes").EnumerateArray())
            {
                var run = await ComityCli.RunAsync(["decide", "--stack", stack, "-"], c.GetProperty("witness").GetRawText());
                AssertExit(0, run);
                var answer = Json(run.Stdout);
                var flags = answer.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ToList();
                var reasons = answer.GetProperty("reasons").EnumerateArray().ToList();
                var decidedBy = answer.GetProperty("decidedBy").EnumerateArray().Select(d => d.GetString()).ToList();
                string? Of(JsonElement r, string name) => r.TryGetProperty(name, out var v) ? v.GetRawText() : null;
                var shown = finding.GetProperty("type").GetString() switch
                {
                    "floor-violation" => flags.Contains("fed-1373-conflict") && decidedBy.Contains(rule),
                    "contradiction" => answer.GetProperty("outcome").GetString() == "refer-to-counsel" && decidedBy.Contains(rule)
                        && reasons.Any(r => r.GetProperty("effect").GetString() == "deny" && decidedBy.Contains(r.GetProperty("rule").GetString())),
                    "gap" => flags.Contains("gap") && reasons.Count == 0,
                    "dead-rule" => reasons.All(r => r.GetProperty("rule").GetString() != rule || Of(r, "setAsideBy") is not null || Of(r, "overriddenBy") is not null),
                    "redundant-rule" => decidedBy.Contains(rule),
                    var other => throw new InvalidOperationException(other),
                };
                Assert.True(shown, $"{finding.GetProperty("message").GetString()}\n{run.Stdout}");
            }
        }
    }

    [Fact]
    public async Task Check_json_lists_every_finding_with_type_severity_rules_and_witnesses()
    {
        var run = await ComityCli.RunAsync("check", Fixture("dead-rule"), "--json");

        AssertExit(0, run);
        var report = Json(run.Stdout);
        Assert.Equal("fixtures/dead-rule", report.GetProperty("stack").GetString());
        Assert.StartsWith("sha256:", report.GetProperty("digest").GetString(), StringComparison.Ordinal);
        Assert.Equal("2000-01-01", report.GetProperty("from").GetString());
        Assert.Equal((0, 3), (report.GetProperty("errors").GetInt32(), report.GetProperty("warnings").GetInt32()));
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.Equal("dead-rule", f.GetProperty("type").GetString()));
        Assert.Equal(["city.holds-allowed", "city.never", "city.no-transfer"],
            findings.Select(f => f.GetProperty("rules")[0].GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Contains(f.GetProperty("classes")[0].GetProperty("witness").GetProperty("act").GetString(), new[] { "hold", "transfer" }));
    }

    [Fact]
    public async Task Check_without_all_counts_the_warnings_beyond_three_and_with_all_lists_them()
    {
        var some = await ComityCli.RunAsync("check", "stacks/demo");
        var all = await ComityCli.RunAsync("check", "stacks/demo", "--all");

        AssertExit(0, some);
        AssertExit(0, all);
        Assert.Matches(@"\.\.\. \d+ more gap warnings \(--all lists them\)", some.Stdout);
        Assert.DoesNotContain("--all lists them", all.Stdout, StringComparison.Ordinal);
        Assert.True(DecideCommand().Matches(all.Stdout).Count > DecideCommand().Matches(some.Stdout).Count);
    }

    [Fact]
    public async Task Check_of_a_folder_without_a_stack_exits_2()
    {
        using var temp = Repo.TempDir();

        var run = await ComityCli.RunAsync("check", temp.Path);

        AssertExit(2, run);
        Assert.Contains("no stack.law here", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_groups_changes_by_outcome_with_their_rules_and_a_witness_each_engine_answers_as_listed()
    {
        var (from, to) = (Fixture("clean"), Fixture("amended"));

        var run = await ComityCli.RunAsync("diff", from, to);

        AssertExit(0, run);
        Assert.Contains("2 classes of requests change outcome", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("deny -> permit (1)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("permit -> refer-to-counsel (1)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"because of city.recent-felony ({to}/city/rules.law:20)", run.Stdout, StringComparison.Ordinal);
        var json = RequestJson().Match(run.Stdout.Split("permit -> refer-to-counsel")[0]).Groups["json"].Value;
        var before = Json((await ComityCli.RunAsync(["decide", "--stack", from, "-"], json)).Stdout);
        var after = Json((await ComityCli.RunAsync(["decide", "--stack", to, "-"], json)).Stdout);
        Assert.Equal(("deny", "permit"), (before.GetProperty("outcome").GetString(), after.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Diff_json_lists_each_change_with_from_to_rules_and_classes()
    {
        var run = await ComityCli.RunAsync("diff", Fixture("clean"), Fixture("amended"), "--json");

        AssertExit(0, run);
        var changes = Json(run.Stdout).GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal([("deny", "permit"), ("permit", "refer-to-counsel")],
            changes.Select(c => (c.GetProperty("from").GetString(), c.GetProperty("to").GetString())));
        Assert.Equal("city.recent-felony", changes[0].GetProperty("rules")[0].GetProperty("id").GetString());
        Assert.Equal("notify-release", changes[0].GetProperty("classes")[0].GetProperty("witness").GetProperty("act").GetString());
    }

    [GeneratedRegex(@"echo '(?<json>\{[^']*\})' \| comity decide --stack (?<stack>\S+) -")]
    private static partial Regex DecideCommand();

    [GeneratedRegex(@"echo '(?<json>\{[^']*\})'")]
    private static partial Regex RequestJson();
}
