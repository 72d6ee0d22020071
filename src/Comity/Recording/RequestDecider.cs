using Comity.Contract;
using Comity.Engine;
using Comity.Law;

namespace Comity.Recording;

/// <summary>
/// The first step every request takes, whether the decision is then recorded, only shown, or used
/// to cut a disclosure: read it against the contract, find the stack in force for its actor and
/// date, decide. Errors name the property at fault.
/// </summary>
public static class RequestDecider
{
    public static Recorded<(DecisionRequest Request, DecisionAnswer Answer)> Decide(StackCatalog stacks, ReadOnlySpan<byte> json)
    {
        var read = GuardedRequestReader.Read(json);
        if (!read.Ok)
            return new RecordError(RecordErrorKind.Invalid, "the request breaks the decision contract", ContractErrors: read.Errors);
        var request = read.Request!;
        DecisionEngine? engine;
        ContractError? error;
        try
        {
            engine = stacks.Find(request, out error);
        }
        catch (LawException)
        {
            // The law of the request's jurisdiction does not load: nothing can be decided under it
            // until it is fixed, and comity check names each error's file:line:column.
            return new RecordError(RecordErrorKind.Unavailable, $"the law of {request.Jurisdiction ?? StackCatalog.DefaultJurisdiction} has errors, so nothing can be decided under it; an administrator must correct it (comity check shows where)");
        }
        if (engine is null)
            return new RecordError(RecordErrorKind.Invalid, error!.Message, error.Path, [error]);
        return (request, engine.Decide(request));
    }
}
