using Comity.Contract;

namespace Comity.Scenarios;

/// <summary>
/// A legal scenario kept as data: a request, what the law says its answer must be, and why.
/// Everything in <see cref="Expectation"/> but the outcome is optional; lists are "each of these
/// must be present", layers are checked only where named, and the <c>absent</c> lists are "none of
/// these may be present" (a duty or flag the law does not trigger for this request).
/// </summary>
public sealed record Scenario(string File, int Index, string Name, string Reason, string Citation, DecisionRequest Request, Expectation Expect);

public sealed record Expectation
{
    public required Outcome Outcome { get; init; }
    public IReadOnlyDictionary<string, Outcome?> Layers { get; init; } = new Dictionary<string, Outcome?>();
    public IReadOnlyDictionary<DataItem, Outcome> Data { get; init; } = new Dictionary<DataItem, Outcome>();
    public IReadOnlyList<string> Citations { get; init; } = [];
    public IReadOnlyList<string> DecidedBy { get; init; } = [];
    public IReadOnlyList<Flag> Flags { get; init; } = [];
    public IReadOnlyList<string> Obligations { get; init; } = [];
    public IReadOnlyList<Flag> AbsentFlags { get; init; } = [];
    public IReadOnlyList<string> AbsentObligations { get; init; } = [];
}
