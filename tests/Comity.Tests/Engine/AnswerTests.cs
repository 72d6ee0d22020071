using Comity.Contract;
using Comity.Engine;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>
/// semantics.md, What the answer must let a reader check: every applicable rule and its layer, the
/// deciding rules, set-aside and overridden rules, the digest; same request and digest, same bytes.
/// </summary>
public class AnswerTests
{
    private static (string, string)[] ThreeLayers() =>
    [
        ("federal", LawText.Rule("fed.floor", "floor", when: "item is immigration-status")
            + LawText.Rule("fed.must", "must", when: "act is transfer and document.type is judicial-warrant")),
        ("state", LawText.Rule("st.default", "deny", binds: "law-enforcement, jail")
            + LawText.Rule("st.exception", "permit", when: "any conviction (class serious)", exceptionTo: "st.default")
            + LawText.Table("serious", codes: "\"PC 211\"")
            + LawText.Duty("st.copy", "requester.agency is ice-ero")),
        ("city", LawText.Rule("city.no-data", "deny", when: "act is one of disclose, notify-release", flags: "litigation-pending")
            + LawText.Risk("city.funding", "outcome is deny", "funding-risk")),
    ];

    private const string Request = """
        {
          "id": "REQ-1",
          "receivedAt": "2025-03-14T09:30:00-07:00",
          "actor": { "unit": "lapd", "kind": "law-enforcement" },
          "requester": { "agency": "ice-ero" },
          "act": "disclose",
          "purpose": "civil-immigration",
          "document": { "type": "i-247a" },
          "data": ["immigration-status", "release-date"],
          "subject": { "convictions": [{ "code": "PC 211(a)", "level": "felony", "date": "2016-05-01" }] }
        }
        """;

    [Fact]
    public void Reasons_name_every_applicable_rule_with_its_layer_effect_citations_text_and_source()
    {
        var answer = TempStack.Compile(ThreeLayers()).Decide(Req.Read(Request));

        Assert.Equal(["fed.floor", "st.default", "st.exception", "city.no-data"], answer.ReasonIds());
        var reason = answer.Reason("st.exception");
        Assert.Equal("state", reason.Layer);
        Assert.Equal(Effect.Permit, reason.Effect);
        Assert.Equal(["Test § st.exception"], reason.Citations);
        Assert.Equal("Rule st.exception.", reason.Text);
        Assert.Equal(SourceGrade.Primary, reason.Source);
        Assert.Equal(["st.exception"], answer.Reason("st.default").SetAsideBy);
        Assert.Equal("city", answer.Reason("city.no-data").Layer);
    }

    [Fact]
    public void Answer_reports_outcome_layers_deciders_obligations_flags_and_policy()
    {
        var stack = TempStack.Compile(ThreeLayers());

        var answer = stack.Decide(Req.Read(Request));

        Assert.Equal("REQ-1", answer.Id);
        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(Outcome.ReferToCounsel, answer.ItemOutcome(DataItem.ImmigrationStatus));
        Assert.Equal(Outcome.Deny, answer.ItemOutcome(DataItem.ReleaseDate));
        Assert.Equal(["permit", "permit", "deny"], answer.LayerOutcomes());
        Assert.Equal(["city.no-data"], answer.DecidedBy);
        Assert.Equal("st.copy", Assert.Single(answer.Obligations).Rule);
        Assert.Equal([Flag.Fed1373Conflict, Flag.FundingRisk, Flag.LitigationPending], answer.Flags.Order());
        Assert.Equal(TempStack.DefaultId, answer.Policy.Stack);
        Assert.Equal(new DateOnly(2025, 3, 14), answer.Policy.AsOf);
        Assert.Equal(stack.Stack.Digest, answer.Policy.Digest);
        Assert.Matches("^sha256:[0-9a-f]{64}$", answer.Policy.Digest);
    }

    [Fact]
    public void Same_request_decided_twice_gives_byte_identical_json()
    {
        var engine = TempStack.Compile(ThreeLayers());

        var first = AnswerWriter.ToJson(engine.Decide(Req.Read(Request)));
        var second = AnswerWriter.ToJson(engine.Decide(Req.Read(Request)));

        Assert.Equal(first, second);
        Assert.Contains("\"decidedBy\":[\"city.no-data\"]", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_request_on_two_separately_compiled_engines_gives_byte_identical_json()
    {
        var one = TempStack.Compile(ThreeLayers());
        var two = TempStack.Compile(ThreeLayers());

        var a = AnswerWriter.ToJson(one.Decide(Req.Read(Request)));
        var b = AnswerWriter.ToJson(two.Decide(Req.Read(Request)));

        Assert.Equal(one.Stack.Digest, two.Stack.Digest);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Deciding_other_requests_in_between_does_not_change_the_answer()
    {
        var engine = TempStack.Compile(ThreeLayers());
        var first = AnswerWriter.ToJson(engine.Decide(Req.Read(Request)));

        engine.Decide(Req.Act("transfer", more: """{ "document": { "type": "judicial-warrant" } }"""));
        engine.Decide(Req.Disclose(["immigration-status", "home-address", "contact"], ["contact"]));
        var again = AnswerWriter.ToJson(engine.Decide(Req.Read(Request)));

        Assert.Equal(first, again);
    }

    [Fact]
    public void Answers_decided_in_parallel_are_the_same_bytes()
    {
        var engine = TempStack.Compile(ThreeLayers());
        var expected = AnswerWriter.ToJson(engine.Decide(Req.Read(Request)));
        var request = Req.Read(Request);

        var answers = new string[64];
        Parallel.For(0, answers.Length, i => answers[i] = AnswerWriter.ToJson(engine.Decide(request)));

        Assert.All(answers, a => Assert.Equal(expected, a));
    }

    [Fact]
    public void Digest_does_not_depend_on_the_folder_the_stack_lives_in()
    {
        using var one = TempStack.Layers(ThreeLayers());
        using var two = TempStack.Layers(ThreeLayers());

        Assert.NotEqual(one.Root, two.Root);
        Assert.Equal(one.Load().Digest, two.Load().Digest);
    }

    [Theory]
    [InlineData("text \"Rule st.default.\"", "text \"Rule st.default!\"")]
    [InlineData("cites \"Test § st.default\"", "cites \"Test § st.default(a)\"")]
    [InlineData("effective from 2000-01-01", "effective from 2000-01-02")]
    [InlineData("effect deny", "effect refer")]
    [InlineData("codes \"PC 211\"", "codes \"PC 212\"")]
    public void Digest_changes_when_any_rule_text_changes(string before, string after)
    {
        using var stack = TempStack.Layers(ThreeLayers());
        var original = stack.Load().Digest;
        var path = Path.Combine(stack.Root, "state", "rules.law");
        var text = File.ReadAllText(path);
        var index = text.IndexOf(before, StringComparison.Ordinal);
        Assert.True(index >= 0, $"\"{before}\" is not in the state layer");

        stack.Write("state/rules.law", text[..index] + after + text[(index + before.Length)..]);

        Assert.NotEqual(original, stack.Load().Digest);
    }

    [Fact]
    public void Digest_changes_when_a_file_is_added_to_a_layer()
    {
        using var stack = TempStack.Layers(ThreeLayers());
        var original = stack.Load().Digest;

        stack.Write("city/more.law", LawText.Rule("city.more", "refer", when: "act is interview"));

        Assert.NotEqual(original, stack.Load().Digest);
    }

    [Fact]
    public void Digest_changes_when_stack_law_changes()
    {
        using var stack = TempStack.Layers(ThreeLayers());
        var original = stack.Load().Digest;

        stack.Write("stack.law", TempStack.StackLaw("federal", "state", "city").Replace("Test stack", "Test stack, retitled", StringComparison.Ordinal));

        Assert.NotEqual(original, stack.Load().Digest);
    }

    [Fact]
    public void Digest_is_the_same_for_the_same_text_with_windows_line_endings()
    {
        using var lf = TempStack.Layers(ThreeLayers());
        using var crlf = TempStack.Layers(ThreeLayers().Select(l => (l.Item1, l.Item2.Replace("\n", "\r\n", StringComparison.Ordinal))).ToArray());

        Assert.Equal(lf.Load().Digest, crlf.Load().Digest);
        Assert.Equal(
            AnswerWriter.ToJson(lf.Engine().Decide(Req.Read(Request))),
            AnswerWriter.ToJson(crlf.Engine().Decide(Req.Read(Request))));
    }

    [Fact]
    public void Answer_json_shows_set_aside_and_overridden_rules()
    {
        var engine = TempStack.Compile(ThreeLayers());

        var json = AnswerWriter.ToJson(engine.Decide(Req.Read(Request)));
        var transfer = AnswerWriter.ToJson(engine.Decide(Req.Act("transfer", more: """{ "document": { "type": "judicial-warrant" } }""")));

        Assert.Contains("\"rule\":\"st.default\"", json, StringComparison.Ordinal);
        Assert.Contains("\"setAsideBy\":[\"st.exception\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"overriddenBy\":[\"fed.must\"]", transfer, StringComparison.Ordinal);
        Assert.StartsWith("{\"outcome\":\"must-comply\"", transfer, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_stack_decides_the_example_request_as_its_rules_say()
    {
        var engine = DecisionEngine.Compile(Comity.Law.StackLoader.Load(RepoRoot.Combine("stacks/demo")));
        var request = Req.Read(File.ReadAllText(RepoRoot.Combine("examples/notify-release.json")));

        var answer = engine.Decide(request);

        // State: the serious-felony exception (PC 211) sets aside the default deny and permits;
        // city: the ordinance denies, stricter than the state permit (rule 3).
        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(Outcome.Deny, answer.ItemOutcome(DataItem.ReleaseDate));
        Assert.Equal(["-", "permit", "deny"], answer.LayerOutcomes());
        Assert.Equal(["city.no-data-sharing"], answer.DecidedBy);
        Assert.Equal(["st.notify.serious-felony"], answer.Reason("st.notify.default").SetAsideBy);
        Assert.Equal(SourceGrade.Secondary, answer.Reason("city.no-data-sharing").Source);
        Assert.Equal("st.copy-to-person", Assert.Single(answer.Obligations).Rule);
        Assert.Equal([Flag.FundingRisk], answer.Flags);
        Assert.Equal("demo", answer.Policy.Stack);
    }

    [Fact]
    public void Each_answer_is_the_same_as_from_a_fresh_engine_whatever_was_decided_before()
    {
        string[] requests =
        [
            Request,
            Req.Json("""{ "act": "transfer", "document": { "type": "judicial-warrant" } }"""),
            Req.Json("""{ "act": "hold", "actor": { "unit": "library", "kind": "library" } }"""),
            Req.Json("""{ "act": "disclose", "data": ["immigration-status", "home-address", "contact"], "dataPublic": ["contact"] }"""),
            Req.Json("""{ "act": "interview", "receivedAt": "1990-01-01" }"""),
            Request,
            Req.Json("""{ "act": "notify-release", "subject": { "convictions": [{ "code": "PC 211", "level": "felony", "date": "2020-01-01" }] } }"""),
            Req.Json("""{ "act": "hold" }"""),
        ];
        var shared = TempStack.Compile(ThreeLayers());

        foreach (var json in requests.Concat(requests.Reverse()))
        {
            var fresh = TempStack.Compile(ThreeLayers());
            Assert.Equal(AnswerWriter.ToJson(fresh.Decide(Req.Read(json))), AnswerWriter.ToJson(shared.Decide(Req.Read(json))));
        }
    }
}
