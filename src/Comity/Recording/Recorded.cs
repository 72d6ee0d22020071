using Comity.Contract;

namespace Comity.Recording;

/// <summary>What became of an attempt to record: done, or why not (the path names the field at fault).</summary>
public sealed record Recorded<T>(T? Value, RecordError? Error)
{
    public static implicit operator Recorded<T>(T value) => new(value, null);
    public static implicit operator Recorded<T>(RecordError error) => new(default, error);
}

/// <summary>
/// Why nothing was recorded: the input is wrong, what it names does not exist, it conflicts with
/// the case as it stands, or the law in force has errors and does not load (nothing can be decided under it).
/// </summary>
public enum RecordErrorKind { Invalid, NotFound, Conflict, Unavailable }

/// <summary>
/// Why nothing was recorded, in the user's terms. <see cref="Path"/> names the field at fault
/// (<c>justification</c>, <c>servedAt</c>, ...); a request that breaks the contract carries its
/// <see cref="ContractErrors"/>, each with its JSON path.
/// </summary>
public sealed record RecordError(RecordErrorKind Kind, string Message, string? Path = null, IReadOnlyList<ContractError>? ContractErrors = null);
