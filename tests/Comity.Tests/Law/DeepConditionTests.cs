using Comity.Contract;
using Comity.Law.Internal;
using Comity.Tests.Support;

namespace Comity.Tests.Law;

/// <summary>
/// A condition nests at most <see cref="ConditionParser.MaxDepth"/> levels (each "(", "not" and
/// "any" one): a file made to nest deeper is an error at file:line:column, not a stack overflow
/// that ends check, test, decide or the server, nor minutes spent walking the tree.
/// </summary>
public class DeepConditionTests
{
    private const int Depth = ConditionParser.MaxDepth;

    /// <summary>The rule's "when" is on line 6, its condition from column 8 (LawText.Rule).</summary>
    private static string RuleWhen(string when) => LawText.Rule("x.r", "deny", when: when);

    [Fact]
    public void Thirty_thousand_nested_parentheses_are_one_error_where_the_level_too_many_starts()
    {
        var errors = TempStack.ErrorsOf(RuleWhen(new string('(', 30_000) + "act is hold" + new string(')', 30_000)));

        var error = Assert.Single(errors);
        Assert.StartsWith($"only/rules.law:6:{8 + Depth}: the condition nests more than {Depth} levels deep", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hundred_thousand_nots_are_one_error_where_the_level_too_many_starts()
    {
        var errors = TempStack.ErrorsOf(RuleWhen(string.Concat(Enumerable.Repeat("not ", 100_000)) + "act is hold"));

        var error = Assert.Single(errors);
        Assert.StartsWith($"only/rules.law:6:{8 + 4 * Depth}: the condition nests more than {Depth} levels deep", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_through_any_counts_too()
    {
        var when = "any conviction (" + new string('(', Depth) + "level is felony" + new string(')', Depth) + ")";

        var error = Assert.Single(TempStack.ErrorsOf(RuleWhen(when)));

        Assert.Contains($"nests more than {Depth} levels deep", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_exactly_as_deep_as_allowed_loads_and_decides()
    {
        // Two nots, then Depth - 3 parentheses around a test: Depth levels in all, the test included.
        var when = "not not " + new string('(', Depth - 3) + "act is hold" + new string(')', Depth - 3);
        var engine = TempStack.Compile(RuleWhen(when));

        Assert.Equal(Outcome.Deny, engine.Decide(Req.With()).Outcome);
        Assert.NotEqual(Outcome.Deny, engine.Decide(Req.Act("transfer")).Outcome);
    }
}
