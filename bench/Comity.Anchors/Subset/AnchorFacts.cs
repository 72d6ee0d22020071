using Comity.Law;

namespace Comity.Anchors.Subset;

/// <summary>
/// The flat facts of one question (the request, or the request for one data item) as the .NET
/// anchors read them: <see cref="FactNames"/> in PascalCase. Absent enumerations (no place, no
/// item) are the empty string. Filled by <see cref="AnchorRequest"/>.
/// </summary>
public sealed class AnchorFacts
{
    public string Act { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string DocumentType { get; set; } = "";
    public string RequesterAgency { get; set; } = "";
    public string ActorKind { get; set; } = "";
    public string ActorUnit { get; set; } = "";
    public string Place { get; set; } = "";
    public string Item { get; set; } = "";
    public bool ItemPublic { get; set; }
    public bool DocumentIssuedByFederalJudge { get; set; }
    public bool DocumentFederalCriminalImmigrationLaw { get; set; }
    public bool DocumentNamesSubject { get; set; }
    public bool DocumentCoversPlace { get; set; }
    public bool SubjectInCustody { get; set; }
    public bool SubjectSexArsonRegistrant { get; set; }
    public bool SubjectFederalFelonyWarrant { get; set; }
    public bool SubjectReentryAfterAggravatedFelony { get; set; }
    public bool SubjectHateCrimeVictimOrWitnessNotCharged { get; set; }
    public bool TaskForcePrimaryPurposeImmigration { get; set; }
    public bool TaskForceDutiesPrimarilyImmigration { get; set; }
    public bool TaskForceDedicatedResources { get; set; }
    public bool TaskForceFederalMembers { get; set; }

    // Contract 1.1 facts that may be left out: each with a companion that says it is given. Only
    // those the anchor subset reads (AnchorSubset.Encodable).
    public bool RequesterFederalParticipation { get; set; }
    public bool RequesterFederalParticipationGiven { get; set; }

    /// <summary>The item being decided is listed in dataHeld; false and given when no item is asked for.</summary>
    public bool ItemHeld { get; set; }
    public bool ItemHeldGiven { get; set; } = true;

    /// <summary>
    /// 8 C.F.R. 287.7(d)'s 48 hours past release: never given here, because the harnesses refuse a
    /// request with custody times (the clock's time zones and bare dates are Comity's, not re-coded
    /// for each anchor); the corpus has none.
    /// </summary>
    public bool SubjectCustodyPast48Hours { get; set; }
    public bool SubjectCustodyPast48HoursGiven { get; set; }

    /// <summary>The day the request was received, as the number yyyymmdd.</summary>
    public int Day { get; set; }

    public AnchorRecord[] Convictions { get; set; } = [];
    public AnchorRecord[] Charges { get; set; } = [];

    /// <summary>The property holding the records an <c>any</c> ranges over.</summary>
    public static string RecordsOf(RecordKind kind) => kind == RecordKind.Conviction ? nameof(Convictions) : nameof(Charges);

    public AnchorFacts ForItem(string item, bool isPublic, string[]? held)
    {
        var copy = (AnchorFacts)MemberwiseClone();
        copy.Item = item;
        copy.ItemPublic = isPublic;
        copy.ItemHeld = held is not null && Array.IndexOf(held, item) >= 0;
        copy.ItemHeldGiven = held is not null;
        return copy;
    }
}

/// <summary>A conviction or a probable-cause charge.</summary>
public sealed class AnchorRecord
{
    /// <summary>The code and the codes it is a subdivision of: "PC 245(a)(1)", "PC 245(a)", "PC 245".</summary>
    public string[] Codes { get; set; } = [];

    /// <summary>The offence classes of the record (<see cref="OffenceClasses.Of"/>).</summary>
    public string[] Classes { get; set; } = [];
    public string Level { get; set; } = "";
    public string Jurisdiction { get; set; } = "";
    /// <summary>Marked a wobbler, with its companion: whether the mark is given (not given, <c>wobbler</c> reads false).</summary>
    public bool Wobbler { get; set; }
    public bool WobblerGiven { get; set; }
    public bool ReducedByProp47 { get; set; }

    /// <summary>A juvenile adjudication (contract 1.1), with its companion: whether it is given (not given, Comity reads it unknown).</summary>
    public bool Juvenile { get; set; }
    public bool JuvenileGiven { get; set; }
    public int Day { get; set; }

    public static string[] CodesOf(string code)
    {
        var codes = new List<string> { code };
        var key = code;
        int cut;
        while (key.EndsWith(')') && (cut = key.LastIndexOf('(')) > 0)
            codes.Add(key = key[..cut]);
        return codes.ToArray();
    }
}
