using System.Text;
using Comity.Cases;
using Comity.Contract;
using Comity.Reports;
using Comity.Reports.Publishing;
using Comity.Tests.Reports.Support;

namespace Comity.Tests.Reports;

/// <summary>
/// The projection kept in the data folder (reports.md section 10): every report made from it is
/// byte for byte the report made by replaying the whole ledger, on the generated year of
/// <see cref="TruthActYearTests"/> (corrections, voids, counsel overrides, an empty month), the
/// compliance report included, which reads only the entries the kept projection says it can depend on; a kept
/// file whose stamp or seal does not match is not used; catching up after new entries gives the
/// files a rebuild gives.
/// </summary>
public sealed class KeptProjectionTests
{
    private const int Year = 2025;

    [Fact]
    public async Task Every_report_from_the_kept_projection_equals_the_report_from_a_replay()
    {
        using var site = new ReportSite();
        await TruthActYearTests.RecordYear(site);

        var first = Kept(site);
        first.Project();
        Assert.StartsWith("replayed the ledger", first.ProjectionNote, StringComparison.Ordinal);
        Assert.True(File.Exists(KeptProjection.PathFor(site.DataFolder, site.Mapping)));

        var kept = Kept(site);
        var fromKept = AllReports(site, kept);
        Assert.StartsWith("kept at tree size", kept.ProjectionNote, StringComparison.Ordinal);
        var replayed = AllReports(site, site.Maker());
        SameFiles(replayed, fromKept);
        Assert.Contains(replayed.Keys, k => k.StartsWith("sb54/", StringComparison.Ordinal));
        Assert.Contains(replayed.Keys, k => k.StartsWith("transparency/", StringComparison.Ordinal));
        // The compliance files compared are not empty: counsel's overrides and duties not served are listed.
        Assert.True(Csv.Read(fromKept["compliance-01-12/c2_counsel_overrides.csv"]).Count > 1);
        Assert.True(Csv.Read(fromKept["compliance-06-12/c1_overdue_obligations.csv"]).Count > 1);
        Assert.True(Csv.Read(fromKept["compliance-01-12/c1_overdue_obligations.csv"]).Count > Csv.Read(fromKept["compliance-06-12/c1_overdue_obligations.csv"]).Count);

        // Identity never enters the kept file: person keys and codes only.
        var bytes = Encoding.UTF8.GetString(File.ReadAllBytes(KeptProjection.PathFor(site.DataFolder, site.Mapping)));
        Assert.DoesNotContain("Person Number", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("BK-0", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catching_up_after_new_entries_gives_the_files_of_a_rebuild()
    {
        using var site = new ReportSite();
        var planned = await TruthActYearTests.RecordYear(site);
        var keeping = Kept(site);
        keeping.Project();
        Assert.StartsWith("replayed the ledger", keeping.ProjectionNote, StringComparison.Ordinal);
        var keptAt = site.Folder.Ledger.Checkpoint().Size;

        // After the kept stamp: new requests, a correction and a void of old ones, counsel's override, an action.
        var hold = """{"id":"LATE-1","receivedAt":"2025-11-03T09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd-jail-division","kind":"jail"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true,"identity":{"name":"Late Person","bookingNumber":"BK-LATE-1","gender":"male"}}}""";
        var late = await site.Decide(hold);
        var old = planned.First(p => !p.Voided && p.Act == "transfer");
        var voided = await site.Workflow.VoidAsync(old.CaseId, CorrectionReason.Duplicate, "Entered twice.", "clerk");
        Assert.True(voided.Error is null, voided.Error?.Message);
        var corrected = await site.Workflow.CorrectAsync(late.CaseId, Encoding.UTF8.GetBytes(hold.Replace("2025-11-03", "2025-10-03", StringComparison.Ordinal)),
            CorrectionReason.DataEntryError, "Received date typed wrongly.", "clerk");
        Assert.True(corrected.Error is null, corrected.Error?.Message);
        if (late.Answer.Outcome != Outcome.Permit)
        {
            var review = await site.Workflow.ReviewAsync(late.CaseId, ReviewVerdict.Override, Outcome.Permit, "Counsel reads the record as permitting this request.", "counsel");
            Assert.True(review.Error is null, review.Error?.Message);
        }
        var action = await site.Workflow.RecordActionAsync(late.CaseId, CaseActionKind.Released, "2025-10-04T10:00:00-08:00", null, null, "clerk");
        Assert.True(action.Error is null, action.Error?.Message);
        Assert.True(site.Folder.Ledger.Checkpoint().Size > keptAt);

        var caughtUp = Kept(site);
        var r1 = caughtUp.TruthAct(Year, ReportMaker.Internal);
        Assert.StartsWith($"kept at tree size {keptAt}, caught up to", caughtUp.ProjectionNote, StringComparison.Ordinal);
        var fromKept = AllReports(site, Kept(site));
        var replayed = AllReports(site, site.Maker());
        SameFiles(replayed, fromKept);
        SameFiles(Prefixed("truth-act-internal", replayed), Files(r1));
    }

    [Fact]
    public async Task A_kept_projection_whose_seal_or_stamp_does_not_match_is_not_used()
    {
        using var site = new ReportSite();
        await TruthActYearTests.RecordYear(site);
        Kept(site).Project();
        var path = KeptProjection.PathFor(site.DataFolder, site.Mapping);
        var replayed = AllReports(site, site.Maker());

        // One row byte changed: the seal no longer holds, so the ledger is replayed and the file kept anew.
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 3] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var tampered = Kept(site);
        var fromTampered = tampered.TruthAct(Year, ReportMaker.Internal);
        Assert.Contains("seal does not match", tampered.ProjectionNote, StringComparison.Ordinal);
        SameFiles(Prefixed("truth-act-internal", replayed), Files(fromTampered));
        var again = Kept(site);
        again.Project();
        Assert.StartsWith("kept at tree size", again.ProjectionNote, StringComparison.Ordinal);

        // A file sealed with this folder's key but stamped by another ledger (same stack and key, other entries): its root is not this ledger's.
        using var other = new ReportSite();
        File.Copy(Path.Combine(site.DataFolder, PersonKeys.FileName), Path.Combine(other.DataFolder, PersonKeys.FileName));
        await other.Decide("""{"id":"OTHER-1","receivedAt":"2025-03-03T09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true}}""");
        Kept(other).Project();
        File.Copy(KeptProjection.PathFor(other.DataFolder, other.Mapping), path, overwrite: true);
        var foreign = Kept(site);
        var fromForeign = foreign.TruthAct(Year, ReportMaker.Internal);
        Assert.Contains("is not the ledger's root", foreign.ProjectionNote, StringComparison.Ordinal);
        SameFiles(Prefixed("truth-act-internal", replayed), Files(fromForeign));

        // A report at an earlier checkpoint than the kept one replays the ledger to it and leaves the kept file as it is.
        var before = File.ReadAllBytes(path);
        var earlier = Kept(site);
        var past = earlier.TruthAct(Year, ReportMaker.Internal, treeSize: 40);
        Assert.Equal(ReportStatus.Written, past.Status);
        Assert.Contains("more than the 40 asked for", earlier.ProjectionNote, StringComparison.Ordinal);
        Assert.Equal(40, past.Manifest.TreeSize);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    private static ReportMaker Kept(ReportSite site) => new(site.Folder.Ledger, site.Stack, site.Mapping, PersonKeys.ForDataFolder(site.DataFolder),
        commitment => site.Cases.FindIdentity(commitment)?.Identity)
    { ProjectionFolder = site.DataFolder };

    /// <summary>R1 (both copies), R2 and R3, every file by report and name, manifests included.</summary>
    private static SortedDictionary<string, byte[]> AllReports(ReportSite site, ReportMaker maker)
    {
        var all = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        void Add(string name, ReportBuild build)
        {
            Assert.True(build.Status == ReportStatus.Written, $"{name}: {string.Join("; ", build.Messages)}");
            build.Files["manifest.json"] = build.Manifest.Write(build.Files);
            foreach (var (file, bytes) in build.Files)
                all[$"{name}/{file}"] = bytes;
        }
        Add("truth-act-public", maker.TruthAct(Year, ReportMaker.Public));
        Add("truth-act-internal", maker.TruthAct(Year, ReportMaker.Internal));
        Add("sb54", maker.Sb54(Year));
        Add("transparency", maker.Transparency($"{Year}-Q4", new ReportStore(site.DataFolder)));
        // The compliance report: from a kept projection it reads only the entries it can depend on (ComplianceReport.Candidates), else the whole ledger.
        // Its ranges run past today, as entries are recorded now and it counts them as they stood at the end of the range.
        foreach (var (from, to) in new[] { (new DateOnly(Year, 1, 1), new DateOnly(2099, 12, 31)), (new DateOnly(Year, 6, 1), new DateOnly(2099, 12, 31)) })
            foreach (var (file, bytes) in Comity.Reports.Internal.InternalReports.Compliance(site.Folder.Ledger, site.Mapping, from, to, site.Cases.FindByLedgerIndex, maker: maker))
                all[$"compliance-{from:MM}-{to:MM}/{file}"] = bytes;
        return all;
    }

    private static SortedDictionary<string, byte[]> Files(ReportBuild build)
    {
        Assert.True(build.Status == ReportStatus.Written, string.Join("; ", build.Messages));
        build.Files["manifest.json"] = build.Manifest.Write(build.Files);
        return new(build.Files, StringComparer.Ordinal);
    }

    /// <summary>The files of one report of <see cref="AllReports"/>, by file name.</summary>
    private static SortedDictionary<string, byte[]> Prefixed(string report, SortedDictionary<string, byte[]> all) =>
        new(all.Where(f => f.Key.StartsWith(report + "/", StringComparison.Ordinal)).ToDictionary(f => f.Key[(report.Length + 1)..], f => f.Value), StringComparer.Ordinal);

    private static void SameFiles(SortedDictionary<string, byte[]> expected, SortedDictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs between the replay and the kept projection");
    }
}
