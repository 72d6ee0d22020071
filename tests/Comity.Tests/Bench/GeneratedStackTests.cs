using System.Text;
using Comity.Anchors.Engines;
using Comity.Anchors.Scaling;
using Comity.Anchors.Subset;
using Comity.Law;

namespace Comity.Tests.Bench;

/// <summary>The generated stacks of the scaling benchmark load, and an anchor built from one decides as Comity does.</summary>
public sealed class GeneratedStackTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "comity-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_generated_stack_loads_with_its_rules_and_exceptions()
    {
        GeneratedStack.Write(_dir, 200);
        var stack = StackLoader.Load(_dir);
        Assert.Equal(200, stack.Provisions.Count());
        Assert.Contains(stack.Provisions, p => p.ExceptionTo.Count > 0);
    }

    [Fact]
    public void NRules_built_from_a_generated_stack_gives_Comitys_answers()
    {
        GeneratedStack.Write(_dir, 120);
        var stack = StackLoader.Load(_dir);
        var comity = new ComityEngine(_dir);
        var anchor = new NRulesAnchor(AnchorSubset.Build(stack, GeneratedStack.Acts), new OffenceClasses(stack.Tables));
        var lines = GeneratedStack.Corpus(600).Select(Encoding.UTF8.GetBytes).ToList();
        var expected = lines.Select(l => comity.Verdict(comity.Decide(comity.Read(l))).Split(' ')[0]).ToList();
        Assert.Contains("permit", expected);
        Assert.Contains("deny", expected);
        Assert.Equal(expected, lines.Select(l => anchor.Verdict(anchor.Decide(anchor.Read(l)))).ToList());
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, true);
    }
}
