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
        for (var i = 0; i < provisions.Length; i++)
        {
            if (!_applied[i])
                continue;
            var p = provisions[i];
            switch (p.Source.Kind)
            {
                case Law.ProvisionKind.Rule:
                    reasons.Add(p.ToReason() with
                    {
                        Items = request.Data.Where(d => (_items[i] & (1UL << (int)d)) != 0).ToArray(),
                        SetAsideBy = Names(_setAside, i, provisions),
                        OverriddenBy = Names(_overridden, i, provisions),
                    });
                    break;
                case Law.ProvisionKind.Duty:
                    obligations.Add(new Obligation(p.Source.Id, p.Source.Citations, p.Source.Text));
                    break;
            }
        }
        var decidedBy = _questions.Where(q => q.Outcome == overall).SelectMany(q => q.Deciders).Distinct().Order()
            .Select(i => provisions[i].Source.Id).ToArray();
        var flags = new List<Flag>();
        for (var f = 0; f < Vocabularies.Flags.Count; f++)
            if ((_flags & (1UL << f)) != 0)
                flags.Add((Flag)f);
        return new DecisionAnswer
        {
            Id = request.Id,
            Outcome = overall,
            Data = data,
            Layers = layerNames.Select((n, l) => new LayerResult(n, _layers[l])).ToArray(),
            DecidedBy = decidedBy,
            Reasons = reasons,
            Obligations = obligations,
            Flags = flags,
            Policy = new PolicyRef(stack.Id, request.ReceivedOn, stack.Digest),
        };
    }

    private static string[] Names(List<(int Rule, int By)> pairs, int rule, CompiledProvision[] provisions) =>
        pairs.Count == 0 ? [] : pairs.Where(p => p.Rule == rule).Select(p => p.By).Distinct().Order().Select(b => provisions[b].Source.Id).ToArray();
}
