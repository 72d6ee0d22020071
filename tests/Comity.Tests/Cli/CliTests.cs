using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Contract;
using Comity.Tests.Cli.Support;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Cli;

/// <summary>
/// The <c>comity</c> command as a user runs it: the real process, in the repository root, with
/// its standard streams redirected. Exit codes: 0 decided (whatever the outcome), 2 bad input.
/// </summary>
public sealed class CliTests
{
    // ---- explain -------------------------------------------------------------------------------

    [Fact]
    public async Task Explain_prints_the_outcome_the_layer_table_reasons_with_citations_and_obligations()
    {
        var run = await ComityCli.RunAsync(["explain", Example, "--stack", Demo]);

        AssertExit(0, run);
        Assert.Equal("", run.Stderr);
        var text = run.Stdout;
        var lines = text.Split('\n');
        Assert.StartsWith("LAPD-2025-000123: notify-release requested by ice-ero of lapd (law-enforcement), received 2025-03-14T09:30:00-07:00", lines[0], StringComparison.Ordinal);
        Assert.Contains("OUTCOME: DENY  (forbidden)", lines);
        Assert.Contains(lines, l => l.StartsWith("LAYER", StringComparison.Ordinal) && l.Contains("OUTCOME", StringComparison.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^federal\s+\(no rule applied\)$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^state\s+permit\s+st\.notify\.default, st\.notify\.serious-felony$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^city\s+deny\s+city\.no-data-sharing$"));
        Assert.Contains("Decided by: city.no-data-sharing", lines);
        Assert.Contains("    Cites: Cal. Gov. Code § 7282.5(a)(1); Cal. Gov. Code § 7284.6(a)(1)(C)", lines);
        Assert.Contains("    Cites: L.A. Ordinance No. 188441", lines);
        Assert.Contains("  city.no-data-sharing  [city: deny, decides]  (secondary source)", lines);
        Assert.Contains("  st.notify.default  [state: deny, set aside]", lines);
        Assert.Contains("  [ ] Give the person a copy of the request and tell them whether the agency will comply.  (Cal. Gov. Code § 7283.1(b))", lines);
        Assert.Contains(lines, l => l.StartsWith("Law: stack demo as in force on 2025-03-14, digest sha256:", StringComparison.Ordinal));

        int At(string s) => text.IndexOf(s, StringComparison.Ordinal);
        Assert.True(At("OUTCOME:") < At("LAYER") && At("LAYER") < At("REASONS") && At("REASONS") < At("OBLIGATIONS"),
            "sections out of order:\n" + text);
    }

    [Fact]
    public async Task Explain_reads_standard_input_and_refuses_a_bad_request_with_exit_2()
    {
        var good = await ComityCli.RunAsync(["explain", "-", "--stack", Demo], File.ReadAllBytes(Repo.ExampleRequest));
        var bad = await ComityCli.RunAsync(["explain", "-", "--stack", Demo], ExampleLine(change: r => r.Remove("purpose")));

        AssertExit(0, good);
        Assert.Contains("OUTCOME: DENY", good.Stdout, StringComparison.Ordinal);
        AssertExit(2, bad);
        Assert.Equal("", bad.Stdout);
        Assert.Contains("comity: <stdin>: $.purpose: required property is missing", bad.Stderr, StringComparison.Ordinal);
    }

    // ---- schema --------------------------------------------------------------------------------

    [Fact]
    public async Task Schema_prints_the_request_schema_as_valid_JSON()
    {
        var run = await ComityCli.RunAsync("schema");

        AssertExit(0, run);
        Assert.Equal("", run.Stderr);
        var printed = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)printed["$schema"]);
        Assert.Contains("\"$schema\"", run.Stdout, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(ContractSchema.Request(), printed), "the printed schema differs from ContractSchema.Request()");
    }

    // ---- help and usage errors -----------------------------------------------------------------

    [Theory]
    [InlineData(new[] { "--help" }, "decide")]
    [InlineData(new[] { "-h" }, "explain")]
    [InlineData(new[] { "decide", "--help" }, "comity decide")]
    [InlineData(new[] { "explain", "--help" }, "comity explain")]
    [InlineData(new[] { "schema", "--help" }, "comity schema")]
    [InlineData(new[] { "test", "--help" }, "comity test")]
    [InlineData(new[] { "redact", "--help" }, "comity redact")]
    [InlineData(new[] { "check", "--help" }, "floor violations")]
    [InlineData(new[] { "diff", "--help" }, "STACK_B")]
    public async Task Help_exits_0_and_describes_the_command(string[] args, string mention)
    {
        var run = await ComityCli.RunAsync(args);

        AssertExit(0, run);
        Assert.Contains("Usage:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(mention, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_help_lists_every_command()
    {
        var run = await ComityCli.RunAsync("--help");

        AssertExit(0, run);
        foreach (var command in new[] { "decide", "explain", "schema", "test", "redact", "check", "diff" })
            Assert.Matches($@"(?m)^\s+{command}\b", run.Stdout);
    }

    [Fact]
    public async Task Decide_help_documents_batch_stack_and_stacks()
    {
        var run = await ComityCli.RunAsync("decide", "--help");

        AssertExit(0, run);
        foreach (var option in new[] { "--batch", "--stack", "--stacks" })
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "decide", Example, "--stack", Demo }, "--bogus")]
    [InlineData(new[] { "decide", "--batch", Example, "--stack", Demo }, "--bogus")]
    [InlineData(new[] { "explain", Example, "--stack", Demo }, "--no-such-option")]
    [InlineData(new[] { "schema" }, "--bogus")]
    [InlineData(new string[0], "--bogus")]
    public async Task An_unknown_option_exits_2_names_it_and_decides_nothing(string[] args, string option)
    {
        var run = await ComityCli.RunAsync([.. args, option]);

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        Assert.Contains($"'{option}'", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// An option nobody defined is a typo (<c>--bach</c> for <c>--batch</c>); it must be reported as
    /// an unknown option, not taken for the request file's name.
    /// </summary>
    [Fact]
    public async Task An_unknown_option_alone_after_decide_is_reported_as_unknown_not_as_a_missing_file()
    {
        var run = await ComityCli.RunAsync(["decide", "--bach", "--stack", Demo], ExampleLine() + "\n");

        AssertExit(2, run);
        Assert.Contains("'--bach'", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find file", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_exits_2()
    {
        var run = await ComityCli.RunAsync("frobnicate");

        AssertExit(2, run);
        Assert.Contains("'frobnicate'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("comity --help", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_option_missing_its_value_exits_2()
    {
        var run = await ComityCli.RunAsync("decide", Example, "--stack");

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        Assert.Contains("--stack", run.Stderr, StringComparison.Ordinal);
    }
}

/// <summary><c>comity decide FILE|-</c> with <c>--stack DIR</c>: the answer on stdout, exit 0; contract and stack errors on stderr, exit 2.</summary>
public sealed class CliDecideTests
{
    // ---- decide FILE|- -------------------------------------------------------------------------

    [Fact]
    public async Task Decide_a_file_with_the_demo_stack_prints_the_contract_answer_and_exits_0()
    {
        var run = await ComityCli.RunAsync(DecideExample);

        AssertExit(0, run);
        Assert.Equal("", run.Stderr);
        var answer = Json(run.Stdout);
        Assert.Equal("LAPD-2025-000123", answer.GetProperty("id").GetString());
        Assert.Equal("deny", answer.GetProperty("outcome").GetString());
        Assert.Equal(["federal:", "state:permit", "city:deny"],
            answer.GetProperty("layers").EnumerateArray().Select(l => $"{l.GetProperty("layer").GetString()}:{l.GetProperty("outcome").GetString()}"));
        Assert.Equal(["city.no-data-sharing"], answer.GetProperty("decidedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("demo", answer.GetProperty("policy").GetProperty("stack").GetString());
        Assert.Contains("\"Cal. Gov. Code § 7283.1(b)\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_prints_exactly_what_the_library_writes_indented_with_a_final_newline()
    {
        var run = await ComityCli.RunAsync(DecideExample);

        AssertExit(0, run);
        Assert.Equal(InProcessAnswer(indented: true) + "\n", run.Stdout);
    }

    [Fact]
    public async Task Decide_dash_reads_the_request_from_standard_input()
    {
        var fromFile = await ComityCli.RunAsync(DecideExample);
        var fromStdin = await ComityCli.RunAsync(["decide", "-", "--stack", Demo], File.ReadAllBytes(Repo.ExampleRequest));

        AssertExit(0, fromStdin);
        Assert.Equal(fromFile.StdoutBytes, fromStdin.StdoutBytes);
    }

    [Fact]
    public async Task Decide_without_a_file_reads_standard_input()
    {
        var run = await ComityCli.RunAsync(["decide", "--stack", Demo], File.ReadAllBytes(Repo.ExampleRequest));

        AssertExit(0, run);
        Assert.Equal("deny", Json(run.Stdout).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Two_runs_of_the_same_request_give_byte_identical_output()
    {
        var first = await ComityCli.RunAsync(DecideExample);
        var second = await ComityCli.RunAsync(DecideExample);

        AssertExit(0, first);
        Assert.NotEmpty(first.StdoutBytes);
        Assert.Equal(first.StdoutBytes, second.StdoutBytes);
    }

    [Fact]
    public async Task A_request_that_must_be_complied_with_is_decided_with_exit_0_too()
    {
        // A transfer on a warrant signed by a federal judge that names the person binds (fed.judicial-warrant).
        var request = ExampleLine(change: r =>
        {
            r["act"] = "transfer";
            r["purpose"] = "criminal";
            r["document"] = new JsonObject { ["type"] = "judicial-warrant", ["issuedByFederalJudge"] = true, ["namesSubject"] = true };
            r.Remove("data");
        });

        var run = await ComityCli.RunAsync(["decide", "-", "--stack", Demo], request);

        AssertExit(0, run);
        Assert.Equal("must-comply", Json(run.Stdout).GetProperty("outcome").GetString());
    }

    // ---- bad input: exit 2 ---------------------------------------------------------------------

    [Fact]
    public async Task A_request_breaking_the_contract_exits_2_and_stderr_names_the_file_and_the_JSON_path()
    {
        using var temp = Repo.TempDir();
        var file = temp.Write("typo.json", ExampleLine(change: r => r["document"]!["issuedByFederaljudge"] = false));

        var run = await ComityCli.RunAsync(["decide", file, "--stack", Demo]);

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        Assert.Contains(
            $"comity: {file}: $.document.issuedByFederaljudge: unknown property; expected one of type, issuedByFederalJudge, federalCriminalImmigrationLaw, namesSubject, coversPlace",
            run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_contract_error_of_a_request_from_stdin_is_reported_on_its_own_line()
    {
        const string request = """{"receivedAt":"x","actor":{"unit":"lapd","kind":"cop"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"criminal","document":{"type":"none"}}""";

        var run = await ComityCli.RunAsync(["decide", "-", "--stack", Demo], request);

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("comity: <stdin>: $.receivedAt: \"x\" is not an ISO 8601 date", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("comity: <stdin>: $.actor.kind: \"cop\" is not a known actor kind; expected one of law-enforcement,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_JSON_exits_2_with_line_and_column()
    {
        var run = await ComityCli.RunAsync(["decide", "-", "--stack", Demo], "{\n  \"act\": \"hold\"\n  \"purpose\": \"criminal\"\n}");

        AssertExit(2, run);
        Assert.Contains("comity: <stdin>: $: not valid JSON at line 3, column 3: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_standard_input_exits_2()
    {
        var run = await ComityCli.RunAsync(["decide", "-", "--stack", Demo], "");

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        Assert.Contains("comity: <stdin>: $: not valid JSON", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jurisdiction_other_than_the_stack_in_use_exits_2_naming_jurisdiction()
    {
        var run = await ComityCli.RunAsync(["decide", "-", "--stack", Demo], ExampleLine(change: r => r["jurisdiction"] = "us/ca/nowhere"));

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        Assert.Contains("comity: <stdin>: $.jurisdiction: \"us/ca/nowhere\" is not the stack in use (demo)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_jurisdiction_is_decided_by_the_stack_given()
    {
        var run = await ComityCli.RunAsync(["decide", "-", "--stack", Demo], ExampleLine(change: r => r.Remove("jurisdiction")));

        AssertExit(0, run);
        Assert.Equal("demo", Json(run.Stdout).GetProperty("policy").GetProperty("stack").GetString());
    }

    [Fact]
    public async Task A_stack_with_a_syntax_error_exits_2_with_file_line_and_column()
    {
        using var temp = Repo.TempDir();
        var stack = temp.CopyFrom(Repo.DemoStack, "broken");
        var ordinance = Path.Combine(stack, "city", "ordinance.law");
        var line = BreakFirstEffect(ordinance);

        var run = await ComityCli.RunAsync(["decide", Example, "--stack", stack]);

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        Assert.Contains($"comity: {ordinance}:{line}:10: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"dney\"", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stack_folder_without_stack_law_exits_2()
    {
        using var temp = Repo.TempDir();

        var run = await ComityCli.RunAsync(["decide", Example, "--stack", temp.Path]);

        AssertExit(2, run);
        Assert.Contains("stack.law", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_request_file_exits_2_and_names_it()
    {
        var run = await ComityCli.RunAsync(["decide", "examples/no-such-request.json", "--stack", Demo]);

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        Assert.Contains("no-such-request.json", run.Stderr, StringComparison.Ordinal);
    }
}

/// <summary><c>--stacks ROOT</c>: the request's jurisdiction names the stack's folder under the root.</summary>
public sealed class CliStacksTests
{
    // ---- --stacks ROOT -------------------------------------------------------------------------

    [Fact]
    public async Task Stacks_root_finds_the_stack_by_the_jurisdiction_of_the_request()
    {
        var run = await ComityCli.RunAsync(["decide", Example, "--stacks", "stacks"]);

        AssertExit(0, run);
        Assert.Equal(InProcessAnswer(indented: true) + "\n", run.Stdout);
    }

    [Fact]
    public async Task Stacks_root_resolves_a_nested_jurisdiction_to_its_sub_folder()
    {
        using var temp = Repo.TempDir();
        temp.CopyFrom(Repo.DemoStack, "us/ca/test-city");

        var run = await ComityCli.RunAsync(["decide", "-", "--stacks", temp.Path], ExampleLine(change: r => r["jurisdiction"] = "us/ca/test-city"));

        AssertExit(0, run);
        Assert.Equal("deny", Json(run.Stdout).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Stacks_root_without_a_jurisdiction_in_the_request_uses_us_ca_los_angeles()
    {
        using var temp = Repo.TempDir();
        temp.CopyFrom(Repo.DemoStack, "us/ca/los-angeles");

        var run = await ComityCli.RunAsync(["decide", "-", "--stacks", temp.Path], ExampleLine(change: r => r.Remove("jurisdiction")));

        AssertExit(0, run);
        Assert.Equal("deny", Json(run.Stdout).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Stacks_root_with_no_folder_for_the_jurisdiction_exits_2_naming_jurisdiction()
    {
        var run = await ComityCli.RunAsync(["decide", "-", "--stacks", "stacks"], ExampleLine(change: r => r["jurisdiction"] = "us/tx/austin"));

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        Assert.Contains("comity: <stdin>: $.jurisdiction: no stack for \"us/tx/austin\" under stacks", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stacks_root_refuses_a_jurisdiction_climbing_out_of_the_root()
    {
        using var temp = Repo.TempDir();
        temp.CopyFrom(Repo.DemoStack, "outside");
        var root = Path.Combine(temp.Path, "root");
        Directory.CreateDirectory(root);

        var run = await ComityCli.RunAsync(["decide", "-", "--stacks", root], ExampleLine(change: r => r["jurisdiction"] = "../outside"));

        AssertExit(2, run);
        Assert.Contains("$.jurisdiction", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// A jurisdiction is a name under the root; an absolute path must not reach a stack anywhere on
    /// disk (Path.Combine drops the root when its second argument is rooted).
    /// </summary>
    [Fact]
    public async Task Stacks_root_refuses_an_absolute_jurisdiction_outside_the_root()
    {
        using var temp = Repo.TempDir();
        var elsewhere = temp.CopyFrom(Repo.DemoStack, "elsewhere");
        var root = Path.Combine(temp.Path, "root");
        Directory.CreateDirectory(root);

        var run = await ComityCli.RunAsync(["decide", "-", "--stacks", root], ExampleLine(change: r => r["jurisdiction"] = elsewhere));

        AssertExit(2, run);
        Assert.Contains("$.jurisdiction", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stacks_root_with_a_broken_stack_exits_2_with_file_line_and_column()
    {
        using var temp = Repo.TempDir();
        var stack = temp.CopyFrom(Repo.DemoStack, "demo");
        var holds = Path.Combine(stack, "state", "holds.law");
        var line = BreakFirstEffect(holds);

        var run = await ComityCli.RunAsync(["decide", Example, "--stacks", temp.Path]);

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        Assert.Contains($"comity: {holds}:{line}:10: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_with_a_broken_stack_exits_2_with_file_line_and_column()
    {
        using var temp = Repo.TempDir();
        var stack = temp.CopyFrom(Repo.DemoStack, "broken");
        var ordinance = Path.Combine(stack, "city", "ordinance.law");
        var line = BreakFirstEffect(ordinance);

        var run = await ComityCli.RunAsync(["decide", "--batch", "--stack", stack], ExampleLine() + "\n");

        AssertExit(2, run);
        Assert.Equal("", run.Stdout);
        Assert.Contains($"comity: {ordinance}:{line}:10: ", run.Stderr, StringComparison.Ordinal);
    }
}

/// <summary><c>comity decide --batch</c>: JSON Lines in, one answer line per request line out, in order, streaming.</summary>
public sealed class CliBatchTests
{
    // ---- decide --batch ------------------------------------------------------------------------

    private static readonly string[] Batch = ["decide", "--batch", "--stack", Demo];

    [Fact]
    public async Task Batch_answers_each_line_with_one_line_in_order_and_exits_0()
    {
        var input = string.Concat(Enumerable.Range(1, 5).Select(i => ExampleLine($"R-{i}") + "\n"));

        var run = await ComityCli.RunAsync(Batch, input);

        AssertExit(0, run);
        Assert.Equal("", run.Stderr);
        Assert.EndsWith("\n", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(["R-1", "R-2", "R-3", "R-4", "R-5"], run.StdoutLines.Select(l => Json(l).GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Batch_answers_are_the_compact_form_of_the_single_answer()
    {
        var run = await ComityCli.RunAsync(Batch, ExampleLine() + "\n");

        AssertExit(0, run);
        Assert.Equal([InProcessAnswer(indented: false)], run.StdoutLines);
    }

    [Fact]
    public async Task A_bad_line_in_the_middle_gets_an_error_answer_and_later_lines_are_still_answered_exit_2()
    {
        var input = string.Join("\n",
            ExampleLine("R-1"),
            ExampleLine("R-2", r => r["act"] = "hld"),
            "{not json",
            ExampleLine("R-4")) + "\n";

        var run = await ComityCli.RunAsync(Batch, input);

        AssertExit(2, run);
        var lines = run.StdoutLines;
        Assert.Equal(4, lines.Count);
        Assert.Equal("R-1", Json(lines[0]).GetProperty("id").GetString());
        Assert.StartsWith("""{"line":2,"errors":[{"path":"$.act","message":"\"hld\" is not a known act; expected one of hold, notify-release,""", lines[1], StringComparison.Ordinal);
        var error = Json(lines[1]);
        Assert.Equal(["line", "errors"], error.EnumerateObject().Select(p => p.Name));
        var only = Assert.Single(error.GetProperty("errors").EnumerateArray());
        Assert.Equal(["path", "message"], only.EnumerateObject().Select(p => p.Name));
        var malformed = Json(lines[2]);
        Assert.Equal(3, malformed.GetProperty("line").GetInt32());
        Assert.Equal("$", malformed.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.StartsWith("not valid JSON at line 1, column ", malformed.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("R-4", Json(lines[3]).GetProperty("id").GetString());
        Assert.Contains("2 of 4 lines of <stdin> broke the contract", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_answer_lists_every_error_of_its_line()
    {
        var input = ExampleLine("R-1", r => { r["act"] = "hld"; r["purpose"] = "fun"; r["extra"] = 1; }) + "\n";

        var run = await ComityCli.RunAsync(Batch, input);

        AssertExit(2, run);
        var error = Json(Assert.Single(run.StdoutLines));
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal(["$.act", "$.purpose", "$.extra"], error.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task Batch_answers_a_blank_line_with_an_error_answer_in_its_place_so_answers_line_up_with_lines()
    {
        var input = ExampleLine("R-1") + "\n\n   \t\n" + ExampleLine("R-4", r => r.Remove("actor")) + "\n\n" + ExampleLine("R-6") + "\n";

        var run = await ComityCli.RunAsync(Batch, input);

        AssertExit(2, run);
        var lines = run.StdoutLines;
        Assert.Equal(6, lines.Count);
        Assert.Equal("R-1", Json(lines[0]).GetProperty("id").GetString());
        foreach (var blank in new[] { 2, 3, 5 })
        {
            var error = Json(lines[blank - 1]);
            Assert.Equal(blank, error.GetProperty("line").GetInt32());
            Assert.Equal("$", error.GetProperty("errors")[0].GetProperty("path").GetString());
            Assert.StartsWith("the line is blank", error.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(4, Json(lines[3]).GetProperty("line").GetInt32());
        Assert.Equal("$.actor", Json(lines[3]).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal("R-6", Json(lines[5]).GetProperty("id").GetString());
        Assert.Contains("4 of 6 lines of <stdin> broke the contract", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_of_blank_lines_only_answers_each_with_an_error_and_exits_2()
    {
        var run = await ComityCli.RunAsync(Batch, "\n\n  \n");

        AssertExit(2, run);
        Assert.Equal([1, 2, 3], run.StdoutLines.Select(l => Json(l).GetProperty("line").GetInt32()));
    }

    [Fact]
    public async Task Batch_of_no_input_answers_nothing_and_exits_0()
    {
        var run = await ComityCli.RunAsync(Batch, "");

        AssertExit(0, run);
        Assert.Empty(run.StdoutBytes);
    }

    [Fact]
    public async Task Batch_reads_CRLF_line_endings_and_answers_with_LF()
    {
        var input = ExampleLine("R-1") + "\r\n" + ExampleLine("R-2", r => r["purpose"] = "fun") + "\r\n" + ExampleLine("R-3") + "\r\n";

        var run = await ComityCli.RunAsync(Batch, input);

        AssertExit(2, run);
        Assert.DoesNotContain('\r', run.Stdout);
        var lines = run.StdoutLines;
        Assert.Equal(3, lines.Count);
        Assert.Equal("R-1", Json(lines[0]).GetProperty("id").GetString());
        Assert.Equal("$.purpose", Json(lines[1]).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(2, Json(lines[1]).GetProperty("line").GetInt32());
        Assert.Equal("R-3", Json(lines[2]).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Batch_answers_a_last_line_without_a_newline()
    {
        var input = ExampleLine("R-1") + "\n" + ExampleLine("R-2");

        var run = await ComityCli.RunAsync(Batch, input);

        AssertExit(0, run);
        Assert.Equal(["R-1", "R-2"], run.StdoutLines.Select(l => Json(l).GetProperty("id").GetString()));
        Assert.EndsWith("\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_answers_a_last_CRLF_line_without_its_newline()
    {
        var run = await ComityCli.RunAsync(Batch, ExampleLine("R-1") + "\r\n" + ExampleLine("R-2") + "\r");

        AssertExit(0, run);
        Assert.Equal(["R-1", "R-2"], run.StdoutLines.Select(l => Json(l).GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Batch_answers_lines_longer_than_its_read_buffer()
    {
        // The batch reads 64 KiB at a time; these lines span two and three reads.
        var longIds = new[] { new string('a', 100_000), new string('b', 150_000) };
        var input = ExampleLine("R-1") + "\n" + ExampleLine(longIds[0]) + "\n" + ExampleLine(longIds[1]) + "\n" + ExampleLine("R-4") + "\n";

        var run = await ComityCli.RunAsync(Batch, input);

        AssertExit(0, run);
        Assert.Equal(["R-1", longIds[0], longIds[1], "R-4"], run.StdoutLines.Select(l => Json(l).GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Batch_reads_a_JSON_Lines_file_named_on_the_command_line()
    {
        using var temp = Repo.TempDir();
        var file = temp.Write("requests.jsonl", ExampleLine("F-1") + "\n" + ExampleLine("F-2") + "\n");

        var run = await ComityCli.RunAsync(["decide", "--batch", file, "--stack", Demo]);

        AssertExit(0, run);
        Assert.Equal(["F-1", "F-2"], run.StdoutLines.Select(l => Json(l).GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Batch_with_a_stacks_root_refuses_a_line_with_an_unknown_jurisdiction_and_goes_on()
    {
        var input = ExampleLine("R-1") + "\n" + ExampleLine("R-2", r => r["jurisdiction"] = "us/tx/austin") + "\n" + ExampleLine("R-3") + "\n";

        var run = await ComityCli.RunAsync(["decide", "--batch", "--stacks", "stacks"], input);

        AssertExit(2, run);
        var lines = run.StdoutLines;
        Assert.Equal(3, lines.Count);
        Assert.Equal("R-1", Json(lines[0]).GetProperty("id").GetString());
        var error = Json(lines[1]);
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal("$.jurisdiction", error.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal("R-3", Json(lines[2]).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Batch_lines_naming_another_jurisdiction_than_the_stack_are_refused_one_by_one()
    {
        var input = ExampleLine("R-1", r => r["jurisdiction"] = "us/ca/elsewhere") + "\n" + ExampleLine("R-2") + "\n";

        var run = await ComityCli.RunAsync(Batch, input);

        AssertExit(2, run);
        Assert.Equal("""{"line":1,"errors":[{"path":"$.jurisdiction","message":"\"us/ca/elsewhere\" is not the stack in use (demo)"}]}""", run.StdoutLines[0]);
        Assert.Equal("R-2", Json(run.StdoutLines[1]).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_large_batch_streams_answers_while_its_input_is_still_being_written()
    {
        const int total = 20_000;
        const int beforeWaiting = 2_000;
        var template = ExampleLine("ID-PLACEHOLDER");
        string Line(int i) => template.Replace("ID-PLACEHOLDER", $"B{i:D5}", StringComparison.Ordinal);

        using var process = ComityCli.Start(Batch);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
            var firstAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var answers = Task.Run(async () =>
            {
                var count = 0;
                string? line;
                while ((line = await process.StandardOutput.ReadLineAsync(cancel.Token)) is not null)
                {
                    var expected = $"{{\"id\":\"B{count:D5}\",\"outcome\":\"deny\",";
                    if (!line.StartsWith(expected, StringComparison.Ordinal))
                        throw new InvalidOperationException($"answer {count} out of order or wrong: {line[..Math.Min(80, line.Length)]}");
                    count++;
                    firstAnswer.TrySetResult();
                }
                return count;
            });

            var stdin = process.StandardInput;
            stdin.NewLine = "\n";
            for (var i = 0; i < beforeWaiting; i++)
                await stdin.WriteLineAsync(Line(i));
            await stdin.FlushAsync(cancel.Token);

            // With the input still open, answers must already be coming out: the batch streams.
            var first = await Task.WhenAny(firstAnswer.Task, answers, Task.Delay(TimeSpan.FromSeconds(60), cancel.Token));
            Assert.True(first == firstAnswer.Task,
                first == answers ? $"the answers ended early: {await answers}" : "no answer within 60 s of writing 2,000 lines with the input still open");

            for (var i = beforeWaiting; i < total; i++)
                await stdin.WriteLineAsync(Line(i));
            stdin.Close();

            Assert.Equal(total, await answers);
            await process.WaitForExitAsync(cancel.Token);
            Assert.Equal("", await stderr);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            ComityCli.Kill(process);
        }
    }
}
