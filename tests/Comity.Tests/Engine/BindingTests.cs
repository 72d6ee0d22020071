using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>semantics.md, Stacks, layers, rules: each rule binds some units (by actor kind, by unit id, or all).</summary>
public class BindingTests
{
    private static DecisionAnswer Decide(Comity.Engine.DecisionEngine engine, string unit, string kind) =>
        engine.Decide(Req.With($$"""{ "actor": { "unit": "{{unit}}", "kind": "{{kind}}" } }"""));

    [Fact]
    public void Rule_binding_actor_kinds_applies_to_units_of_those_kinds()
    {
        var engine = TempStack.Compile(LawText.Rule("r.sb54", "deny", binds: "law-enforcement, jail"));

        Assert.Equal(Outcome.Deny, Decide(engine, "lapd", "law-enforcement").Outcome);
        Assert.Equal(Outcome.Deny, Decide(engine, "county-jail", "jail").Outcome);
    }

    [Fact]
    public void Rule_binding_actor_kinds_does_not_apply_to_a_unit_of_another_kind()
    {
        var engine = TempStack.Compile(LawText.Rule("r.sb54", "deny", binds: "law-enforcement, jail"));

        var answer = Decide(engine, "library", "library");

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Empty(answer.Reasons);
        Assert.Contains(Flag.Gap, answer.Flags);
    }

    [Fact]
    public void Rule_binding_a_unit_applies_to_that_unit_whatever_its_kind()
    {
        var engine = TempStack.Compile(LawText.Rule("r.port", "deny", binds: "unit port-police"));

        Assert.Equal(Outcome.Deny, Decide(engine, "port-police", "law-enforcement").Outcome);
        Assert.Equal(Outcome.Deny, Decide(engine, "port-police", "other-department").Outcome);
    }

    [Fact]
    public void Rule_binding_a_unit_does_not_apply_to_another_unit_of_the_same_kind()
    {
        var engine = TempStack.Compile(LawText.Rule("r.port", "deny", binds: "unit port-police"));

        var answer = Decide(engine, "lapd", "law-enforcement");

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Empty(answer.Reasons);
    }

    [Fact]
    public void Rule_binding_kinds_and_units_applies_to_either()
    {
        var engine = TempStack.Compile(LawText.Rule("r.mixed", "deny", binds: "jail, unit airport-police"));

        Assert.Equal(Outcome.Deny, Decide(engine, "county-jail", "jail").Outcome);
        Assert.Equal(Outcome.Deny, Decide(engine, "airport-police", "law-enforcement").Outcome);
        Assert.Equal(Outcome.ReferToCounsel, Decide(engine, "lapd", "law-enforcement").Outcome);
    }

    [Theory]
    [InlineData("lapd", "law-enforcement")]
    [InlineData("library", "library")]
    [InlineData("lahsa", "shelter")]
    [InlineData("acme", "contractor")]
    public void Rule_binding_all_applies_to_every_unit(string unit, string kind)
    {
        var engine = TempStack.Compile(LawText.Rule("r.city", "deny", binds: "all"));

        Assert.Equal(Outcome.Deny, Decide(engine, unit, kind).Outcome);
    }

    [Fact]
    public void Unbound_unit_falls_to_the_next_layer_that_binds_it()
    {
        var engine = TempStack.Compile(
            ("state", LawText.Rule("st.le-only", "deny", binds: "law-enforcement")),
            ("city", LawText.Rule("city.all", "permit", binds: "all")));

        var library = Decide(engine, "library", "library");

        Assert.Equal(Outcome.Permit, library.Outcome);
        Assert.Equal(["-", "permit"], library.LayerOutcomes());
        Assert.Equal(["city.all"], library.DecidedBy);
    }

    [Fact]
    public void Actor_unit_can_also_be_tested_in_a_condition()
    {
        var engine = TempStack.Compile(LawText.Rule("r.not-lapd", "deny", when: "actor.unit is not lapd"));

        Assert.Equal(Outcome.ReferToCounsel, Decide(engine, "lapd", "law-enforcement").Outcome);
        Assert.Equal(Outcome.Deny, Decide(engine, "port-police", "law-enforcement").Outcome);
    }
}
