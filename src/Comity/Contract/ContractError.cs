namespace Comity.Contract;

/// <summary>
/// One way a request breaks the contract: where (a JSON path such as <c>$.subject.convictions[0].date</c>)
/// and what was expected, in the caller's terms.
/// </summary>
public sealed record ContractError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>The result of reading a request: the request, or every contract error found in it.</summary>
public sealed class RequestReadResult
{
    private RequestReadResult(DecisionRequest? request, IReadOnlyList<ContractError> errors)
    {
        Request = request;
        Errors = errors;
    }

    public DecisionRequest? Request { get; }
    public IReadOnlyList<ContractError> Errors { get; }
    public bool Ok => Request is not null;

    internal static RequestReadResult Success(DecisionRequest request) => new(request, []);
    internal static RequestReadResult Failure(IReadOnlyList<ContractError> errors) => new(null, errors);
}
