namespace Comity.Ledger;

/// <summary>
/// Proof that an entry is in the log: its index and leaf hash, the signed checkpoint of a tree
/// that contains it, and the inclusion proof (audit path) from the leaf to that checkpoint's root.
/// <see cref="TlogProof"/> is the same as a C2SP tlog-proof file.
/// </summary>
public sealed record Receipt(long Index, byte[] LeafHash, Checkpoint Checkpoint, IReadOnlyList<byte[]> AuditPath)
{
    /// <summary>The receipt as a C2SP tlog-proof (<c>.tlog-proof</c> file text).</summary>
    public string TlogProof => new TlogProof(Index, AuditPath, Checkpoint.Note).Format();
}
