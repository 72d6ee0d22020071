using System.Text.Json;
using Comity.Ledger;

namespace Comity.Tests.Ledger;

/// <summary>
/// The 196 RFC 6962 inclusion and consistency probes published by transparency-dev/merkle: the
/// verifier must accept every happy path and reject every mutation, exactly.
/// </summary>
public sealed class MerkleVectorTests
{
    private static readonly string Root = "/work/shared/vectors/merkle";

    public static TheoryData<string> Inclusion() => Files("inclusion");
    public static TheoryData<string> Consistency() => Files("consistency");

    [Fact]
    public void All_196_vectors_are_found()
    {
        Assert.Equal(196, Inclusion().Count + Consistency().Count);
    }

    [Theory]
    [MemberData(nameof(Inclusion))]
    public void Inclusion_vector(string file)
    {
        var v = JsonDocument.Parse(File.ReadAllText(Path.Combine(VectorRoot(), file))).RootElement;
        var accepted = Merkle.VerifyInclusion(Number(v, "leafIdx"), Number(v, "treeSize"),
            Bytes(v, "leafHash"), Proof(v), Bytes(v, "root"));
        Assert.True(accepted != v.GetProperty("wantErr").GetBoolean(), $"{file} ({v.GetProperty("desc")}): accepted={accepted}");
    }

    [Theory]
    [MemberData(nameof(Consistency))]
    public void Consistency_vector(string file)
    {
        var v = JsonDocument.Parse(File.ReadAllText(Path.Combine(VectorRoot(), file))).RootElement;
        var accepted = Merkle.VerifyConsistency(Number(v, "size1"), Number(v, "size2"),
            Bytes(v, "root1"), Bytes(v, "root2"), Proof(v));
        Assert.True(accepted != v.GetProperty("wantErr").GetBoolean(), $"{file} ({v.GetProperty("desc")}): accepted={accepted}");
    }

    /// <summary>The vectors live in shared/ beside the repository; CI clones the repository with shared/ beside it.</summary>
    internal static string VectorRoot()
    {
        var beside = Path.Combine(Support.RepoRoot.Path, "..", "shared", "vectors", "merkle");
        return Directory.Exists(beside) ? Path.GetFullPath(beside) : Root;
    }

    private static TheoryData<string> Files(string kind)
    {
        var root = VectorRoot();
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(root, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, f));
        return data;
    }

    /// <summary>
    /// Sizes and indexes are unsigned 64-bit in the vectors; the ledger's are signed. One beyond
    /// long.MaxValue (a mutation to 2^64 - 1) becomes -1, which every verifier call must reject.
    /// </summary>
    private static long Number(JsonElement v, string name)
    {
        var n = v.GetProperty(name).GetUInt64();
        return n > long.MaxValue ? -1 : (long)n;
    }

    private static byte[] Bytes(JsonElement v, string name) =>
        v.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? Convert.FromBase64String(p.GetString()!) : [];

    private static List<byte[]> Proof(JsonElement v) =>
        v.TryGetProperty("proof", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList()
            : [];
}
