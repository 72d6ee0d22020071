using Comity.Contract;
using Comity.Law;

namespace Comity.Analysis;

/// <summary>What <c>comity check</c> can find in a stack.</summary>
public enum FindingType
{
    /// <summary>A lower layer's deny meets a higher layer's floor (8 U.S.C. 1373, 1644): the engine refers it with fed-1373-conflict.</summary>
    FloorViolation,

    /// <summary><c>must</c> and <c>deny</c> active together in one layer: the layer refers.</summary>
    Contradiction,

    /// <summary>A request to which no rule of any layer applies: the engine refers it with the flag gap.</summary>
    Gap,

    /// <summary>A rule that never applies, or is always set aside or overridden.</summary>
    DeadRule,

    /// <summary>A rule whose removal changes no answer.</summary>
    RedundantRule,

    ExceptionCycle,
    MissingCitation,
    OverlappingPeriods,

    /// <summary>A fact the contract does not have.</summary>
    UnknownFact,

    /// <summary>A value (enumeration value, actor kind, flag, offence class) the contract or the stack does not have.</summary>
    UnknownValue,

    /// <summary>Any other error that keeps the stack from loading.</summary>
    LawError,
}

public enum Severity { Error, Warning }

/// <summary>A rule a finding is about, and where it is written.</summary>
public sealed record RuleRef(string Id, SourceLocation At);

/// <summary>
/// A class of requests: what they have in common, in the words of the law language, and one of
/// them as a witness that <c>comity decide</c> decides like every other member of the class.
/// </summary>
public sealed record RequestClass(string Description, DecisionRequest Witness)
{
    internal Func<DecisionRequest, bool>? Membership { get; init; }

    /// <summary>Whether a request (with at most one data item) belongs to the class.</summary>
    public bool Contains(DecisionRequest request) => Membership?.Invoke(request) ?? request == Witness;
}

/// <summary>One finding: its type and severity, what it means, the rules it is about, and the classes of requests that show it.</summary>
public sealed record Finding(FindingType Type, Severity Severity, string Message, IReadOnlyList<RuleRef> Rules, IReadOnlyList<RequestClass> Classes)
{
    /// <summary>The first class's witness: a request that shows the problem.</summary>
    public DecisionRequest Witness => Classes[0].Witness;
}

/// <summary>The names findings and severities go by in output, kebab-case like the contract's values.</summary>
public static class FindingNames
{
    public static string Of(FindingType type) => type switch
    {
        FindingType.FloorViolation => "floor-violation",
        FindingType.Contradiction => "contradiction",
        FindingType.Gap => "gap",
        FindingType.DeadRule => "dead-rule",
        FindingType.RedundantRule => "redundant-rule",
        FindingType.ExceptionCycle => "exception-cycle",
        FindingType.MissingCitation => "missing-citation",
        FindingType.OverlappingPeriods => "overlapping-periods",
        FindingType.UnknownFact => "unknown-fact",
        FindingType.UnknownValue => "unknown-value",
        _ => "law-error",
    };

    public static string Of(Severity severity) => severity == Severity.Error ? "error" : "warning";
}
