using System.Numerics;
using System.Security.Cryptography;

namespace Comity.Ledger;

/// <summary>
/// RFC 6962 / RFC 9162 Merkle tree hashing and proof verification over SHA-256: leaf
/// <c>SHA-256(0x00 || data)</c>, node <c>SHA-256(0x01 || left || right)</c>. Verification follows
/// RFC 9162 §2.1.3.2 and §2.1.4.2 and rejects exactly what transparency-dev/merkle rejects: proofs
/// of the wrong length, hashes that are not 32 bytes, indexes outside the tree.
/// </summary>
public static class Merkle
{
    public const int HashSize = 32;

    /// <summary>The root of the empty tree: SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[HashSize];
        LeafHash(data, hash);
        return hash;
    }

    public static void LeafHash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0]);
        sha.AppendData(data);
        sha.GetHashAndReset(destination);
    }

    /// <summary>The leaf hash of data that is itself 32 bytes (a commitment), without an allocation.</summary>
    internal static void LeafHashOf32(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + HashSize];
        buffer[0] = 0;
        data.CopyTo(buffer[1..]);
        SHA256.HashData(buffer, destination);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[HashSize];
        NodeHash(left, right, hash);
        return hash;
    }

    public static void NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * HashSize];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        SHA256.HashData(buffer, destination);
    }

    /// <summary>True when <paramref name="proof"/> proves that the leaf at <paramref name="index"/> is in the tree of <paramref name="size"/> leaves with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root) =>
        RootFromInclusion(index, size, leafHash, proof) is { } computed && root.SequenceEqual(computed);

    /// <summary>The root an inclusion proof leads to, or null when the proof cannot be one for that index and size.</summary>
    public static byte[]? RootFromInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        if (index < 0 || index >= size || leafHash.Length != HashSize || !AllHashes(proof))
            return null;
        var (inner, border) = Decompose(index, size);
        if (proof.Count != inner + border)
            return null;
        var hash = leafHash.ToArray();
        ChainInner(hash, proof, 0, inner, index);
        ChainBorderRight(hash, proof, inner, proof.Count);
        return hash;
    }

    /// <summary>True when <paramref name="proof"/> proves that the tree of <paramref name="size1"/> leaves is a prefix of the tree of <paramref name="size2"/> leaves.</summary>
    public static bool VerifyConsistency(long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
    {
        if (size1 < 0 || size2 < size1 || !AllHashes(proof))
            return false;
        if (size1 == 0)
            return false; // every tree extends the empty one: such a "proof" proves nothing, so none is accepted
        if (size1 == size2)
            return proof.Count == 0 && root1.SequenceEqual(root2);
        if (proof.Count == 0 || root1.Length != HashSize || root2.Length != HashSize)
            return false;

        var (inner, border) = Decompose(size1 - 1, size2);
        var shift = BitOperations.TrailingZeroCount(size1);
        inner -= shift;
        // The proof starts with the root of the subtree of size 2^shift, unless size1 is that subtree.
        byte[] seed;
        int start;
        if (size1 == 1L << shift)
            (seed, start) = (root1.ToArray(), 0);
        else
            (seed, start) = (proof[0], 1);
        if (proof.Count != start + inner + border)
            return false;

        var mask = (size1 - 1) >> shift;
        var hash1 = (byte[])seed.Clone();
        ChainInnerRight(hash1, proof, start, start + inner, mask);
        ChainBorderRight(hash1, proof, start + inner, proof.Count);
        if (!root1.SequenceEqual(hash1))
            return false;
        var hash2 = (byte[])seed.Clone();
        ChainInner(hash2, proof, start, start + inner, mask);
        ChainBorderRight(hash2, proof, start + inner, proof.Count);
        return root2.SequenceEqual(hash2);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): where RFC 6962 splits a tree.</summary>
    internal static long SplitPoint(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>An inclusion proof's length split into the part below the path's last left turn and the right border above it.</summary>
    private static (int Inner, int Border) Decompose(long index, long size)
    {
        var inner = 64 - BitOperations.LeadingZeroCount((ulong)(index ^ (size - 1)));
        var border = BitOperations.PopCount((ulong)index >> inner);
        return (inner, border);
    }

    private static void ChainInner(byte[] seed, IReadOnlyList<byte[]> proof, int from, int to, long index)
    {
        for (var i = from; i < to; i++)
        {
            if (((index >> (i - from)) & 1) == 0)
                NodeHash(seed, proof[i], seed);
            else
                NodeHash(proof[i], seed, seed);
        }
    }

    private static void ChainInnerRight(byte[] seed, IReadOnlyList<byte[]> proof, int from, int to, long index)
    {
        for (var i = from; i < to; i++)
            if (((index >> (i - from)) & 1) == 1)
                NodeHash(proof[i], seed, seed);
    }

    private static void ChainBorderRight(byte[] seed, IReadOnlyList<byte[]> proof, int from, int to)
    {
        for (var i = from; i < to; i++)
            NodeHash(proof[i], seed, seed);
    }

    private static bool AllHashes(IReadOnlyList<byte[]> proof)
    {
        foreach (var p in proof)
            if (p is null || p.Length != HashSize)
                return false;
        return true;
    }
}
