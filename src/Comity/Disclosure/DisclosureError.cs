namespace Comity.Disclosure;

/// <summary>
/// One reason a disclosure cannot go ahead: the file as the user named it, the 1-based line and
/// column (0 when the error concerns the whole file or the command), and what was expected there.
/// Lines are physical lines ('\n'); columns count characters, not bytes.
/// </summary>
public sealed record DisclosureError(string File, long Line, long Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

/// <summary>Thrown when a catalog, a request's fit to it, or an input file is bad; nothing has been released.</summary>
public sealed class DisclosureException(IReadOnlyList<DisclosureError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public DisclosureException(DisclosureError error) : this([error]) { }

    public IReadOnlyList<DisclosureError> Errors { get; } = errors;
}
