using Comity.Contract;

namespace Comity.Engine;

/// <summary>
/// Records a batch's decisions before their answers leave (the ledger, with <c>--record</c>).
/// <see cref="BatchDecider"/> tells it of each decided line as it goes, so recording overlaps
/// deciding, then hands it each block of answers to write once they are recorded.
/// </summary>
public interface IBatchRecorder
{
    /// <summary>A line was decided: its request text and its reading, and its answer as written, which ends at <paramref name="answerEnd"/> in the current block.</summary>
    void Decided(ReadOnlySpan<byte> requestJson, DecisionRequest request, DecisionAnswer answer, ReadOnlySpan<byte> answerJson, int answerEnd);

    /// <summary>Writes a block of answers (one per line, in order) once every decided answer in it is recorded.</summary>
    void Write(ReadOnlySpan<byte> block, Stream output);
}
