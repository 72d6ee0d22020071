using Comity.Contract;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// What the subject's convictions (or charges) make true: for each <c>any conviction (...)</c>
/// test the analysis met, whether some record passes it (<see cref="Tri.True"/>), none does
/// (<see cref="Tri.False"/>), or none surely does but one may, its <c>juvenile</c> not given
/// (<see cref="Tri.Maybe"/>, as the engine reads it), with a list of records that does so.
/// </summary>
internal sealed class RecordChoice(IReadOnlyDictionary<Exists, Tri> truth, IReadOnlyList<Conviction> convictions, IReadOnlyList<Charge> charges, string key)
{
    public IReadOnlyDictionary<Exists, Tri> Truth { get; } = truth;
    public IReadOnlyList<Conviction> Convictions { get; } = convictions;
    public IReadOnlyList<Charge> Charges { get; } = charges;

    /// <summary>Which tests hold, as text: boxes with equal keys make the same tests true.</summary>
    public string Key { get; } = key;
}
