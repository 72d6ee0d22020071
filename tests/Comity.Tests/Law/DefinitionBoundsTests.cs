using System.Text;
using Comity.Tests.Support;

namespace Comity.Tests.Law;

/// <summary>Definitions that nest too deep or grow too large are refused at their place, not
/// followed until the process's stack or the processor gives out (found by fuzzing: a chain of
/// thousands of definitions overflowed the stack).</summary>
public class DefinitionBoundsTests
{
    [Fact]
    public void A_chain_of_thousands_of_definitions_is_refused_not_a_crash()
    {
        var law = new StringBuilder();
        const int chain = 5_000;
        for (var i = 0; i < chain; i++)
            law.Append($"definition d{i}\n  cites \"Test\"\n  when {(i + 1 < chain ? $"d{i + 1}" : "act is hold")}\n\n");
        law.Append(LawText.Rule("r.deny", "deny", when: "d0"));

        var errors = TempStack.ErrorsOf(law.ToString());

        Assert.Contains(errors, e => e.Contains("more than 32 deep", StringComparison.Ordinal));
    }

    [Fact]
    public void Definitions_each_using_the_next_twice_are_refused_before_they_grow_exponentially()
    {
        var law = new StringBuilder();
        const int chain = 30;
        for (var i = 0; i < chain; i++)
            law.Append($"definition e{i}\n  cites \"Test\"\n  when {(i + 1 < chain ? $"e{i + 1} and not e{i + 1}" : "act is hold")}\n\n");
        law.Append(LawText.Rule("r.deny", "deny", when: "e0"));

        var errors = TempStack.ErrorsOf(law.ToString());

        Assert.Contains(errors, e => e.Contains("expands to more than 100,000 tests", StringComparison.Ordinal));
    }

    [Fact]
    public void A_short_chain_still_loads()
    {
        var law = new StringBuilder();
        for (var i = 0; i < 10; i++)
            law.Append($"definition c{i}\n  cites \"Test\"\n  when {(i + 1 < 10 ? $"c{i + 1}" : "act is hold")}\n\n");
        law.Append(LawText.Rule("r.deny", "deny", when: "c0"));

        var engine = TempStack.Compile(law.ToString());

        Assert.Equal(Comity.Contract.Outcome.Deny, engine.Decide(Req.With()).Outcome);
    }
}
