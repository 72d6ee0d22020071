using System.Security.Cryptography;

namespace Comity.Tests.Ledger;

/// <summary>RFC 6962 §2.1 MTH written as the RFC writes it, recursively, to check the fast tree against.</summary>
internal static class ReferenceMerkle
{
    public static byte[] Root(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 0)
            return SHA256.HashData([]);
        if (leaves.Count == 1)
            return leaves[0];
        var k = 1;
        while (k * 2 < leaves.Count)
            k *= 2;
        var left = Root(leaves.Take(k).ToList());
        var right = Root(leaves.Skip(k).ToList());
        return SHA256.HashData([1, .. left, .. right]);
    }
}
