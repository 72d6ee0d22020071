using Comity.Contract;

namespace Comity.Disclosure;

/// <summary>What became of an item under the federal floor (8 U.S.C. 1373, 1644).</summary>
public enum FloorStatus
{
    /// <summary>Released: the decision permits it and a field of the export carries it.</summary>
    Released,

    /// <summary>The decision permits it, but no field of the export is mapped to it: nothing carried it.</summary>
    NoField,

    /// <summary>Withheld because the decision refers it to counsel (a lower layer's restriction conflicts with the floor).</summary>
    WithheldPendingCounsel,

    /// <summary>Withheld because the decision denies it although a floor applied.</summary>
    WithheldDenied,
}

/// <summary>
/// An item a federal floor applied to, and what became of it. The firewall never drops such an
/// item silently: any status but <see cref="FloorStatus.Released"/> is a warning in the manifest.
/// </summary>
public sealed record FloorCheck(DataItem Item, Outcome Outcome, FloorStatus Status, IReadOnlyList<string> Fields, IReadOnlyList<string> Rules)
{
    public static readonly IReadOnlyList<string> StatusNames = ["released", "no-field", "withheld-pending-counsel", "withheld-denied"];

    public string StatusName => StatusNames[(int)Status];
}
