using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Comity.Ledger.Internal;

/// <summary>
/// Writes the log as C2SP tlog-tiles for static hosting: <c>checkpoint</c>, hash tiles at every
/// level, and entry bundles. The log's entries (the leaf data) are the 32-byte commitments
/// SHA-256(entry document), so the bundles reveal no personal data. Full tiles never change and
/// are written once; partial tiles are written for the checkpoint's size.
/// </summary>
internal static class TileWriter
{
    public static TileExport Write(string directory, Checkpoint checkpoint, HashTree tree, LedgerStore store)
    {
        var size = checkpoint.Size;
        var hashTiles = 0;
        for (var level = 0; (size >> (TilePath.Height * level)) > 0; level++)
        {
            var hashes = size >> (TilePath.Height * level); // hashes at this tile level
            for (long n = 0; n * TilePath.Width < hashes; n++)
            {
                var width = (int)Math.Min(TilePath.Width, hashes - n * TilePath.Width);
                var path = Path.Combine(directory, TilePath.Hashes(level, n, width));
                if (width == TilePath.Width && File.Exists(path))
                    continue;
                WriteFile(path, tree.Nodes(TilePath.Height * level, n * TilePath.Width, width));
                hashTiles++;
            }
        }

        var bundles = 0;
        var bundle = new byte[TilePath.Width * (2 + Merkle.HashSize)];
        for (long n = 0; n * TilePath.Width < size; n++)
        {
            var start = n * TilePath.Width;
            var width = (int)Math.Min(TilePath.Width, size - start);
            var path = Path.Combine(directory, TilePath.Entries(n, width));
            if (width == TilePath.Width && File.Exists(path))
                continue;
            var length = 0;
            foreach (var (index, document) in store.ReadEntries(start))
            {
                if (index >= start + width)
                    break;
                BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(length), Merkle.HashSize);
                SHA256.HashData(document, bundle.AsSpan(length + 2, Merkle.HashSize));
                length += 2 + Merkle.HashSize;
            }
            if (length != width * (2 + Merkle.HashSize))
                throw new LedgerException($"entries {start} to {start + width - 1} are not all stored; run 'comity ledger verify'");
            WriteFile(path, bundle.AsSpan(0, length));
            bundles++;
        }
        // The checkpoint last: a mirror that reads it finds every tile it implies already there.
        WriteFile(Path.Combine(directory, "checkpoint"), System.Text.Encoding.UTF8.GetBytes(checkpoint.Note));
        return new TileExport(directory, size, hashTiles, bundles);
    }

    private static void WriteFile(string path, ReadOnlySpan<byte> data)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, data.ToArray());
        File.Move(temporary, path, overwrite: true);
    }
}
