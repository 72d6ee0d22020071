using System.Text;
using System.Text.Json;
using Comity.Disclosure;
using Comity.Ledger;
using Comity.Tests.Cli.Support;
using Comity.Tests.Support;
using static Comity.Tests.Disclosure.Cuts;

namespace Comity.Tests.Disclosure;

/// <summary>A disclosure in the ledger: the request, its answer and the manifest, with a receipt that verifies.</summary>
public class DisclosureRecordTests
{
    [Fact]
    public async Task The_entry_holds_request_answer_and_manifest_and_the_manifest_carries_its_receipt()
    {
        var requestJson = Req.Json("""{ "id": "REQ-9", "act": "bulk-disclose", "data": ["personal-info", "home-address"] }""");
        var plan = Plan(Req.Read(requestJson));
        var (_, result) = Run(plan, "id,name,home\n1,Ana,1 Main St\n");
        var manifest = DisclosureManifest.Build(plan, result, "out.csv");
        using var dir = Repo.TempDir();
        await using var log = TransparencyLog.Open(dir.Path);

        var receipt = await log.AppendAsync(DisclosureRecord.Entry(Encoding.UTF8.GetBytes("\uFEFF" + requestJson), manifest, new DateTimeOffset(2025, 11, 24, 12, 0, 0, TimeSpan.Zero), "records-clerk"));

        var recorded = log.Read(receipt.Index);
        Assert.Equal("disclosure", recorded.Kind);
        Assert.Equal(receipt.LeafHash, recorded.LeafHash);
        TlogProof.Parse(receipt.TlogProof).Verify(log.Verifier, recorded.LeafHash);
        Assert.Equal("REQ-9", recorded.Body.GetProperty("request").GetProperty("id").GetString());
        Assert.Equal("records-clerk", recorded.Body.GetProperty("recordedBy").GetString());
        Assert.False(recorded.Body.TryGetProperty("by", out _));
        Assert.Equal("deny", recorded.Body.GetProperty("answer").GetProperty("outcome").GetString());
        Assert.Equal(result.OutputSha256, recorded.Body.GetProperty("manifest").GetProperty("output").GetProperty("sha256").GetString());

        var handedOut = JsonDocument.Parse(ManifestWriter.ToUtf8(manifest, receipt)).RootElement;
        Assert.Equal(receipt.Index, handedOut.GetProperty("receipt").GetProperty("index").GetInt64());
        Assert.Equal(receipt.TlogProof, handedOut.GetProperty("receipt").GetProperty("proof").GetString());
        // Without its receipt, the manifest handed out is the manifest recorded.
        Assert.Equal(
            JsonCanonicalizer.Canonicalize(ManifestWriter.ToUtf8(manifest)),
            JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(recorded.Body.GetProperty("manifest").GetRawText())));
    }
}
