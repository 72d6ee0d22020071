using System.Numerics;
using Comity.Conditions;
using Comity.Contract;

namespace Comity.Engine.Internal;

/// <summary>
/// What one decision found, gathered across its questions (the act, or each data item): which
/// rules applied and to which items, what set them aside or overrode them, what each layer and
/// each question concluded. Turned into the answer at the end. One run is kept per thread and
/// engine and reset for each decision, so deciding allocates little beyond the answer itself.
/// </summary>
internal sealed class DecisionRun(CompiledProvision[] all, int layers)
{
    public readonly RequestFacts Facts = new();
    public readonly bool[] Active = new bool[all.Length];

    /// <summary>Rules that may be active: they turn on a fact the request does not give (semantics.md, "Facts that are not given").</summary>
    public readonly bool[] Maybe = new bool[all.Length];

    /// <summary>Scratch: the rules of one layer taken as active under one choice of those that may be.</summary>
    public readonly bool[] WorldActive = new bool[all.Length];
    public readonly List<int> Deciders = [];

    /// <summary>Per layer, for the question being decided: the slots of its active rules, and what it can conclude.</summary>
    public readonly int[] Slots = new int[layers];

    /// <summary>Per layer, for the question being decided: the slots of its rules that may be active (and of none that surely is).</summary>
    public readonly int[] MaybeSlots = new int[layers];
    public readonly byte[] Choices = new byte[layers];

    public CompiledProvision Provision(int index) => all[index];

    // Per layer: the outcomes counsel may choose between where it referred (bit per Outcome).
    private readonly int[] _possible = new int[layers];

    private readonly bool[] _applied = new bool[all.Length];
    private readonly ulong[] _items = new ulong[all.Length];
    private readonly bool[] _deciding = new bool[all.Length];
    private readonly ulong[] _decides = new ulong[all.Length];

    // The provisions that applied, in the order they did: a decision touches a few of the stack's
    // provisions, so resetting and answering walk this list, not the whole stack.
    private readonly int[] _touched = new int[all.Length];
    private int _touchedCount;

    private readonly List<(int Rule, int By)> _setAside = [];
    private readonly List<(int Rule, int By)> _overridden = [];
    private readonly Outcome?[] _layers = new Outcome?[layers];
    private readonly List<(Outcome Outcome, int From, int To)> _questions = [];
    private readonly List<int> _questionDeciders = [];
    private ulong _flags;

    public void Reset()
    {
        Array.Clear(Active);
        Array.Clear(Maybe);
        for (var t = 0; t < _touchedCount; t++)
        {
            var i = _touched[t];
            _applied[i] = false;
            _items[i] = 0;
        }
        _touchedCount = 0;
        Array.Clear(_layers);
        Array.Clear(_possible);
        _setAside.Clear();
        _overridden.Clear();
        _questions.Clear();
        _questionDeciders.Clear();
        _flags = 0;
    }

    public void Applied(int rule, int item)
    {
        Consequence(rule);
        if (item >= 0)
            _items[rule] |= 1UL << item;
    }

    public void Consequence(int provision)
    {
        if (_applied[provision])
            return;
        _applied[provision] = true;
        _touched[_touchedCount++] = provision;
    }

    public void SetAside(int rule, int by)
    {
        if (!_setAside.Contains((rule, by)))
            _setAside.Add((rule, by));
    }

    public void Overridden(int rule, int by)
    {
        if (!_overridden.Contains((rule, by)))
            _overridden.Add((rule, by));
    }

    /// <summary>A layer's outcome over several items is the most restrictive it reached for any of them.</summary>
    public void LayerOutcome(int layer, byte choices)
    {
        var (o, possible) = Combining.LayerOutcome(choices);
        foreach (var p in possible)
            _possible[layer] |= 1 << (int)p;
        if (o is { } value && (_layers[layer] is not { } seen || value < seen))
            _layers[layer] = value;
    }

    public void EndQuestion(Outcome outcome, ulong flags)
    {
        _questions.Add((outcome, _questionDeciders.Count, _questionDeciders.Count + Deciders.Count));
        _questionDeciders.AddRange(Deciders);
        _flags |= flags;
    }

    public DecisionAnswer ToAnswer(DecisionRequest request, Outcome overall, ItemOutcome[] data, EngineParts parts)
    {
        var provisions = parts.Provisions;
        var kinds = parts.Kinds;
        // Stack order is the answer's order: sort the few touched provisions (insertion sort).
        var touched = _touched.AsSpan(0, _touchedCount);
        for (var a = 1; a < touched.Length; a++)
        {
            var v = touched[a];
            var b = a - 1;
            for (; b >= 0 && touched[b] > v; b--)
                touched[b + 1] = touched[b];
            touched[b + 1] = v;
        }

        // Every decider applied, so the deciding rules and the rules' items are all among the touched.
        foreach (var (outcome, from, to) in _questions)
            if (outcome == overall)
                for (var d = from; d < to; d++)
                    _deciding[_questionDeciders[d]] = true;
        // Which data items each rule decided: question q is the request's q-th item.
        for (var q = 0; q < data.Length; q++)
        {
            var (_, from, to) = _questions[q];
            for (var d = from; d < to; d++)
                _decides[_questionDeciders[d]] |= 1UL << (int)data[q].Item;
        }

        int reasonCount = 0, obligationCount = 0, decidingCount = 0;
        foreach (var i in touched)
        {
            if (_deciding[i])
                decidingCount++;
            if (kinds[i] == Law.ProvisionKind.Rule)
                reasonCount++;
            else if (kinds[i] == Law.ProvisionKind.Duty)
                obligationCount++;
        }

        var reasons = Sized<Reason>(reasonCount);
        var obligations = Sized<Obligation>(obligationCount);
        var decidedBy = Sized<string>(decidingCount);
        int r = 0, o = 0, d2 = 0;
        var hasItems = data.Length > 0;
        foreach (var i in touched)
        {
            var p = provisions[i];
            if (_deciding[i])
            {
                decidedBy[d2++] = p.Source.Id;
                _deciding[i] = false;
            }
            var decides = _decides[i];
            _decides[i] = 0;
            if (kinds[i] == Law.ProvisionKind.Duty)
                obligations[o++] = p.Obligation;
            else if (kinds[i] == Law.ProvisionKind.Rule)
                reasons[r++] = !Involves(_setAside, i) && !Involves(_overridden, i) && BitOperations.PopCount(_items[i]) <= 1
                    && (decides == 0 || decides == _items[i])
                    ? p.ReasonFor(_items[i] == 0 ? -1 : BitOperations.TrailingZeroCount(_items[i]), hasItems && decides != 0)
                    : p.Reason with
                    {
                        Items = ItemsOf(request.Data, _items[i]),
                        Decides = hasItems ? ItemsOf(request.Data, decides) : [],
                        SetAsideBy = Names(_setAside, i, provisions),
                        OverriddenBy = Names(_overridden, i, provisions),
                    };
        }

        var flags = Sized<Flag>(BitOperations.PopCount(_flags));
        for (int f = 0, n = 0; n < flags.Length; f++)
            if ((_flags & (1UL << f)) != 0)
                flags[n++] = (Flag)f;
        var layerResults = parts.LayerResults(_layers);
        for (var l = 0; l < _possible.Length; l++)
            if (_possible[l] != 0 && _layers[l] == Outcome.ReferToCounsel)
                layerResults = WithPossible(layerResults, l, _possible[l]);
        return new DecisionAnswer
        {
            Id = request.Id,
            Outcome = overall,
            Data = data,
            Layers = layerResults,
            DecidedBy = decidedBy,
            Reasons = reasons,
            Obligations = obligations,
            Flags = flags,
            Policy = new PolicyRef(parts.Stack.Id, request.ReceivedOn, parts.Stack.Digest),
        };
    }

    /// <summary>The layer results with layer <paramref name="layer"/>'s possible outcomes (a copy: the shared lists are never changed).</summary>
    private static LayerResult[] WithPossible(LayerResult[] results, int layer, int possible)
    {
        var copy = (LayerResult[])results.Clone();
        var outcomes = new List<Outcome>();
        // Must, permit, deny: the order a rule writes its range in.
        foreach (var o in new[] { Outcome.MustComply, Outcome.Permit, Outcome.Deny })
            if ((possible & (1 << (int)o)) != 0)
                outcomes.Add(o);
        copy[layer] = copy[layer] with { Possible = outcomes };
        return copy;
    }

    /// <summary>An array for an answer's list; the empty one is shared (most answers have several empty lists).</summary>
    private static T[] Sized<T>(int count) => count == 0 ? [] : new T[count];

    private static DataItem[] ItemsOf(IReadOnlyList<DataItem> asked, ulong mask)
    {
        var items = new DataItem[BitOperations.PopCount(mask)];
        var n = 0;
        foreach (var d in asked)
            if ((mask & (1UL << (int)d)) != 0)
                items[n++] = d;
        return items;
    }

    private static bool Involves(List<(int Rule, int By)> pairs, int rule)
    {
        foreach (var (r, _) in pairs)
            if (r == rule)
                return true;
        return false;
    }

    /// <summary>The ids of the rules paired with <paramref name="rule"/>, in stack order.</summary>
    private static string[] Names(List<(int Rule, int By)> pairs, int rule, CompiledProvision[] provisions)
    {
        if (!Involves(pairs, rule))
            return [];
        var by = new List<int>();
        foreach (var (r, b) in pairs)
            if (r == rule && !by.Contains(b))
                by.Add(b);
        by.Sort();
        var names = new string[by.Count];
        for (var i = 0; i < names.Length; i++)
            names[i] = provisions[by[i]].Source.Id;
        return names;
    }
}

/// <summary>The parts of a compiled stack an answer is built from, with its shared immutable pieces.</summary>
internal sealed class EngineParts(Law.Stack stack, CompiledProvision[] provisions, string[] layerNames)
{
    // Every (layer, outcome) pair as one shared immutable object: 4 outcomes, plus null at index 4.
    private readonly LayerResult[][] _layerResults = layerNames
        .Select(n => Enumerable.Range(0, 5).Select(o => new LayerResult(n, o == 4 ? null : (Outcome)o)).ToArray()).ToArray();

    public Law.Stack Stack { get; } = stack;
    public CompiledProvision[] Provisions { get; } = provisions;

    /// <summary>Each provision's kind, by index: read for every provision an answer names.</summary>
    public Law.ProvisionKind[] Kinds { get; } = provisions.Select(p => p.Source.Kind).ToArray();

    public LayerResult LayerResult(int layer, Outcome? outcome) => _layerResults[layer][outcome is { } o ? (int)o : 4];

    // Each combination of the layers' outcomes as one shared immutable list, when there are few
    // enough combinations (5 per layer: 625 for four layers) to keep them all. Two threads may
    // both build the same list; either one is right, and a reference is written whole.
    private readonly LayerResult[]?[]? _combinations = layerNames.Length <= 5 ? new LayerResult[]?[(int)Math.Pow(5, layerNames.Length)] : null;

    /// <summary>The answer's list of layer results for these outcomes, shared when it can be.</summary>
    public LayerResult[] LayerResults(Outcome?[] outcomes)
    {
        var key = 0;
        for (var l = outcomes.Length - 1; l >= 0; l--)
            key = key * 5 + (outcomes[l] is { } o ? (int)o : 4);
        if (_combinations?[key] is { } shared)
            return shared;
        var results = new LayerResult[outcomes.Length];
        for (var l = 0; l < outcomes.Length; l++)
            results[l] = LayerResult(l, outcomes[l]);
        if (_combinations is not null)
            _combinations[key] = results;
        return results;
    }
}
