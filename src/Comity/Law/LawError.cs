namespace Comity.Law;

/// <summary>A place in a rule file: the file as the user named it, 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>What kind of mistake an error is, for tools that sort them (<c>comity check</c>); most are <see cref="General"/>.</summary>
public enum LawErrorKind { General, MissingCitation, ExceptionCycle, OverlappingPeriods, UnknownFact, UnknownValue }

/// <summary>One error in a stack's text: where, and what was expected there.</summary>
public sealed record LawError(SourceLocation At, string Message)
{
    public LawErrorKind Kind { get; init; }

    /// <summary>The id of the provision or table the error is in, when it is in one.</summary>
    public string? Provision { get; init; }

    public override string ToString() => $"{At}: {Message}";
}

/// <summary>Thrown when a stack cannot be loaded; carries every error found, in file order.</summary>
public sealed class LawException(IReadOnlyList<LawError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<LawError> Errors { get; } = errors;
}
