using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Comity.Ledger;

namespace Comity.Reports.Publishing;

/// <summary>A version published: its ledger entry, the SHA-256 of its manifest, the signed note over it, and where its files are.</summary>
public sealed record PublishedVersion(long LedgerIndex, string Jurisdiction, string Report, string Period, string Copy, int Version, string ManifestSha256, string Signature, string Folder, Receipt Receipt);

/// <summary>
/// Publishing a report (C6, C7), the same from the command line and the server: the draft becomes
/// version n of its report, period and copy; from version 2 on it carries <c>changes.csv</c>,
/// <c>corrections.csv</c> and the publisher's reason; <c>manifest.json</c> names the previous
/// version's manifest hash and every file's SHA-256; <c>manifest.sig</c> is a C2SP signed note over
/// the manifest's hash with the ledger's key; a <c>report</c> entry records the publication (so the
/// next checkpoint commits it) before the files are stored, never to be changed.
/// </summary>
public static class ReportPublisher
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>The first line of a report manifest's signed note (so it never reads as a checkpoint).</summary>
    public const string NoteHeading = "comity report manifest";

    /// <summary>The text of the signed note over a manifest: heading, which version, its hash.</summary>
    public static string NoteText(string report, string period, int version, string copy, string manifestSha256) =>
        $"{NoteHeading}\n{report} {period} v{version.ToString(CultureInfo.InvariantCulture)} {copy}\nsha256 {manifestSha256}\n";

    /// <summary>The versions of <paramref name="report"/>, <paramref name="period"/>, <paramref name="copy"/> the ledger records, oldest first.</summary>
    /// <param name="store">The data folder's store: with it, the versions are found through its kept index (<see cref="PublishedIndex"/>) rather than by reading every entry.</param>
    public static List<PublishedReport> Versions(TransparencyLog ledger, string jurisdiction, string report, string period, string copy, ReportStore? store = null) =>
        [.. All(ledger, store).Where(p => p.Jurisdiction == jurisdiction && p.Report == report && p.Period == period && p.Copy == copy).OrderBy(p => p.Version)];

    /// <summary>Every <c>report</c> entry of the ledger, in ledger order (with <paramref name="store"/>, up to the latest checkpoint, through the kept index).</summary>
    public static List<PublishedReport> All(TransparencyLog ledger, ReportStore? store = null) =>
        store is not null
            ? PublishedIndex.All(ledger, Path.GetDirectoryName(store.Root)!)
            : [.. ledger.ReadFrom(0).Where(e => e.Kind == PublishedReport.Kind).Select(PublishedReport.Read)];

    /// <param name="build">A written draft (<see cref="ReportStatus.Written"/>), without its manifest file.</param>
    /// <param name="reason">Why this version is published; required from version 2 on.</param>
    public static async Task<PublishedVersion> PublishAsync(TransparencyLog ledger, ReportStore store, ReportBuild build, string? reason, string publishedBy, DateTimeOffset at)
    {
        if (build.Status != ReportStatus.Written)
            throw new ReportException("only a report whose checks and privacy audit passed can be published");
        var m = build.Manifest;
        await OneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            var versions = Versions(ledger, m.Jurisdiction, m.Report, m.Period, m.Copy, store);
            var version = versions.Count + 1;
            if (store.Exists(m.Jurisdiction, m.Report, m.Period, m.Copy, version)) // also checks the names before anything is recorded
                throw new ReportException($"{store.VersionFolder(m.Jurisdiction, m.Report, m.Period, m.Copy, version)} exists but the ledger records no version {version}: it was not written by the publisher");
            if (version > 1 && string.IsNullOrWhiteSpace(reason))
                throw new ReportException($"{m.Report} {m.Period} ({m.Copy}) has {versions.Count} published version(s): say why version {version} is published (--reason)");
            var files = new SortedDictionary<string, byte[]>(build.Files, StringComparer.Ordinal);
            files.Remove("manifest.json");
            files.Remove("manifest.sig");
            if (versions.Count > 0)
            {
                var last = versions[^1];
                var previous = store.Read(m.Jurisdiction, m.Report, m.Period, m.Copy, last.Version)
                    ?? throw new ReportException($"version {last.Version} of {m.Report} {m.Period} ({m.Copy}) is recorded in ledger entry {last.Index} but missing from {store.Root}; rebuild it with --checkpoint before publishing the next");
                if (!previous.TryGetValue("manifest.json", out var previousManifest) || Sha256(previousManifest) != last.ManifestSha256)
                    throw new ReportException($"the stored manifest of version {last.Version} of {m.Report} {m.Period} does not match the SHA-256 ledger entry {last.Index} recorded: the store was altered");
                var previousTree = ReportStore.TreeSizeOf(previousManifest);
                if (m.TreeSize < previousTree)
                    throw new ReportException($"version {last.Version} reflects the ledger at tree size {previousTree}; a new version cannot reflect an earlier state ({m.TreeSize})");
                files["changes.csv"] = ReportChanges.Changes(previous, files);
                files["corrections.csv"] = ReportChanges.Corrections(build.Corrections, previousTree, m.TreeSize);
                m.PreviousManifestSha256 = last.ManifestSha256;
            }
            m.Version = version;
            m.Draft = false;
            m.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            var manifest = m.Write(files);
            var hash = Sha256(manifest);
            var signature = ledger.SignNote(NoteText(m.Report, m.Period, version, m.Copy, hash));
            files["manifest.json"] = manifest;
            files["manifest.sig"] = Encoding.UTF8.GetBytes(signature);
            // Recorded first: a version the ledger does not hold is never published.
            var body = PublishedReport.Write(m.Jurisdiction, m.Report, m.Period, version, m.Copy, hash, m.Reason ?? "", publishedBy);
            var receipt = await ledger.AppendAsync(new LedgerEntry(PublishedReport.Kind, body, at)).ConfigureAwait(false);
            store.Write(m.Jurisdiction, m.Report, m.Period, m.Copy, version, files);
            build.Files.Clear();
            foreach (var (name, bytes) in files)
                build.Files[name] = bytes;
            return new PublishedVersion(receipt.Index, m.Jurisdiction, m.Report, m.Period, m.Copy, version, hash, signature,
                store.VersionFolder(m.Jurisdiction, m.Report, m.Period, m.Copy, version), receipt);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
