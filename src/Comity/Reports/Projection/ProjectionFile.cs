using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Comity.Ledger;

namespace Comity.Reports.Projection;

/// <summary>
/// The kept projection's file (<see cref="KeptProjection"/>): a header naming what the rows were
/// built from (format, row layout, stack and mapping digests) and the stamp (tree size, root
/// hash), the rows as they lie in memory, the few things beside them (transfer details,
/// corrections, problems, identities not yet resolved, the entries that point at a decision (for
/// the compliance report), the ledger indexes of report inputs,
/// attestations and published versions, which are read again from the ledger), then an
/// HMAC-SHA-256 of everything before it under the reports' key. Little-endian, written with the
/// BCL's <see cref="BinaryWriter"/>; no identity is in it, only person keys and demographic codes.
/// </summary>
internal static class ProjectionFile
{
    private static readonly byte[] Magic = "comity report projection\n"u8.ToArray();
    private const int FormatVersion = 3;
    private const int SealSize = 32;
    private const int RowsPerChunk = 1 << 16;

    /// <summary>Why a kept file was not used.</summary>
    public enum Refusal
    {
        None,
        Missing,
        Newer,
        Invalid,
    }

    public static void Write(ReportProjection p, string path, PersonKeys keys)
    {
        // Owner-only like the rest of the data folder (0700): the server's keeper may be the first to create reports/.
        OwnerOnly.CreateFolder(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 1 << 20 };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(temporary, options))
            {
                using var mac = keys.Seal();
                // Buffered above the seal, so the MAC is fed large blocks rather than each 8-byte field
                // (a load at 1,000,000 decisions: 1.1-1.5 s CPU unbuffered, 0.5-0.8 s buffered; docs/benchmarks.md, "Reports").
                using (var w = new BinaryWriter(new BufferedStream(new SealedStream(file, mac), 1 << 16), Encoding.UTF8, leaveOpen: false))
                    WriteBody(w, p);
                file.Write(mac.GetHashAndReset());
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteBody(BinaryWriter w, ReportProjection p)
    {
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(Unsafe.SizeOf<RequestRow>());
        w.Write(p.StackDigest);
        w.Write(p.Mapping.Digest);
        w.Write(p.TreeSize);
        w.Write(p.RootHash);

        var rows = CollectionsMarshal.AsSpan(p.Rows);
        w.Write(rows.Length);
        w.Write(MemoryMarshal.AsBytes(rows));

        // Transfer details repeat a few strings (bases, citations, digests, offence codes): a table of them, then numbers into it
        // (a load at 1,000,000 decisions: 0.5-0.8 s CPU with a string per field, 0.29-0.36 s so; docs/benchmarks.md, "Reports").
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        var strings = new List<string>();
        int Id(string s)
        {
            if (!table.TryGetValue(s, out var id))
            {
                table[s] = id = strings.Count;
                strings.Add(s);
            }
            return id;
        }
        var transfers = p.Transfers.Values.OrderBy(t => t.Ledger).Select(t => (t.Ledger, Basis: Id(t.LegalBasis), Citation: Id(t.LegalCitation), Digest: Id(t.StackDigest),
            Offences: t.Offences.Select(o => (Code: Id(o.Code), Level: Id(o.Level))).ToList())).ToList();
        w.Write(strings.Count);
        foreach (var s in strings)
            w.Write(s);
        w.Write(transfers.Count);
        foreach (var t in transfers)
        {
            w.Write(t.Ledger);
            w.Write(t.Basis);
            w.Write(t.Citation);
            w.Write(t.Digest);
            w.Write(t.Offences.Count);
            foreach (var (code, level) in t.Offences)
            {
                w.Write(code);
                w.Write(level);
            }
        }
        Indexes(w, p.Inputs.Select(i => i.Index));
        Indexes(w, p.Attestations.Select(a => a.Index));
        Indexes(w, p.Published.Select(r => r.Index));
        w.Write(p.Corrections.Count);
        foreach (var (index, kind, reason, note, at) in p.Corrections)
        {
            w.Write(index);
            w.Write(kind);
            w.Write(reason);
            w.Write(note);
            w.Write(at.UtcTicks);
            w.Write((short)at.Offset.TotalMinutes);
        }
        w.Write(p.LatestCorrections.Count);
        foreach (var (decision, correction) in p.LatestCorrections.OrderBy(c => c.Key))
        {
            w.Write(decision);
            w.Write(correction);
        }
        w.Write(p.Unresolved.Count);
        foreach (var (decision, commitment) in p.Unresolved.OrderBy(c => c.Key))
        {
            w.Write(decision);
            w.Write(commitment);
        }
        w.Write(p.FollowUps.Count);
        foreach (var (entry, decision) in p.FollowUps)
        {
            w.Write(entry);
            w.Write(decision);
        }
        w.Write(p.ProblemList.Count);
        foreach (var problem in p.ProblemList)
            w.Write(problem);
    }

    private static void Indexes(BinaryWriter w, IEnumerable<long> indexes)
    {
        var list = indexes.ToList();
        w.Write(list.Count);
        foreach (var i in list)
            w.Write(i);
    }

    /// <summary>
    /// Reads the kept file into <paramref name="blank"/> when it was built from the same stack and
    /// mapping, its stamp is the ledger's own root at its size, that size is at most
    /// <paramref name="atMost"/>, and its seal holds; otherwise says why not and returns null.
    /// </summary>
    public static ReportProjection? Read(string path, ReportProjection blank, PersonKeys keys, TransparencyLog ledger, long atMost, out Refusal refusal, out string why)
    {
        refusal = Refusal.Invalid;
        if (!File.Exists(path))
        {
            (refusal, why) = (Refusal.Missing, "no projection was kept");
            return null;
        }
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            if (file.Length < SealSize)
            {
                why = "the kept projection is cut short";
                return null;
            }
            using var mac = keys.Seal();
            // Buffered above the seal (which stops before the MAC's bytes), so the MAC is fed large blocks rather than each field
            // (1.1-1.5 s CPU unbuffered, 0.5-0.8 s buffered, per load at 1,000,000 decisions; docs/benchmarks.md, "Reports").
            using var r = new BinaryReader(new BufferedStream(new SealedStream(file, mac, file.Length - SealSize), 1 << 16), Encoding.UTF8, leaveOpen: true);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || r.ReadInt32() != FormatVersion || r.ReadInt32() != Unsafe.SizeOf<RequestRow>())
            {
                why = "the kept projection is of another format";
                return null;
            }
            if (r.ReadString() != blank.StackDigest || r.ReadString() != blank.Mapping.Digest)
            {
                why = "the kept projection was built from another stack or report mapping";
                return null;
            }
            var size = r.ReadInt64();
            var root = r.ReadBytes(Merkle.HashSize);
            if (size > atMost)
            {
                (refusal, why) = (Refusal.Newer, $"the kept projection reflects {size} entries, more than the {atMost} asked for");
                return null;
            }
            if (size > ledger.Checkpoint().Size || !root.AsSpan().SequenceEqual(ledger.RootHash(size)))
            {
                why = $"the kept projection's stamp (tree size {size}) is not the ledger's root at that size";
                return null;
            }
            var p = blank;
            var pending = ReadBody(r, p, file.Length, (int)Math.Min(atMost - size, int.MaxValue));
            if (r.BaseStream.ReadByte() != -1)
            {
                why = "the kept projection has bytes after its end";
                return null;
            }
            var seal = new byte[SealSize];
            file.ReadExactly(seal);
            if (!CryptographicOperations.FixedTimeEquals(seal, mac.GetHashAndReset()))
            {
                why = "the kept projection's seal does not match its contents";
                return null;
            }
            // What the ledger itself holds is read again from it: few entries, and never trusted from the file.
            if (pending.Inputs.Concat(pending.Attestations).Concat(pending.Published).Any(i => i < 0 || i >= size))
            {
                why = "the kept projection names an entry beyond its stamp";
                return null;
            }
            foreach (var i in pending.Inputs)
                p.Inputs.Add(ReportInput.Read(ledger.Read(i)));
            foreach (var i in pending.Attestations)
                p.Attestations.Add(Attestation.Read(ledger.Read(i)));
            foreach (var i in pending.Published)
                p.Published.Add(PublishedReport.Read(ledger.Read(i)));
            p.TreeSize = size;
            p.RootHash = root;
            (refusal, why) = (Refusal.None, $"kept at tree size {size}");
            return p;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentOutOfRangeException
            or OutOfMemoryException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or LedgerException)
        {
            why = $"the kept projection does not read ({e.Message})";
            return null;
        }
    }

    private static (List<long> Inputs, List<long> Attestations, List<long> Published) ReadBody(BinaryReader r, ReportProjection p, long fileLength, int newEntries)
    {
        var count = Count(r);
        if ((long)count * Unsafe.SizeOf<RequestRow>() > fileLength)
            throw new InvalidDataException($"{count} rows do not fit in {fileLength} bytes");
        var rows = p.Rows;
        // Room for the rows the catch-up may add (one per new entry at most), so the list is never copied to grow.
        rows.Capacity = (int)Math.Min((long)count + newEntries, Array.MaxLength);
        for (var done = 0; done < count;)
        {
            var n = Math.Min(RowsPerChunk, count - done);
            CollectionsMarshal.SetCount(rows, done + n);
            var chunk = MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(rows)[done..]);
            r.BaseStream.ReadExactly(chunk);
            done += n;
        }

        var strings = new string[Count(r)];
        for (var i = 0; i < strings.Length; i++)
            strings[i] = r.ReadString();
        string S()
        {
            var id = r.ReadInt32();
            return (uint)id < (uint)strings.Length ? strings[id] : throw new InvalidDataException($"string {id} of {strings.Length}");
        }
        var transfers = Count(r);
        p.Transfers.EnsureCapacity(transfers);
        for (var i = 0; i < transfers; i++)
        {
            var index = r.ReadInt64();
            var (basis, citation, digest) = (S(), S(), S());
            var offences = new (string Code, string Level)[Count(r)];
            for (var o = 0; o < offences.Length; o++)
                offences[o] = (S(), S());
            p.Transfers[index] = new TransferDetail(index, basis, citation, offences, digest);
        }
        var inputs = ReadIndexes(r);
        var attestations = ReadIndexes(r);
        var published = ReadIndexes(r);
        var corrections = Count(r);
        for (var i = 0; i < corrections; i++)
        {
            var (index, kind, reason, note) = (r.ReadInt64(), r.ReadString(), r.ReadString(), r.ReadString());
            var ticks = r.ReadInt64();
            var offset = TimeSpan.FromMinutes(r.ReadInt16());
            p.Corrections.Add((index, kind, reason, note, new DateTimeOffset(ticks + offset.Ticks, offset)));
        }
        var latest = Count(r);
        for (var i = 0; i < latest; i++)
            p.LatestCorrections[r.ReadInt64()] = r.ReadInt64();
        var unresolved = Count(r);
        for (var i = 0; i < unresolved; i++)
            p.Unresolved[r.ReadInt64()] = r.ReadString();
        var followUps = Count(r);
        for (var i = 0; i < followUps; i++)
            p.FollowUps.Add((r.ReadInt64(), r.ReadInt64()));
        var problems = Count(r);
        for (var i = 0; i < problems; i++)
            p.ProblemList.Add(r.ReadString());
        return (inputs, attestations, published);
    }

    private static int Count(BinaryReader r)
    {
        var n = r.ReadInt32();
        return n >= 0 ? n : throw new InvalidDataException($"a count of {n}");
    }

    private static List<long> ReadIndexes(BinaryReader r)
    {
        var n = Count(r);
        var list = new List<long>(Math.Min(n, 1 << 16));
        for (var i = 0; i < n; i++)
            list.Add(r.ReadInt64());
        return list;
    }
}
