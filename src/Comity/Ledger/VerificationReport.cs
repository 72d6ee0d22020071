namespace Comity.Ledger;

/// <summary>
/// What a full verification found. <see cref="Problems"/> is empty when every entry hashes to
/// its stored leaf, the leaves to every signed checkpoint's root, and every signature verifies.
/// <see cref="FirstBadEntry"/> names the earliest entry implicated: the entry itself when its
/// bytes or its leaf hash were changed, or the first entry a mismatching checkpoint covers
/// beyond the last good one when entries and hashes were changed together.
/// </summary>
public sealed record VerificationReport(long Entries, long Checkpoints, byte[] RootHash, IReadOnlyList<string> Problems, long? FirstBadEntry)
{
    public bool Ok => Problems.Count == 0;
}
