namespace Comity.Ledger.Internal;

/// <summary>
/// The Merkle tree in memory: at each level k the hashes of every complete subtree of 2^k leaves
/// (64 bytes per leaf in all). Proofs and roots for any size up to the published size need at
/// most one walk down the tree's right edge, so an inclusion proof is a few dozen array reads
/// and at most log2(n) hashes.
/// One writer appends and publishes; any number of readers read what is published, without
/// locks: published hashes are never written again, and storage only grows.
/// </summary>
internal sealed class HashTree
{
    private readonly HashLevel[] levels = new HashLevel[64];
    private long size;
    private long published;

    public HashTree()
    {
        for (var i = 0; i < levels.Length; i++)
            levels[i] = new HashLevel();
    }

    /// <summary>
    /// Held by whoever appends: the writer for its batch, or a reader catching the tree up with
    /// entries other servers appended to a shared store. Readers of published hashes never take it.
    /// </summary>
    public object Writing { get; } = new();

    /// <summary>Leaves readers may see.</summary>
    public long Size => Volatile.Read(ref published);

    /// <summary>Leaves appended by the writer, published or not.</summary>
    public long Appended => size;

    public void Append(ReadOnlySpan<byte> leafHash)
    {
        levels[0].Add(leafHash);
        var n = ++size;
        Span<byte> parent = stackalloc byte[Merkle.HashSize];
        for (var k = 0; (n & 1) == 0; k++, n >>= 1)
        {
            var count = n; // complete subtrees at level k after this append
            Merkle.NodeHash(levels[k].Get(count - 2), levels[k].Get(count - 1), parent);
            levels[k + 1].Add(parent);
        }
    }

    /// <summary>Makes every appended leaf visible to readers.</summary>
    public void Publish() => Volatile.Write(ref published, size);

    /// <summary>Forgets unpublished leaves (their write failed).</summary>
    public void Rollback()
    {
        size = published;
        for (var k = 0; k < levels.Length; k++)
            levels[k].Truncate(size >> k);
    }

    public ReadOnlySpan<byte> Leaf(long index) => levels[0].Get(index);

    /// <summary>The hash of the complete subtree of 2^level leaves starting at leaf index << level.</summary>
    public ReadOnlySpan<byte> Node(int level, long index) => levels[level].Get(index);

    /// <summary>Consecutive hashes of one level, as a tile holds them: start a multiple of 256, at most 256 of them.</summary>
    public ReadOnlySpan<byte> Nodes(int level, long start, int count) => levels[level].Range(start, count);

    public byte[] Root(long treeSize)
    {
        Check(treeSize);
        return treeSize == 0 ? Merkle.EmptyRoot() : SubtreeHash(0, treeSize);
    }

    /// <summary>The root over every appended leaf, published or not: for the writer, to sign a batch before its commit.</summary>
    public byte[] AppendedRoot() => size == 0 ? Merkle.EmptyRoot() : SubtreeHash(0, size);

    /// <summary>RFC 6962 PATH(index, D[0:treeSize]), the leaf's sibling first.</summary>
    public List<byte[]> InclusionProof(long index, long treeSize)
    {
        Check(treeSize);
        if (index < 0 || index >= treeSize)
            throw new ArgumentOutOfRangeException(nameof(index), $"entry {index} is not in a tree of {treeSize} entries");
        var path = new List<byte[]>(64);
        long lo = 0, hi = treeSize;
        while (hi - lo > 1)
        {
            var k = Merkle.SplitPoint(hi - lo);
            if (index < lo + k)
            {
                path.Add(SubtreeHash(lo + k, hi));
                hi = lo + k;
            }
            else
            {
                path.Add(SubtreeHash(lo, lo + k));
                lo += k;
            }
        }
        path.Reverse();
        return path;
    }

    /// <summary>RFC 6962 PROOF(oldSize, D[0:newSize]); empty when the sizes are equal. There is none from the empty tree.</summary>
    public List<byte[]> ConsistencyProof(long oldSize, long newSize)
    {
        Check(newSize);
        if (oldSize < 0 || oldSize > newSize)
            throw new ArgumentOutOfRangeException(nameof(oldSize), $"a tree of {oldSize} entries cannot be a prefix of one of {newSize}");
        if (oldSize == 0 && newSize > 0)
            throw new ArgumentOutOfRangeException(nameof(oldSize), "there is no consistency proof from the empty tree: every tree extends it");
        var proof = new List<byte[]>(64);
        if (oldSize == newSize)
            return proof;
        long lo = 0, hi = newSize, m = oldSize;
        var whole = true;
        while (true)
        {
            if (m == hi - lo)
            {
                if (!whole)
                    proof.Add(SubtreeHash(lo, hi));
                break;
            }
            var k = Merkle.SplitPoint(hi - lo);
            if (m <= k)
            {
                proof.Add(SubtreeHash(lo + k, hi));
                hi = lo + k;
            }
            else
            {
                proof.Add(SubtreeHash(lo, lo + k));
                lo += k;
                m -= k;
                whole = false;
            }
        }
        proof.Reverse();
        return proof;
    }

    /// <summary>MTH(D[lo:hi]) for a range RFC 6962's recursion produces: lo is aligned to the largest power of two below hi - lo.</summary>
    private byte[] SubtreeHash(long lo, long hi)
    {
        var n = hi - lo;
        if ((n & (n - 1)) == 0)
        {
            var level = System.Numerics.BitOperations.TrailingZeroCount(n);
            return Node(level, lo >> level).ToArray();
        }
        var k = Merkle.SplitPoint(n);
        return Merkle.NodeHash(SubtreeHash(lo, lo + k), SubtreeHash(lo + k, hi));
    }

    private void Check(long treeSize)
    {
        if (treeSize < 0 || treeSize > Size)
            throw new ArgumentOutOfRangeException(nameof(treeSize), $"the log has {Size} entries, not {treeSize}");
    }

    /// <summary>One level's hashes in chunks, so growth never copies hashes and readers never see a moved array.</summary>
    private sealed class HashLevel
    {
        private const int ChunkBits = 12;
        private const int ChunkHashes = 1 << ChunkBits;
        private byte[][] chunks = [];
        private long count;

        public void Add(ReadOnlySpan<byte> hash)
        {
            var chunk = (int)(count >> ChunkBits);
            if (chunk == chunks.Length)
            {
                var grown = new byte[Math.Max(4, chunks.Length * 2)][];
                Array.Copy(chunks, grown, chunks.Length);
                chunks = grown;
            }
            chunks[chunk] ??= new byte[ChunkHashes * Merkle.HashSize];
            hash.CopyTo(chunks[chunk].AsSpan((int)(count & (ChunkHashes - 1)) * Merkle.HashSize));
            count++;
        }

        public ReadOnlySpan<byte> Get(long index) =>
            chunks[index >> ChunkBits].AsSpan((int)(index & (ChunkHashes - 1)) * Merkle.HashSize, Merkle.HashSize);

        public ReadOnlySpan<byte> Range(long start, int count) =>
            chunks[start >> ChunkBits].AsSpan((int)(start & (ChunkHashes - 1)) * Merkle.HashSize, count * Merkle.HashSize);

        public void Truncate(long newCount) => count = Math.Min(count, newCount);
    }
}
