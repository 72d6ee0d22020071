using System.Security.Cryptography;
using Comity.Disclosure;
using Comity.Server.Hosting;

namespace Comity.Server.Disclosures;

/// <summary>A published disclosure: its manifest (with the ledger's receipt) and the cut export beside it.</summary>
public sealed record StoredDisclosure(string Id, string ManifestPath, string ExportPath, RecordFormat Format);

/// <summary>
/// Where the server keeps the disclosures it made: <c>DATA/disclosures/ID.csv</c> (or
/// <c>.jsonl</c>) and <c>DATA/disclosures/ID.manifest.json</c>, each written as a
/// <see cref="PendingFile"/> and renamed into place only once the disclosure is recorded, the
/// manifest last. A disclosure exists when its manifest does: a failure at any step leaves no
/// manifest, so nothing of it can be downloaded.
/// </summary>
public sealed class DisclosureStore(ServerSettings settings)
{
    public string Folder { get; } = Path.Combine(settings.DataFolder, "disclosures");

    /// <summary>A new id: 128 random bits in lower-case hex (also what keeps ids out of paths' way).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    public string ExportPath(string id, RecordFormat format) => Path.Combine(Folder, $"{id}.{RecordFormats.Name(format)}");

    public string ManifestPath(string id) => Path.Combine(Folder, $"{id}.manifest.json");

    /// <summary>The published disclosure of this id; null when there is none (or it never completed).</summary>
    public StoredDisclosure? Find(string id)
    {
        if (!IsId(id) || !File.Exists(ManifestPath(id)))
            return null;
        foreach (var format in Enum.GetValues<RecordFormat>())
            if (File.Exists(ExportPath(id, format)))
                return new StoredDisclosure(id, ManifestPath(id), ExportPath(id, format), format);
        return null;
    }
}
