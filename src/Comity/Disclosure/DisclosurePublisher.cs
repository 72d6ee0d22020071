using Comity.Ledger;

namespace Comity.Disclosure;

/// <summary>A published disclosure: its manifest, the ledger's receipt for it, and the manifest file's bytes.</summary>
public sealed record PublishedDisclosure(DisclosureManifest Manifest, Receipt Receipt, byte[] ManifestJson);

/// <summary>
/// The last step of a disclosure, the same from the command line and the server: the manifest is
/// recorded in the ledger before anything is published, so a disclosure the ledger does not hold
/// never leaves; then the export is published, and last the manifest with its receipt, so a
/// manifest on disk always names a complete export.
/// </summary>
public static class DisclosurePublisher
{
    /// <param name="request">The request as received (JSON), kept in the ledger entry.</param>
    /// <param name="recordedBy">Who made the disclosure: the signed-in user, or the account that ran the command.</param>
    public static async Task<PublishedDisclosure> PublishAsync(
        TransparencyLog ledger, DisclosurePlan plan, RedactionResult cut, ReadOnlyMemory<byte> request,
        string outputName, PendingFile export, PendingFile manifestFile, DateTimeOffset recordedAt, string recordedBy)
    {
        // The export's own file name is never passed on: it can name the person (issue 18 point 13).
        var manifest = DisclosureManifest.Build(plan, cut, outputName);
        var entry = DisclosureRecord.Entry(request.Span, manifest, recordedAt, recordedBy);
        // Not cancellable: once the ledger has it, the disclosure is published whether or not the caller still listens.
        var receipt = await ledger.AppendAsync(entry).ConfigureAwait(false);
        var json = ManifestWriter.ToUtf8(manifest, receipt);
        manifestFile.Stream.Write(json);
        manifestFile.Stream.WriteByte((byte)'\n');
        export.Publish();
        manifestFile.Publish();
        return new PublishedDisclosure(manifest, receipt, json);
    }
}
