using System.Security.Cryptography;
using System.Text.Json;
using Comity.Tests.Cli.Support;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Cli;

/// <summary><c>comity redact</c> as a user runs it, with the Los Angeles stack and its booking-records catalog.</summary>
public sealed class RedactCommandTests
{
    private const string Catalog = "stacks/us/ca/los-angeles/catalog/booking-records.json";

    private const string Export =
        "booking_number,cii_number,last_name,immigration_status,home_address,charge_code,charge_description,eye_color\n" +
        "B1,A111,\"Doe, Jr.\",unknown,1 Main St,PC 211,\"robbery \"\"second\"\"\",brown\n" +
        "B2,A222,Roe,citizen,2 Elm St,PC 459,burglary,blue\n" +
        "B3,A111,\"Doe, Jr.\",unknown,1 Main St,PC 245,assault,brown\n";

    /// <summary>
    /// ICE asks LAPD, in a 2023 criminal re-entry case, about one person's criminal history, immigration
    /// status and address, all in LAPD's records (dataHeld: 1373 covers sending status the unit holds,
    /// never collecting it): criminal history (7284.6(b)(2)) and status (8 U.S.C. 1373) may be given; the
    /// address may not (7284.6(a)(1)(D)). (A civil request after Ordinance 188441 would give criminal
    /// history too, the brief's table permitting it, and leave status pending counsel.)
    /// </summary>
    private const string Request = """
        {
          "id": "LAPD-2023-000500",
          "receivedAt": "2023-06-02",
          "actor": { "unit": "lapd", "kind": "law-enforcement" },
          "requester": { "agency": "ice-ero" },
          "act": "disclose",
          "purpose": "criminal-immigration",
          "document": { "type": "letter", "namesSubject": true },
          "data": ["criminal-history", "immigration-status", "home-address"],
          "dataHeld": ["criminal-history", "immigration-status", "home-address"]
        }
        """;

    private static string[] Args(TempDir dir, params string[] more) =>
        ["redact", "--request", Path.Combine(dir.Path, "req.json"), "--catalog", Catalog, "--in", Path.Combine(dir.Path, "in.csv"), "--out", Path.Combine(dir.Path, "out.csv"), "--data", Path.Combine(dir.Path, "data"), .. more];

    private static TempDir Setup(string export = Export)
    {
        var dir = Repo.TempDir();
        dir.Write("req.json", Request);
        dir.Write("in.csv", export);
        return dir;
    }

    [Fact]
    public async Task Cuts_the_export_to_the_persons_permitted_fields_and_writes_a_manifest_whose_digests_check_out()
    {
        using var dir = Setup();

        var run = await ComityCli.RunAsync(Args(dir, "--subject", "cii_number=A111"));

        AssertExit(0, run);
        var output = File.ReadAllBytes(Path.Combine(dir.Path, "out.csv"));
        Assert.Equal("cii_number,immigration_status,charge_code,charge_description\nA111,unknown,PC 211,\"robbery \"\"second\"\"\"\nA111,unknown,PC 245,assault\n", System.Text.Encoding.UTF8.GetString(output));
        Assert.Contains("out.csv: 2 of 3 rows, 4 of 8 fields released (outcome deny)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("out.csv.manifest.json (ledger entry 0)", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("falls under the federal floor", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("comity: warning: 1 field(s) not in catalog lapd-booking-records were dropped: eye_color", run.Stderr, StringComparison.Ordinal);

        var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "out.csv.manifest.json"))).RootElement;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir.Path, "in.csv")))), manifest.GetProperty("input").GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(output)), manifest.GetProperty("output").GetProperty("sha256").GetString());
        Assert.Equal("LAPD-2023-000500", manifest.GetProperty("request").GetProperty("id").GetString());
        Assert.Equal("released", manifest.GetProperty("floor")[0].GetProperty("status").GetString());
        // No temporary file is left behind.
        Assert.Equal(["in.csv", "out.csv", "out.csv.manifest.json", "req.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_manifest_is_recorded_in_the_ledger_and_its_receipt_verifies_offline()
    {
        using var dir = Setup();
        var data = Path.Combine(dir.Path, "data");

        AssertExit(0, await ComityCli.RunAsync(Args(dir, "--subject", "cii_number=A111")));
        var manifestPath = Path.Combine(dir.Path, "out.csv.manifest.json");
        var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath)).RootElement;
        var index = manifest.GetProperty("receipt").GetProperty("index").GetInt64();
        var entry = await ComityCli.RunAsync("ledger", "entry", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data);
        AssertExit(0, entry);
        dir.Write("entry.json", entry.Stdout);
        var verify = await ComityCli.RunAsync("verify-receipt", "--key", Path.Combine(data, "ledger.vkey"), manifestPath, Path.Combine(dir.Path, "entry.json"));

        AssertExit(0, verify);
        Assert.StartsWith($"verified: entry {index} (disclosure, recorded ", verify.Stdout, StringComparison.Ordinal);
        var recorded = JsonDocument.Parse(entry.Stdout).RootElement;
        Assert.Equal("disclosure", recorded.GetProperty("kind").GetString());
        var body = recorded.GetProperty("body");
        // The entry holds the manifest as handed out, less its own receipt, with the request and its answer.
        Assert.Equal(manifest.GetProperty("output").GetProperty("sha256").GetString(), body.GetProperty("manifest").GetProperty("output").GetProperty("sha256").GetString());
        Assert.False(body.GetProperty("manifest").TryGetProperty("receipt", out _));
        Assert.Equal("LAPD-2023-000500", body.GetProperty("request").GetProperty("id").GetString());
        Assert.Equal("deny", body.GetProperty("answer").GetProperty("outcome").GetString());
        // Re-deciding the recorded request gives the decision the manifest names by digest.
        var request = Comity.Tests.Support.Req.Read(body.GetProperty("request").GetRawText());
        var again = Comity.Engine.StackCatalog.ForRoot(Repo.File("stacks")).Find(request, out _)!.Decide(request);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Comity.Contract.AnswerWriter.ToJson(again))));
        Assert.Equal(manifest.GetProperty("decision").GetProperty("digest").GetString(), digest);
    }

    [Fact]
    public async Task A_malformed_export_releases_nothing_and_says_where()
    {
        using var dir = Setup(Export + "B4,A111,Doe,unknown\n");
        dir.Write("out.csv", "an earlier export\n");

        var run = await ComityCli.RunAsync(Args(dir, "--subject", "cii_number=A111"));

        AssertExit(2, run);
        Assert.Contains($"comity: {Path.Combine(dir.Path, "in.csv")}:5:1: this record has 4 fields; the header has 8", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("an earlier export\n", File.ReadAllText(Path.Combine(dir.Path, "out.csv")));
        Assert.Equal(["in.csv", "out.csv", "req.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "data")), "nothing was recorded");
    }

    [Fact]
    public async Task A_request_about_a_named_person_without_the_person_is_refused()
    {
        using var dir = Setup();

        var run = await ComityCli.RunAsync(Args(dir));

        AssertExit(2, run);
        Assert.Contains("act disclose is about a named person: give the person's cii_number (the subject fields of catalog lapd-booking-records)", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "out.csv")));
    }

    [Fact]
    public async Task Standard_input_needs_a_format_and_a_bad_subject_is_named()
    {
        using var dir = Setup();

        var noFormat = await ComityCli.RunAsync(["redact", "--request", Path.Combine(dir.Path, "req.json"), "--catalog", Catalog, "--in", "-", "--out", Path.Combine(dir.Path, "out.csv"), "--data", Path.Combine(dir.Path, "data")]);
        var badSubject = await ComityCli.RunAsync(Args(dir, "--subject", "A111"));

        AssertExit(2, noFormat);
        Assert.Contains("comity: --in -: cannot tell the format from the name; give --format csv or --format jsonl", noFormat.Stderr, StringComparison.Ordinal);
        AssertExit(2, badSubject);
        Assert.Contains("comity: --subject: \"A111\" is not FIELD=VALUE", badSubject.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_json_lines_from_standard_input()
    {
        using var dir = Setup();
        var lines = "{\"cii_number\":\"A111\",\"charge_code\":\"PC 211\",\"home_address\":\"1 Main St\"}\n{\"cii_number\":\"A222\",\"charge_code\":\"PC 459\"}\n";

        var run = await ComityCli.RunAsync(
            ["redact", "--request", Path.Combine(dir.Path, "req.json"), "--catalog", Catalog, "--in", "-", "--format", "jsonl", "--out", Path.Combine(dir.Path, "out.jsonl"), "--data", Path.Combine(dir.Path, "data"), "--subject", "cii_number=A111"],
            lines);

        AssertExit(0, run);
        Assert.Equal("{\"cii_number\":\"A111\",\"charge_code\":\"PC 211\"}\n", File.ReadAllText(Path.Combine(dir.Path, "out.jsonl")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "out.jsonl.manifest.json")));
    }
}
