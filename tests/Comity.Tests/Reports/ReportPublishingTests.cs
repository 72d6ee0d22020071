using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;
using Comity.Reports;
using Comity.Reports.Publishing;
using Comity.Tests.Reports.Support;

namespace Comity.Tests.Reports;

/// <summary>
/// Publishing (C5, C6, C7): a version is signed with the ledger key over its manifest's hash and
/// recorded as a <c>report</c> entry; a void recorded afterwards changes version 2, never version 1,
/// and version 2 shows the changed cells, the void and the reason; a year without requests is a
/// signed certified zero.
/// </summary>
public sealed class ReportPublishingTests
{
    private const string Hold = """{"id":"R-1","receivedAt":"2025-03-04T09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true}}""";

    private const string LosAngeles = "us/ca/los-angeles";
    private static readonly DateTimeOffset At = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_correction_after_version_1_makes_version_2_with_its_diff_and_reason_and_leaves_version_1_as_it_was()
    {
        using var site = new ReportSite();
        var decided = await site.Decide(Hold);
        var store = new ReportStore(site.DataFolder);

        var v1 = await ReportPublisher.PublishAsync(site.Folder.Ledger, store, site.Maker().TruthAct(2025, ReportMaker.Public), null, "counsel-1", At);

        Assert.Equal(1, v1.Version);
        var entry = PublishedReport.Read(site.Folder.Ledger.Read(v1.LedgerIndex));
        Assert.Equal(("truth-act", "2025", 1, "public", "counsel-1"), (entry.Report, entry.Period, entry.Version, entry.Copy, EntryActor.Of(site.Folder.Ledger.Read(v1.LedgerIndex).Body)));
        var files1 = store.Read(LosAngeles, "truth-act", "2025", "public", 1)!;
        Assert.Equal(entry.ManifestSha256, ReportPublisher.Sha256(files1["manifest.json"]));
        AssertSigned(site.Folder.Ledger, files1, "truth-act 2025 v1 public");
        using (var manifest = JsonDocument.Parse(files1["manifest.json"]))
        {
            Assert.False(manifest.RootElement.GetProperty("draft").GetBoolean());
            // Every file is named with its hash, so the signature over the manifest covers them all.
            foreach (var f in manifest.RootElement.GetProperty("files").EnumerateArray())
                Assert.Equal(f.GetProperty("sha256").GetString(), ReportPublisher.Sha256(files1[f.GetProperty("name").GetString()!]));
        }
        Assert.DoesNotContain("changes.csv", files1.Keys);

        var voided = await site.Workflow.VoidAsync(decided.CaseId, CorrectionReason.Duplicate, "Entered twice.", "clerk");
        Assert.Null(voided.Error);
        var again = site.Maker().TruthAct(2025, ReportMaker.Public);
        var refused = await Assert.ThrowsAsync<ReportException>(() => ReportPublisher.PublishAsync(site.Folder.Ledger, store, again, " ", "counsel-1", At));
        Assert.Contains("--reason", refused.Message, StringComparison.Ordinal);

        var v2 = await ReportPublisher.PublishAsync(site.Folder.Ledger, store, site.Maker().TruthAct(2025, ReportMaker.Public), "The hold of March was recorded twice.", "counsel-1", At);

        Assert.Equal(2, v2.Version);
        var files2 = store.Read(LosAngeles, "truth-act", "2025", "public", 2)!;
        AssertSigned(site.Folder.Ledger, files2, "truth-act 2025 v2 public");
        var changes = Text(files2["changes.csv"]);
        Assert.StartsWith("table,row,column,previous_value,new_value\r\n", changes, StringComparison.Ordinal);
        Assert.Contains("t1_access_by_type,total,requests_received,1,0\r\n", changes, StringComparison.Ordinal);
        Assert.True(changes.Contains("t7_month_by_month,total,requests_received,1,0\r\n", StringComparison.Ordinal), changes);
        var voidIndex = site.Folder.Ledger.Size - 2; // the void, then version 2's own report entry
        Assert.Equal($"ledger_index,kind,reason_code,public_note\r\n{voidIndex},void,duplicate,Entered twice.\r\n", Text(files2["corrections.csv"]));
        using (var manifest = JsonDocument.Parse(files2["manifest.json"]))
        {
            Assert.Equal(v1.ManifestSha256, manifest.RootElement.GetProperty("previousManifestSha256").GetString());
            Assert.Equal("The hold of March was recorded twice.", manifest.RootElement.GetProperty("reason").GetString());
        }
        // Version 1 is as published: its files and the hash its ledger entry holds.
        Assert.Equal(files1.Keys, store.Read(LosAngeles, "truth-act", "2025", "public", 1)!.Keys);
        Assert.Equal(v1.ManifestSha256, ReportPublisher.Sha256(store.Read(LosAngeles, "truth-act", "2025", "public", 1)!["manifest.json"]));
        Assert.Equal([1, 2], ReportPublisher.Versions(site.Folder.Ledger, LosAngeles, "truth-act", "2025", "public").Select(p => p.Version));
    }

    /// <summary>
    /// C7 on the page and C8 in the compliance report: version 2's report.html shows the cells that
    /// changed, the void and the reason (version 1's has no such section), and c5_reconciliation.csv
    /// holds every check and compares the headline totals with version 1, the void explaining the
    /// difference.
    /// </summary>
    [Fact]
    public async Task Version_2s_page_shows_what_changed_and_c5_reconciles_the_totals_against_version_1()
    {
        using var site = new ReportSite();
        var decided = await site.Decide(Hold);
        var store = new ReportStore(site.DataFolder);
        await ReportPublisher.PublishAsync(site.Folder.Ledger, store, site.Maker(store, publishing: true).TruthAct(2025, ReportMaker.Internal), null, "counsel-1", At);
        Assert.DoesNotContain("Changes from the previous version", Text(store.Read(LosAngeles, "truth-act", "2025", "internal", 1)!["report.html"]), StringComparison.Ordinal);
        var before = Reconcile(site, store);
        Assert.All(before.Where(r => !r[0].StartsWith("previous-", StringComparison.Ordinal)), r => Assert.Equal("holds", r[6]));
        Assert.Contains(before, r => r[0] == "t1-t2" && r[1] == "t1_access_by_type.csv 2025 hold requests_received" && r[2] == "1" && r[4] == "1");
        Assert.Equal(["previous-requests-received", "truth-act 2025 v1 (internal) t1_access_by_type.csv total requests_received", "1"], before.Single(r => r[0] == "previous-requests-received")[..3]);
        Assert.Equal(["1", "0", "unchanged since version 1"], before.Single(r => r[0] == "previous-requests-received")[4..]);

        var voided = await site.Workflow.VoidAsync(decided.CaseId, CorrectionReason.Duplicate, "Entered twice.", "clerk");
        Assert.Null(voided.Error);
        var after = Reconcile(site, store);
        var requests = after.Single(r => r[0] == "previous-requests-received");
        Assert.Equal(["1", "0", "-1"], [requests[2], requests[4], requests[5]]);
        Assert.StartsWith("1 corrections or voids recorded since version 1's checkpoint", requests[6], StringComparison.Ordinal);
        Assert.All(after.Where(r => !r[0].StartsWith("previous-", StringComparison.Ordinal)), r => Assert.Equal("holds", r[6]));

        await ReportPublisher.PublishAsync(site.Folder.Ledger, store, site.Maker(store, publishing: true, reason: "The hold of March was recorded twice.").TruthAct(2025, ReportMaker.Internal),
            "The hold of March was recorded twice.", "counsel-1", At);
        var html = Text(store.Read(LosAngeles, "truth-act", "2025", "internal", 2)!["report.html"]);
        Assert.Contains("<h2 id=\"changes\">Changes from the previous version</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Why: The hold of March was recorded twice.", html, StringComparison.Ordinal);
        Assert.Contains("<caption>Cells changed since version 1 [cells] (changes.csv)</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">t1_access_by_type</th><td>total</td><td>requests_received</td><td class=\"n\">1</td><td class=\"n\">0</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Entered twice.</td>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"changes\"", StringComparison.Ordinal) < html.IndexOf("id=\"appendix\"", StringComparison.Ordinal), "the changes come before the appendix");
    }

    private static List<string[]> Reconcile(ReportSite site, ReportStore store)
    {
        var files = Comity.Reports.Internal.InternalReports.Compliance(site.Folder.Ledger, site.Mapping, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31),
            site.Cases.FindByLedgerIndex, maker: site.Maker(store));
        var rows = Csv.Read(files["c5_reconciliation.csv"]);
        Assert.Equal("check,left,left_value,right,right_value,difference,explanation", string.Join(",", rows[0]));
        return [.. rows.Skip(1)];
    }

    [Fact]
    public async Task A_year_without_requests_is_a_signed_certified_zero()
    {
        using var site = new ReportSite();
        await site.Decide(Hold);
        var store = new ReportStore(site.DataFolder);

        var published = await ReportPublisher.PublishAsync(site.Folder.Ledger, store, site.Maker().TruthAct(2023, ReportMaker.Public), null, "admin", At);

        var files = store.Read(LosAngeles, "truth-act", "2023", "public", 1)!;
        var statement = Text(files["certified_zero.txt"]);
        Assert.StartsWith("Comity recorded no requests from federal immigration authorities to Los Angeles Police Department", statement, StringComparison.Ordinal);
        Assert.Contains("between 2023-01-01 and 2023-12-31", statement, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(files["manifest.json"]);
        Assert.Contains(manifest.RootElement.GetProperty("files").EnumerateArray(),
            f => f.GetProperty("name").GetString() == "certified_zero.txt" && f.GetProperty("sha256").GetString() == ReportPublisher.Sha256(files["certified_zero.txt"]));
        AssertSigned(site.Folder.Ledger, files, "truth-act 2023 v1 public");
        Assert.Equal(published.ManifestSha256, ReportPublisher.Sha256(files["manifest.json"]));
    }

    [Fact]
    public async Task A_signature_over_an_altered_manifest_does_not_verify()
    {
        using var site = new ReportSite();
        await site.Decide(Hold);
        var store = new ReportStore(site.DataFolder);
        await ReportPublisher.PublishAsync(site.Folder.Ledger, store, site.Maker().TruthAct(2025, ReportMaker.Internal), null, "admin", At);
        var files = store.Read(LosAngeles, "truth-act", "2025", "internal", 1)!;
        var note = Text(files["manifest.sig"]);
        var forged = note.Replace(ReportPublisher.Sha256(files["manifest.json"]), new string('0', 64), StringComparison.Ordinal);

        Assert.Throws<LedgerException>(() => SignedNote.Open(forged, site.Folder.Ledger.Verifier));
    }

    /// <summary>manifest.sig is a signed note by the ledger's key naming the version and the manifest's SHA-256.</summary>
    private static void AssertSigned(TransparencyLog ledger, IReadOnlyDictionary<string, byte[]> files, string version)
    {
        var text = SignedNote.Open(Text(files["manifest.sig"]), ledger.Verifier);
        Assert.Equal($"{ReportPublisher.NoteHeading}\n{version}\nsha256 {ReportPublisher.Sha256(files["manifest.json"])}\n", text);
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
