using Comity.Contract;
using Comity.Engine;

namespace Comity.Server.Recording;

/// <summary>
/// The first step every request takes through the server, whether the decision is then recorded,
/// only shown, or used to cut a disclosure: read it against the contract, find the stack in force
/// for its actor and date, decide. Errors name the property at fault.
/// </summary>
public static class RequestDecider
{
    public static Recorded<(DecisionRequest Request, DecisionAnswer Answer)> Decide(StackCatalog stacks, ReadOnlySpan<byte> json)
    {
        var read = GuardedRequestReader.Read(json);
        if (!read.Ok)
            return new RecordError(RecordErrorKind.Invalid, "the request breaks the decision contract", ContractErrors: read.Errors);
        var request = read.Request!;
        var engine = stacks.Find(request, out var error);
        if (engine is null)
            return new RecordError(RecordErrorKind.Invalid, error!.Message, error.Path, [error]);
        return (request, engine.Decide(request));
    }
}
