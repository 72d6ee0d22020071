using System.Text.Json;
using Comity.Analysis.Internal;
using Comity.Cases;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Ledger;
using Comity.Replay.Internal;

namespace Comity.Replay;

/// <summary>
/// <c>comity replay</c>: recorded history decided again under another stack (an amendment, a
/// court striking a rule, a draft ordinance), reporting every case whose outcome would change,
/// grouped as <c>comity diff</c> groups classes. Each case counts once, by the decision or
/// correction in force (a void case is not history); its recorded outcome is the one it had. The
/// rules that cause a change are found by comparing the stack replayed with the one the case was
/// decided under, read back from the ledger. Reads only: records nothing, changes nothing.
/// </summary>
public sealed class Replayer(TransparencyLog ledger)
{
    /// <summary>How many cases that cannot be decided again a report names (all are counted).</summary>
    public const int MaxProblems = 100;

    /// <param name="stack">the law to replay under</param>
    /// <param name="source">where it was read from, for the report (a folder, or "ledger entry N")</param>
    public ReplayReport Run(Stack stack, string source, ReplayScope scope, IProgress<WorkProgress>? progress = null, CancellationToken cancel = default)
    {
        var last = ledger.Size - 1;
        var context = new Context(stack, scope, new RecordedLaw(ledger));
        var states = HistoryPipeline.Run(ledger.ReadDocuments(0, last), Math.Max(0, last + 1), () => new Worker(context),
            (w, index, document) => w.Replay(index, document), progress, cancel);

        // Each case counts once, by the entry in force: its last correction, else its decision; a void case not at all.
        var latest = new Dictionary<long, long>();
        foreach (var (decision, correction) in states.SelectMany(s => s.Corrections))
            latest[decision] = Math.Max(correction, latest.GetValueOrDefault(decision, decision));
        var voided = states.SelectMany(s => s.Voids).ToHashSet();
        bool InForce(long caseDecision, long entry) => !voided.Contains(caseDecision) && latest.GetValueOrDefault(caseDecision, caseDecision) == entry;

        var replayed = states.Sum(s => s.Replayed.LongCount(r => InForce(r.Case, r.Entry)));
        var superseded = states.Sum(s => s.Replayed.LongCount(r => !InForce(r.Case, r.Entry)));
        var changes = states.SelectMany(s => s.Changed).Where(c => InForce(c.Case, c.Item.Entry))
            .GroupBy(c => (c.From, c.To, Rules: string.Join(",", c.Rules)))
            .OrderBy(g => g.Key.From).ThenBy(g => g.Key.To).ThenBy(g => g.Key.Rules, StringComparer.Ordinal)
            .Select(g => new ReplayChange(g.Key.From, g.Key.To, g.First().Rules, [.. g.Select(c => c.Item).OrderBy(c => c.Entry)]))
            .ToList();
        var problems = states.SelectMany(s => s.Problems).Where(p => p.Case is not { } c || InForce(c, p.Problem.Entry)).Select(p => p.Problem).OrderBy(p => p.Entry).ToList();
        return new ReplayReport(new(stack.Id, source, stack.Digest), scope, states.Sum(s => s.Entries), replayed,
            states.Sum(s => s.OtherStacks), states.Sum(s => s.OutOfScope), changes, problems.Take(MaxProblems).ToList())
        {
            Superseded = superseded,
            ProblemCount = problems.Count,
        };
    }

    /// <summary>What every worker shares: the stack replayed, compiled once; the scope; the recorded law; the rules that differ from each recorded version.</summary>
    private sealed class Context(Stack stack, ReplayScope scope, RecordedLaw recorded)
    {
        public readonly Stack Stack = stack;
        public readonly DecisionEngine Engine = DecisionEngine.Compile(stack);
        public readonly ReplayScope Scope = scope;
        public readonly RecordedLaw Recorded = recorded;
        public readonly HashSet<string> Units = UnitsWithin(stack, scope.Unit);
        private readonly Dictionary<string, ILookup<string, Provision>> differing = new(StringComparer.Ordinal);

        /// <summary>The rules that differ between the law a case was recorded under and the replayed stack, by id; null when that law cannot be read.</summary>
        public ILookup<string, Provision>? Differing(RecordedCase c, Stack? recordedStack)
        {
            if (recordedStack is null)
                return null;
            lock (differing)
            {
                if (!differing.TryGetValue(recordedStack.Digest, out var rules))
                    differing[recordedStack.Digest] = rules = RuleSignatures.Differing(recordedStack, Stack).ToLookup(p => p.Id, StringComparer.Ordinal);
                return rules;
            }
        }

        private static HashSet<string> UnitsWithin(Stack stack, string? unit)
        {
            var units = new HashSet<string>(StringComparer.Ordinal);
            if (unit is null)
                return units;
            units.Add(unit);
            // A unit's sub-units, and theirs, as the stack declares them.
            for (var added = true; added;)
            {
                added = false;
                foreach (var u in stack.Units)
                    if (u.Within is { } parent && units.Contains(parent) && units.Add(u.Id))
                        added = true;
            }
            return units;
        }
    }

    private sealed record Changed(long Case, Outcome From, Outcome To, IReadOnlyList<string> Rules, ReplayedCase Item);

    private sealed class Worker(Context context)
    {
        public long Entries;
        public long OtherStacks;
        public long OutOfScope;

        /// <summary>Every decision or correction replayed, with the decision entry of its case.</summary>
        public readonly List<(long Case, long Entry)> Replayed = [];
        public readonly List<Changed> Changed = [];
        public readonly List<(long Decision, long Correction)> Corrections = [];
        public readonly List<long> Voids = [];
        public readonly List<(long? Case, Irreproducible Problem)> Problems = [];

        public void Replay(long index, byte[] document)
        {
            Entries++;
            RecordedCase? c;
            long caseDecision = index;
            try
            {
                using var parsed = JsonDocument.Parse(document);
                var root = parsed.RootElement;
                var kind = root.GetProperty("kind").GetString();
                if (kind == CaseEventKinds.Void)
                {
                    Voids.Add(root.GetProperty("body").GetProperty("decision").GetInt64());
                    return;
                }
                if (kind == CaseEventKinds.Correction)
                {
                    caseDecision = root.GetProperty("body").GetProperty("decision").GetInt64();
                    Corrections.Add((caseDecision, index));
                }
                c = RecordedCase.Read(index, root);
            }
            catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                Problems.Add((null, new Irreproducible(index, "?", $"the entry cannot be read: {e.Message}")));
                return;
            }
            if (c is null)
                return;
            if (c.Stack != context.Stack.Id)
            {
                OtherStacks++;
                return;
            }
            var read = RequestReader.Read(c.Request);
            if (!read.Ok)
            {
                Replayed.Add((caseDecision, index));
                Problems.Add((caseDecision, new Irreproducible(index, c.Kind, $"its request no longer reads: {string.Join("; ", read.Errors)}")));
                return;
            }
            var request = read.Request!;
            var scope = context.Scope;
            if (request.ReceivedOn < scope.From || request.ReceivedOn > scope.To || (scope.Unit is not null && !context.Units.Contains(request.Actor.Unit)))
            {
                OutOfScope++;
                return;
            }
            Replayed.Add((caseDecision, index));
            if (StackCatalog.UndeclaredUnit(context.Stack, request) is { } refused)
            {
                Problems.Add((caseDecision, new Irreproducible(index, c.Kind, $"the stack replayed refuses its request: {refused.Message}")));
                return;
            }
            var now = context.Engine.Decide(request);
            if (now.Outcome == c.Outcome)
                return;
            var (recordedStack, recordedEngine, _) = context.Recorded.Of(c);
            var before = recordedEngine?.Decide(request);
            var rules = Causes(before, now, context.Differing(c, recordedStack), request.ReceivedOn);
            Changed.Add(new Changed(caseDecision, c.Outcome, now.Outcome, rules,
                new ReplayedCase(index, caseDecision, c.Kind, request.Id, request.ReceivedAt, request.Actor.Unit, request.Act, c.StackDigest)));
        }

        /// <summary>
        /// As <c>comity diff</c> names a change's cause: the differing rules in force that either
        /// answer gives as a reason, narrowed to those that decide or set a rule aside in either
        /// (all of them if none does).
        /// </summary>
        private static IReadOnlyList<string> Causes(DecisionAnswer? before, DecisionAnswer now, ILookup<string, Provision>? differing, DateOnly day)
        {
            if (before is null || differing is null)
                return [];
            DecisionAnswer[] answers = [before, now];
            var seen = answers.SelectMany(a => a.Reasons).Select(r => r.Rule).Distinct()
                .Where(id => differing[id].Any(p => p.Period.Contains(day))).Order(StringComparer.Ordinal).ToList();
            var deciding = answers.SelectMany(a => a.DecidedBy.Concat(a.Reasons.SelectMany(r => r.SetAsideBy))).ToHashSet(StringComparer.Ordinal);
            var shown = seen.Where(deciding.Contains).ToList();
            return shown.Count > 0 ? shown : seen;
        }
    }
}
