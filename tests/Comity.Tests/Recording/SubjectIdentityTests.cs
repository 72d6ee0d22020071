using System.Text;
using System.Text.Json.Nodes;
using Comity.Tests.Cli.Support;
using Comity.Tests.Recording.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Recording;

/// <summary>
/// Contract 1.1's <c>subject.identity</c> is kept with the case and searchable, and never reaches the
/// ledger in clear: not its entries, tiles or checkpoints; the entry holds only a salted commitment.
/// </summary>
public abstract class SubjectIdentityTests(StoreProvider provider)
{
    private const string Name = "Maria Exemplar-Sanchez";

    private static string Named(string id, string name = Name, string booking = "BK-99812345", string aNumber = "A-123-456-789", string born = "1990-04-02") =>
        CliExamples.ExampleLine(id, r => r["subject"]!["identity"] = new JsonObject
        {
            ["name"] = name, ["bookingNumber"] = booking, ["aNumber"] = aNumber, ["dateOfBirth"] = born,
            ["gender"] = "female", ["raceEthnicity"] = "hispanic", ["countryOfBirth"] = "MX", ["language"] = "es",
            ["attorney"] = new JsonObject { ["name"] = "Ana Counsel", ["contact"] = "ana@example.org" },
        });

    [Fact]
    public async Task The_case_keeps_the_identity_and_the_entry_commits_it_by_a_salted_hash()
    {
        using var site = new RecordingSite(provider);

        var recorded = await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes(Named("NAMED-1")), "clerk");

        var c = site.Cases.Find(recorded.Value!.CaseId)!;
        Assert.Equal(Name, c.Identity!.Identity.Name);
        Assert.Equal("MX", c.Identity.Identity.CountryOfBirth);
        Assert.Equal("female", c.Identity.Identity.Gender);
        Assert.Equal("Ana Counsel", c.Identity.Identity.Attorney!.Name);
        Assert.Equal(Name, c.Summary.PersonName);
        Assert.True(c.Identity.Holds);
        var entry = site.Ledger.Read(recorded.Value.Receipt.Index);
        Assert.Equal(c.Identity.Commitment, entry.Body.GetProperty("identity").GetString());
        Assert.Equal(Comity.Cases.CaseIdentity.Commit(c.Identity.Salt, c.Identity.Json), entry.Body.GetProperty("identity").GetString());
        // Without the salt, the identity's own hash is not the commitment: a guessed name cannot be confirmed.
        Assert.NotEqual("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(c.Identity.Json)), c.Identity.Commitment);
        Assert.True(site.Verifier.Verify(c.Summary.Id)!.Verified);
    }

    [Theory]
    [InlineData("exemplar-sanchez")]
    [InlineData("maria sanchez")]
    [InlineData("BK-99812345")]
    [InlineData("bk99812345")]
    [InlineData("A123456789")]
    [InlineData("123-456-789")]
    [InlineData("1990-04-02")]
    public async Task A_case_is_found_by_the_persons_name_booking_or_a_number(string query)
    {
        using var site = new RecordingSite(provider);
        var named = await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes(Named("NAMED-2")), "clerk");
        await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes(Named("OTHER-1", "Jonas Other", "BK-11111111", "A-999-888-777", "1985-01-30")), "clerk");
        await site.DecideExample(id: "NOBODY-1");

        var found = site.Cases.List(new Comity.Cases.CaseQuery { Text = query });

        Assert.Equal([named.Value!.CaseId], found.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task An_edited_identity_fails_verification()
    {
        using var site = new RecordingSite(provider);
        var recorded = await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes(Named("NAMED-3")), "clerk");

        Assert.Equal(1, site.Execute("UPDATE identities SET identity_json = replace(identity_json, 'Maria', 'Marta')"));

        var verification = site.Verifier.Verify(recorded.Value!.CaseId)!;
        Assert.Contains(verification.Facts, f => f.Fact == "person" && !f.Verified && f.Detail.Contains("does not hash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_case_rebuilt_from_the_ledger_finds_its_kept_identity()
    {
        using var site = new RecordingSite(provider);
        var recorded = await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes(Named("NAMED-4")), "clerk");
        var body = site.Cases.Find(recorded.Value!.CaseId)!.Decision.BodyJson;
        var receipt = await site.Ledger.AppendAsync(new Comity.Ledger.LedgerEntry("decision", Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow));

        var report = new Comity.Recording.CaseProjection(site.Ledger, site.Cases).CatchUp();

        Assert.Empty(report.Problems);
        var rebuilt = site.Cases.Find(site.Cases.FindByLedgerIndex(receipt.Index)!.Value)!;
        Assert.Equal(Name, rebuilt.Identity!.Identity.Name);
        Assert.True(site.Verifier.Verify(rebuilt.Summary.Id)!.Verified);
    }

    [Fact]
    public async Task A_named_person_is_in_no_ledger_entry_tile_or_checkpoint()
    {
        using var site = new RecordingSite(provider);
        var line = Named("NAMED");

        var recorded = await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes(line), "clerk");

        Assert.Null(recorded.Error);
        var entry = site.Ledger.Read(recorded.Value!.Receipt.Index);
        Assert.False(entry.Body.GetProperty("request").GetProperty("subject").TryGetProperty("identity", out _));
        Assert.Equal("NAMED", entry.Body.GetProperty("request").GetProperty("id").GetString());
        Assert.DoesNotContain(Name, Encoding.UTF8.GetString(entry.Canonical), StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(site.DataFolder, "ledger.db*"))
            Assert.DoesNotContain("Exemplar", Encoding.Latin1.GetString(ReadShared(file)), StringComparison.Ordinal);
        Assert.DoesNotContain(Name, Encoding.UTF8.GetString(recorded.Value.Sent()), StringComparison.Ordinal);
        Assert.DoesNotContain(Name, site.Ledger.Checkpoint().Note, StringComparison.Ordinal);

        using var tiles = Repo.TempDir();
        site.Ledger.ExportTiles(tiles.Path);
        var files = Directory.GetFiles(tiles.Path, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Name)) < 0, $"{file} holds the name");
            Assert.True(bytes.AsSpan().IndexOf("BK-99812345"u8) < 0, $"{file} holds the booking number");
            Assert.True(bytes.AsSpan().IndexOf("123-456-789"u8) < 0, $"{file} holds the A-number");
        }
    }

    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

public sealed class SubjectIdentityTestsOnSqlite() : SubjectIdentityTests(StoreProvider.Sqlite);

public sealed class SubjectIdentityTestsOnPostgres() : SubjectIdentityTests(StoreProvider.Postgres);
