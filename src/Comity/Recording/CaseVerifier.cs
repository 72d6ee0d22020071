using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;
using Comity.Recording.Internal;

namespace Comity.Recording;

/// <summary>The outcome of checking one ledger entry of a case against the ledger.</summary>
public sealed record EntryVerification(long LedgerIndex, string Kind, bool Verified, string Detail);

/// <summary>The outcome of checking one fact staff see (the outcome in force, an obligation served, a review, ...) against the ledger.</summary>
public sealed record FactVerification(string Fact, bool Verified, string Detail);

/// <summary>The outcome of checking a whole case: every entry and every fact must hold for the case to verify.</summary>
public sealed record CaseVerification(long CaseId, string Checkpoint, IReadOnlyList<EntryVerification> Entries, IReadOnlyList<FactVerification> Facts)
{
    public bool Verified => Entries.Count > 0 && Entries.All(e => e.Verified) && Facts.All(f => f.Verified);
}

/// <summary>
/// "Verify this case". Each entry the case holds (the decision and every later event) is checked
/// against the ledger: the ledger must hold the same kind and body (compared in RFC 8785
/// canonical form); the receipt given at the time must name the entry's leaf hash and carry a
/// signed checkpoint whose inclusion proof leads to that leaf; and that checkpoint must be
/// consistent with the latest one. Then every fact a page or the API shows of the case (the
/// request's particulars, who recorded it, the outcome in force, where it stands, the
/// obligations and which were served, the reviews, the history) is compared with the case as the
/// ledger tells it: its decision entry and every referral, review and obligation entry that
/// points at it. An edited row of the case database, or an event dropped from it, fails.
/// </summary>
/// <remarks>
/// With <paramref name="documents"/>, every attached document's file is read again and must hash
/// to the SHA-256 its ledger entry names: a changed byte in a kept file fails the case.
/// </remarks>
public sealed class CaseVerifier(CaseStore cases, TransparencyLog ledger, Documents.DocumentStore? documents = null)
{
    public CaseVerification? Verify(long caseId)
    {
        var c = cases.Find(caseId);
        if (c is null)
            return null;
        var latest = ledger.Checkpoint();
        var entries = new[] { c.Decision }.Concat(c.Events).Select(e => Check(e, latest)).ToList();
        IReadOnlyList<FactVerification> facts;
        try
        {
            facts = CaseFacts.Compare(c, LedgerCase.Replay(ledger, c.Summary.LedgerIndex));
        }
        catch (Exception x) when (x is LedgerException or FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            facts = [new FactVerification("case", false, $"the case cannot be rebuilt from the ledger: {x.Message}")];
        }
        facts = [.. facts, .. Files(c), .. Reproduced(c)];
        return new CaseVerification(caseId, latest.Note, entries, facts);
    }

    private readonly Replay.Reproducer reproducer = new(ledger);

    /// <summary>Each attached document's file, read from the data folder, hashes to what its entry names.</summary>
    private IEnumerable<FactVerification> Files(CaseDetail c)
    {
        if (documents is null || c.Documents.Count == 0)
            yield break;
        var problems = c.Documents.Select(d => documents.Problem(d.Sha256)).Where(p => p is not null).ToList();
        yield return problems.Count == 0
            ? new FactVerification("document files", true, $"{c.Documents.Count} file(s) kept in the data folder, each hashing to the SHA-256 its document entry names")
            : new FactVerification("document files", false, string.Join("; ", problems));
    }

    /// <summary>
    /// The decision, and each correction's, decided again with the stack version it recorded, read
    /// back from the ledger alone: the answer must come out the same bytes (comity ledger reproduce).
    /// </summary>
    private IEnumerable<FactVerification> Reproduced(CaseDetail c)
    {
        foreach (var e in new[] { c.Decision }.Concat(c.Events.Where(e => e.Kind == CaseEventKinds.Correction)))
        {
            Replay.Irreproducible? problem;
            try
            {
                problem = reproducer.Check(e.LedgerIndex);
            }
            catch (LedgerException x)
            {
                problem = new Replay.Irreproducible(e.LedgerIndex, e.Kind, x.Message);
            }
            yield return problem is null
                ? new FactVerification("reproduced", true, $"entry {e.LedgerIndex} ({e.Kind}) decided again under the law it recorded, from the ledger alone: the same answer, byte for byte")
                : new FactVerification("reproduced", false, $"entry {e.LedgerIndex} ({e.Kind}) does not reproduce: {problem.Problem}");
        }
    }

    private EntryVerification Check(CaseEvent e, Checkpoint latest)
    {
        try
        {
            var recorded = ledger.Read(e.LedgerIndex);
            if (recorded.Kind != e.Kind)
                return Fail(e, $"the ledger's entry {e.LedgerIndex} is a {recorded.Kind}, not a {e.Kind}");
            var kept = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(e.BodyJson));
            if (!Encoding.UTF8.GetBytes(recorded.Body.GetRawText()).AsSpan().SequenceEqual(kept))
                return Fail(e, "the ledger's entry differs from what the case holds");
            if (EntryActor.Of(recorded.Body) != e.RecordedBy)
                return Fail(e, $"the case says {e.RecordedBy} recorded it; the ledger's entry says {EntryActor.Of(recorded.Body)}");
            using var receipt = JsonDocument.Parse(e.ReceiptJson);
            var leaf = receipt.RootElement.GetProperty("leafHash").GetBytesFromBase64();
            if (!leaf.AsSpan().SequenceEqual(recorded.LeafHash))
                return Fail(e, "the receipt's leaf hash is not the hash of the entry");
            if (receipt.RootElement.GetProperty("index").GetInt64() != e.LedgerIndex)
                return Fail(e, $"the receipt is for entry {receipt.RootElement.GetProperty("index").GetInt64()}, not {e.LedgerIndex}");
            var then = TlogProof.Parse(receipt.RootElement.GetProperty("proof").GetString()!).Verify(ledger.Verifier, recorded.LeafHash);
            if (then.Size > latest.Size
                || !Merkle.VerifyConsistency(then.Size, latest.Size, then.RootHash, latest.RootHash, ledger.ProveConsistency(then.Size, latest.Size)))
                return Fail(e, $"the receipt's checkpoint (tree size {then.Size}) is not consistent with the latest (tree size {latest.Size})");
            return new EntryVerification(e.LedgerIndex, e.Kind, true,
                $"in the ledger, unchanged; its receipt's signed checkpoint (tree size {then.Size}) includes it and is consistent with the latest (tree size {latest.Size})");
        }
        catch (Exception x) when (x is LedgerException or FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Fail(e, x.Message);
        }
    }

    private static EntryVerification Fail(CaseEvent e, string why) => new(e.LedgerIndex, e.Kind, false, why);
}
