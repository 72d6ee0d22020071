namespace Comity.Cli;

/// <summary>Typed exit codes: a deny is a successful decision, not a failed command.</summary>
internal static class ExitCodes
{
    public const int Decided = 0;
    public const int InternalFailure = 1;
    public const int BadInput = 2;

    /// <summary><c>comity test</c>: a scenario failed or a rule is not covered.</summary>
    public const int TestsFailed = 3;

    /// <summary><c>comity ledger verify</c>, <c>comity verify-receipt</c>: the record does not verify (altered, removed, or not signed by the key).</summary>
    public const int NotVerified = 4;
}
