using Comity.Contract;
using Comity.Disclosure;
using Comity.Engine;
using Comity.Ledger;
using Comity.Server.Hosting;
using Comity.Recording;

namespace Comity.Server.Disclosures;

/// <summary>A cut written to its pending file but not yet recorded: disposed unrecorded, it is deleted.</summary>
public sealed class PendingDisclosure(string id, DisclosurePlan plan, PendingFile export, RedactionResult result) : IDisposable
{
    public string Id { get; } = id;
    public DisclosurePlan Plan { get; } = plan;
    public PendingFile Export { get; } = export;
    public RedactionResult Result { get; } = result;

    public void Dispose() => Export.Dispose();
}

/// <summary>A recorded disclosure: its id, the manifest as handed out (JSON, with the ledger's receipt), and its ledger entry.</summary>
public sealed record RecordedDisclosure(string Id, DisclosureManifest Manifest, byte[] ManifestJson, long LedgerIndex = -1);

/// <summary>
/// The server's side of the disclosure firewall, in the order <c>comity redact</c> keeps: decide
/// the request and find the catalog of the export's record system (<see cref="Plan"/>); cut the
/// uploaded export into a pending file as it streams in (<see cref="Cut"/>); record the manifest
/// in the ledger, then publish the export and its manifest (<see cref="RecordAsync"/>). Nothing
/// is downloadable unless every step succeeded.
/// </summary>
public sealed class Discloser(StackCatalog stacks, TransparencyLog ledger, ServerSettings settings, DisclosureStore store, TimeProvider time)
{
    /// <summary>The folder of a stack that holds its data catalogs, one JSON file per record system.</summary>
    public const string CatalogFolder = "catalog";

    /// <summary>
    /// Reads and decides the request, and finds the catalog: by file name (<c>booking-records</c>)
    /// or system id (<c>lapd-booking-records</c>) among the deciding stack's catalogs; when none is
    /// named, the stack's only catalog.
    /// </summary>
    /// <exception cref="DisclosureException">when the catalog is broken or the request does not fit it (act, stack, subject).</exception>
    public Recorded<DisclosurePlan> Plan(ReadOnlyMemory<byte> requestJson, string? catalogName, SubjectKey? subject)
    {
        var decided = RequestDecider.Decide(stacks, requestJson.Span);
        if (decided.Error is { } error)
            return error;
        var (request, answer) = decided.Value!;
        var catalog = FindCatalog(answer.Policy.Stack, catalogName);
        if (catalog.Error is { } missing)
            return missing;
        return DisclosurePlan.Create(request, answer, catalog.Value!, subject, "request");
    }

    /// <summary>Cuts the export as it streams in, into a pending file (synchronous: run it off the request's thread).</summary>
    /// <exception cref="DisclosureException">when the export is malformed, not UTF-8 text, or does not fit the catalog.</exception>
    public PendingDisclosure Cut(DisclosurePlan plan, Stream input, RecordFormat format, string inputName)
    {
        Comity.Ledger.OwnerOnly.CreateFolder(store.Folder);
        var id = DisclosureStore.NewId();
        var export = new PendingFile(store.ExportPath(id, format));
        try
        {
            var result = Redactor.Redact(plan, input, export.Stream, format, inputName);
            return new PendingDisclosure(id, plan, export, result);
        }
        catch
        {
            export.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Records the manifest in the ledger (a <c>disclosure</c> entry naming <paramref name="by"/>),
    /// then publishes the export and, last, the manifest with its receipt.
    /// </summary>
    /// <param name="outputName">how the manifest names the cut export (where it is downloaded).</param>
    public async Task<RecordedDisclosure> RecordAsync(PendingDisclosure pending, ReadOnlyMemory<byte> requestJson, string outputName, string by)
    {
        using var manifestFile = new PendingFile(store.ManifestPath(pending.Id));
        var published = await DisclosurePublisher.PublishAsync(ledger, pending.Plan, pending.Result, requestJson,
            outputName, pending.Export, manifestFile, time.GetUtcNow(), by).ConfigureAwait(false);
        return new RecordedDisclosure(pending.Id, published.Manifest, published.ManifestJson, published.Receipt.Index);
    }

    /// <summary>The data catalogs of <paramref name="stack"/>, by file name (a catalog that does not load is left out: cutting with it says why).</summary>
    public IReadOnlyList<(string Name, DataCatalog Catalog)> Catalogs(string stack)
    {
        var folder = Path.Combine(settings.StacksRoot, stack, CatalogFolder);
        if (!Directory.Exists(folder))
            return [];
        var found = new List<(string, DataCatalog)>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                found.Add((Path.GetFileNameWithoutExtension(file), Load(file)));
            }
            catch (DisclosureException)
            {
                // Named when it is chosen: FindCatalog reports its errors.
            }
        }
        return found;
    }

    private Recorded<DataCatalog> FindCatalog(string stack, string? name)
    {
        var folder = Path.Combine(settings.StacksRoot, stack, CatalogFolder);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray() : [];
        var names = string.Join(", ", files.Select(Path.GetFileNameWithoutExtension));
        if (name is null)
        {
            if (files.Length == 1)
                return Load(files[0]);
            return new RecordError(RecordErrorKind.Invalid, files.Length == 0
                ? $"stack {stack} has no data catalog (expected JSON files in {CatalogFolder}/ of the stack): no export of it can be cut"
                : $"name the export's record system: stack {stack} has {files.Length} data catalogs ({names})", "catalog");
        }
        if (name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            if (files.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == name) is { } file)
                return Load(file);
            foreach (var candidate in files)
                if (Load(candidate) is { System: var system } catalog && system == name)
                    return catalog;
        }
        return new RecordError(RecordErrorKind.Invalid, $"stack {stack} has no data catalog \"{name}\"; expected one of {names} (a file name or the system it names)", "catalog");
    }

    /// <summary>Named as the repository names it (<c>stacks/us/ca/los-angeles/catalog/booking-records.json</c>), in errors and manifests.</summary>
    private DataCatalog Load(string file) => CatalogReader.Read(File.ReadAllBytes(file),
        Path.Combine(Path.GetFileName(settings.StacksRoot), Path.GetRelativePath(settings.StacksRoot, file)).Replace('\\', '/'));
}
