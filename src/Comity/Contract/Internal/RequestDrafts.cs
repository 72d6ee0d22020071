namespace Comity.Contract.Internal;

// What the tables of RequestTables read, object by object, before it becomes the immutable model.
// Fields, not properties: the readers of booleans write them through "out". A draft is built only
// when its whole request read without error, so a required fact is there when Build runs.

internal sealed class RequestDraft
{
    public string? Id, ReceivedAt, Jurisdiction;
    public DateOnly ReceivedOn;
    public ActorDraft? Actor;
    public RequesterDraft? Requester;
    public Act? Act;
    public Purpose? Purpose;
    public DocumentDraft? Document;
    public DataItem[]? Data, DataPublic, DataHeld;
    public Place? Place;
    public PlaceArea? PlaceArea;
    public TaskForceDraft? TaskForce;
    public SubjectDraft? Subject;

    public DecisionRequest Build() => new()
    {
        Id = Id,
        ReceivedAt = ReceivedAt!,
        ReceivedOn = ReceivedOn,
        Jurisdiction = Jurisdiction,
        Actor = Actor!.Build(),
        Requester = Requester!.Build(),
        Act = Act!.Value,
        Purpose = Purpose!.Value,
        Document = Document!.Build(),
        Data = Data ?? [],
        DataPublic = DataPublic ?? [],
        DataHeld = DataHeld,
        Place = Place,
        PlaceArea = PlaceArea,
        TaskForce = TaskForce?.Build(),
        Subject = Subject?.Build() ?? new Subject(),
    };
}

internal sealed class ActorDraft
{
    public string? Unit;
    public ActorKind? Kind;
    public ActorRole? Role;
    public Agreement287g? Agreement287g;

    public Actor Build() => new(Unit!, Kind!.Value) { Role = Role, Agreement287g = Agreement287g };
}

internal sealed class RequesterDraft
{
    public Agency? Agency;
    public string? Office, Officer;
    public bool? FederalParticipation;

    public Requester Build() => new(Agency!.Value, Office, Officer) { FederalParticipation = FederalParticipation };
}

internal sealed class DocumentDraft
{
    public DocumentType? Type;
    public bool IssuedByFederalJudge, FederalCriminalImmigrationLaw, NamesSubject, CoversPlace;
    public bool? AdministrativeWarrantAttached, ServedOnSubject;
    public Court? Court;

    public Document Build() => new()
    {
        Type = Type!.Value,
        IssuedByFederalJudge = IssuedByFederalJudge,
        FederalCriminalImmigrationLaw = FederalCriminalImmigrationLaw,
        NamesSubject = NamesSubject,
        CoversPlace = CoversPlace,
        AdministrativeWarrantAttached = AdministrativeWarrantAttached,
        ServedOnSubject = ServedOnSubject,
        Court = Court,
    };
}

internal sealed class TaskForceDraft
{
    public bool PrimaryPurposeImmigration, DutiesPrimarilyImmigration, DedicatedResources, FederalMembers;

    public TaskForce Build() => new(PrimaryPurposeImmigration, DutiesPrimarilyImmigration, DedicatedResources, FederalMembers);
}

internal sealed class SubjectDraft
{
    public bool InCustody, SexArsonRegistrant, FederalFelonyWarrant, ReentryAfterAggravatedFelony, HateCrimeVictimOrWitnessNotCharged;
    public List<ConvictionDraft>? Convictions;
    public List<ChargeDraft>? Charges;
    public CustodyDraft? Custody;
    public bool? CitizenshipProof;
    public SubjectRole? Role;
    public InterviewConsentDraft? InterviewConsent;
    public IdentityDraft? Identity;

    public Subject Build() => new()
    {
        InCustody = InCustody,
        Convictions = Convictions is null ? [] : Convictions.Select(c => c.Build()).ToArray(),
        SexArsonRegistrant = SexArsonRegistrant,
        FederalFelonyWarrant = FederalFelonyWarrant,
        MagistrateProbableCause = Charges is null ? [] : Charges.Select(c => c.Build()).ToArray(),
        ReentryAfterAggravatedFelony = ReentryAfterAggravatedFelony,
        HateCrimeVictimOrWitnessNotCharged = HateCrimeVictimOrWitnessNotCharged,
        Custody = Custody?.Build(),
        CitizenshipProof = CitizenshipProof,
        Role = Role,
        InterviewConsent = InterviewConsent?.Build(),
        Identity = Identity?.Build(),
    };
}

internal sealed class ConvictionDraft
{
    public string? Code;
    public ConvictionLevel? Level;
    public bool? Wobbler;
    public bool ReducedByProp47;
    public DateOnly? Date;
    public ConvictionJurisdiction? Jurisdiction;
    public OffenceClass[]? Classes;
    public bool? Juvenile;

    public Conviction Build() => new()
    {
        Code = Code!,
        Level = Level!.Value,
        Wobbler = Wobbler,
        Date = Date!.Value,
        Jurisdiction = Jurisdiction ?? ConvictionJurisdiction.Ca,
        Classes = Classes ?? [],
        ReducedByProp47 = ReducedByProp47,
        Juvenile = Juvenile,
    };
}

internal sealed class ChargeDraft
{
    public string? Code;
    public OffenceClass[]? Classes;

    public Charge Build() => new() { Code = Code!, Classes = Classes ?? [] };
}

internal sealed class CustodyDraft
{
    public string? EligibleForReleaseAt, HeldSince;

    public Custody Build() => new() { EligibleForReleaseAt = EligibleForReleaseAt, HeldSince = HeldSince };
}

internal sealed class InterviewConsentDraft
{
    public bool? FormServed, Consented, AttorneyPresent;
    public string? Language;

    public InterviewConsent Build() => new() { FormServed = FormServed, Language = Language, Consented = Consented, AttorneyPresent = AttorneyPresent };
}

internal sealed class IdentityDraft
{
    public string? Name, BookingNumber, CiiNumber, FbiNumber, ANumber, Language, Gender, RaceEthnicity, CountryOfBirth;
    public DateOnly? DateOfBirth;
    public AttorneyDraft? Attorney;

    public SubjectIdentity Build() => new()
    {
        Name = Name,
        DateOfBirth = DateOfBirth,
        BookingNumber = BookingNumber,
        CiiNumber = CiiNumber,
        FbiNumber = FbiNumber,
        ANumber = ANumber,
        Language = Language,
        Gender = Gender,
        RaceEthnicity = RaceEthnicity,
        CountryOfBirth = CountryOfBirth,
        Attorney = Attorney?.Build(),
    };
}

internal sealed class AttorneyDraft
{
    public string? Name, Contact;

    public Attorney Build() => new() { Name = Name, Contact = Contact };
}
