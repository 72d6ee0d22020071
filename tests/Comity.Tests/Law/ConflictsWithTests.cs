using Comity.Tests.Support;

namespace Comity.Tests.Law;

/// <summary><c>conflicts with</c>: a deny declares the floor rules of higher layers it knowingly restricts.</summary>
public sealed class ConflictsWithTests
{
    private static readonly string Floor = LawText.Rule("fed.status", "floor", when: "act is disclose and item is immigration-status");

    private static string Deny(string conflicts, string effect = "deny") =>
        LawText.Rule("city.confidential", effect, when: "act is disclose").Replace($"  effect {effect}", $"  conflicts with {conflicts}\n  effect {effect}", StringComparison.Ordinal);

    [Fact]
    public void A_deny_declares_the_floors_of_higher_layers_it_conflicts_with()
    {
        using var stack = TempStack.Layers(("federal", Floor), ("city", Deny("fed.status")));

        var loaded = stack.Load();

        Assert.Equal(["fed.status"], loaded.Provisions.Single(p => p.Id == "city.confidential").ConflictsWith);
    }

    [Fact]
    public void Only_a_deny_can_declare_a_conflict()
    {
        var errors = TempStack.ErrorsOf(("federal", Floor), ("city", Deny("fed.status", "refer")));

        Assert.Equal(["city/rules.law:1:1: city.confidential says it conflicts with a floor, but only a deny can restrict a floor; its effect is refer"], errors);
    }

    [Theory]
    [InlineData("fed.nothing")]
    [InlineData("city.other")]
    public void The_rule_named_must_be_a_floor_of_a_layer_above(string named)
    {
        var errors = TempStack.ErrorsOf(("federal", Floor), ("city", Deny(named) + LawText.Rule("city.other", "floor")));

        Assert.Equal([$"city/rules.law:1:1: city.confidential conflicts with {named}, which is not a floor rule of a layer above city"], errors);
    }

    [Fact]
    public void The_clause_needs_the_word_with()
    {
        var errors = TempStack.ErrorsOf(("federal", Floor), ("city", Deny("fed.status").Replace("conflicts with", "conflicts", StringComparison.Ordinal)));

        Assert.Single(errors);
        Assert.Contains("expected \"with\" (\"conflicts with RULE-ID, ...\"), found \"fed.status\"", errors[0], StringComparison.Ordinal);
    }
}
