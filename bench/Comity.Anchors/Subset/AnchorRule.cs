using Comity.Contract;

namespace Comity.Anchors.Subset;

/// <summary>
/// One rule of the subset as the anchors see it: when it applies (period, binding and condition in
/// one expression), whether it allows (must, permit, floor) or forbids (deny, refer), which rules of
/// its layer are exceptions to it, and which higher rules override it when it forbids.
/// </summary>
public sealed class AnchorRule
{
    public required int Index { get; init; }

    /// <summary>The rule's id in the stack; a later version of the same id gets "#2", "#3".</summary>
    public required string Name { get; init; }

    /// <summary>A short unique identifier for anchors that need one (<c>r007</c>).</summary>
    public string Key => $"r{Index:D3}";

    public required string Layer { get; init; }
    public required int LayerIndex { get; init; }
    public required Effect Effect { get; init; }

    /// <summary>The acts of the subset this rule can apply to.</summary>
    public required IReadOnlyList<string> Acts { get; init; }

    /// <summary>In force on the request's day, binding the receiving unit, and its condition holds.</summary>
    public required AnchorExpr Applies { get; init; }

    public List<AnchorRule> Exceptors { get; } = [];

    /// <summary>For a forbidding rule below the top layer: the top layer's duties, which stand over it.</summary>
    public IReadOnlyList<AnchorRule> Overriders { get; set; } = [];

    public bool Allows => Effect is Effect.Must or Effect.Permit or Effect.Floor;

    /// <summary>When the rule is active: it applies and none of its exceptions is active.</summary>
    public AnchorExpr ActiveBody => Exceptors.Count == 0
        ? Applies
        : new AllOfExpr([Applies, new NotExpr(new AnyOfExpr(Exceptors.Select(e => (AnchorExpr)new ActiveExpr(e)).ToList()))]);

    /// <summary>When the rule counts in the decision: it is active and, if it forbids, no higher duty stands over it.</summary>
    public AnchorExpr Counts => Allows || Overriders.Count == 0
        ? new ActiveExpr(this)
        : new AllOfExpr([new ActiveExpr(this), new NotExpr(new AnyOfExpr(Overriders.Select(m => (AnchorExpr)new ActiveExpr(m)).ToList()))]);

    /// <summary>How many exceptions deep the rule sits: 0 with no exceptions, else one more than its deepest exception.</summary>
    public int Depth => Exceptors.Count == 0 ? 0 : 1 + Exceptors.Max(e => e.Depth);

    public override string ToString() => Name;
}
