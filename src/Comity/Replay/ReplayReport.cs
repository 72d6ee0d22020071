using Comity.Contract;

namespace Comity.Replay;

/// <summary>
/// Which recorded history a replay re-decides: requests received from <see cref="From"/> to
/// <see cref="To"/> (both inclusive, the request's own <c>receivedAt</c> day), by
/// <see cref="Unit"/> or a unit within it (as the replayed stack declares its units); null: no limit.
/// </summary>
public sealed record ReplayScope(DateOnly? From = null, DateOnly? To = null, string? Unit = null);

/// <summary>
/// One recorded case whose outcome would change: the ledger entry that decided it (a decision, or
/// the correction in force), the decision entry the case began with (the same, for a decision),
/// the request's id, day, unit and act, and the digest it was decided under.
/// </summary>
public sealed record ReplayedCase(long Entry, long Decision, string Kind, string? RequestId, string ReceivedAt, string Unit, Act Act, string RecordedDigest);

/// <summary>
/// Cases whose outcome changes alike, as <c>comity diff</c> groups classes of requests: from ->
/// to, and the rules that cause it (those that differ between the law each case was decided
/// under and the replayed one, and decide or set aside a rule in either answer; all the differing
/// rules the answers give as reasons if none does). Empty <see cref="Rules"/>: no differing rule
/// is among the reasons (a changed offence table, the order of rules, or law the ledger does not hold).
/// </summary>
public sealed record ReplayChange(Outcome From, Outcome To, IReadOnlyList<string> Rules, IReadOnlyList<ReplayedCase> Cases);

/// <summary>
/// What re-deciding recorded history under another stack found. Counts: <see cref="Entries"/>
/// read; <see cref="Replayed"/> cases decided again (each case once, by the decision or correction
/// in force; void cases are not history); <see cref="OtherStacks"/> decided under another stack
/// (another jurisdiction) and <see cref="OutOfScope"/> outside the period or unit, both left alone;
/// <see cref="Changed"/> of the replayed whose outcome would change, listed in <see cref="Changes"/>;
/// <see cref="Superseded"/> decisions and corrections in scope that a later correction replaced or
/// a void undid; <see cref="Problems"/>: the first <see cref="Replayer.MaxProblems"/> cases that
/// could not be decided again (named by entry), of <see cref="ProblemCount"/>.
/// </summary>
public sealed record ReplayReport(ReplayReport.Version Under, ReplayScope Scope, long Entries, long Replayed, long OtherStacks, long OutOfScope,
    IReadOnlyList<ReplayChange> Changes, IReadOnlyList<Irreproducible> Problems)
{
    /// <summary>The stack replayed under: its id, where it was read from (a folder, or the ledger entry), its digest.</summary>
    public sealed record Version(string Stack, string Source, string Digest);

    public long Superseded { get; init; }
    public long ProblemCount { get; init; }

    public long Changed => Changes.Sum(c => (long)c.Cases.Count);
}
