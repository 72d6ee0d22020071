namespace Comity.Contract;

/// <summary>
/// What every door reads a request with: <see cref="RequestReader.Read(ReadOnlySpan{byte})"/>,
/// with any failure of the reader itself turned into a contract error at <c>$</c>. The reader is
/// meant to answer every input with a request or its errors; should some input still make it
/// throw, that request is refused like any other broken one (nothing decided, nothing recorded,
/// exit 2 or 400) instead of ending a batch half-way or answering 500.
/// </summary>
public static class GuardedRequestReader
{
    public static RequestReadResult Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return RequestReader.Read(utf8);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return RequestReadResult.Failure([new ContractError("$", $"the request could not be read ({e.Message.TrimEnd('.')}); it was neither decided nor recorded")]);
        }
    }
}
