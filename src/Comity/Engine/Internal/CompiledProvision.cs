using Comity.Conditions;
using Comity.Contract;
using Comity.Law;

namespace Comity.Engine.Internal;

/// <summary>
/// A provision ready to evaluate: its period, binding and condition in fast form. The condition
/// starts as a tree of delegates and is compiled to IL once it has been evaluated
/// <see cref="CompileAfter"/> times: a stack of thousands of rules, or a process that decides one
/// request, does not wait for conditions it uses rarely or never.
/// </summary>
internal sealed class CompiledProvision(Provision source, int index, int layer, ConditionTree tree, ConditionCompiler compiler)
{
    public const int CompileAfter = 64;

    public Provision Source { get; } = source;

    /// <summary>Position in the stack (layer order, then file order): the order of reasons in an answer.</summary>
    public int Index { get; } = index;

    public int Layer { get; } = layer;

    /// <summary>Indices of the provisions that are exceptions to this one.</summary>
    public int[] ExceptedBy { get; set; } = [];

    private readonly DateOnly _from = source.Period.From;
    private readonly DateOnly _until = source.Period.Until ?? DateOnly.MaxValue;
    private readonly bool _all = source.Binds.All;
    private readonly ulong _kinds = Mask(source.Binds.Kinds);
    private readonly string[] _units = source.Binds.Units.ToArray();

    public Effect Effect { get; } = source.Effect ?? default;

    /// <summary>What the rule adds to its layer when active (<see cref="Combining.SlotOf"/>).</summary>
    public int Slot { get; } = source.Kind == ProvisionKind.Rule ? Combining.SlotOf(source) : 0;

    /// <summary>For a floor: the flags a lower deny of it raises, as a bit mask over <see cref="Flag"/>.</summary>
    public ulong ConflictFlags { get; } = source.Effect == Effect.Floor ? Mask((source.OnConflict ?? FloorConflict.Default).Flags) : 0;

    /// <summary>The acts under which the condition can hold, as a bit mask over <see cref="Act"/>: the engine's index.</summary>
    public ulong Acts { get; } = ConditionCompiler.PossibleActs(source.When);

    /// <summary>The flags this provision raises, as a bit mask over <see cref="Flag"/>.</summary>
    public ulong Flags { get; } = Mask(source.Flags);

    private Reason? _reason;
    private Obligation? _obligation;
    private readonly Reason?[] _forItem = new Reason?[2 * Vocabularies.DataItems.Count];

    /// <summary>A rule's reason as it appears when nothing about this decision adds to it; shared, immutable.</summary>
    public Reason Reason => _reason ??= new Reason
    {
        Rule = Source.Id, Layer = Source.Layer, Effect = Effect, Citations = Source.Citations, Text = Source.Text, Source = Source.Source,
    };

    /// <summary>A duty's obligation; shared, immutable.</summary>
    public Obligation Obligation => _obligation ??= new Obligation(Source.Id, Source.Citations, Source.Text);

    private Func<RequestFacts, bool> _when = tree.Build(source.When);
    private int _evaluations;

    public bool Applies(RequestFacts f) =>
        f.Day >= _from && f.Day < _until
        && (_all || ((_kinds >> (int)f.Kind) & 1) != 0 || Array.IndexOf(_units, f.Unit) >= 0)
        && When(f);

    /// <summary>The facts that can be left out which the condition reads in three values (<see cref="KleeneTree.Reads"/>).</summary>
    private readonly ulong _unknowable = KleeneTree.Reads(source.When);

    private Func<RequestFacts, Kleene>? _kleene;

    /// <summary>
    /// Whether the provision applies, in three values: unknown when it is in force and binds the
    /// unit but its condition turns on a fact the request does not give. A request that leaves out
    /// none of the facts the condition reads is decided in two values, as <see cref="Applies"/>.
    /// </summary>
    public Kleene AppliesKleene(RequestFacts f)
    {
        if ((_unknowable & f.Unknown) == 0)
            return Applies(f) ? Kleene.True : Kleene.False;
        if (!(f.Day >= _from && f.Day < _until && (_all || ((_kinds >> (int)f.Kind) & 1) != 0 || Array.IndexOf(_units, f.Unit) >= 0)))
            return Kleene.False;
        // Built on first use (rare: a request leaving out a fact this condition reads); two threads
        // may both build it, and either delegate is right.
        _kleene ??= new KleeneTree(tree).Build(Source.When);
        return _kleene(f);
    }

    private bool When(RequestFacts f)
    {
        // Threads may race on the count (an increment lost only delays compiling) and may both
        // compile it (either delegate is right; a reference is written whole).
        if (_evaluations < CompileAfter && ++_evaluations == CompileAfter)
            _when = compiler.Compile(Source.When);
        return _when(f);
    }

    /// <summary>
    /// The reason when the rule applied to exactly one data item (or none: -1), and decided that
    /// item's outcome or not: the common shapes, built once and shared.
    /// </summary>
    public Reason ReasonFor(int item, bool decides) => item < 0
        ? Reason
        : _forItem[2 * item + (decides ? 1 : 0)] ??= Reason with
        {
            Items = [(DataItem)item],
            Decides = decides ? [(DataItem)item] : [],
        };

    /// <summary>One bit per value. A loop, not LINQ: this runs for every provision at start-up, and
    /// the framework's generics over our enums are JIT-compiled there (not precompiled).</summary>
    private static ulong Mask<T>(IReadOnlyList<T> values) where T : struct, Enum
    {
        var mask = 0UL;
        for (var i = 0; i < values.Count; i++)
            mask |= 1UL << Vocabulary<T>.Index(values[i]);
        return mask;
    }
}
