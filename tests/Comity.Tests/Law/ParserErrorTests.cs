using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Law;

/// <summary>
/// Every error names the file, line and column and what was expected there (law-language.md,
/// Errors). Each test writes a one-layer stack whose file is <c>only/rules.law</c>.
/// </summary>
public class ParserErrorTests
{
    private const string At = "only/rules.law:";

    /// <summary>The one error of a one-layer stack.</summary>
    private static string Single(string law)
    {
        var errors = TempStack.ErrorsOf(law);
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join("\n", errors));
        return errors[0];
    }

    private static void AssertError(string error, string location, params string[] words)
    {
        Assert.StartsWith(location + ": ", error, StringComparison.Ordinal);
        foreach (var w in words)
            Assert.Contains(w, error, StringComparison.Ordinal);
    }

    /// <summary>A valid rule with line <paramref name="line"/> (1-based) replaced by <paramref name="replacement"/> (null removes it).</summary>
    private static string ValidRuleWith(int line, string? replacement)
    {
        string[] lines =
        [
            "rule x.r",
            "  cites \"Example\"",
            "  source primary",
            "  effective from 2020-01-01",
            "  binds all",
            "  when act is hold",
            "  effect deny",
            "  text \"Example.\"",
        ];
        var result = lines.ToList();
        if (replacement is null)
            result.RemoveAt(line - 1);
        else
            result[line - 1] = replacement;
        return string.Join("\n", result) + "\n";
    }

    [Fact]
    public void The_valid_rule_used_by_these_tests_loads()
    {
        using var stack = TempStack.Layers(("only", ValidRuleWith(1, "rule x.r")));

        var loaded = stack.Load();

        Assert.Equal("x.r", Assert.Single(loaded.Provisions).Id);
    }

    [Fact]
    public void Comments_escaped_quotes_repeated_cites_and_continued_text_load()
    {
        using var stack = TempStack.Layers(("only", """
            # A comment line.
            rule x.r   # a comment after the head
              cites "Cal. Gov. Code § 7284.6(a)(1)(B)", "8 U.S.C. § 1373(a)"
              cites "Note #3"
              source primary
              effective from 2020-01-01
              binds law-enforcement, unit port-police
              when act is one of hold,
                   transfer
              effect deny
              text "Say \"no\" # politely;"
                   "then record it."
            """));

        var rule = Assert.Single(stack.Load().Provisions);

        Assert.Equal(["Cal. Gov. Code § 7284.6(a)(1)(B)", "8 U.S.C. § 1373(a)", "Note #3"], rule.Citations);
        Assert.Equal("Say \"no\" # politely; then record it.", rule.Text);
        Assert.Equal(["port-police"], rule.Binds.Units);
        Assert.Equal([Comity.Contract.ActorKind.LawEnforcement], rule.Binds.Kinds);
    }

    // Facts and values.

    [Fact]
    public void Unknown_fact_is_reported_at_the_fact_with_the_facts_known()
    {
        var error = Single(ValidRuleWith(6, "  when actt is hold"));

        AssertError(error, At + "6:8", "unknown fact \"actt\"", "expected one of act, purpose, document.type");
    }

    [Fact]
    public void Bad_enum_value_is_reported_at_the_value_with_the_values_expected()
    {
        var error = Single(ValidRuleWith(6, "  when purpose is civil"));

        AssertError(error, At + "6:19", "\"civil\" is not a value of purpose", "expected one of civil-immigration, criminal-immigration");
    }

    [Fact]
    public void Bad_enum_value_in_a_list_is_reported_at_that_value()
    {
        var error = Single(ValidRuleWith(6, "  when act is one of hold, transfr"));

        AssertError(error, At + "6:28", "\"transfr\" is not a value of act");
    }

    [Fact]
    public void Bad_actor_kind_in_binds_is_reported_at_the_kind()
    {
        var error = Single(ValidRuleWith(5, "  binds law-enforcement, jails"));

        AssertError(error, At + "5:26", "\"jails\" is not an actor kind", "law-enforcement, jail, library");
    }

    [Fact]
    public void Bad_effect_is_reported_at_the_effect()
    {
        var error = Single(ValidRuleWith(7, "  effect allow"));

        AssertError(error, At + "7:10", "expected must, permit, deny, refer or floor, found \"allow\"");
    }

    [Fact]
    public void Bad_source_grade_is_reported_at_the_grade()
    {
        var error = Single(ValidRuleWith(3, "  source tertiary"));

        AssertError(error, At + "3:10", "expected primary, secondary or unconfirmed, found \"tertiary\"");
    }

    [Fact]
    public void Bad_outcome_value_in_a_risk_is_reported_at_the_value()
    {
        var error = Single("""
            risk x.k
              cites "Example"
              source primary
              effective from 2020-01-01
              binds all
              when outcome is denied
              flags funding-risk
              text "Example."
            """);

        AssertError(error, At + "6:19", "\"denied\" is not a value of outcome", "deny, refer-to-counsel, permit, must-comply");
    }

    // Missing clauses: reported at the head of the block that lacks them (here the second block, line 10).

    [Theory]
    [InlineData("cites", "every provision cites what it rests on")]
    [InlineData("source", "primary, secondary or unconfirmed")]
    [InlineData("effective", "effective from YYYY-MM-DD")]
    [InlineData("binds", "binds all")]
    [InlineData("when", "when always")]
    [InlineData("effect", "must, permit, deny, refer or floor")]
    [InlineData("text", "plain-language text")]
    public void Missing_required_clause_is_reported_at_the_head_of_its_rule(string clause, string hint)
    {
        var second = ValidRuleWith(1, "rule x.second");
        var without = string.Join("\n", second.Split('\n').Where(l => !l.StartsWith($"  {clause} ", StringComparison.Ordinal)));
        Assert.NotEqual(second, without);

        var error = Single(ValidRuleWith(1, "rule x.first") + "\n" + without);

        AssertError(error, At + "10:1", $"rule x.second has no \"{clause}\" clause", hint);
    }

    [Fact]
    public void Missing_cites_gives_exactly_the_documented_message()
    {
        var error = Single(ValidRuleWith(2, null));

        Assert.Equal(At + "1:1: rule x.r has no \"cites\" clause: every provision cites what it rests on", error);
    }

    [Fact]
    public void Risk_without_flags_is_reported_at_its_head()
    {
        var error = Single("""
            risk x.k
              cites "Example"
              source primary
              effective from 2020-01-01
              binds all
              when outcome is deny
              text "Example."
            """);

        AssertError(error, At + "1:1", "a risk must name the flags it raises");
    }

    [Fact]
    public void Clause_given_twice_is_reported_at_the_second()
    {
        var error = Single(ValidRuleWith(7, "  effect deny\n  effect permit"));

        AssertError(error, At + "8:3", "\"effect\" is given twice for rule x.r");
    }

    // Dates.

    [Theory]
    [InlineData("2020-02-30")]
    [InlineData("2020-1-01")]
    [InlineData("2020-13-01")]
    [InlineData("01/01/2020")]
    public void Bad_date_is_reported_at_the_date(string date)
    {
        var error = Single(ValidRuleWith(4, $"  effective from {date}"));

        AssertError(error, At + "4:18", $"expected a date as YYYY-MM-DD, found \"{date}\"");
    }

    [Fact]
    public void Until_before_from_is_reported_at_the_until_date()
    {
        var error = Single(ValidRuleWith(4, "  effective from 2020-01-01 until 2019-12-31"));

        AssertError(error, At + "4:35", "\"until\" must come after \"from\" (2020-01-01)", "first day no longer in force");
    }

    [Fact]
    public void Until_equal_to_from_is_an_empty_period_and_refused()
    {
        var error = Single(ValidRuleWith(4, "  effective from 2020-01-01 until 2020-01-01"));

        AssertError(error, At + "4:35", "\"until\" must come after \"from\"");
    }

    [Fact]
    public void Bad_date_inside_a_condition_is_reported_at_the_date()
    {
        var error = Single(ValidRuleWith(6, "  when any conviction (dated before 2014-11-31)"));

        AssertError(error, At + "6:37", "expected a date as YYYY-MM-DD, found \"2014-11-31\"");
    }

    // Connectives, strings and parentheses.

    [Fact]
    public void Mixing_or_after_and_without_parentheses_is_reported_at_the_second_connective()
    {
        var error = Single(ValidRuleWith(6, "  when act is hold and purpose is criminal or purpose is unknown"));

        Assert.Equal(At + "6:44: \"and\" and \"or\" are mixed here: add parentheses to say which is meant", error);
    }

    [Fact]
    public void Mixing_and_after_or_without_parentheses_is_reported_at_the_second_connective()
    {
        var error = Single(ValidRuleWith(6, "  when act is hold or act is transfer and purpose is criminal"));

        AssertError(error, At + "6:39", "\"or\" and \"and\" are mixed here", "add parentheses");
    }

    [Fact]
    public void Mixing_connectives_on_a_continuation_line_is_reported_on_that_line()
    {
        var error = Single(ValidRuleWith(6, "  when act is hold\n   and purpose is criminal\n   or subject.inCustody"));

        AssertError(error, At + "8:4", "\"and\" and \"or\" are mixed here");
    }

    [Fact]
    public void Parenthesised_mix_of_and_and_or_loads()
    {
        using var stack = TempStack.Layers(("only", ValidRuleWith(6, "  when act is hold and (purpose is criminal or purpose is unknown)")));

        Assert.Single(stack.Load().Provisions);
    }

    [Fact]
    public void Unclosed_string_is_reported_at_its_opening_quote()
    {
        var error = Single(ValidRuleWith(8, "  text \"Example."));

        AssertError(error, At + "8:8", "this string has no closing quote on its line");
    }

    [Fact]
    public void Unclosed_parenthesis_is_reported_at_the_end_of_the_clause()
    {
        var error = Single(ValidRuleWith(6, "  when (act is hold and purpose is criminal"));

        AssertError(error, At + "6:44", "expected \")\" to close the parenthesis, found the end of the clause");
    }

    /// <summary>
    /// The end of a clause is measured on the source, escapes included: the string "PC \"211\""
    /// spans columns 32 to 43, so the clause ends at 44 (not 42, as counting its unescaped text would say).
    /// </summary>
    [Fact]
    public void Unclosed_parenthesis_after_a_string_with_escaped_quotes_is_reported_at_the_end_of_the_clause()
    {
        var error = Single(ValidRuleWith(6, "  when any conviction (code is \"PC \\\"211\\\"\""));

        AssertError(error, At + "6:44", "expected \")\" to close \"any\"");
    }

    [Fact]
    public void Unclosed_any_conviction_is_reported_at_the_end_of_the_clause()
    {
        var error = Single(ValidRuleWith(6, "  when any conviction (level is felony"));

        AssertError(error, At + "6:39", "expected \")\" to close \"any\"");
    }

    [Fact]
    public void Unopened_closing_parenthesis_is_reported_where_it_stands()
    {
        var error = Single(ValidRuleWith(6, "  when act is hold)"));

        AssertError(error, At + "6:19", "expected the end of the condition", "found \")\"");
    }

    // Clause keywords and flags.

    [Fact]
    public void Unknown_clause_keyword_as_the_first_clause_is_reported_at_the_keyword()
    {
        var errors = TempStack.ErrorsOf(ValidRuleWith(2, "  cite \"Example\""));

        AssertError(errors[0], At + "2:3", "expected a clause keyword, found \"cite\"");
    }

    [Fact]
    public void Unknown_clause_keyword_after_a_condition_is_reported_at_the_keyword()
    {
        var error = Single(ValidRuleWith(7, "  efect deny"));

        AssertError(error, At + "7:3", "\"efect\"");
    }

    /// <summary>
    /// A misspelt clause keyword at clause indentation is not a continuation of the clause above
    /// (continuations are indented deeper): the error points at it and names it.
    /// </summary>
    [Fact]
    public void Unknown_clause_keyword_at_clause_indentation_is_reported_at_the_keyword()
    {
        var errors = TempStack.ErrorsOf(ValidRuleWith(3, "  sorce primary"));

        Assert.Contains(errors, e => e.StartsWith(At + "3:3: ", StringComparison.Ordinal) && e.Contains("\"sorce\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Clause_that_a_duty_does_not_have_is_reported_at_the_keyword()
    {
        var error = Single("""
            duty x.d
              cites "Example"
              source primary
              effective from 2020-01-01
              binds all
              when act is hold
              effect deny
              text "Example."
            """);

        AssertError(error, At + "7:3", "a duty has no \"effect\" clause", "expected one of cites, source");
    }

    [Fact]
    public void Unknown_block_keyword_is_reported_at_the_keyword()
    {
        var error = Single(ValidRuleWith(1, "rul x.r"));

        AssertError(error, At + "1:1", "expected \"rule\", \"duty\", \"risk\", \"table\" or \"definition\"", "found \"rul\"");
    }

    [Fact]
    public void Unknown_flag_is_reported_at_the_flag_with_the_flags_known()
    {
        var error = Single(ValidRuleWith(7, "  effect deny\n  flags funding-risk, litigation"));

        AssertError(error, At + "8:23", "\"litigation\" is not a flag", "expected one of fed-1373-conflict, fed-criminal-exposure, funding-risk, litigation-pending");
    }

    [Fact]
    public void Tab_indentation_is_reported_at_the_tab()
    {
        var errors = TempStack.ErrorsOf(ValidRuleWith(5, "\tbinds all"));

        AssertError(errors[0], At + "5:1", "indent with spaces, not tabs");
    }

    // Exceptions.

    [Fact]
    public void Exception_to_an_unknown_rule_is_reported_at_the_exception()
    {
        var error = Single(ValidRuleWith(1, "rule x.r") + "\n" + ValidRuleWith(6, "  exception to x.nope\n  when act is hold").Replace("rule x.r", "rule x.e", StringComparison.Ordinal));

        AssertError(error, At + "10:1", "x.e is an exception to x.nope, which no layer defines");
    }

    [Fact]
    public void Exception_to_a_rule_of_another_layer_is_refused()
    {
        var errors = TempStack.ErrorsOf(
            ("federal", ValidRuleWith(1, "rule fed.r")),
            ("city", ValidRuleWith(6, "  exception to fed.r\n  when act is hold").Replace("rule x.r", "rule city.e", StringComparison.Ordinal)));

        var error = Assert.Single(errors);
        AssertError(error, "city/rules.law:1:1", "city.e is an exception to fed.r, which is not a rule of layer city", "exceptions work inside one layer");
    }

    /// <summary>
    /// An exception naming a duty of its own layer is told that the target is a duty and only rules
    /// can be set aside, not sent looking for a layer problem.
    /// </summary>
    [Fact]
    public void Exception_to_a_duty_of_the_same_layer_says_the_target_is_a_duty()
    {
        var exception = ValidRuleWith(6, "  exception to x.d\n  when act is hold").Replace("rule x.r", "rule x.e", StringComparison.Ordinal);

        var error = Single(exception + "\n" + LawText.Duty("x.d", "act is hold"));

        AssertError(error, At + "1:1", "x.e is an exception to x.d", "duty");
        Assert.DoesNotContain("exceptions work inside one layer", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_cycle_is_refused_with_its_path()
    {
        var a = ValidRuleWith(6, "  exception to x.b\n  when act is hold").Replace("rule x.r", "rule x.a", StringComparison.Ordinal);
        var b = ValidRuleWith(6, "  exception to x.a\n  when act is hold").Replace("rule x.r", "rule x.b", StringComparison.Ordinal);

        var error = Single(a + "\n" + b);

        AssertError(error, At + "1:1", "exceptions form a cycle: x.a -> x.b -> x.a");
    }

    [Fact]
    public void Exception_cycle_of_three_rules_is_refused_with_its_path()
    {
        string Rule(string id, string target) =>
            ValidRuleWith(6, $"  exception to {target}\n  when act is hold").Replace("rule x.r", $"rule {id}", StringComparison.Ordinal);

        var error = Single(Rule("x.a", "x.b") + "\n" + Rule("x.b", "x.c") + "\n" + Rule("x.c", "x.a"));

        AssertError(error, At + "1:1", "exceptions form a cycle: x.a -> x.b -> x.c -> x.a");
    }

    [Fact]
    public void Rule_that_is_an_exception_to_itself_is_refused()
    {
        var error = Single(ValidRuleWith(6, "  exception to x.r\n  when act is hold"));

        AssertError(error, At + "1:1", "x.r names itself as an exception");
    }

    // Versions.

    [Fact]
    public void Overlapping_versions_of_one_id_are_refused_at_the_later_version()
    {
        var v1 = ValidRuleWith(4, "  effective from 2018-01-01 until 2021-01-01");
        var v2 = ValidRuleWith(4, "  effective from 2020-01-01");

        var error = Single(v1 + "\n" + v2);

        AssertError(error, At + "10:1", "x.r is in force from 2020-01-01, overlapping its version at ", "rules.law:1:1 (from 2018-01-01 until 2021-01-01)");
    }

    [Fact]
    public void Two_open_ended_versions_of_one_id_overlap()
    {
        var error = Single(ValidRuleWith(4, "  effective from 2018-01-01") + "\n" + ValidRuleWith(4, "  effective from 2024-01-01"));

        AssertError(error, At + "10:1", "x.r is in force from 2024-01-01, overlapping its version");
    }

    [Fact]
    public void Adjacent_versions_where_until_is_the_next_from_load()
    {
        using var stack = TempStack.Layers(("only",
            ValidRuleWith(4, "  effective from 2018-01-01 until 2021-01-01") + "\n" + ValidRuleWith(4, "  effective from 2021-01-01")));

        Assert.Equal(2, stack.Load().Provisions.Count());
    }

    [Fact]
    public void Same_id_in_another_layer_is_refused()
    {
        var errors = TempStack.ErrorsOf(
            ("federal", ValidRuleWith(4, "  effective from 2020-01-01 until 2030-01-01")),
            ("city", ValidRuleWith(4, "  effective from 2030-01-01")));

        AssertError(Assert.Single(errors), "city/rules.law:1:1", "id x.r is already used at", "versions of one provision share its layer and kind");
    }

    // Tables and classes.

    [Fact]
    public void Unknown_class_is_reported_at_the_class_test_with_the_classes_known()
    {
        var error = Single(ValidRuleWith(6, "  when any conviction (class serius-felony)"));

        AssertError(error, At + "6:24", "no offence table or class named serius-felony", "expected one of", "serious-felony", "violent-felony");
    }

    [Fact]
    public void Unknown_class_in_a_probable_cause_charge_is_reported_at_the_class_test()
    {
        var error = Single(ValidRuleWith(6, "  when act is hold and any probable-cause-charge (class listed)"));

        AssertError(error, At + "6:51", "no offence table or class named listed");
    }

    [Theory]
    [InlineData("\"PC 1\" effective from 2019-13-01", "5:31", "expected a date as YYYY-MM-DD, found \"2019-13-01\"")]
    [InlineData("\"PC 1\" effective 2019-01-01", "5:26", "expected \"from\"")]
    [InlineData("\"PC 1\" effective from 2019-01-01 until 2018-01-01", "5:48", "\"until\" must come after \"from\" (2019-01-01)")]
    [InlineData("\"PC 1\" from 2019-01-01", "5:16", "expected the end of the codes (a period may follow them: effective from YYYY-MM-DD [until YYYY-MM-DD])")]
    public void A_malformed_period_of_codes_is_refused_at_its_place(string codes, string at, string message)
    {
        var error = Single(LawText.Table("t", codes: codes));

        AssertError(error, At + at, message);
    }

    [Fact]
    public void Table_including_an_unknown_table_is_refused()
    {
        var error = Single(LawText.Table("a", includes: "nope"));

        AssertError(error, At + "1:1", "table a includes nope, which no layer defines");
    }

    [Fact]
    public void Include_cycle_is_refused_with_its_path()
    {
        var error = Single(LawText.Table("a", codes: "\"PC 1\"", includes: "b") + "\n" + LawText.Table("b", codes: "\"PC 2\"", includes: "a"));

        AssertError(error, At + "1:1", "tables include each other in a cycle: a -> b -> a");
    }

    [Fact]
    public void Table_defined_twice_is_refused_at_the_second()
    {
        var errors = TempStack.ErrorsOf(("federal", LawText.Table("t", codes: "\"PC 1\"")), ("city", LawText.Table("t", codes: "\"PC 2\"")));

        AssertError(Assert.Single(errors), "city/rules.law:1:1", "table t is already defined at");
    }

    [Fact]
    public void Table_without_codes_or_includes_is_refused()
    {
        var error = Single(LawText.Table("empty"));

        AssertError(error, At + "1:1", "a table needs \"codes\" or \"includes\"");
    }

    // Sources.

    [Fact]
    public void Secondary_rule_whose_text_does_not_say_secondary_is_refused()
    {
        var error = Single(ValidRuleWith(3, "  source secondary"));

        AssertError(error, At + "1:1", "a secondary provision must say in its text", "\"secondary\"");
    }

    [Fact]
    public void Secondary_rule_whose_text_says_secondary_in_any_case_loads()
    {
        using var stack = TempStack.Layers(("only",
            ValidRuleWith(3, "  source secondary").Replace("\"Example.\"", "\"Example (Secondary: from reports).\"", StringComparison.Ordinal)));

        Assert.Equal(SourceGrade.Secondary, Assert.Single(stack.Load().Provisions).Source);
    }

    // Where tests may be used.

    [Theory]
    [InlineData("  when within 5 years", "\"within\" tests a conviction: use it inside \"any conviction (...)\"")]
    [InlineData("  when dated before 2014-11-05", "\"dated\" tests a conviction: use it inside \"any conviction (...)\"")]
    [InlineData("  when level is felony", "\"level\" is a fact of a conviction: test it inside \"any conviction (...)\"")]
    [InlineData("  when jurisdiction is federal", "\"jurisdiction\" is a fact of a conviction")]
    [InlineData("  when wobbler", "\"wobbler\" is a fact of a conviction")]
    [InlineData("  when reducedByProp47", "\"reducedByProp47\" is a fact of a conviction")]
    [InlineData("  when class serious-felony", "\"class\" tests an offence: use it inside \"any conviction (...)\" or \"any probable-cause-charge (...)\"")]
    [InlineData("  when code is \"PC 211\"", "\"code\" tests an offence")]
    public void Conviction_only_test_outside_any_conviction_is_reported_at_the_test(string when, string message)
    {
        var error = Single(ValidRuleWith(6, when));

        AssertError(error, At + "6:8", message);
    }

    [Theory]
    [InlineData("  when any probable-cause-charge (wobbler)", "\"wobbler\" is a fact of a conviction")]
    [InlineData("  when any probable-cause-charge (level is felony)", "\"level\" is a fact of a conviction")]
    [InlineData("  when any probable-cause-charge (within 5 years)", "\"within\" tests a conviction")]
    [InlineData("  when any probable-cause-charge (dated from 2014-11-05)", "\"dated\" tests a conviction")]
    public void Conviction_only_test_inside_a_probable_cause_charge_is_reported_at_the_test(string when, string message)
    {
        var error = Single(ValidRuleWith(6, when));

        AssertError(error, At + "6:35", message);
    }

    [Fact]
    public void Nested_any_is_refused_at_the_inner_any()
    {
        var error = Single(ValidRuleWith(6, "  when any conviction (any probable-cause-charge (class serious-felony))"));

        AssertError(error, At + "6:24", "\"any\" cannot be nested inside another \"any\"");
    }

    [Fact]
    public void Outcome_in_a_rule_is_refused_at_the_fact()
    {
        var error = Single(ValidRuleWith(6, "  when act is hold and outcome is deny"));

        AssertError(error, At + "6:24", "\"outcome\" can be tested only in a duty or a risk, once the outcome is decided");
    }

    [Fact]
    public void Outcome_in_a_duty_loads()
    {
        using var stack = TempStack.Layers(("only", LawText.Duty("x.d", "outcome is deny")));

        Assert.Single(stack.Load().Provisions);
    }

    // The stack folder.

    [Fact]
    public void Folder_without_stack_law_is_refused_at_the_missing_file()
    {
        using var stack = TempStack.Files(("only/rules.law", ValidRuleWith(1, "rule x.r")));

        var error = Assert.Single(stack.Errors());

        Assert.Equal(Path.Combine(stack.Root, "stack.law"), error.At.File);
        Assert.StartsWith("stack.law:1:1: no stack.law here", stack.Relative(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Layer_without_a_folder_is_reported_at_its_name_in_stack_law()
    {
        using var stack = TempStack.Files(
            ("stack.law", TempStack.StackLaw("federal", "state")),
            ("federal/rules.law", ValidRuleWith(1, "rule x.r")));

        var error = stack.Relative(Assert.Single(stack.Errors()));

        AssertError(error, "stack.law:3:19", "layer \"state\" has no folder");
    }

    [Fact]
    public void Layer_named_twice_in_stack_law_is_refused_at_the_second_name()
    {
        using var stack = TempStack.Files(("stack.law", TempStack.StackLaw("city", "city")), ("city/", ""));

        var error = stack.Relative(Assert.Single(stack.Errors()));

        AssertError(error, "stack.law:3:16", "layer \"city\" is named twice");
    }

    [Fact]
    public void Stack_law_without_layers_is_refused()
    {
        using var stack = TempStack.Files(("stack.law", "stack test\n  title \"No layers\"\n"));

        var error = stack.Relative(Assert.Single(stack.Errors()));

        AssertError(error, "stack.law:1:1", "the stack names no layers");
    }

    [Fact]
    public void Errors_of_every_file_are_all_reported_in_file_order()
    {
        using var stack = TempStack.Files(
            ("stack.law", TempStack.StackLaw("federal", "city")),
            ("federal/a.law", ValidRuleWith(6, "  when act is hodl")),
            ("federal/b.law", ValidRuleWith(7, "  effect allow")),
            ("city/rules.law", ValidRuleWith(4, "  effective from 2020-02-30")));

        var errors = stack.Errors().Select(stack.Relative).ToList();

        Assert.Equal(3, errors.Count);
        Assert.StartsWith("federal/a.law:6:15: ", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("federal/b.law:7:10: ", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("city/rules.law:4:18: ", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Law_exception_lists_its_errors_as_file_line_column_message()
    {
        using var stack = TempStack.Layers(("only", ValidRuleWith(6, "  when act is hodl")));

        var exception = Assert.Throws<Comity.Law.LawException>(() => stack.Load());

        var error = Assert.Single(exception.Errors);
        Assert.Equal(new Comity.Law.SourceLocation(Path.Combine(stack.Root, "only", "rules.law"), 6, 15), error.At);
        Assert.Equal($"{error.At.File}:6:15: {error.Message}", error.ToString());
        Assert.Equal(error.ToString(), exception.Message);
    }
}
