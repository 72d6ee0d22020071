namespace Comity.Contract;

/// <summary>The answer to one request, as contract v1 describes it, with Comity's extensions.</summary>
public sealed record DecisionAnswer
{
    public string? Id { get; init; }
    public required Outcome Outcome { get; init; }

    /// <summary>One outcome per requested data item, in the request's order; empty when no data was asked for.</summary>
    public IReadOnlyList<ItemOutcome> Data { get; init; } = [];

    public required IReadOnlyList<LayerResult> Layers { get; init; }
    public required IReadOnlyList<string> DecidedBy { get; init; }
    public required IReadOnlyList<Reason> Reasons { get; init; }
    public required IReadOnlyList<Obligation> Obligations { get; init; }
    public required IReadOnlyList<Flag> Flags { get; init; }
    public required PolicyRef Policy { get; init; }
}

/// <summary>One data item's outcome; the reasons that fixed it list the item under <see cref="Reason.Decides"/>.</summary>
public readonly record struct ItemOutcome(DataItem Item, Outcome Outcome);

/// <summary>
/// The outcome one layer reached on its own; null when none of its rules applied. When the layer
/// refers (<c>refer between permit, deny</c>, or must and deny together), <see cref="Possible"/>
/// names the outcomes counsel must choose between (contract 1.1, <c>layers[].possible</c>).
/// </summary>
public sealed record LayerResult(string Layer, Outcome? Outcome)
{
    public IReadOnlyList<Outcome> Possible { get; init; } = [];
}

/// <summary>
/// A rule that applied, deciding or not. <see cref="SetAsideBy"/> names the exceptions that took
/// it out; <see cref="OverriddenBy"/> the higher-layer rules that prevailed over it;
/// <see cref="Items"/> the data items it applied to, when the request asked for data, and
/// <see cref="Decides"/> those whose outcome it fixed.
/// </summary>
public sealed record Reason
{
    public required string Rule { get; init; }
    public required string Layer { get; init; }
    public required Effect Effect { get; init; }
    public required IReadOnlyList<string> Citations { get; init; }
    public required string Text { get; init; }
    public required SourceGrade Source { get; init; }
    public IReadOnlyList<DataItem> Items { get; init; } = [];
    public IReadOnlyList<DataItem> Decides { get; init; } = [];
    public IReadOnlyList<string> SetAsideBy { get; init; } = [];
    public IReadOnlyList<string> OverriddenBy { get; init; } = [];
}

public sealed record Obligation(string Rule, IReadOnlyList<string> Citations, string Text);

/// <summary>Which stack decided, the day whose law was applied, and the digest of the stack's text.</summary>
public sealed record PolicyRef(string Stack, DateOnly AsOf, string Digest);
