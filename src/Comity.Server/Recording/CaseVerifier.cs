using System.Text;
using Comity.Cases;

namespace Comity.Server.Recording;

/// <summary>The outcome of checking one ledger entry of a case against the ledger.</summary>
public sealed record EntryVerification(long LedgerIndex, string Kind, bool Verified, string Detail);

/// <summary>The outcome of checking a whole case: every entry must hold for the case to verify.</summary>
public sealed record CaseVerification(long CaseId, string Checkpoint, IReadOnlyList<EntryVerification> Entries)
{
    public bool Verified => Entries.Count > 0 && Entries.All(e => e.Verified);
}

/// <summary>
/// "Verify this case": each entry the case database holds for a case (the decision and every later
/// event) is checked against the ledger's current signed checkpoint, from the entry's own bytes.
/// </summary>
public sealed class CaseVerifier(CaseStore cases, LedgerService ledger)
{
    public CaseVerification? Verify(long caseId)
    {
        var c = cases.Find(caseId);
        if (c is null)
            return null;
        var checkpoint = ledger.Checkpoint();
        var entries = new[] { c.Decision }.Concat(c.Events)
            .Select(e => ledger.Verify(e.LedgerIndex, e.Kind, Encoding.UTF8.GetBytes(e.BodyJson))
                ? new EntryVerification(e.LedgerIndex, e.Kind, true, "included in the checkpoint, bytes identical")
                : new EntryVerification(e.LedgerIndex, e.Kind, false, "the ledger does not hold this entry as the case records it"))
            .ToArray();
        return new CaseVerification(caseId, checkpoint, entries);
    }
}
