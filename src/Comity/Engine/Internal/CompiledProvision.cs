using Comity.Contract;
using Comity.Law;

namespace Comity.Engine.Internal;

/// <summary>A provision ready to evaluate: its period, binding and condition in fast form.</summary>
internal sealed class CompiledProvision(Provision source, int index, int layer, Func<RequestFacts, bool> when)
{
    public Provision Source { get; } = source;

    /// <summary>Position in the stack (layer order, then file order): the order of reasons in an answer.</summary>
    public int Index { get; } = index;

    public int Layer { get; } = layer;

    /// <summary>Indices of the provisions that are exceptions to this one.</summary>
    public int[] ExceptedBy { get; set; } = [];

    private readonly DateOnly _from = source.Period.From;
    private readonly DateOnly _until = source.Period.Until ?? DateOnly.MaxValue;
    private readonly bool _all = source.Binds.All;
    private readonly ulong _kinds = source.Binds.Kinds.Aggregate(0UL, (m, k) => m | (1UL << (int)k));
    private readonly string[] _units = source.Binds.Units.ToArray();

    public Effect Effect { get; } = source.Effect ?? default;

    /// <summary>The flags this provision raises, as a bit mask over <see cref="Flag"/>.</summary>
    public ulong Flags { get; } = source.Flags.Aggregate(0UL, (m, f) => m | (1UL << (int)f));

    /// <summary>The reason as it appears when nothing about this decision adds to it; shared, immutable.</summary>
    public Reason Reason { get; } = Fragments.Share(new Reason
    {
        Rule = source.Id, Layer = source.Layer, Effect = source.Effect ?? default, Citations = source.Citations, Text = source.Text,
        Source = source.Source,
    });

    public bool Applies(RequestFacts f) =>
        f.Day >= _from && f.Day < _until
        && (_all || ((_kinds >> (int)f.Kind) & 1) != 0 || Array.IndexOf(_units, f.Unit) >= 0)
        && when(f);

    private readonly Reason?[] _forItem = new Reason?[Vocabularies.DataItems.Count];

    /// <summary>The reason when it applied to exactly one data item (or none: -1); shared, immutable.</summary>
    public Reason ReasonFor(int item) => item < 0 ? Reason : _forItem[item] ??= Fragments.Share(Reason with { Items = [(DataItem)item] });

    public Obligation Obligation { get; } = Fragments.Share(new Obligation(source.Id, source.Citations, source.Text));
}
