using Comity.Server.Auth;
using Comity.Server.Recording;

namespace Comity.Server.Api;

/// <summary>The ledger: the latest signed checkpoint, proofs, and verification of a case against it.</summary>
public static class LedgerApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/ledger/checkpoint", (LedgerService ledger) => TypedResults.Text(ledger.Checkpoint(), "text/plain; charset=utf-8"))
            .WithName("LatestCheckpoint")
            .WithSummary("The latest checkpoint of the ledger, a signed note (C2SP tlog-checkpoint)")
            .Produces<string>(contentType: "text/plain")
            .Allow(Permission.ReadLedger);
        api.MapGet("/cases/{id:long}/verification", (CaseVerifier verifier, long id) =>
                verifier.Verify(id) is { } v ? TypedResults.Ok(v) : Problems.NotFound($"there is no case {id}"))
            .WithName("VerifyCase")
            .WithSummary("Check every ledger entry of a case against the latest checkpoint")
            .Produces<CaseVerification>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadLedger);
    }
}
