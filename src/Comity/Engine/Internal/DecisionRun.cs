using Comity.Contract;

namespace Comity.Engine.Internal;

/// <summary>
/// What one decision found, gathered across its questions (the act, or each data item): which
/// rules applied and to which items, what set them aside or overrode them, what each layer and
/// each question concluded. Turned into the answer at the end.
/// </summary>
internal sealed class DecisionRun(int provisions, int layers)
{
    public readonly bool[] Active = new bool[provisions];
    public readonly List<int> Deciders = [];

    private readonly bool[] _applied = new bool[provisions];
    private readonly ulong[] _items = new ulong[provisions];
    private readonly List<(int Rule, int By)> _setAside = [];
    private readonly List<(int Rule, int By)> _overridden = [];
    private readonly Outcome?[] _layers = new Outcome?[layers];
    private readonly List<(Outcome Outcome, int[] Deciders)> _questions = [];
    private ulong _flags;

    public void Applied(int rule, int item)
    {
        _applied[rule] = true;
        if (item >= 0)
            _items[rule] |= 1UL << item;
    }

    public void Consequence(int provision) => _applied[provision] = true;

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
    public void LayerOutcome(int layer, LayerEffect effect)
    {
        Outcome? o = effect switch
        {
            LayerEffect.None => null,
            LayerEffect.Permit or LayerEffect.Floor => Outcome.Permit,
            LayerEffect.Must => Outcome.MustComply,
            LayerEffect.Deny => Outcome.Deny,
            _ => Outcome.ReferToCounsel,
        };
        if (o is { } value && (_layers[layer] is not { } seen || value < seen))
            _layers[layer] = value;
    }

    public void EndQuestion(Outcome outcome, ulong flags)
    {
        _questions.Add((outcome, Deciders.ToArray()));
        _flags |= flags;
    }

    public DecisionAnswer ToAnswer(DecisionRequest request, Outcome overall, ItemOutcome[] data,
        CompiledProvision[] provisions, string[] layerNames, Law.Stack stack)
    {
        var reasons = new List<Reason>();
        var obligations = new List<Obligation>();
        var deciding = new bool[provisions.Length];
        foreach (var (outcome, deciders) in _questions)
            if (outcome == overall)
                foreach (var d in deciders)
                    deciding[d] = true;
        var decidedBy = new List<string>();
        for (var i = 0; i < provisions.Length; i++)
        {
            if (deciding[i])
                decidedBy.Add(provisions[i].Source.Id);
            if (!_applied[i])
                continue;
            var p = provisions[i];
            if (p.Source.Kind == Law.ProvisionKind.Duty)
                obligations.Add(p.Obligation);
            else if (p.Source.Kind == Law.ProvisionKind.Rule)
                reasons.Add(_items[i] == 0 && _setAside.Count == 0 && _overridden.Count == 0
                    ? p.Reason
                    : p.Reason with
                    {
                        Items = ItemsOf(request.Data, _items[i]),
                        SetAsideBy = Names(_setAside, i, provisions),
                        OverriddenBy = Names(_overridden, i, provisions),
                    });
        }
        var flags = new List<Flag>();
        for (var f = 0; f < Vocabularies.Flags.Count; f++)
            if ((_flags & (1UL << f)) != 0)
                flags.Add((Flag)f);
        var layerResults = new LayerResult[layerNames.Length];
        for (var l = 0; l < layerNames.Length; l++)
            layerResults[l] = new LayerResult(layerNames[l], _layers[l]);
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
            Policy = new PolicyRef(stack.Id, request.ReceivedOn, stack.Digest),
        };
    }

    private static DataItem[] ItemsOf(IReadOnlyList<DataItem> asked, ulong mask)
    {
        if (mask == 0)
            return [];
        var list = new List<DataItem>();
        foreach (var d in asked)
            if ((mask & (1UL << (int)d)) != 0)
                list.Add(d);
        return list.ToArray();
    }

    private static string[] Names(List<(int Rule, int By)> pairs, int rule, CompiledProvision[] provisions)
    {
        if (pairs.Count == 0)
            return [];
        var by = new SortedSet<int>();
        foreach (var (r, b) in pairs)
            if (r == rule)
                by.Add(b);
        return by.Count == 0 ? [] : by.Select(b => provisions[b].Source.Id).ToArray();
    }
}
