using Comity.Contract;
using Comity.Engine;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>semantics.md, "Units": a stack declares its units with their parents; a rule that binds a unit binds every unit beneath it.</summary>
public class UnitTests
{
    private const string Units = """

        unit city-police
          kind law-enforcement
          title "City Police"

        unit city-jail
          kind jail
          within city-police

        unit city-jail-medical
          kind health-facility
          within city-jail

        unit city-library
          kind library

        """;

    private static TempStack Stack(string law, string units = Units) => TempStack.Files(
        ("stack.law", TempStack.StackLaw("city") + units),
        ("city/rules.law", law));

    private static DecisionRequest From(string unit, string kind) =>
        Req.With($$"""{ "actor": { "unit": "{{unit}}", "kind": "{{kind}}" } }""");

    [Theory]
    [InlineData("city-police", "law-enforcement")]
    [InlineData("city-jail", "jail")]
    [InlineData("city-jail-medical", "health-facility")]
    public void A_rule_that_binds_a_unit_binds_every_unit_beneath_it(string unit, string kind)
    {
        using var stack = Stack(LawText.Rule("city.police-policy", "deny", binds: "unit city-police"));

        var answer = stack.Engine().Decide(From(unit, kind));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["city.police-policy"], answer.DecidedBy);
    }

    [Fact]
    public void A_rule_that_binds_a_unit_does_not_bind_its_parent_or_a_sibling()
    {
        using var stack = Stack(LawText.Rule("city.jail-policy", "deny", binds: "unit city-jail"));
        var engine = stack.Engine();

        Assert.Empty(engine.Decide(From("city-police", "law-enforcement")).Reasons);
        Assert.Empty(engine.Decide(From("city-library", "library")).Reasons);
    }

    [Fact]
    public void A_request_from_a_unit_the_stack_does_not_declare_is_refused_at_actor_unit_with_the_declared_ones()
    {
        using var stack = Stack(LawText.Rule("city.any", "deny"));
        var catalog = StackCatalog.ForStack(stack.Root);

        Assert.Null(catalog.Find(From("lapd", "law-enforcement"), out var error));

        Assert.Equal("$.actor.unit", error!.Path);
        Assert.Contains("\"lapd\" is not a unit of stack test; expected one of city-police, city-jail, city-jail-medical, city-library", error.Message, StringComparison.Ordinal);
        Assert.NotNull(catalog.Find(From("city-jail", "jail"), out error));
        Assert.Null(error);
    }

    [Fact]
    public void A_stack_that_declares_no_units_accepts_any_unit()
    {
        var catalog = StackCatalog.ForStack(RepoRoot.Combine("stacks/demo"));

        Assert.NotNull(catalog.Find(From("any-unit-at-all", "law-enforcement"), out var error));
        Assert.Null(error);
    }

    [Fact]
    public void A_binding_of_an_undeclared_unit_is_refused_with_the_declared_ones()
    {
        using var stack = Stack(LawText.Rule("city.typo", "deny", binds: "unit city-polcie"));

        var error = stack.Relative(Assert.Single(stack.Errors()));

        Assert.Equal("city/rules.law:1:1: city.typo binds unit city-polcie, which stack.law does not declare; declared units: city-police, city-jail, city-jail-medical, city-library", error);
    }

    [Fact]
    public void A_unit_within_an_undeclared_unit_is_refused()
    {
        using var stack = Stack(LawText.Rule("city.any", "deny"), "\nunit city-jail\n  kind jail\n  within city-polic\n");

        var error = stack.Relative(Assert.Single(stack.Errors()));

        Assert.StartsWith("stack.law:5:1: unit city-jail is within city-polic, which stack.law does not declare", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_needs_a_kind()
    {
        using var stack = Stack(LawText.Rule("city.any", "deny"), "\nunit city-jail\n  title \"Jail\"\n");

        var error = stack.Relative(Assert.Single(stack.Errors()));

        Assert.StartsWith("stack.law:5:1: unit city-jail has no \"kind\" clause", error, StringComparison.Ordinal);
    }
}
