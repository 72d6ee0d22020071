using Comity.Analysis.Internal;
using Comity.Contract;
using Comity.Law;

namespace Comity.Analysis;

/// <summary>
/// <c>comity check</c>: static analysis of a stack over every request the contract allows, in
/// every period its effective dates make. Each finding comes with classes of requests and, for
/// each, a witness request that <c>comity decide</c> decides so as to show the problem. The walk is
/// exhaustive over the abstraction the rules draw (docs/analysis.md says how), and every class's
/// witness is decided by the real engine during the check, which fails if it disagrees.
/// </summary>
public static class StackChecker
{
    /// <summary>Loads and checks the stack in <paramref name="directory"/>; the errors that keep it from loading are findings too.</summary>
    /// <exception cref="LawException">when the folder holds no stack at all.</exception>
    /// <param name="progress">how far the walk has come, act by act (the last step is the findings' classes)</param>
    public static CheckReport Check(string directory, IProgress<Replay.WorkProgress>? progress = null)
    {
        if (!File.Exists(Path.Combine(directory, StackLoader.StackFile)))
            return Check(StackLoader.Load(directory));
        Stack stack;
        try
        {
            stack = StackLoader.Load(directory);
        }
        catch (LawException e)
        {
            return new CheckReport(directory, null, Findings.Ordered(e.Errors.Select(LoadError)), 0, 0);
        }
        return Check(stack, progress);
    }

    public static CheckReport Check(Stack stack, IProgress<Replay.WorkProgress>? progress = null) => new Checker(stack).Run(progress);

    /// <summary>
    /// A request any stack would decide: with a stack that does not load, <c>comity decide</c>
    /// refuses it with the same error, at the same file, line and column.
    /// </summary>
    public static readonly DecisionRequest AnyRequest = new()
    {
        ReceivedAt = "2025-01-01",
        ReceivedOn = new DateOnly(2025, 1, 1),
        Actor = new Actor("another-unit", ActorKind.LawEnforcement),
        Requester = new Requester(Agency.IceEro),
        Act = Act.Hold,
        Purpose = Purpose.CivilImmigration,
        Document = new Document { Type = DocumentType.None },
    };

    private static Finding LoadError(LawError e) => new(
        e.Kind switch
        {
            LawErrorKind.MissingCitation => FindingType.MissingCitation,
            LawErrorKind.ExceptionCycle => FindingType.ExceptionCycle,
            LawErrorKind.OverlappingPeriods => FindingType.OverlappingPeriods,
            LawErrorKind.UnknownFact => FindingType.UnknownFact,
            LawErrorKind.UnknownValue => FindingType.UnknownValue,
            _ => FindingType.LawError,
        },
        Severity.Error,
        e.Message,
        e.Provision is { } id ? [new RuleRef(id, e.At)] : [],
        [new RequestClass($"any request: the stack does not load ({e.At})", AnyRequest)]);
}
