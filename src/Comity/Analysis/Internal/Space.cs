using Comity.Contract;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// The facts of one question (a request, or one data item of it) that the analysis splits on,
/// each with a small finite set of values. Dates and the subject's records are not here: the
/// day is an interval of a <see cref="Box"/>, records are <see cref="RecordChoice"/>s.
/// </summary>
internal enum Dim
{
    Act, ActorKind, ActorUnit, Purpose, DocumentType, Agency, Place, Item, ItemPublic,
    IssuedByFederalJudge, FederalCriminalImmigrationLaw, NamesSubject, CoversPlace,
    InCustody, SexArsonRegistrant, FederalFelonyWarrant, ReentryAfterAggravatedFelony, HateCrimeVictimOrWitnessNotCharged,
    PrimaryPurposeImmigration, DutiesPrimarilyImmigration, DedicatedResources, FederalMembers,
    // Contract 1.1: each has a value for "not given", its last.
    DocumentCourt, PlaceArea, ActorRole, Agreement287g, SubjectRole,
    AdministrativeWarrantAttached, ServedOnSubject, FederalParticipation, ItemHeld,
    PastRelease, Past48Hours, CitizenshipProof, InterviewFormServed, InterviewConsented, InterviewAttorneyPresent,
}

/// <summary>
/// The values of every <see cref="Dim"/>, as bit positions of a mask: an enumeration's values in
/// contract order (plus "absent" for <c>place</c> and <c>item</c>, which a request may leave
/// out), false and true for a boolean, and for the receiving unit every unit the stacks name plus
/// one unit they do not. A fact of contract 1.1 has one more value, last: not given (unknown).
/// </summary>
internal sealed class Space
{
    public const int DimCount = (int)Dim.InterviewAttorneyPresent + 1;

    /// <summary>The value of a boolean fact that means true; false is 0, and a 1.1 fact's "not given" is 2.</summary>
    public const int True = 1;

    public const int NotGivenBoolean = 2;

    public Space(IEnumerable<string> units)
    {
        var named = units.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var other = "another-unit";
        while (named.Contains(other))
            other += "-x";
        named.Add(other);
        if (named.Count > 64)
            throw new NotSupportedException($"the stacks name {named.Count - 1} units; the analysis handles at most 63");
        Units = named;
        OtherUnit = named.Count - 1;
    }

    /// <summary>The units the stacks name, then one they do not (<see cref="OtherUnit"/>).</summary>
    public IReadOnlyList<string> Units { get; }

    public int OtherUnit { get; }

    public static readonly int AbsentPlace = Vocabularies.Places.Count;
    public static readonly int AbsentItem = Vocabularies.DataItems.Count;

    public int Count(Dim d) => d switch
    {
        Dim.Act => Vocabularies.Acts.Count,
        Dim.ActorKind => Vocabularies.ActorKinds.Count,
        Dim.ActorUnit => Units.Count,
        Dim.Purpose => Vocabularies.Purposes.Count,
        Dim.DocumentType => Vocabularies.DocumentTypes.Count,
        Dim.Agency => Vocabularies.Agencies.Count,
        Dim.Place => Vocabularies.Places.Count + 1,
        Dim.Item => Vocabularies.DataItems.Count + 1,
        _ => FactOf(d) is { CanBeUnknown: true } f ? (f.Type == FactType.Boolean ? 2 : f.Values.Count) + 1 : 2,
    };

    /// <summary>The fact a dimension holds the values of.</summary>
    public static Fact? FactOf(Dim d) => DimFacts[(int)d];

    private static readonly Fact?[] DimFacts = Enumerable.Range(0, DimCount).Select(d => Facts.All.FirstOrDefault(f => Of(f.Id) == (Dim)d)).ToArray();

    /// <summary>Whether the dimension is a 1.1 fact, with a last value for "not given".</summary>
    public static bool CanBeUnknown(Dim d) => FactOf(d)?.CanBeUnknown == true;

    /// <summary>The value that means "not given" of a 1.1 fact.</summary>
    public int NotGiven(Dim d) => Count(d) - 1;

    /// <summary>Whether a dimension holds a boolean fact (false, true, and for 1.1 not given).</summary>
    public static bool IsBoolean(Dim d) => FactOf(d)?.Type == FactType.Boolean;

    public ulong Full(Dim d) => (1UL << Count(d)) - 1;

    /// <summary>The plainest value of a fact, which witnesses take where they can: no data, no place, a unit no rule names, false, the first value.</summary>
    public int Preferred(Dim d) => d switch
    {
        Dim.Item => AbsentItem,
        Dim.Place => AbsentPlace,
        Dim.ActorUnit => OtherUnit,
        // A 1.1 fact left out: the request reads as a v1 request would.
        _ when CanBeUnknown(d) => NotGiven(d),
        _ => 0,
    };

    /// <summary>The fact's name as rules write it.</summary>
    public static string FactName(Dim d) => d switch
    {
        Dim.Act => "act",
        Dim.ActorKind => "actor.kind",
        Dim.ActorUnit => "actor.unit",
        Dim.Purpose => "purpose",
        Dim.DocumentType => "document.type",
        Dim.Agency => "requester.agency",
        Dim.Place => "place",
        Dim.Item => "item",
        _ => FactOf(d)!.Name,
    };

    public string ValueName(Dim d, int v) => d switch
    {
        Dim.Act => Vocabularies.Acts.Names[v],
        Dim.ActorKind => Vocabularies.ActorKinds.Names[v],
        Dim.ActorUnit => Units[v],
        Dim.Purpose => Vocabularies.Purposes.Names[v],
        Dim.DocumentType => Vocabularies.DocumentTypes.Names[v],
        Dim.Agency => Vocabularies.Agencies.Names[v],
        Dim.Place => v == AbsentPlace ? "(none)" : Vocabularies.Places.Names[v],
        Dim.Item => v == AbsentItem ? "(no data)" : Vocabularies.DataItems.Names[v],
        _ when CanBeUnknown(d) && v == NotGiven(d) => "(not given)",
        _ when IsBoolean(d) => v == True ? "true" : "false",
        _ => FactOf(d)!.Values[v],
    };

    /// <summary>The dimension a request-level fact is, or null for facts of a record or of the outcome.</summary>
    public static Dim? Of(FactId id) => id switch
    {
        FactId.Act => Dim.Act,
        FactId.Purpose => Dim.Purpose,
        FactId.DocumentType => Dim.DocumentType,
        FactId.Agency => Dim.Agency,
        FactId.ActorKind => Dim.ActorKind,
        FactId.ActorUnit => Dim.ActorUnit,
        FactId.Place => Dim.Place,
        FactId.Item => Dim.Item,
        FactId.ItemPublic => Dim.ItemPublic,
        FactId.IssuedByFederalJudge => Dim.IssuedByFederalJudge,
        FactId.FederalCriminalImmigrationLaw => Dim.FederalCriminalImmigrationLaw,
        FactId.NamesSubject => Dim.NamesSubject,
        FactId.CoversPlace => Dim.CoversPlace,
        FactId.InCustody => Dim.InCustody,
        FactId.SexArsonRegistrant => Dim.SexArsonRegistrant,
        FactId.FederalFelonyWarrant => Dim.FederalFelonyWarrant,
        FactId.ReentryAfterAggravatedFelony => Dim.ReentryAfterAggravatedFelony,
        FactId.HateCrimeVictimOrWitnessNotCharged => Dim.HateCrimeVictimOrWitnessNotCharged,
        FactId.PrimaryPurposeImmigration => Dim.PrimaryPurposeImmigration,
        FactId.DutiesPrimarilyImmigration => Dim.DutiesPrimarilyImmigration,
        FactId.DedicatedResources => Dim.DedicatedResources,
        FactId.FederalMembers => Dim.FederalMembers,
        FactId.DocumentCourt => Dim.DocumentCourt,
        FactId.PlaceArea => Dim.PlaceArea,
        FactId.ActorRole => Dim.ActorRole,
        FactId.Agreement287g => Dim.Agreement287g,
        FactId.SubjectRole => Dim.SubjectRole,
        FactId.AdministrativeWarrantAttached => Dim.AdministrativeWarrantAttached,
        FactId.ServedOnSubject => Dim.ServedOnSubject,
        FactId.FederalParticipation => Dim.FederalParticipation,
        FactId.ItemHeld => Dim.ItemHeld,
        FactId.PastRelease => Dim.PastRelease,
        FactId.Past48Hours => Dim.Past48Hours,
        FactId.CitizenshipProof => Dim.CitizenshipProof,
        FactId.InterviewFormServed => Dim.InterviewFormServed,
        FactId.InterviewConsented => Dim.InterviewConsented,
        FactId.InterviewAttorneyPresent => Dim.InterviewAttorneyPresent,
        _ => null,
    };

    /// <summary>The mask of the values a test names: <c>act is one of hold, transfer</c>.</summary>
    public ulong Mask(Dim d, IReadOnlyList<string> values)
    {
        var mask = 0UL;
        foreach (var v in values)
        {
            var i = d == Dim.ActorUnit ? IndexOfUnit(v) : FactOf(d)!.Values.ToList().IndexOf(v);
            if (i < 0)
                throw new InvalidOperationException($"{v} is not a value of {FactName(d)}");
            mask |= 1UL << i;
        }
        return mask;
    }

    private int IndexOfUnit(string unit)
    {
        for (var i = 0; i < Units.Count - 1; i++)
            if (Units[i] == unit)
                return i;
        return -1;
    }
}
