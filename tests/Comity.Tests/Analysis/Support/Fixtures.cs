using Comity.Analysis;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Tests.Support;

namespace Comity.Tests.Analysis.Support;

/// <summary>The fixture stacks of the analysis tests (Analysis/Fixtures/NAME), each built to contain one kind of finding, or none.</summary>
internal static class Fixtures
{
    /// <summary>The fixtures whose findings a drawn request can show (one clean, one per kind of finding with a witness).</summary>
    public static TheoryData<string> WithWitnessedFindings =>
        ["clean", "gap", "floor-violation", "floor-acknowledged", "contradiction", "dead-rule", "redundant-rule", "refer-range"];

    public static string Folder(string name) => RepoRoot.Combine($"tests/Comity.Tests/Analysis/Fixtures/{name}");

    public static Stack Load(string name) => StackLoader.Load(Folder(name));

    public static CheckReport Check(string name) => StackChecker.Check(Folder(name));

    /// <summary>The stack without the provisions of this id: what "removing the rule" means.</summary>
    public static Stack Without(Stack stack, string id) => stack with
    {
        Layers = stack.Layers.Select(l => l with { Provisions = l.Provisions.Where(p => p.Id != id).ToList() }).ToList(),
    };

    /// <summary>The witness as JSON, read back through the strict reader: what <c>comity decide</c> would be given.</summary>
    public static DecisionRequest AsSent(DecisionRequest witness) => Req.Read(RequestWriter.ToJson(witness));

    /// <summary>Decides a finding's witness with the real engine, as sent in contract JSON.</summary>
    public static DecisionAnswer Decide(Stack stack, DecisionRequest witness) => DecisionEngine.Compile(stack).Decide(AsSent(witness));
}
