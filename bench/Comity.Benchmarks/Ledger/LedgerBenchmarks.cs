using BenchmarkDotNet.Attributes;
using Comity.Ledger;
using Comity.Ledger.Internal;

namespace Comity.Benchmarks.Ledger;

/// <summary>
/// Proofs and the per-entry work of an append, on a tree of 1,000,000 leaves held in memory as
/// the ledger holds it. Expect an inclusion proof in a few microseconds (20 array reads, at most
/// one walk of the right edge), well under the 20 µs target.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LedgerBenchmarks
{
    private const long Size = 1_000_000;
    private HashTree _tree = null!;
    private LedgerEntry _decision = null!;
    private long _index;
    private readonly byte[] _leaf = new byte[Merkle.HashSize];

    [GlobalSetup]
    public void Setup()
    {
        _tree = new HashTree();
        var leaf = new byte[32];
        for (long i = 0; i < Size; i++)
        {
            BitConverter.TryWriteBytes(leaf, i);
            _tree.Append(leaf);
        }
        _tree.Publish();
        _decision = LedgerThroughput.DecisionEntries(1)[0];
    }

    /// <summary>Audit path of a leaf spread over the tree (a different one each call) in the full tree.</summary>
    [Benchmark]
    public IReadOnlyList<byte[]> InclusionProof_1M()
    {
        _index = (_index + 7919) % Size;
        return _tree.InclusionProof(_index, Size);
    }

    /// <summary>Audit path plus its verification, what a receipt check costs.</summary>
    [Benchmark]
    public bool InclusionProofAndVerify_1M()
    {
        _index = (_index + 7919) % Size;
        var proof = _tree.InclusionProof(_index, Size);
        return Merkle.VerifyInclusion(_index, Size, _tree.Leaf(_index), proof, _tree.Root(Size));
    }

    [Benchmark]
    public IReadOnlyList<byte[]> ConsistencyProof_500kTo1M() => _tree.ConsistencyProof(500_001, Size);

    /// <summary>An append's own work before the write: canonical entry document (RFC 8785), salt, commitment, leaf hash.</summary>
    [Benchmark]
    public byte[] PrepareDecisionEntry() => EntryDocument.Prepare(_decision, _leaf);
}
