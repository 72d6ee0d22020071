using Comity.Contract;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// What the subject's convictions (or charges) make true: for each <c>any conviction (...)</c>
/// test the analysis met, whether some record passes it, with a list of records that does so.
/// </summary>
internal sealed class RecordChoice(IReadOnlyDictionary<Exists, bool> truth, IReadOnlyList<Conviction> convictions, IReadOnlyList<Charge> charges, string key)
{
    public IReadOnlyDictionary<Exists, bool> Truth { get; } = truth;
    public IReadOnlyList<Conviction> Convictions { get; } = convictions;
    public IReadOnlyList<Charge> Charges { get; } = charges;

    /// <summary>Which tests hold, as text: boxes with equal keys make the same tests true.</summary>
    public string Key { get; } = key;
}
