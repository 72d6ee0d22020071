using System.Security.Cryptography;
using System.Text;
using Comity.Ledger;

namespace Comity.Reports.Publishing;

/// <summary>
/// Which ledger entries are <c>report</c> entries (published versions), without reading the whole
/// ledger each time a version is listed or published: <c>reports/published.bin</c> in the data
/// folder holds their indexes up to a stamp (tree size, root hash), sealed with HMAC-SHA-256
/// under the reports' key like the kept projection (<see cref="KeptProjection"/>). It is trusted
/// only when its seal holds and its stamp is the ledger's own root at that size; each entry it
/// names is read from the ledger and must be a <c>report</c> entry; the entries after the stamp
/// are read and the file written anew. A file that cannot be trusted costs one full read, as
/// before it existed, never a wrong list.
/// </summary>
internal static class PublishedIndex
{
    public const string FileName = "published.bin";
    private static readonly byte[] Magic = "comity published reports\n"u8.ToArray();
    private const int FormatVersion = 1;
    private const int SealSize = 32;

    /// <summary>Every <c>report</c> entry of the ledger up to its latest checkpoint, in ledger order.</summary>
    public static List<PublishedReport> All(TransparencyLog ledger, string dataFolder)
    {
        var size = ledger.Checkpoint().Size;
        PersonKeys? keys;
        try
        {
            keys = PersonKeys.ForDataFolder(dataFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ReportException)
        {
            keys = null; // no key to seal with: read every entry, as without the index
        }
        var path = Path.Combine(dataFolder, ReportStore.FolderName, FileName);
        var (from, indexes) = (keys is null ? null : Read(path, keys, ledger, size)) ?? (0L, []);
        var found = new List<PublishedReport>(indexes.Count);
        foreach (var index in indexes)
        {
            var entry = ledger.Read(index);
            if (entry.Kind != PublishedReport.Kind)
            {
                // A sealed file naming another kind of entry: not trusted, read it all again.
                (from, found) = (0, []);
                break;
            }
            found.Add(PublishedReport.Read(entry));
        }
        if (from < size)
        {
            foreach (var entry in ledger.ReadFrom(from))
            {
                if (entry.Index >= size)
                    break;
                if (entry.Kind == PublishedReport.Kind)
                    found.Add(PublishedReport.Read(entry));
            }
            if (keys is not null)
                TryWrite(path, keys, size, ledger.RootHash(size), found);
        }
        return found;
    }

    private static (long Size, List<long> Indexes)? Read(string path, PersonKeys keys, TransparencyLog ledger, long atMost)
    {
        try
        {
            if (!File.Exists(path))
                return null;
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < SealSize)
                return null;
            using var mac = keys.Seal();
            mac.AppendData(bytes.AsSpan(0, bytes.Length - SealSize));
            if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(bytes.Length - SealSize), mac.GetHashAndReset()))
                return null;
            using var r = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - SealSize), Encoding.UTF8);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || r.ReadInt32() != FormatVersion)
                return null;
            var size = r.ReadInt64();
            var root = r.ReadBytes(Merkle.HashSize);
            // A stamp beyond what is asked for (an earlier checkpoint) or not the ledger's own root is not used.
            if (size < 0 || size > atMost || !root.AsSpan().SequenceEqual(ledger.RootHash(size)))
                return null;
            var count = r.ReadInt32();
            if (count < 0 || count > (bytes.Length - SealSize) / sizeof(long))
                return null;
            var indexes = new List<long>(count);
            for (var i = 0; i < count; i++)
            {
                var index = r.ReadInt64();
                if (index < 0 || index >= size || (indexes.Count > 0 && index <= indexes[^1]))
                    return null;
                indexes.Add(index);
            }
            return r.BaseStream.Position == r.BaseStream.Length ? (size, indexes) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or LedgerException)
        {
            return null;
        }
    }

    /// <summary>Writes the file; a data folder that cannot be written to costs the next listing a longer read, not this one its answer.</summary>
    private static void TryWrite(string path, PersonKeys keys, long size, byte[] root, List<PublishedReport> found)
    {
        try
        {
            using var body = new MemoryStream();
            using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Magic);
                w.Write(FormatVersion);
                w.Write(size);
                w.Write(root);
                w.Write(found.Count);
                foreach (var p in found)
                    w.Write(p.Index);
            }
            using var mac = keys.Seal();
            mac.AppendData(body.GetBuffer().AsSpan(0, (int)body.Length));
            body.Write(mac.GetHashAndReset());
            OwnerOnly.CreateFolder(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using (var file = new FileStream(temporary, options))
                    file.Write(body.GetBuffer().AsSpan(0, (int)body.Length));
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not kept: the next listing reads the ledger again.
        }
    }
}
