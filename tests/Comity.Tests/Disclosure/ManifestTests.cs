using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Comity.Contract;
using Comity.Disclosure;
using Comity.Tests.Support;
using static Comity.Tests.Disclosure.Cuts;

namespace Comity.Tests.Disclosure;

/// <summary>The disclosure manifest: what it says, and that its digests check out.</summary>
public class ManifestTests
{
    private const string Export = "id,name,home,cii,ssn,eyes\n1,Ana,1 Main St,A1,111,brown\n2,Bo,2 Elm St,A2,222,blue\n1,Ana,1 Main St,A3,111,brown\n";

    private static (DisclosureManifest Manifest, JsonElement Json, byte[] Output) Build(DisclosurePlan plan)
    {
        using var output = new MemoryStream();
        var result = Redactor.Redact(plan, new MemoryStream(Encoding.UTF8.GetBytes(Export)), output, RecordFormat.Csv, "in.csv");
        var manifest = DisclosureManifest.Build(plan, result, "out.csv");
        return (manifest, JsonDocument.Parse(ManifestWriter.ToUtf8(manifest)).RootElement, output.ToArray());
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public void Digests_of_input_output_and_decision_check_out()
    {
        var request = Req.With("""{ "id": "REQ-1", "act": "disclose", "data": ["personal-info", "home-address"] }""");
        var plan = Plan(request, subject: Subject(("id", "1")));
        var (_, json, output) = Build(plan);

        Assert.Equal(Sha256(Encoding.UTF8.GetBytes(Export)), json.GetProperty("input").GetProperty("sha256").GetString());
        Assert.Equal(Sha256(output), json.GetProperty("output").GetProperty("sha256").GetString());
        Assert.Equal(output.Length, json.GetProperty("output").GetProperty("bytes").GetInt64());
        Assert.Equal("sha256:" + Sha256(Encoding.UTF8.GetBytes(AnswerWriter.ToJson(plan.Answer))), json.GetProperty("decision").GetProperty("digest").GetString());
        Assert.Equal(plan.Catalog.Digest, json.GetProperty("catalog").GetProperty("digest").GetString());
    }

    [Fact]
    public void Says_which_request_which_rows_and_every_field_with_its_basis_and_rules()
    {
        var request = Req.With("""{ "id": "REQ-1", "act": "disclose", "data": ["personal-info", "home-address"] }""");
        var (_, json, output) = Build(Plan(request, subject: Subject(("id", "1"))));

        Assert.Equal("id,name\n1,Ana\n1,Ana\n", Encoding.UTF8.GetString(output));
        Assert.Equal(DisclosureManifest.Version, json.GetProperty("manifest").GetString());
        Assert.Equal("REQ-1", json.GetProperty("request").GetProperty("id").GetString());
        Assert.Equal("disclose", json.GetProperty("request").GetProperty("act").GetString());
        Assert.Equal("deny", json.GetProperty("decision").GetProperty("outcome").GetString());
        Assert.Equal("permit", json.GetProperty("decision").GetProperty("data").GetProperty("personal-info").GetString());
        Assert.Equal(3, json.GetProperty("input").GetProperty("rows").GetInt64());
        Assert.Equal(2, json.GetProperty("output").GetProperty("rows").GetInt64());
        Assert.Equal("id", json.GetProperty("subject").GetProperty("fields")[0].GetString());
        // The person is named by digest, never by the identifier itself.
        Assert.StartsWith("sha256:", json.GetProperty("subject").GetProperty("digest").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"1\"", json.GetProperty("subject").GetRawText(), StringComparison.Ordinal);

        var fields = json.GetProperty("fields").EnumerateArray()
            .Select(f => $"{f.GetProperty("field").GetString()} {f.GetProperty("item")} {f.GetProperty("kept").GetBoolean()} {f.GetProperty("basis").GetString()} [{string.Join(",", f.GetProperty("rules").EnumerateArray().Select(r => r.GetString()))}]")
            .ToList();
        Assert.Equal(
        [
            "id personal-info True permit [r.permit]",
            "name personal-info True permit [r.permit]",
            "home home-address False deny [r.deny]",
            "cii criminal-history False not-requested []",
            "ssn  False catalog-none []",
            "eyes  False unmapped []",
        ], fields);
        Assert.Equal(["eyes"], json.GetProperty("unmapped").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, json.GetProperty("floor").GetArrayLength());
    }

    [Fact]
    public void Warns_of_unmapped_fields_and_of_a_person_with_no_rows()
    {
        var request = Req.With("""{ "act": "disclose", "data": ["personal-info"] }""");
        var (manifest, json, _) = Build(Plan(request, subject: Subject(("id", "9"))));

        Assert.Equal(
        [
            "1 field(s) not in catalog people were dropped: eyes; catalog them (unmapped fields are never released)",
            "no row of the export is the subject's: nothing was released",
        ], manifest.Warnings);
        Assert.Equal(2, json.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public void A_bulk_disclosure_has_no_subject()
    {
        Assert.Equal(JsonValueKind.Null, Build(Plan()).Json.GetProperty("subject").ValueKind);
    }
}
