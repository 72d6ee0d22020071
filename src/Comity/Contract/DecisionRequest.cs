namespace Comity.Contract;

/// <summary>
/// A request from an immigration authority, as contract v1 and its 1.1 additions describe it.
/// A 1.1 fact the request does not give is null here: unknown, never false (semantics, "Facts
/// that are not given"); the v1 facts keep the contract's defaults.
/// </summary>
public sealed record DecisionRequest
{
    /// <summary>The caller's own reference, echoed back in the answer.</summary>
    public string? Id { get; init; }

    /// <summary><c>receivedAt</c> exactly as sent (a date or a date-time), echoed into records.</summary>
    public required string ReceivedAt { get; init; }

    /// <summary>The calendar day of <c>receivedAt</c> in its own offset: the day whose law decides.</summary>
    public required DateOnly ReceivedOn { get; init; }

    /// <summary>The stack that decides (<c>us/ca/los-angeles</c>); null for the configured default.</summary>
    public string? Jurisdiction { get; init; }

    public required Actor Actor { get; init; }
    public required Requester Requester { get; init; }
    public required Act Act { get; init; }
    public required Purpose Purpose { get; init; }
    public required Document Document { get; init; }

    /// <summary>The data items asked for; each is decided on its own.</summary>
    public IReadOnlyList<DataItem> Data { get; init; } = [];

    /// <summary>The items of <see cref="Data"/> already available to the public.</summary>
    public IReadOnlyList<DataItem> DataPublic { get; init; } = [];

    /// <summary>
    /// 1.1: the items of <see cref="Data"/> already in the unit's records (an item not listed would
    /// have to be collected or inquired into); null when the request does not say.
    /// </summary>
    public IReadOnlyList<DataItem>? DataHeld { get; init; }

    public Place? Place { get; init; }

    /// <summary>1.1: which part of the place (public or non-public); null when not given.</summary>
    public PlaceArea? PlaceArea { get; init; }

    public TaskForce? TaskForce { get; init; }
    public Subject Subject { get; init; } = new();

    /// <summary>This request with <c>subject.identity</c> left out: what may be kept or shown beyond the case.</summary>
    public DecisionRequest WithoutIdentity() => Subject.Identity is null ? this : this with { Subject = Subject with { Identity = null } };
}

public sealed record Actor(string Unit, ActorKind Kind)
{
    /// <summary>1.1: who in the unit acts; null when not given.</summary>
    public ActorRole? Role { get; init; }

    /// <summary>1.1: the unit's 287(g) agreement; null when the request does not say (not: "none").</summary>
    public Agreement287g? Agreement287g { get; init; }
}

public sealed record Requester(Agency Agency, string? Office = null, string? Officer = null)
{
    /// <summary>1.1: a non-federal requester acts with, or for, federal immigration authorities; null when not given.</summary>
    public bool? FederalParticipation { get; init; }
}

public sealed record Document
{
    public required DocumentType Type { get; init; }
    public bool IssuedByFederalJudge { get; init; }
    public bool FederalCriminalImmigrationLaw { get; init; }
    public bool NamesSubject { get; init; }
    public bool CoversPlace { get; init; }

    /// <summary>1.1: an I-200 or I-205 accompanies the detainer; null when not given.</summary>
    public bool? AdministrativeWarrantAttached { get; init; }

    /// <summary>1.1: the detainer was served on the person; null when not given.</summary>
    public bool? ServedOnSubject { get; init; }

    /// <summary>1.1: the court that issued a judicial warrant, finding or order; null when not given.</summary>
    public Court? Court { get; init; }
}

public sealed record TaskForce(bool PrimaryPurposeImmigration, bool DutiesPrimarilyImmigration, bool DedicatedResources, bool FederalMembers);

public sealed record Subject
{
    public bool InCustody { get; init; }
    public IReadOnlyList<Conviction> Convictions { get; init; } = [];
    public bool SexArsonRegistrant { get; init; }
    public bool FederalFelonyWarrant { get; init; }
    public IReadOnlyList<Charge> MagistrateProbableCause { get; init; } = [];
    public bool ReentryAfterAggravatedFelony { get; init; }
    public bool HateCrimeVictimOrWitnessNotCharged { get; init; }

    /// <summary>1.1: when the person would be released but for the request, and since when held.</summary>
    public Custody? Custody { get; init; }

    /// <summary>1.1: the person has given proof of U.S. citizenship or lawful status; null when not given.</summary>
    public bool? CitizenshipProof { get; init; }

    /// <summary>1.1: the person's part in the matter; null when not given.</summary>
    public SubjectRole? Role { get; init; }

    /// <summary>1.1: the interview consent of Cal. Gov. Code 7283.1(a).</summary>
    public InterviewConsent? InterviewConsent { get; init; }

    /// <summary>
    /// 1.1: who the case is about. Kept with the case only: the engine never reads it, no answer
    /// echoes it, and the ledger holds the request without it (<see cref="RequestWriter"/>).
    /// </summary>
    public SubjectIdentity? Identity { get; init; }
}

/// <summary>
/// 1.1 <c>subject.custody</c>: date-times exactly as sent (each with or without an offset; see
/// <see cref="CustodyClock"/> for how they compare with <c>receivedAt</c>).
/// </summary>
public sealed record Custody
{
    /// <summary>When the person would be released but for the request.</summary>
    public string? EligibleForReleaseAt { get; init; }

    /// <summary>Since when the person is held.</summary>
    public string? HeldSince { get; init; }
}

/// <summary>1.1 <c>subject.interviewConsent</c> (Cal. Gov. Code 7283.1(a)); each part null when not given.</summary>
public sealed record InterviewConsent
{
    public bool? FormServed { get; init; }

    /// <summary>The language of the form served, a BCP 47 tag such as <c>es</c>.</summary>
    public string? Language { get; init; }

    /// <summary>Null: not yet asked.</summary>
    public bool? Consented { get; init; }

    public bool? AttorneyPresent { get; init; }
}

/// <summary>
/// 1.1 <c>subject.identity</c>: who the case is about. Personal data: never read by the engine,
/// never echoed in an answer, never written to anything public.
/// </summary>
public sealed record SubjectIdentity
{
    public string? Name { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public string? BookingNumber { get; init; }
    public string? CiiNumber { get; init; }
    public string? FbiNumber { get; init; }
    public string? ANumber { get; init; }

    /// <summary>A BCP 47 tag such as <c>es</c>.</summary>
    public string? Language { get; init; }

    public string? Gender { get; init; }
    public string? RaceEthnicity { get; init; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string? CountryOfBirth { get; init; }

    public Attorney? Attorney { get; init; }
}

public sealed record Attorney
{
    public string? Name { get; init; }
    public string? Contact { get; init; }
}

public sealed record Conviction
{
    /// <summary>The offence as the court recorded it, e.g. <c>PC 211</c> or <c>PC 245(a)(1)</c>.</summary>
    public required string Code { get; init; }
    public required ConvictionLevel Level { get; init; }
    /// <summary>
    /// The crime is punishable as either a misdemeanor or a felony; null when not given (the contract
    /// sets no default: a stack tells it apart with <c>wobbler is given</c>).
    /// </summary>
    public bool? Wobbler { get; init; }
    public required DateOnly Date { get; init; }
    public ConvictionJurisdiction Jurisdiction { get; init; } = ConvictionJurisdiction.Ca;
    /// <summary>Classes the caller asserts beyond what the stack's offence tables derive from the code.</summary>
    public IReadOnlyList<OffenceClass> Classes { get; init; } = [];
    public bool ReducedByProp47 { get; init; }

    /// <summary>1.1: a juvenile adjudication, not a conviction; null when not given.</summary>
    public bool? Juvenile { get; init; }
}

/// <summary>A charge on which a magistrate found probable cause (Penal Code 872).</summary>
public sealed record Charge
{
    public required string Code { get; init; }
    public IReadOnlyList<OffenceClass> Classes { get; init; } = [];
}
