using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>
/// semantics.md: offence tables are data of their layer. law-language.md: class C (table or asserted
/// contract class), code is (subdivisions match), includes, any conviction / any probable-cause-charge.
/// </summary>
public class OffenceTests
{
    private static DecisionAnswer Conviction(Comity.Engine.DecisionEngine engine, string code, string more = "") =>
        engine.Decide(Req.Convictions($$"""[{ "code": "{{code}}", "level": "felony", "date": "2020-01-01"{{more}} }]"""));

    private static Comity.Engine.DecisionEngine ClassRule(string tables, string test = "class listed") =>
        TempStack.Compile(LawText.Rule("r.class", "permit", when: $"any conviction ({test})") + tables);

    [Fact]
    public void Conviction_for_a_listed_code_is_in_the_table_class()
    {
        var engine = ClassRule(LawText.Table("listed", codes: "\"PC 211\", \"PC 187\""));

        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 211").Outcome);
        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 187").Outcome);
        Assert.Equal(Outcome.ReferToCounsel, Conviction(engine, "PC 212").Outcome);
    }

    [Theory]
    [InlineData("pc 211")]
    [InlineData("PC211")]
    [InlineData("PC § 211")]
    [InlineData("P.C. 211")]
    public void Code_matching_ignores_case_spaces_dots_and_section_sign(string code)
    {
        var engine = ClassRule(LawText.Table("listed", codes: "\"PC 211\""));

        Assert.Equal(Outcome.Permit, Conviction(engine, code).Outcome);
    }

    [Theory]
    [InlineData("PC 245(a)(1)", true)]
    [InlineData("PC 245(a)", true)]
    [InlineData("PC 245 (b)", true)]
    [InlineData("PC 245", true)]
    [InlineData("PC 2450", false)]
    [InlineData("PC 24", false)]
    [InlineData("PC 245a", false)]
    public void Listed_code_in_a_table_covers_its_subdivisions_only(string code, bool inClass)
    {
        var engine = ClassRule(LawText.Table("listed", codes: "\"PC 245\""));

        Assert.Equal(inClass ? Outcome.Permit : Outcome.ReferToCounsel, Conviction(engine, code).Outcome);
    }

    [Theory]
    [InlineData("PC 245(a)(2)", true)]
    [InlineData("PC 245(a)(2)(B)", true)]
    [InlineData("PC 245(a)(1)", false)]
    [InlineData("PC 245(a)", false)]
    [InlineData("PC 245", false)]
    public void Listed_subdivision_covers_its_own_subdivisions_but_not_its_parent_or_siblings(string code, bool inClass)
    {
        var engine = ClassRule(LawText.Table("listed", codes: "\"PC 245(a)(2)\""));

        Assert.Equal(inClass ? Outcome.Permit : Outcome.ReferToCounsel, Conviction(engine, code).Outcome);
    }

    [Theory]
    [InlineData("PC 245(a)(1)", true)]
    [InlineData("pc 245 (A)(1)", true)]
    [InlineData("PC 245", true)]
    [InlineData("PC 2450", false)]
    [InlineData("PC 2450(a)", false)]
    [InlineData("PC 211", true)]
    [InlineData("PC 2111", false)]
    public void Code_is_matches_a_listed_code_and_its_subdivisions(string code, bool matches)
    {
        var engine = TempStack.Compile(LawText.Rule("r.code", "permit", when: "any conviction (code is one of \"PC 245\", \"PC 211\")"));

        Assert.Equal(matches ? Outcome.Permit : Outcome.ReferToCounsel, Conviction(engine, code).Outcome);
    }

    [Theory]
    [InlineData("2018-12-31", false)]
    [InlineData("2019-01-01", true)]
    [InlineData("2024-06-01", true)]
    public void A_code_listed_for_a_period_is_in_the_table_for_a_conviction_dated_within_it(string date, bool inClass)
    {
        // Penal Code 288a renumbered as 287 from 2019: the new number counts from its date, the old one always.
        var engine = ClassRule("""
            table listed
              title "Category AC"
              cites "Cal. Gov. Code § 7282.5(a)(3)(AC)"
              source primary
              codes "PC 288a(c)"
              codes "PC 287(c)" effective from 2019-01-01

            """);
        DecisionAnswer On(string code) =>
            engine.Decide(Req.With($$"""{ "receivedAt": "2025-03-14", "subject": { "convictions": [ { "code": "{{code}}", "level": "felony", "date": "{{date}}" } ] } }"""));

        Assert.Equal(inClass ? Outcome.Permit : Outcome.ReferToCounsel, On("PC 287(c)(2)").Outcome);
        Assert.Equal(Outcome.Permit, On("PC 288a(c)").Outcome);
    }

    [Fact]
    public void A_period_with_an_end_and_an_including_table_carry_over_and_a_charge_is_classified_on_the_day_received()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.class", "permit", when: "any probable-cause-charge (class all)")
            + LawText.Table("old", codes: "\"PC 1\" effective from 2000-01-01 until 2010-01-01")
            + LawText.Table("all", includes: "old"));
        DecisionAnswer On(string received) =>
            engine.Decide(Req.With($$"""{ "receivedAt": "{{received}}", "subject": { "magistrateProbableCause": [ { "code": "PC 1" } ] } }"""));

        Assert.Equal(Outcome.Permit, On("2009-12-31").Outcome);
        Assert.Equal(Outcome.ReferToCounsel, On("2010-01-01").Outcome);
    }

    [Fact]
    public void Including_table_holds_the_codes_of_every_table_it_includes()
    {
        var engine = ClassRule(
            LawText.Table("serious", codes: "\"PC 211\"")
            + LawText.Table("violent", codes: "\"PC 187\"")
            + LawText.Table("listed", includes: "serious, violent"));

        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 211").Outcome);
        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 187").Outcome);
        Assert.Equal(Outcome.ReferToCounsel, Conviction(engine, "PC 459").Outcome);
    }

    [Fact]
    public void Inclusion_is_transitive_and_may_add_codes_of_its_own()
    {
        var engine = ClassRule(
            LawText.Table("inner", codes: "\"PC 459\"")
            + LawText.Table("middle", includes: "inner")
            + LawText.Table("listed", codes: "\"PC 503\"", includes: "middle"));

        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 459").Outcome);
        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 503").Outcome);
    }

    [Fact]
    public void Included_table_does_not_gain_the_codes_of_the_table_that_includes_it()
    {
        var engine = ClassRule(
            LawText.Table("listed", codes: "\"PC 211\"")
            + LawText.Table("outer", codes: "\"PC 187\"", includes: "listed"));

        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 211").Outcome);
        Assert.Equal(Outcome.ReferToCounsel, Conviction(engine, "PC 187").Outcome);
    }

    [Fact]
    public void Table_of_one_layer_classifies_for_rules_of_another_file_of_the_layer()
    {
        using var stack = TempStack.Files(
            ("stack.law", TempStack.StackLaw("only")),
            ("only/a-rules.law", LawText.Rule("r.class", "permit", when: "any conviction (class listed)")),
            ("only/z-tables.law", LawText.Table("listed", codes: "\"PC 211\"")));

        Assert.Equal(Outcome.Permit, Conviction(stack.Engine(), "PC 211").Outcome);
    }

    [Fact]
    public void Asserted_contract_class_matches_without_any_table()
    {
        var engine = ClassRule("", test: "class violent-felony");

        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 9999", """, "classes": ["violent-felony"]""").Outcome);
        Assert.Equal(Outcome.ReferToCounsel, Conviction(engine, "PC 9999").Outcome);
        Assert.Equal(Outcome.ReferToCounsel, Conviction(engine, "PC 9999", """, "classes": ["serious-felony"]""").Outcome);
    }

    [Fact]
    public void Asserted_class_and_the_stack_table_of_the_same_name_are_one_class()
    {
        var engine = ClassRule(LawText.Table("serious-felony", codes: "\"PC 211\""), test: "class serious-felony");

        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 211").Outcome);
        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 9999", """, "classes": ["serious-felony"]""").Outcome);
        Assert.Equal(Outcome.ReferToCounsel, Conviction(engine, "PC 9999").Outcome);
    }

    /// <summary>
    /// An asserted class propagates through "includes": law-language.md defines serious-or-violent as
    /// "includes serious-felony, violent-felony" (a union), so a conviction the caller asserts is a
    /// serious felony is in serious-or-violent even when its code is listed in no table.
    /// </summary>
    [Fact]
    public void Asserted_class_belongs_to_every_table_that_includes_that_class()
    {
        var engine = ClassRule(
            LawText.Table("serious-felony", codes: "\"PC 211\"")
            + LawText.Table("violent-felony", codes: "\"PC 187\"")
            + LawText.Table("serious-or-violent", includes: "serious-felony, violent-felony"),
            test: "class serious-or-violent");

        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 211").Outcome);
        // The caller asserts serious-felony; serious-or-violent is the union that includes it.
        Assert.Equal(Outcome.Permit, Conviction(engine, "PC 9999", """, "classes": ["serious-felony"]""").Outcome);
    }

    [Fact]
    public void Tests_inside_any_conviction_must_all_hold_for_the_same_conviction()
    {
        var engine = ClassRule(LawText.Table("listed", codes: "\"PC 211\""), test: "level is felony and class listed");

        var split = engine.Decide(Req.Convictions("""
            [{ "code": "PC 211", "level": "misdemeanor", "date": "2020-01-01" },
             { "code": "PC 459", "level": "felony", "date": "2020-01-01" }]
            """));
        var together = engine.Decide(Req.Convictions("""
            [{ "code": "PC 459", "level": "misdemeanor", "date": "2020-01-01" },
             { "code": "PC 211", "level": "felony", "date": "2020-01-01" }]
            """));

        Assert.Equal(Outcome.ReferToCounsel, split.Outcome);
        Assert.Equal(Outcome.Permit, together.Outcome);
    }

    [Theory]
    [InlineData("level is misdemeanor", """, "level": "misdemeanor" """, true)]
    [InlineData("level is misdemeanor", "", false)]
    [InlineData("jurisdiction is federal", """, "jurisdiction": "federal" """, true)]
    [InlineData("jurisdiction is ca", "", true)]
    [InlineData("jurisdiction is other-state", "", false)]
    [InlineData("wobbler", """, "wobbler": true """, true)]
    [InlineData("wobbler", "", false)]
    [InlineData("reducedByProp47", """, "reducedByProp47": true """, true)]
    [InlineData("not reducedByProp47", """, "reducedByProp47": true """, false)]
    [InlineData("not reducedByProp47", "", true)]
    public void Conviction_only_facts_read_the_conviction(string test, string fields, bool holds)
    {
        var engine = TempStack.Compile(LawText.Rule("r.test", "permit", when: $"any conviction ({test})"));

        var answer = engine.Decide(Req.Convictions(Build(fields)));

        Assert.Equal(holds ? Outcome.Permit : Outcome.ReferToCounsel, answer.Outcome);
    }

    private static string Build(string fields)
    {
        // Defaults overridden by the fields given (the last occurrence of a property would be a duplicate: avoid it).
        var level = fields.Contains("\"level\"", StringComparison.Ordinal) ? "" : ", \"level\": \"felony\"";
        return $$"""[{ "code": "PC 211", "date": "2020-01-01"{{level}}{{fields}} }]""";
    }

    [Fact]
    public void Any_conviction_does_not_hold_without_convictions()
    {
        var engine = TempStack.Compile(LawText.Rule("r.any", "permit", when: "any conviction (level is felony)")
            + LawText.Rule("r.none", "deny", when: "not any conviction (level is felony)"));

        var answer = engine.Decide(Req.Act("hold"));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["r.none"], answer.ReasonIds());
    }

    [Fact]
    public void Probable_cause_charge_is_classified_by_the_tables()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.charge", "permit", when: "any probable-cause-charge (class listed)")
            + LawText.Table("listed", codes: "\"PC 245\""));

        var charged = engine.Decide(Req.With("""{ "subject": { "magistrateProbableCause": [{ "code": "PC 245(a)(1)" }] } }"""));
        var other = engine.Decide(Req.With("""{ "subject": { "magistrateProbableCause": [{ "code": "PC 2450" }] } }"""));

        Assert.Equal(Outcome.Permit, charged.Outcome);
        Assert.Equal(Outcome.ReferToCounsel, other.Outcome);
    }

    [Fact]
    public void Probable_cause_charge_reads_its_code_and_asserted_classes()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.code", "permit", when: "any probable-cause-charge (code is \"PC 211\")")
            + LawText.Rule("r.class", "refer", when: "any probable-cause-charge (class violent-felony)"));

        var byCode = engine.Decide(Req.With("""{ "subject": { "magistrateProbableCause": [{ "code": "pc 211" }] } }"""));
        var byClass = engine.Decide(Req.With("""{ "subject": { "magistrateProbableCause": [{ "code": "PC 9999", "classes": ["violent-felony"] }] } }"""));

        Assert.Equal(["r.code"], byCode.ReasonIds());
        Assert.Equal(["r.class"], byClass.ReasonIds());
    }

    [Fact]
    public void Convictions_and_probable_cause_charges_are_not_confused()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.conviction", "deny", when: "any conviction (code is \"PC 211\")")
            + LawText.Rule("r.charge", "permit", when: "any probable-cause-charge (code is \"PC 211\")"));

        var convicted = engine.Decide(Req.Convictions("""[{ "code": "PC 211", "level": "felony", "date": "2020-01-01" }]"""));
        var charged = engine.Decide(Req.With("""{ "subject": { "magistrateProbableCause": [{ "code": "PC 211" }] } }"""));

        Assert.Equal(["r.conviction"], convicted.ReasonIds());
        Assert.Equal(["r.charge"], charged.ReasonIds());
    }
}
