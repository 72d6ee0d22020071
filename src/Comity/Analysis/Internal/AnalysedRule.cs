using Comity.Contract;
using Comity.Conditions;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>A rule of one of the stacks analysed, with where it sits.</summary>
internal sealed class AnalysedRule(Provision source, int stack, int layer)
{
    public Provision Source { get; } = source;
    public int Stack { get; } = stack;
    public int Layer { get; } = layer;

    /// <summary>The acts for which the rule can apply, as the engine indexes it.</summary>
    public ulong Acts { get; } = ConditionCompiler.PossibleActs(source.When);

    public Effect Effect => Source.Effect ?? Effect.Refer;
}
