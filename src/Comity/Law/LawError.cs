namespace Comity.Law;

/// <summary>A place in a rule file: the file as the user named it, 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>One error in a stack's text: where, and what was expected there.</summary>
public sealed record LawError(SourceLocation At, string Message)
{
    public override string ToString() => $"{At}: {Message}";
}

/// <summary>Thrown when a stack cannot be loaded; carries every error found, in file order.</summary>
public sealed class LawException(IReadOnlyList<LawError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<LawError> Errors { get; } = errors;
}
