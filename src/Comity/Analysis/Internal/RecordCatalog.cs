using System.Text;
using Comity.Contract;
using Comity.Conditions;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// What lists of convictions (or charges) can make true. A list passes <c>any conviction (P)</c>
/// when one of its records passes P, so the tests a list makes true are the union of what its
/// records make true one by one. The catalog finds every distinct single record (by the offence
/// tables' classes and listed codes, the caller's asserted classes, level, jurisdiction, the two
/// flags and the date against each look-back window and cut-off) and closes their results under
/// union: that is every combination a list can produce, each with a shortest list that does.
/// A record whose <c>juvenile</c> is not given may pass a test that reads it without surely
/// passing (Kleene's unknown, as the engine reads it): a list then makes the test true if one
/// record passes, and otherwise unknown (<see cref="Tri.Maybe"/>) if one may.
/// </summary>
internal sealed class RecordCatalog
{
    private const string UnlistedCode = "UNLISTED 1";

    private readonly Evaluator _evaluator;
    private readonly IReadOnlyDictionary<Exists, OffenceIndex> _indexOf;
    private readonly IReadOnlyList<string> _codes;
    private readonly Dictionary<Exists, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, List<(Outcomes Bits, List<Variant> Records)>> _cache = new(StringComparer.Ordinal);

    /// <summary>What a list of records makes of each <c>any</c> test: true (a bit of <c>True</c>), unknown (of <c>Maybe</c>), else false.</summary>
    private readonly record struct Outcomes(ulong True, ulong Maybe)
    {
        public Outcomes Union(Outcomes other)
        {
            var t = True | other.True;
            return new(t, (Maybe | other.Maybe) & ~t);
        }

        public Tri Of(int node) => (True & (1UL << node)) != 0 ? Tri.True : (Maybe & (1UL << node)) != 0 ? Tri.Maybe : Tri.False;

        public Outcomes With(int node, Tri value) => value switch
        {
            Tri.True => new(True | (1UL << node), Maybe),
            Tri.Maybe => new(True, Maybe | (1UL << node)),
            _ => this,
        };
    }
    private static readonly OffenceClass[][] AssertedSets = Enumerable.Range(0, 1 << Vocabularies.OffenceClasses.Count)
        .OrderBy(s => System.Numerics.BitOperations.PopCount((uint)s)).ThenBy(s => s)
        .Select(s => Enumerable.Range(0, Vocabularies.OffenceClasses.Count).Where(i => (s & (1 << i)) != 0).Select(i => (OffenceClass)i).ToArray())
        .ToArray();

    /// <param name="indexOf">the offence index of the stack each <c>any</c> node belongs to</param>
    /// <param name="codes">every code the stacks' tables list</param>
    public RecordCatalog(Evaluator evaluator, IReadOnlyDictionary<Exists, OffenceIndex> indexOf, IEnumerable<string> codes)
    {
        _evaluator = evaluator;
        _indexOf = indexOf;
        var all = codes.Concat(indexOf.Keys.SelectMany(x => LawWalk.Of(x.Where)).OfType<CodeIs>().SelectMany(c => c.Codes)).Append(UnlistedCode);
        _codes = all.DistinctBy(OffenceIndex.Normalize).ToList();
        foreach (var x in indexOf.Keys)
            _ids[x] = _ids.Count;
    }

    /// <summary>
    /// Splits on one more <c>any</c> test: the choices that keep what <paramref name="before"/>
    /// chose and make <paramref name="node"/> true, or false, each when some list of records can.
    /// </summary>
    public IEnumerable<RecordChoice> Split(RecordKind kind, RecordChoice? before, Exists node, Box box)
    {
        var nodes = (before?.Truth.Keys ?? []).Append(node).Distinct(ReferenceEqualityComparer.Instance).Cast<Exists>().OrderBy(n => _ids[n]).ToList();
        if (nodes.Count > 64)
            throw new NotSupportedException("more than 64 \"any\" tests bear on one question");
        var reachable = Closure(kind, nodes, box);
        foreach (var value in new[] { Tri.False, Tri.True, Tri.Maybe })
        {
            var want = new Outcomes(0, 0);
            for (var i = 0; i < nodes.Count; i++)
                want = want.With(i, ReferenceEquals(nodes[i], node) ? value : before!.Truth[nodes[i]]);
            foreach (var (bits, records) in reachable.Where(r => r.Bits == want))
                yield return Choice(kind, nodes, bits, records, box.From);
        }
    }

    /// <summary>Every combination of these tests some list of records makes true, each with a shortest such list, fewest records first.</summary>
    private List<(Outcomes Bits, List<Variant> Records)> Closure(RecordKind kind, List<Exists> nodes, Box box)
    {
        var tests = nodes.SelectMany(n => LawWalk.Of(n.Where)).ToList();
        var key = new StringBuilder().Append(kind == RecordKind.Conviction ? 'c' : 'p');
        foreach (var n in nodes)
            key.Append(',').Append(_ids[n]);
        // Dates are kept relative to the day received, so one closure serves every day, unless a
        // fixed cut-off makes what exists depend on the day.
        var tableDays = TableDays(nodes);
        if (tests.Any(t => t is Dated) || tableDays.Count > 0)
            key.Append('@').Append(box.From.DayNumber);
        foreach (var t in tests.Where(t => t is IsOneOf or IsTrue or IsGiven && !LawWalk.IsRecordTest(t)))
            key.Append(Decided(t, box) ? '+' : '-');
        var k = key.ToString();
        if (_cache.TryGetValue(k, out var cached))
            return cached;

        // Each distinct single-record result, with its first record.
        var singles = new Dictionary<Outcomes, Variant>();
        foreach (var v in Variants(kind, nodes, tests, box))
        {
            var bits = new Outcomes(0, 0);
            for (var i = 0; i < nodes.Count; i++)
                bits = bits.With(i, Passes(nodes[i].Where, v, _indexOf[nodes[i]], box));
            singles.TryAdd(bits, v);
        }
        // Close under union, breadth first, so each result keeps a shortest list.
        var none = new Outcomes(0, 0);
        var reached = new List<(Outcomes Bits, List<Variant> Records)> { (none, []) };
        var seen = new HashSet<Outcomes> { none };
        for (var from = 0; from < reached.Count; from++)
            foreach (var (bits, v) in singles)
            {
                var u = reached[from].Bits.Union(bits);
                if (seen.Add(u))
                    reached.Add((u, [.. reached[from].Records, v]));
            }
        return _cache[k] = reached;
    }

    private RecordChoice Choice(RecordKind kind, List<Exists> nodes, Outcomes bits, List<Variant> records, DateOnly day)
    {
        var truth = new Dictionary<Exists, Tri>(ReferenceEqualityComparer.Instance);
        var key = new StringBuilder(kind == RecordKind.Conviction ? "c" : "p");
        for (var i = 0; i < nodes.Count; i++)
        {
            var holds = bits.Of(i);
            truth[nodes[i]] = holds;
            key.Append(',').Append(_ids[nodes[i]]).Append(holds switch { Tri.True => '+', Tri.Maybe => '?', _ => '-' });
        }
        return kind == RecordKind.Conviction
            ? new RecordChoice(truth, records.Select(r => r.ToConviction(day)).ToList(), [], key.ToString())
            : new RecordChoice(truth, [], records.Select(r => r.ToCharge()).ToList(), key.ToString());
    }

    /// <summary>One record of each kind that the tests can tell apart.</summary>
    private List<Variant> Variants(RecordKind kind, List<Exists> nodes, List<Condition> tests, Box box)
    {
        // Codes with their asserted classes, one per distinct outcome of the code tests (on each day
        // a table's period starts or ends, and before the first: classes change only there).
        var codeTests = nodes.SelectMany(n => LawWalk.Of(n.Where).Where(t => t is HasClass or CodeIs).Select(t => (Test: t, Index: _indexOf[n]))).ToList();
        var tableDays = TableDays(nodes);
        DateOnly[] samples = tableDays.Count == 0 ? [box.From] : [tableDays[0].AddDays(-1), .. tableDays];
        var byBase = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in _codes)
            byBase.TryAdd(Signature(codeTests, code, [], samples), code);
        var codes = new Dictionary<string, (string Code, OffenceClass[] Asserted)>(StringComparer.Ordinal);
        foreach (var code in byBase.Values)
            foreach (var asserted in AssertedSets)
                codes.TryAdd(Signature(codeTests, code, asserted, samples), (code, asserted));

        if (kind == RecordKind.ProbableCauseCharge)
            return codes.Values.Select(c => new Variant(c.Code, c.Asserted, ConvictionLevel.Felony, ConvictionJurisdiction.Ca, null, false, null, RelativeDate.Day)).ToList();

        bool Uses(Func<Condition, bool> p) => tests.Any(p);
        ConvictionLevel[] levels = Uses(t => t is IsOneOf { Fact.Id: FactId.Level }) ? [ConvictionLevel.Felony, ConvictionLevel.Misdemeanor] : [ConvictionLevel.Felony];
        ConvictionJurisdiction[] places = Uses(t => t is IsOneOf { Fact.Id: FactId.ConvictionJurisdiction })
            ? Enum.GetValues<ConvictionJurisdiction>() : [ConvictionJurisdiction.Ca];
        // wobbler not given reads as false to a bare test, so false is added only where "is given" tells them apart.
        bool?[] wobblers = Uses(t => t is IsGiven { Fact.Id: FactId.Wobbler }) ? [null, false, true]
            : Uses(t => t is IsTrue { Fact.Id: FactId.Wobbler }) ? [null, true] : [null];
        bool[] reduced = Uses(t => t is IsTrue { Fact.Id: FactId.ReducedByProp47 }) ? [false, true] : [false];
        // juvenile (1.1) is not given unless a test reads it; then it is also false and true.
        bool?[] juvenile = Uses(t => t is IsTrue { Fact.Id: FactId.Juvenile } or IsGiven { Fact.Id: FactId.Juvenile }) ? [null, false, true] : [null];
        // The day itself, and each window's first day and the day before it, and each cut-off and
        // the day before it: one date on each side of every line the tests draw.
        var day = box.From;
        var dates = tests.OfType<Within>().SelectMany(w => new[] { new RelativeDate(w, null, 0), new RelativeDate(w, null, -1) })
            .Concat(tests.OfType<Dated>().Select(d => d.Day).Concat(tableDays).SelectMany(d => new[] { new RelativeDate(null, d, 0), new RelativeDate(null, d, -1) }))
            .Prepend(RelativeDate.Day)
            .Where(d => d.On(day) <= day).DistinctBy(d => d.On(day)).ToList();

        var variants = new List<Variant>();
        foreach (var (code, asserted) in codes.Values)
            foreach (var level in levels)
                foreach (var place in places)
                    foreach (var wobbler in wobblers)
                        foreach (var p47 in reduced)
                            foreach (var young in juvenile)
                                foreach (var date in dates)
                                    variants.Add(new Variant(code, asserted, level, place, wobbler, p47, young, date));
        return variants;
    }

    private static string Signature(List<(Condition Test, OffenceIndex Index)> tests, string code, OffenceClass[] asserted, DateOnly[] days)
    {
        var sb = new StringBuilder(tests.Count * days.Length);
        var normalized = OffenceIndex.Normalize(code);
        foreach (var day in days)
            foreach (var (test, index) in tests)
                sb.Append(CodeTest(test, normalized, index.Classify(code, asserted, day), index) ? '1' : '0');
        return sb.ToString();
    }

    /// <summary>The days on which a code enters or leaves a table these tests read, in order.</summary>
    private List<DateOnly> TableDays(List<Exists> nodes) =>
        nodes.Where(n => LawWalk.Of(n.Where).OfType<HasClass>().Any()).SelectMany(n => _indexOf[n].Boundaries).Distinct().Order().ToList();

    private static bool CodeTest(Condition test, string normalizedCode, ulong classes, OffenceIndex index) => test switch
    {
        HasClass h => (classes & index.Bits[h.Class]) != 0,
        CodeIs c => c.Codes.Any(listed => OffenceIndex.Matches(normalizedCode, OffenceIndex.Normalize(listed))),
        _ => throw new InvalidOperationException("not a code test"),
    };

    /// <summary>
    /// Whether one record passes the test inside <c>any (...)</c>, as the engine decides it: in
    /// three values, a record's <c>juvenile</c> not given making a test of it <see cref="Tri.Maybe"/>.
    /// </summary>
    private Tri Passes(Condition c, Variant v, OffenceIndex index, Box box)
    {
        switch (c)
        {
            case AllOf a:
            {
                var result = Tri.True;
                foreach (var p in a.Parts)
                    switch (Passes(p, v, index, box))
                    {
                        case Tri.False:
                            return Tri.False;
                        case Tri.Maybe:
                            result = Tri.Maybe;
                            break;
                    }
                return result;
            }
            case AnyOf a:
            {
                var result = Tri.False;
                foreach (var p in a.Parts)
                    switch (Passes(p, v, index, box))
                    {
                        case Tri.True:
                            return Tri.True;
                        case Tri.Maybe:
                            result = Tri.Maybe;
                            break;
                    }
                return result;
            }
            case Not n:
                return Passes(n.Inner, v, index, box) switch { Tri.True => Tri.False, Tri.False => Tri.True, var t => t };
            case IsTrue { Fact.Id: FactId.Juvenile }:
                return v.Juvenile switch { true => Tri.True, false => Tri.False, null => Tri.Maybe };
            default:
                return PassesTest(c, v, index, box) ? Tri.True : Tri.False;
        }
    }

    private bool PassesTest(Condition c, Variant v, OffenceIndex index, Box box) => c switch
    {
        HasClass or CodeIs => CodeTest(c, v.Normalized, v.ClassesIn(index, v.Date.On(box.From)), index),
        Within w => v.Date.On(box.From) >= Windows.Start(box.From, w),
        Dated d => d.Before ? v.Date.On(box.From) < d.Day : v.Date.On(box.From) >= d.Day,
        IsTrue { Fact.Id: FactId.Wobbler } => v.Wobbler == true,
        IsGiven { Fact.Id: FactId.Wobbler } => v.Wobbler is not null,
        IsTrue { Fact.Id: FactId.ReducedByProp47 } => v.ReducedByProp47,
        IsGiven { Fact.Id: FactId.Juvenile } => v.Juvenile is not null,
        IsOneOf { Fact.Id: FactId.Level } e => e.Values.Contains(Vocabularies.Levels.Name(v.Level)),
        IsOneOf { Fact.Id: FactId.ConvictionJurisdiction } e => e.Values.Contains(Vocabularies.ConvictionJurisdictions.Name(v.Jurisdiction)),
        Always => true,
        _ => Decided(c, box),
    };

    /// <summary>A request-level test inside <c>any (...)</c>: by now the box has decided it.</summary>
    private bool Decided(Condition c, Box box) => _evaluator.Eval(c, box, []) switch
    {
        Tri.True => true,
        Tri.False => false,
        _ => throw new InvalidOperationException($"{c.At}: a request test inside \"any\" is undecided when records are chosen"),
    };

    /// <summary>A conviction date as a function of the day received: that day, a window's first day, or a cut-off, shifted by some days.</summary>
    private sealed record RelativeDate(Within? Window, DateOnly? CutOff, int Shift)
    {
        public static readonly RelativeDate Day = new(null, null, 0);

        public DateOnly On(DateOnly day) => (Window is { } w ? Windows.Start(day, w) : CutOff ?? day).AddDays(Shift);
    }

    private sealed record Variant(string Code, OffenceClass[] Asserted, ConvictionLevel Level, ConvictionJurisdiction Jurisdiction,
        bool? Wobbler, bool ReducedByProp47, bool? Juvenile, RelativeDate Date)
    {
        private (OffenceIndex Index, DateOnly Day, ulong Classes)[] _classes = [];

        public string Normalized { get; } = OffenceIndex.Normalize(Code);

        /// <summary>The record's classes by one stack's tables on a day (its date; a charge's: the day received), looked up once.</summary>
        public ulong ClassesIn(OffenceIndex index, DateOnly day)
        {
            foreach (var (i, d, classes) in _classes)
                if (ReferenceEquals(i, index) && d == day)
                    return classes;
            var found = index.Classify(Code, Asserted, day);
            _classes = [.. _classes, (index, day, found)];
            return found;
        }

        public Conviction ToConviction(DateOnly day) => new()
        {
            Code = Code, Level = Level, Jurisdiction = Jurisdiction, Wobbler = Wobbler, ReducedByProp47 = ReducedByProp47, Juvenile = Juvenile, Date = Date.On(day), Classes = Asserted,
        };

        public Charge ToCharge() => new() { Code = Code, Classes = Asserted };
    }
}
