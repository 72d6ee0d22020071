using System.Buffers;
using System.Text.Json;
using Comity.Contract;
using Comity.Ledger;
using Comity.Replay.Internal;

namespace Comity.Replay;

/// <summary>
/// <c>comity ledger reproduce</c>: every recorded decision is decided again with the stack it
/// recorded, read back from the ledger alone (<see cref="Recording.StackVersions"/>), and its
/// answer must be the same bytes (both in RFC 8785 canonical form, as the ledger stores them).
/// A difference names the entry and the first property that differs. Corrections, which record a
/// decision made again, are reproduced too. Reads only; records nothing.
/// </summary>
public sealed class Reproducer(TransparencyLog ledger)
{
    /// <summary>How many differences a report lists (all are counted).</summary>
    public const int MaxListed = 100;

    /// <param name="from">the first entry (inclusive); 0 by default</param>
    /// <param name="to">the last entry (inclusive); the ledger's last by default</param>
    public Reproduction Run(long? from = null, long? to = null, IProgress<WorkProgress>? progress = null, CancellationToken cancel = default)
    {
        var first = Math.Max(0, from ?? 0);
        var last = Math.Min(to ?? long.MaxValue, ledger.Size - 1);
        var law = new RecordedLaw(ledger);
        var states = HistoryPipeline.Run(ledger.ReadDocuments(first, last), Math.Max(0, last - first + 1), () => new Worker(),
            (w, index, document) => w.Reproduce(law, index, document), progress, cancel);
        var differences = states.SelectMany(s => s.Differences).OrderBy(d => d.Entry).ToList();
        return new Reproduction(first, last, states.Sum(s => s.Entries), states.Sum(s => s.Decisions), differences.Count, differences.Take(MaxListed).ToList());
    }

    private readonly RecordedLaw law = new(ledger);

    /// <summary>
    /// Reproduces the decision (or correction) in entry <paramref name="index"/>: null when its
    /// answer comes out the same bytes, else what differs. The stacks read back are kept for the
    /// next call (the web app's "verify this case" asks one case at a time).
    /// </summary>
    /// <exception cref="LedgerException">when there is no such entry.</exception>
    public Irreproducible? Check(long index)
    {
        var worker = new Worker();
        worker.Reproduce(law, index, ledger.Read(index).Canonical);
        return worker.Decisions == 0
            ? new Irreproducible(index, "?", "the entry is not a decision")
            : worker.Differences.FirstOrDefault();
    }

    private sealed class Worker
    {
        private readonly ArrayBufferWriter<byte> compact = new(8192);
        private readonly ArrayBufferWriter<byte> canonical = new(8192);

        public long Entries;
        public long Decisions;
        public readonly List<Irreproducible> Differences = [];

        public void Reproduce(RecordedLaw law, long index, byte[] document)
        {
            Entries++;
            RecordedCase? c;
            try
            {
                c = RecordedCase.Read(index, document);
            }
            catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                Differences.Add(new Irreproducible(index, "?", $"the entry cannot be read: {e.Message}"));
                return;
            }
            if (c is null)
                return;
            Decisions++;
            var (_, engine, problem) = law.Of(c);
            if (engine is null)
            {
                Differences.Add(new Irreproducible(index, c.Kind, $"its stack cannot be read from the ledger: {problem}"));
                return;
            }
            var read = RequestReader.Read(c.Request);
            if (!read.Ok)
            {
                Differences.Add(new Irreproducible(index, c.Kind, $"its request no longer reads: {string.Join("; ", read.Errors)}"));
                return;
            }
            compact.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(compact, AnswerWriter.Compact))
                AnswerWriter.Write(w, engine.Decide(read.Request!));
            canonical.ResetWrittenCount();
            JsonCanonicalizer.Canonicalize(compact.WrittenSpan, canonical);
            if (canonical.WrittenSpan.SequenceEqual(c.Answer))
                return;
            var now = canonical.WrittenSpan.ToArray();
            Differences.Add(new Irreproducible(index, c.Kind, "the answer differs at " + (JsonDifference.First(c.Answer, now) ?? "no property (the same value, other bytes)")));
        }
    }
}
