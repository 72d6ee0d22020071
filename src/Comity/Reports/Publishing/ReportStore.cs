using System.Globalization;
using System.Text.Json;

namespace Comity.Reports.Publishing;

/// <summary>
/// Where published versions are kept, in the data folder: <c>reports/{jurisdiction}/{report}/{period}/{copy}/v{n}/</c> (the jurisdiction's slashes as hyphens: <c>us-ca-los-angeles</c>),
/// one folder per version, written once (to a temporary folder, then moved into place) and never
/// changed (C6). The ledger's <c>report</c> entries say which versions exist and the SHA-256 of each
/// manifest; the store holds the files those hashes commit to.
/// </summary>
public sealed class ReportStore(string dataFolder)
{
    public const string FolderName = "reports";

    public string Root { get; } = Path.Combine(dataFolder, FolderName);

    public string VersionFolder(string jurisdiction, string report, string period, string copy, int version) =>
        Path.Combine(Root, Slug(jurisdiction), Safe(report), Safe(period), Safe(copy), "v" + version.ToString(CultureInfo.InvariantCulture));

    public bool Exists(string jurisdiction, string report, string period, string copy, int version) => Directory.Exists(VersionFolder(jurisdiction, report, period, copy, version));

    /// <summary>The files of a published version, by name; null when the store does not hold it.</summary>
    public SortedDictionary<string, byte[]>? Read(string jurisdiction, string report, string period, string copy, int version)
    {
        var folder = VersionFolder(jurisdiction, report, period, copy, version);
        if (!Directory.Exists(folder))
            return null;
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder))
            files[Path.GetFileName(path)] = File.ReadAllBytes(path);
        return files;
    }

    /// <summary>One file of a published version; null when there is none by that name (names are checked, so no path leaves the version's folder).</summary>
    public byte[]? ReadFile(string jurisdiction, string report, string period, string copy, int version, string file)
    {
        if (!IsFileName(file))
            return null;
        var path = Path.Combine(VersionFolder(jurisdiction, report, period, copy, version), file);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>Writes a new version; fails when the version already exists (published files never change).</summary>
    public void Write(string jurisdiction, string report, string period, string copy, int version, IReadOnlyDictionary<string, byte[]> files)
    {
        var folder = VersionFolder(jurisdiction, report, period, copy, version);
        if (Directory.Exists(folder))
            throw new ReportException($"{folder} already holds version {version}: published files never change");
        var parent = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(parent);
        var temporary = folder + ".writing";
        if (Directory.Exists(temporary))
            Directory.Delete(temporary, recursive: true);
        Directory.CreateDirectory(temporary);
        foreach (var (name, bytes) in files)
        {
            if (!IsFileName(name))
                throw new ReportException($"\"{name}\" is not a report file name");
            using var stream = new FileStream(Path.Combine(temporary, name), FileMode.CreateNew, FileAccess.Write);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        Directory.Move(temporary, folder);
    }

    /// <summary>The tree size a published manifest cites (its <c>checkpoint.treeSize</c>).</summary>
    public static long TreeSizeOf(byte[] manifest)
    {
        using var doc = JsonDocument.Parse(manifest);
        return doc.RootElement.GetProperty("checkpoint").GetProperty("treeSize").GetInt64();
    }

    /// <summary>A jurisdiction as one folder or URL segment: <c>us/ca/los-angeles</c> gives <c>us-ca-los-angeles</c>.</summary>
    public static string Slug(string jurisdiction) => Safe(jurisdiction.Replace('/', '-'));

    /// <summary>The jurisdictions whose reports the store holds, as slugs.</summary>
    public IReadOnlyList<string> Jurisdictions() =>
        Directory.Exists(Root) ? [.. Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(IsFileName).Order(StringComparer.Ordinal)] : [];

    public static bool IsFileName(string name) =>
        name.Length is > 0 and <= 80 && name[0] != '.' && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '.');

    private static string Safe(string part) =>
        IsFileName(part) ? part : throw new ReportException($"\"{part}\" is not a report, period or copy name");
}
