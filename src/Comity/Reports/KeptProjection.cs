using Comity.Contract;
using Comity.Law;
using Comity.Ledger;
using Comity.Reports.Projection;

namespace Comity.Reports;

/// <summary>
/// The projection kept in the data folder (reports.md section 10), one file per jurisdiction:
/// <c>reports/projection-{jurisdiction}.bin</c>. A report at tree size N loads it when its stamp
/// (tree size S, root hash) is the ledger's own root at S and S &lt;= N, applies only entries S to
/// N - 1, and writes it back; a file that is missing, of another stack or mapping, stamped with
/// another root, or whose seal (HMAC-SHA-256 under the reports' key) does not hold is never
/// trusted: the projection is rebuilt by replaying the ledger and kept anew. A report at an
/// earlier checkpoint than the kept one replays the ledger up to it and keeps nothing.
/// <para>
/// It is kept in step after commits rather than in the transaction of each ledger entry: the
/// ledger's writer serves every kind of entry on both stores and knows no stack's report mapping,
/// so the server catches the file up in the background (<see cref="Keep"/>, throttled, off the
/// path of any answer), as does every tool that records in bulk; a report then applies only the
/// few entries since, and checks the stamp against the ledger's root each time, so a projection
/// that fell behind or was changed is noticed, not trusted.
/// </para>
/// </summary>
public static class KeptProjection
{
    /// <summary>How a report got its projection: <see cref="How"/> says it in a sentence.</summary>
    public sealed record Outcome(ReportProjection Projection, string How, bool Replayed, long AppliedEntries);

    public static string PathFor(string dataFolder, ReportMapping mapping) =>
        Path.Combine(dataFolder, Publishing.ReportStore.FolderName, $"projection-{Publishing.ReportStore.Slug(mapping.Stack)}.bin");

    /// <summary>The projection at <paramref name="treeSize"/> (at most the latest signed checkpoint), from the kept file when it can be trusted.</summary>
    public static Outcome At(TransparencyLog ledger, long treeSize, string dataFolder, ReportMapping mapping, Stack stack, PersonKeys keys,
        Func<string, SubjectIdentity?> identityOf)
    {
        var path = PathFor(dataFolder, mapping);
        var kept = ProjectionFile.Read(path, new ReportProjection(mapping, stack, keys, identityOf), keys, ledger, treeSize, out var refusal, out var why);
        if (kept is not null)
        {
            var from = kept.TreeSize;
            kept.ResolveIdentities();
            kept.CatchUp(ledger, treeSize);
            if (treeSize == from)
                return new Outcome(kept, why, Replayed: false, 0);
            var saved = TrySave(kept, path, keys);
            return new Outcome(kept, $"kept at tree size {from}, caught up to {treeSize}{saved}", Replayed: false, treeSize - from);
        }
        var replayed = ReportProjection.Build(ledger, treeSize, mapping, stack, keys, identityOf);
        // An older checkpoint than the kept one is replayed for this report only: the kept file stays the newest.
        var note = refusal == ProjectionFile.Refusal.Newer ? "" : TrySave(replayed, path, keys);
        return new Outcome(replayed, $"replayed the ledger to tree size {treeSize} ({why}){note}", Replayed: true, treeSize);
    }

    /// <summary>
    /// Brings the kept file up to the ledger's latest signed checkpoint, as a report there would
    /// (what the server's background keeper and the bulk recorders call after committing): loads
    /// it, applies the entries since its stamp and writes it back, or replays the ledger when no
    /// file can be trusted.
    /// </summary>
    public static Outcome Keep(TransparencyLog ledger, string dataFolder, ReportMapping mapping, Stack stack, PersonKeys keys, Func<string, SubjectIdentity?> identityOf) =>
        At(ledger, ledger.Checkpoint().Size, dataFolder, mapping, stack, keys, identityOf);

    /// <summary>Writes the file; a data folder that cannot be written to costs the next report a replay, not this one its answer.</summary>
    private static string TrySave(ReportProjection projection, string path, PersonKeys keys)
    {
        try
        {
            ProjectionFile.Write(projection, path, keys);
            return "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"; it could not be kept ({e.Message})";
        }
    }
}
