using Comity.Contract;
using Comity.Law;
using Comity.Tests.Support;

namespace Comity.Tests.Law;

/// <summary>Named definitions: written once, used by name in any condition, refused when misspelt or circular.</summary>
public class DefinitionTests
{
    private const string Purpose = """
        definition immigration-enforcement-purpose
          cites "Cal. Gov. Code § 7284.4(f)"
          text "Immigration enforcement: civil or criminal, or unknown when immigration authorities ask."
          when purpose is one of civil-immigration, criminal-immigration
           or (purpose is unknown and requester.agency is one of ice-ero, ice-hsi, cbp, uscis)

        """;

    [Theory]
    [InlineData("civil-immigration", "ice-ero", Outcome.Deny)]
    [InlineData("unknown", "cbp", Outcome.Deny)]
    [InlineData("unknown", "fbi", Outcome.Permit)]
    [InlineData("criminal", "ice-ero", Outcome.Permit)]
    public void A_definition_used_by_name_holds_when_its_condition_does(string purpose, string agency, Outcome expected)
    {
        var engine = TempStack.Compile(Purpose
            + LawText.Rule("r.default", "permit")
            + LawText.Rule("r.no-holds", "deny", when: "act is hold and immigration-enforcement-purpose"));

        var answer = engine.Decide(Req.With($$"""{ "purpose": "{{purpose}}", "requester": { "agency": "{{agency}}" } }"""));

        Assert.Equal(expected, answer.Outcome);
    }

    [Fact]
    public void A_definition_may_be_used_before_the_file_or_layer_that_defines_it_and_may_use_others()
    {
        var engine = TempStack.Compile(
            ("federal", LawText.Rule("fed.r", "deny", when: "act is hold and not ice-hold")),
            ("state", Purpose + """
                definition ice-hold
                  cites "Test"
                  when immigration-enforcement-purpose and document.type is i-247a

                """ + LawText.Rule("st.permit", "permit")));

        Assert.Equal(Outcome.Permit, engine.Decide(Req.With()).Outcome);
        Assert.Equal(Outcome.Deny, engine.Decide(Req.With("""{ "document": { "type": "i-247d" } }""")).Outcome);
        var stack = engine.Stack;
        Assert.Equal(["immigration-enforcement-purpose", "ice-hold"], stack.Definitions.Select(d => d.Id));
    }

    [Fact]
    public void A_definition_can_be_used_inside_any()
    {
        var engine = TempStack.Compile(Purpose + LawText.Rule("r.deny", "deny", when: "any conviction (level is felony and immigration-enforcement-purpose)"));

        Assert.Equal(Outcome.Deny, engine.Decide(Req.Convictions("""[{ "code": "PC 211", "level": "felony", "date": "2020-01-01" }]""")).Outcome);
    }

    [Fact]
    public void A_misspelt_definition_is_refused_where_it_is_used()
    {
        var error = Assert.Single(TempStack.ErrorsOf(Purpose + LawText.Rule("r.deny", "deny", when: "act is hold and immigration-enforcment-purpose")));

        Assert.StartsWith("only/rules.law:11:24: unknown fact \"immigration-enforcment-purpose\": no fact or definition has this name (definitions: immigration-enforcement-purpose;", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_cycle_is_refused_where_it_closes()
    {
        var law = """
            definition a
              cites "Test"
              when act is hold and b

            definition b
              cites "Test"
              when not a

            """ + LawText.Rule("r.deny", "deny", when: "a");

        var errors = TempStack.ErrorsOf(law);

        Assert.Contains("only/rules.law:7:12: definitions use each other in a cycle: a -> b -> a", errors);
    }

    [Fact]
    public void A_definition_is_named_once_for_the_whole_stack()
    {
        var errors = TempStack.ErrorsOf(("federal", Purpose + LawText.Rule("fed.r", "permit")), ("state", Purpose + LawText.Rule("st.r", "permit")));

        Assert.Contains(errors, e => e.StartsWith("state/rules.law:1:1: definition immigration-enforcement-purpose is already defined at", StringComparison.Ordinal));
    }

    [Fact]
    public void A_definition_that_tests_records_cannot_be_used_inside_any()
    {
        var law = """
            definition felon
              cites "Test"
              when any conviction (level is felony)

            """ + LawText.Rule("r.deny", "deny", when: "any conviction (felon)");

        var error = Assert.Single(TempStack.ErrorsOf(law));

        Assert.Contains("definition felon tests records (\"any ...\"), so it cannot be used inside \"any\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_may_be_a_block_of_indented_unquoted_lines()
    {
        var law = LawText.Rule("r.one", "deny").Replace("  text \"Rule r.one.\"\n", """
              text
                The agency shall not detain a person on a hold; "hold" means
                custody kept to facilitate transfer (§ 7283(b)).
                "A quoted line still reads as a string."

            """, StringComparison.Ordinal);

        var rule = Assert.Single(TempStack.Compile(law).Stack.Provisions);

        Assert.Equal("The agency shall not detain a person on a hold; \"hold\" means custody kept to facilitate transfer (§ 7283(b)). A quoted line still reads as a string.", rule.Text);
    }

    [Fact]
    public void A_text_block_ends_at_the_next_clause()
    {
        var law = """
            rule r.one
              cites "Test"
              source primary
              effective from 2000-01-01
              binds all
              text
                Deny every hold.
              when act is hold
              effect deny

            """;

        var rule = Assert.Single(TempStack.Compile(law).Stack.Provisions);

        Assert.Equal("Deny every hold.", rule.Text);
        Assert.IsType<IsOneOf>(rule.When);
    }
}
