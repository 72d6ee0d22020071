using Comity.Contract;

namespace Comity.Disclosure;

/// <summary>Why a field is kept or dropped.</summary>
public enum FieldBasis
{
    /// <summary>Kept: its item's outcome is <c>permit</c>.</summary>
    Permit,

    /// <summary>Kept: its item's outcome is <c>must-comply</c>.</summary>
    MustComply,

    /// <summary>Dropped: its item's outcome is <c>deny</c>.</summary>
    Deny,

    /// <summary>Dropped: its item's outcome is <c>refer-to-counsel</c>; for disclosure, unsure means no.</summary>
    ReferToCounsel,

    /// <summary>Dropped: the request did not ask for its item.</summary>
    NotRequested,

    /// <summary>Dropped: the catalog maps it to no data item (<c>"none"</c>): never released.</summary>
    CatalogNone,

    /// <summary>Dropped: the catalog does not name it. Reported, so the city can catalog it.</summary>
    Unmapped,
}

/// <summary>
/// What the firewall does with one field: kept or dropped, on what basis, and the rules behind
/// it (those that decided its item, for a decided item; none otherwise).
/// </summary>
public sealed record FieldDecision(string Field, DataItem? Item, FieldBasis Basis, IReadOnlyList<string> Rules)
{
    public bool Kept => Basis is FieldBasis.Permit or FieldBasis.MustComply;

    public static readonly IReadOnlyList<string> BasisNames =
        ["permit", "must-comply", "deny", "refer-to-counsel", "not-requested", "catalog-none", "unmapped"];

    public string BasisName => BasisNames[(int)Basis];
}

/// <summary>
/// One requested item as the decision left it: its outcome, whether it may be released, the
/// rules that decided it, and the federal floor rules (8 U.S.C. 1373, 1644) that applied to it.
/// </summary>
public sealed record ItemRelease(DataItem Item, Outcome Outcome, IReadOnlyList<string> DecidedBy, IReadOnlyList<string> FloorRules)
{
    public bool Released => Outcome is Outcome.Permit or Outcome.MustComply;

    /// <summary>A floor applied: this item may not be silently withheld.</summary>
    public bool UnderFloor => FloorRules.Count > 0;
}
