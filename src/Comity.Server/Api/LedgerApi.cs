using Comity.Ledger;
using Comity.Server.Auth;
using Comity.Recording;

namespace Comity.Server.Api;

/// <summary>An inclusion proof: the entry's leaf hash and its RFC 6962 audit path to the root of the tree of <c>treeSize</c> entries.</summary>
public sealed record InclusionView(long Index, long TreeSize, string LeafHash, IReadOnlyList<string> AuditPath, string? Checkpoint, string? Proof);

/// <summary>An RFC 6962 consistency proof that the tree of <c>from</c> entries is a prefix of the tree of <c>to</c>.</summary>
public sealed record ConsistencyView(long From, long To, IReadOnlyList<string> Proof);

/// <summary>The ledger: the latest signed checkpoint, its key, proofs, and verification of a case against it.</summary>
public static class LedgerApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/ledger/checkpoint", (TransparencyLog ledger) => TypedResults.Text(ledger.Checkpoint().Note, "text/plain; charset=utf-8"))
            .WithName("LatestCheckpoint")
            .WithSummary("The latest checkpoint of the ledger: a C2SP tlog-checkpoint, signed as a C2SP signed note (Ed25519)")
            .Produces<string>(contentType: "text/plain")
            .Allow(Permission.ReadLedger);
        api.MapGet("/ledger/key", (TransparencyLog ledger) => TypedResults.Text(ledger.Verifier.Encoded + "\n", "text/plain; charset=utf-8"))
            .WithName("LedgerKey")
            .WithSummary("The ledger's verifier key (C2SP signed-note vkey), to check checkpoints and receipts with")
            .Produces<string>(contentType: "text/plain")
            .Allow(Permission.ReadLedger);
        api.MapGet("/ledger/entries/{index:long}/inclusion", Inclusion)
            .WithName("InclusionProof")
            .WithSummary("Inclusion proof of an entry: in the latest checkpoint (with the signed checkpoint and a C2SP tlog-proof), or in the tree of treeSize entries")
            .Produces<InclusionView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadLedger);
        api.MapGet("/ledger/consistency", Consistency)
            .WithName("ConsistencyProof")
            .WithSummary("Consistency proof between two tree sizes (to: default the latest checkpoint's)")
            .Produces<ConsistencyView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Allow(Permission.ReadLedger);
        api.MapGet("/cases/{id:long}/verification", (CaseVerifier verifier, long id) =>
                verifier.Verify(id) is { } v ? TypedResults.Ok(v) : Problems.NotFound($"there is no case {id}"))
            .WithName("VerifyCase")
            .WithSummary("Check every ledger entry of a case, and the receipts given for them, against the latest checkpoint")
            .Produces<CaseVerification>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadLedger);
    }

    private static IResult Inclusion(TransparencyLog ledger, long index, long? treeSize)
    {
        try
        {
            if (treeSize is null)
            {
                var receipt = ledger.Receipt(index);
                return TypedResults.Ok(new InclusionView(index, receipt.Checkpoint.Size, Convert.ToBase64String(receipt.LeafHash),
                    Base64(receipt.AuditPath), receipt.Checkpoint.Note, receipt.TlogProof));
            }
            var path = ledger.ProveInclusion(index, treeSize.Value);
            return TypedResults.Ok(new InclusionView(index, treeSize.Value, Convert.ToBase64String(ledger.Read(index).LeafHash), Base64(path), null, null));
        }
        catch (LedgerException e)
        {
            return Problems.NotFound(e.Message);
        }
    }

    private static IResult Consistency(TransparencyLog ledger, long from, long? to)
    {
        var size = to ?? ledger.Checkpoint().Size;
        try
        {
            return TypedResults.Ok(new ConsistencyView(from, size, Base64(ledger.ProveConsistency(from, size))));
        }
        catch (LedgerException e)
        {
            return Problems.BadRequest(e.Message, "from");
        }
    }

    private static string[] Base64(IReadOnlyList<byte[]> hashes) => [.. hashes.Select(Convert.ToBase64String)];
}
