using System.Text;
using System.Text.Json;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Tests.Cli.Support;

namespace Comity.Tests.Contract;

/// <summary>
/// AnswerWriter writes the answer exactly as contract v1 shows it: camelCase names in the
/// contract's order, kebab-case enumerations, null for a silent layer, § as written, and
/// Comity's extensions only when they say something.
/// </summary>
public sealed class AnswerWriterTests
{
    /// <summary>The answer of contract.md, character for character.</summary>
    private const string ContractExampleAnswer = """
        {
          "id": "LAPD-2025-000123",
          "outcome": "deny",
          "data": { "release-date": "deny" },
          "layers": [
            { "layer": "federal", "outcome": null },
            { "layer": "california", "outcome": "permit" },
            { "layer": "los-angeles", "outcome": "deny" }
          ],
          "decidedBy": ["la.ord-188441.no-data-sharing"],
          "reasons": [
            { "rule": "ca.7282-5.a1", "layer": "california", "effect": "permit",
              "citations": ["Cal. Gov. Code § 7282.5(a)(1)", "Cal. Gov. Code § 7284.6(a)(1)(C)"],
              "text": "Release information may be given for a person convicted of a serious or violent felony; never required; only where no local law or policy forbids it." },
            { "rule": "la.ord-188441.no-data-sharing", "layer": "los-angeles", "effect": "deny",
              "citations": ["L.A. Ordinance No. 188441"],
              "text": "City data is not shared with federal immigration authorities.", "source": "secondary" }
          ],
          "obligations": [
            { "rule": "ca.7283-1.b", "citations": ["Cal. Gov. Code § 7283.1(b)"],
              "text": "Give the person a copy of the request and tell them whether the agency will comply." }
          ],
          "flags": [],
          "policy": { "stack": "us/ca/los-angeles", "asOf": "2025-03-14", "digest": "sha256:..." },
          "receipt": { "index": 41, "leafHash": "base64...", "checkpoint": "..." }
        }
        """;

    private static Reason PlainReason(string rule = "ca.7282-5.a1") => new()
    {
        Rule = rule,
        Layer = "california",
        Effect = Effect.Permit,
        Citations = ["Cal. Gov. Code § 7282.5(a)(1)", "Cal. Gov. Code § 7284.6(a)(1)(C)"],
        Text = "Release information may be given.",
        Source = SourceGrade.Primary,
    };

    private static DecisionAnswer Sample(string? id = "LAPD-2025-000123") => new()
    {
        Id = id,
        Outcome = Outcome.Deny,
        Data = [new ItemOutcome(DataItem.ReleaseDate, Outcome.Deny), new ItemOutcome(DataItem.HomeAddress, Outcome.Permit)],
        Layers = [new LayerResult("federal", null), new LayerResult("california", Outcome.Permit), new LayerResult("los-angeles", Outcome.Deny)],
        DecidedBy = ["la.no-data-sharing"],
        Reasons =
        [
            PlainReason(),
            new Reason
            {
                Rule = "la.no-data-sharing", Layer = "los-angeles", Effect = Effect.Deny, Citations = ["L.A. Ordinance No. 188441"],
                Text = "City data is not shared.", Source = SourceGrade.Secondary,
            },
        ],
        Obligations = [new Obligation("ca.7283-1.b", ["Cal. Gov. Code § 7283.1(b)"], "Give the person a copy of the request.")],
        Flags = [Flag.FundingRisk],
        Policy = new PolicyRef("us/ca/los-angeles", new DateOnly(2025, 3, 4), "sha256:0123"),
    };

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    // ---- shape ---------------------------------------------------------------------------------

    [Fact]
    public void Top_level_properties_are_camelCase_in_the_contract_order()
    {
        var answer = Parse(AnswerWriter.ToJson(Sample()));

        Assert.Equal(["id", "outcome", "data", "layers", "decidedBy", "reasons", "obligations", "flags", "policy"], Keys(answer));
    }

    [Fact]
    public void The_id_is_omitted_when_the_request_had_none()
    {
        var json = AnswerWriter.ToJson(Sample(id: null));

        Assert.StartsWith("{\"outcome\":\"deny\",", json, StringComparison.Ordinal);
        Assert.False(Parse(json).TryGetProperty("id", out _));
    }

    [Fact]
    public void The_id_is_echoed_as_given()
    {
        var answer = Parse(AnswerWriter.ToJson(Sample(id: "caller/ref #7 \"quoted\"")));

        Assert.Equal("caller/ref #7 \"quoted\"", answer.GetProperty("id").GetString());
    }

    [Fact]
    public void Data_holds_one_kebab_case_outcome_per_item_in_request_order()
    {
        var data = Parse(AnswerWriter.ToJson(Sample())).GetProperty("data");

        Assert.Equal(["release-date", "home-address"], Keys(data));
        Assert.Equal("deny", data.GetProperty("release-date").GetString());
        Assert.Equal("permit", data.GetProperty("home-address").GetString());
    }

    [Fact]
    public void Data_is_left_out_when_no_data_was_asked_for()
    {
        var answer = Parse(AnswerWriter.ToJson(Sample() with { Data = [] }));

        Assert.Equal(["id", "outcome", "layers", "decidedBy", "reasons", "obligations", "flags", "policy"], Keys(answer));
    }

    [Fact]
    public void A_layer_where_no_rule_applied_has_outcome_null_not_a_missing_outcome()
    {
        var layers = Parse(AnswerWriter.ToJson(Sample())).GetProperty("layers").EnumerateArray().ToArray();

        Assert.Equal(3, layers.Length);
        Assert.All(layers, l => Assert.Equal(["layer", "outcome"], Keys(l)));
        Assert.Equal("federal", layers[0].GetProperty("layer").GetString());
        Assert.Equal(JsonValueKind.Null, layers[0].GetProperty("outcome").ValueKind);
        Assert.Equal("permit", layers[1].GetProperty("outcome").GetString());
        Assert.Equal("deny", layers[2].GetProperty("outcome").GetString());
        Assert.Contains("{\"layer\":\"federal\",\"outcome\":null}", AnswerWriter.ToJson(Sample()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_has_rule_layer_effect_citations_text_source_in_that_order()
    {
        var reason = Parse(AnswerWriter.ToJson(Sample())).GetProperty("reasons")[0];

        Assert.Equal(["rule", "layer", "effect", "citations", "text", "source"], Keys(reason));
        Assert.Equal("ca.7282-5.a1", reason.GetProperty("rule").GetString());
        Assert.Equal("california", reason.GetProperty("layer").GetString());
        Assert.Equal("permit", reason.GetProperty("effect").GetString());
        Assert.Equal(["Cal. Gov. Code § 7282.5(a)(1)", "Cal. Gov. Code § 7284.6(a)(1)(C)"],
            reason.GetProperty("citations").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("primary", reason.GetProperty("source").GetString());
        Assert.Equal("secondary", Parse(AnswerWriter.ToJson(Sample())).GetProperty("reasons")[1].GetProperty("source").GetString());
    }

    [Fact]
    public void Obligations_have_rule_citations_text_and_policy_has_stack_asOf_digest()
    {
        var answer = Parse(AnswerWriter.ToJson(Sample()));
        var obligation = Assert.Single(answer.GetProperty("obligations").EnumerateArray());
        var policy = answer.GetProperty("policy");

        Assert.Equal(["rule", "citations", "text"], Keys(obligation));
        Assert.Equal(["stack", "asOf", "digest"], Keys(policy));
        Assert.Equal("us/ca/los-angeles", policy.GetProperty("stack").GetString());
        Assert.Equal("2025-03-04", policy.GetProperty("asOf").GetString());
        Assert.Equal("sha256:0123", policy.GetProperty("digest").GetString());
    }

    [Fact]
    public void Empty_lists_are_written_as_empty_arrays()
    {
        var answer = Parse(AnswerWriter.ToJson(Sample() with { DecidedBy = [], Reasons = [], Obligations = [], Flags = [] }));

        foreach (var name in new[] { "decidedBy", "reasons", "obligations", "flags" })
        {
            Assert.Equal(JsonValueKind.Array, answer.GetProperty(name).ValueKind);
            Assert.Equal(0, answer.GetProperty(name).GetArrayLength());
        }
    }

    // ---- enumerations --------------------------------------------------------------------------

    [Theory]
    [InlineData(Outcome.Deny, "deny")]
    [InlineData(Outcome.ReferToCounsel, "refer-to-counsel")]
    [InlineData(Outcome.Permit, "permit")]
    [InlineData(Outcome.MustComply, "must-comply")]
    public void Outcomes_are_written_in_kebab_case_everywhere_they_appear(Outcome outcome, string name)
    {
        var answer = Parse(AnswerWriter.ToJson(Sample() with
        {
            Outcome = outcome,
            Data = [new ItemOutcome(DataItem.ReleaseDate, outcome)],
            Layers = [new LayerResult("federal", outcome)],
        }));

        Assert.Equal(name, answer.GetProperty("outcome").GetString());
        Assert.Equal(name, answer.GetProperty("data").GetProperty("release-date").GetString());
        Assert.Equal(name, answer.GetProperty("layers")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public void Every_flag_is_written_in_the_contract_spelling_in_order()
    {
        var answer = Parse(AnswerWriter.ToJson(Sample() with { Flags = Enum.GetValues<Flag>() }));

        Assert.Equal(
            ["fed-1373-conflict", "fed-criminal-exposure", "funding-risk", "litigation-pending", "state-enforcement-risk", "gap",
             "over-detention", "fed-4a-detention-risk", "state-preemption-conflict", "counsel-question"],
            answer.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }

    [Theory]
    [InlineData(Effect.Must, "must")]
    [InlineData(Effect.Permit, "permit")]
    [InlineData(Effect.Deny, "deny")]
    [InlineData(Effect.Refer, "refer")]
    [InlineData(Effect.Floor, "floor")]
    public void Rule_effects_are_written_in_lower_case(Effect effect, string name)
    {
        var answer = Parse(AnswerWriter.ToJson(Sample() with { Reasons = [PlainReason() with { Effect = effect }] }));

        Assert.Equal(name, answer.GetProperty("reasons")[0].GetProperty("effect").GetString());
    }

    [Fact]
    public void Every_data_item_is_written_in_kebab_case()
    {
        var items = Enum.GetValues<DataItem>();
        var answer = Parse(AnswerWriter.ToJson(Sample() with { Data = items.Select(i => new ItemOutcome(i, Outcome.Permit)).ToArray() }));

        Assert.Equal(
            ["immigration-status", "citizenship-status", "place-of-birth", "release-date", "home-address", "work-address", "contact",
             "personal-info", "criminal-history", "probation-checkin", "booking-record", "alpr", "roster", "biometrics", "video", "court-date"],
            Keys(answer.GetProperty("data")));
    }

    // ---- characters ----------------------------------------------------------------------------

    [Fact]
    public void The_section_sign_is_written_literally_not_escaped()
    {
        var json = AnswerWriter.ToJson(Sample());

        Assert.Contains("\"Cal. Gov. Code § 7282.5(a)(1)\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00A7", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_indented_form_also_writes_the_section_sign_literally()
    {
        var json = AnswerWriter.ToJson(Sample(), indented: true);

        Assert.Contains("§", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00A7", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Quotes_backslashes_and_control_characters_in_text_are_still_escaped_as_JSON_requires()
    {
        const string text = "He said \"no\"\\ then\nleft\t§ é";
        var json = AnswerWriter.ToJson(Sample() with { Reasons = [PlainReason() with { Text = text }] });

        Assert.Equal(text, Parse(json).GetProperty("reasons")[0].GetProperty("text").GetString());
        Assert.DoesNotContain('\n', json);
        Assert.DoesNotContain('\t', json);
    }

    // ---- extensions ----------------------------------------------------------------------------

    [Fact]
    public void Extensions_are_left_out_when_empty()
    {
        var json = AnswerWriter.ToJson(Sample());

        Assert.DoesNotContain("\"items\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"setAsideBy\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"overriddenBy\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Extensions_are_written_after_source_in_order_when_they_say_something()
    {
        var reason = PlainReason() with
        {
            Items = [DataItem.ReleaseDate, DataItem.HomeAddress],
            Decides = [DataItem.HomeAddress],
            SetAsideBy = ["ca.exception"],
            OverriddenBy = ["fed.must", "fed.other"],
        };

        var written = Parse(AnswerWriter.ToJson(Sample() with { Reasons = [reason] })).GetProperty("reasons")[0];

        Assert.Equal(["rule", "layer", "effect", "citations", "text", "source", "items", "decides", "setAsideBy", "overriddenBy"], Keys(written));
        Assert.Equal(["release-date", "home-address"], written.GetProperty("items").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["home-address"], written.GetProperty("decides").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["ca.exception"], written.GetProperty("setAsideBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["fed.must", "fed.other"], written.GetProperty("overriddenBy").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Each_extension_appears_on_its_own_without_the_others()
    {
        var written = Parse(AnswerWriter.ToJson(Sample() with { Reasons = [PlainReason() with { OverriddenBy = ["fed.must"] }] }))
            .GetProperty("reasons")[0];

        Assert.Equal(["rule", "layer", "effect", "citations", "text", "source", "overriddenBy"], Keys(written));
    }

    // ---- forms ---------------------------------------------------------------------------------

    [Fact]
    public void The_compact_form_is_one_line_and_the_indented_form_holds_the_same_answer()
    {
        var compact = AnswerWriter.ToJson(Sample());
        var indented = AnswerWriter.ToJson(Sample(), indented: true);

        Assert.DoesNotContain('\n', compact);
        Assert.DoesNotContain("\": ", compact, StringComparison.Ordinal);
        Assert.Contains("\": ", indented, StringComparison.Ordinal);
        Assert.Contains('\n', indented);
        Assert.True(JsonElement.DeepEquals(Parse(compact), Parse(indented)));
    }

    [Fact]
    public void The_same_answer_is_written_as_the_same_bytes_every_time()
    {
        Assert.Equal(AnswerWriter.ToJson(Sample()), AnswerWriter.ToJson(Sample()));
        Assert.Equal(AnswerWriter.ToJson(Sample(), indented: true), AnswerWriter.ToJson(Sample(), indented: true));
    }

    [Fact]
    public void A_batch_error_answer_names_the_line_and_each_path_and_message()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Compact))
            AnswerWriter.WriteError(w, 3, [new ContractError("$.act", "\"x\" is not a known act"), new ContractError("$.document", "required property is missing")]);

        Assert.Equal(
            """{"line":3,"errors":[{"path":"$.act","message":"\"x\" is not a known act"},{"path":"$.document","message":"required property is missing"}]}""",
            Encoding.UTF8.GetString(buffer.ToArray()));
    }

    // ---- the example through the demo stack ----------------------------------------------------

    private static string DecideExample()
    {
        var engine = DecisionEngine.Compile(StackLoader.Load(Repo.DemoStack));
        var read = RequestReader.Read(File.ReadAllBytes(Repo.ExampleRequest));
        Assert.True(read.Ok, string.Join("; ", read.Errors));
        return AnswerWriter.ToJson(engine.Decide(read.Request!));
    }

    [Fact]
    public void The_example_request_against_the_demo_stack_is_denied_by_the_city_as_in_the_contract()
    {
        var answer = Parse(DecideExample());

        Assert.Equal("LAPD-2025-000123", answer.GetProperty("id").GetString());
        Assert.Equal("deny", answer.GetProperty("outcome").GetString());
        Assert.Equal("deny", answer.GetProperty("data").GetProperty("release-date").GetString());
        Assert.Equal(
            [("federal", (string?)null), ("state", "permit"), ("city", "deny")],
            answer.GetProperty("layers").EnumerateArray().Select(l => (l.GetProperty("layer").GetString()!, l.GetProperty("outcome").GetString())));
        Assert.Equal(["city.no-data-sharing"], answer.GetProperty("decidedBy").EnumerateArray().Select(d => d.GetString()));

        var reasons = answer.GetProperty("reasons").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!);
        var permit = reasons["st.notify.serious-felony"];
        Assert.Equal("state", permit.GetProperty("layer").GetString());
        Assert.Equal("permit", permit.GetProperty("effect").GetString());
        Assert.Equal(["Cal. Gov. Code § 7282.5(a)(1)", "Cal. Gov. Code § 7284.6(a)(1)(C)"],
            permit.GetProperty("citations").EnumerateArray().Select(c => c.GetString()));
        var deny = reasons["city.no-data-sharing"];
        Assert.Equal("secondary", deny.GetProperty("source").GetString());
        Assert.Equal(["L.A. Ordinance No. 188441"], deny.GetProperty("citations").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["st.notify.serious-felony"], reasons["st.notify.default"].GetProperty("setAsideBy").EnumerateArray().Select(c => c.GetString()));

        var obligation = Assert.Single(answer.GetProperty("obligations").EnumerateArray());
        Assert.Equal("st.copy-to-person", obligation.GetProperty("rule").GetString());
        Assert.Equal(["Cal. Gov. Code § 7283.1(b)"], obligation.GetProperty("citations").EnumerateArray().Select(c => c.GetString()));

        var policy = answer.GetProperty("policy");
        Assert.Equal("demo", policy.GetProperty("stack").GetString());
        Assert.Equal("2025-03-14", policy.GetProperty("asOf").GetString());
        Assert.Matches("^sha256:[0-9a-f]{64}$", policy.GetProperty("digest").GetString());
    }

    [Fact]
    public void The_example_answer_has_the_structure_of_the_contract_example_answer()
    {
        var ours = Parse(DecideExample());
        var contract = Parse(ContractExampleAnswer);

        // The receipt appears only when a ledger recorded the decision; nothing is recorded here.
        Assert.Equal(Keys(contract).Where(k => k != "receipt"), Keys(ours));
        Assert.Equal(Keys(contract.GetProperty("data")), Keys(ours.GetProperty("data")));
        Assert.Equal(contract.GetProperty("layers").GetArrayLength(), ours.GetProperty("layers").GetArrayLength());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Keys(contract.GetProperty("layers")[i]), Keys(ours.GetProperty("layers")[i]));
            Assert.Equal(contract.GetProperty("layers")[i].GetProperty("outcome").ValueKind, ours.GetProperty("layers")[i].GetProperty("outcome").ValueKind);
        }
        Assert.Equal(Keys(contract.GetProperty("obligations")[0]), Keys(ours.GetProperty("obligations")[0]));
        Assert.Equal(Keys(contract.GetProperty("policy")), Keys(ours.GetProperty("policy")));

        // Each reason keeps the contract's properties in the contract's order; what it adds is source and the extensions.
        string[] contractReasonKeys = ["rule", "layer", "effect", "citations", "text", "source"];
        Assert.All(contract.GetProperty("reasons").EnumerateArray(), r => Assert.Equal(contractReasonKeys.Take(Keys(r).Length), Keys(r)));
        string[] allowed = [.. contractReasonKeys, "items", "decides", "setAsideBy", "overriddenBy"];
        foreach (var reason in ours.GetProperty("reasons").EnumerateArray())
        {
            var keys = Keys(reason);
            Assert.Equal(contractReasonKeys, keys.Take(6));
            Assert.Equal(keys, allowed.Where(keys.Contains));
        }

        // The same kinds of value in the same places.
        Assert.Equal(contract.GetProperty("outcome").GetString(), ours.GetProperty("outcome").GetString());
        Assert.Equal(contract.GetProperty("data").GetProperty("release-date").GetString(), ours.GetProperty("data").GetProperty("release-date").GetString());
        Assert.Equal(
            contract.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("outcome").ToString()),
            ours.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("outcome").ToString()));
        Assert.Equal(contract.GetProperty("decidedBy").GetArrayLength(), ours.GetProperty("decidedBy").GetArrayLength());
        Assert.Equal(contract.GetProperty("policy").GetProperty("asOf").GetString(), ours.GetProperty("policy").GetProperty("asOf").GetString());
    }
}
