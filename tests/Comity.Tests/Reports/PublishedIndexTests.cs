using Comity.Cases;
using Comity.Reports;
using Comity.Reports.Publishing;
using Comity.Tests.Reports.Support;

namespace Comity.Tests.Reports;

/// <summary>
/// The published versions found through the data folder's kept index (reports/published.bin)
/// rather than by reading every ledger entry: the same versions as a full read after each
/// publication, after entries the index has not seen, and when the index was altered.
/// </summary>
public sealed class PublishedIndexTests
{
    private const string Hold = """{"id":"R-1","receivedAt":"2025-03-04T09:00:00-08:00","jurisdiction":"us/ca/los-angeles","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"},"subject":{"inCustody":true}}""";
    private const string LosAngeles = "us/ca/los-angeles";
    private static readonly DateTimeOffset At = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_kept_index_lists_the_versions_a_full_read_lists_and_is_not_trusted_when_altered()
    {
        using var site = new ReportSite();
        var decided = await site.Decide(Hold);
        var store = new ReportStore(site.DataFolder);
        var ledger = site.Folder.Ledger;
        var index = Path.Combine(site.DataFolder, ReportStore.FolderName, "published.bin");

        await ReportPublisher.PublishAsync(ledger, store, site.Maker().TruthAct(2025, ReportMaker.Public), null, "counsel-1", At);
        Assert.Equal([1], Versions(ledger, store));
        Assert.True(File.Exists(index));
        var afterFirst = File.ReadAllBytes(index);

        // Version 2 after a void: the index catches up from its stamp.
        Assert.Null((await site.Workflow.VoidAsync(decided.CaseId, CorrectionReason.Duplicate, "Entered twice.", "clerk")).Error);
        await ReportPublisher.PublishAsync(ledger, store, site.Maker().TruthAct(2025, ReportMaker.Public), "The hold was recorded twice.", "counsel-1", At);
        Assert.Equal([1, 2], Versions(ledger, store));
        Assert.Equal(ReportPublisher.All(ledger).Select(p => p.Index), ReportPublisher.All(ledger, store).Select(p => p.Index));

        // An older index (sealed, stamped before version 2) still finds version 2 in the entries after its stamp.
        File.WriteAllBytes(index, afterFirst);
        Assert.Equal([1, 2], Versions(ledger, store));

        // An altered index (one byte of the list changed, or cut short) is not trusted: the ledger is read again.
        foreach (var alter in new Func<byte[], byte[]>[] { b => { b[^40] ^= 0x01; return b; }, b => b[..^8] })
        {
            File.WriteAllBytes(index, alter(File.ReadAllBytes(index)));
            Assert.Equal([1, 2], Versions(ledger, store));
        }
    }

    private static int[] Versions(Comity.Ledger.TransparencyLog ledger, ReportStore store) =>
        [.. ReportPublisher.Versions(ledger, LosAngeles, "truth-act", "2025", "public", store).Select(p => p.Version)];
}
