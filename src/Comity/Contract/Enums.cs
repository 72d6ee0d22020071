namespace Comity.Contract;

// The enumerations of contract v1 and its 1.1 additions (../shared/spec/contract.md). Their
// kebab-case spellings live in Vocabularies.cs; the order here is the order there. Values added in
// 1.1 come after the v1 values, so that every v1 value keeps its place.

public enum ActorKind { LawEnforcement, Jail, Library, HealthFacility, Shelter, School, Courthouse, OtherDepartment, Contractor }

public enum Agency { IceEro, IceHsi, Cbp, Uscis, Usms, Fbi, Dea, Atf, Doj, OtherFederal, CaliforniaAgency, CaliforniaLocal, OutOfState, Private }

public enum Act
{
    Hold, NotifyRelease, Transfer, Interview, Disclose, BulkDisclose, AlprSearch, FacilityAccess, PropertyUse,
    OperationalAssistance, CivilArrest, TaskForce, Agreement287g, OfficeSpace, DetentionContract, Interpreter, GrantCertification,
    OwnArrest,
}

public enum Purpose { CivilImmigration, CriminalImmigration, Criminal, VictimCertification, FirearmCheck, PublicSafetyEmergency, Unknown, CityService, BenefitVerification }

public enum DocumentType
{
    None, I247a, I247d, I247n, I247x, I200, I205, JudicialWarrant, JudicialProbableCause, CourtOrder,
    AdministrativeSubpoena, GrandJurySubpoena, Letter, NcicCivilEntry,
}

public enum DataItem
{
    ImmigrationStatus, CitizenshipStatus, PlaceOfBirth, ReleaseDate, HomeAddress, WorkAddress, Contact, PersonalInfo,
    CriminalHistory, ProbationCheckin, BookingRecord, Alpr, Roster,
    Biometrics, Video, CourtDate,
}

public enum Place { PublicArea, NonPublicArea, Jail, Library, HealthFacility, Shelter, Park, ParkingLot, Office, PlaceOfWorship, School, Courthouse, Street }

/// <summary><c>placeArea</c> (1.1): which part of a <c>library</c>, <c>park</c>, <c>office</c> and the like.</summary>
public enum PlaceArea { Public, NonPublic }

/// <summary><c>document.court</c> (1.1): the court that issued a judicial warrant, finding or order.</summary>
public enum Court { Federal, State }

/// <summary><c>actor.role</c> (1.1): who in the unit acts.</summary>
public enum ActorRole { PeaceOfficer, CorrectionsOfficer, BookingClerk, Magistrate, Prosecutor, ElectedOfficial, AppointedOfficial, OtherEmployee }

/// <summary><c>actor.agreement287g</c> (1.1): the unit's 287(g) agreement, if any.</summary>
public enum Agreement287g { JailEnforcement, WarrantServiceOfficer, TaskForce }

/// <summary><c>subject.role</c> (1.1): the person's part in the matter.</summary>
public enum SubjectRole { Arrestee, Suspect, Victim, Witness, Reporter }

public enum ConvictionLevel { Felony, Misdemeanor }

public enum ConvictionJurisdiction { Ca, Federal, OtherState }

/// <summary>Offence classes a caller may assert on a conviction or charge.</summary>
public enum OffenceClass { SeriousFelony, ViolentFelony, StatePrisonFelony, AggravatedFelony, DuiFelony }

/// <summary>
/// The outcome of a decision. Declared from most to least restrictive, the order in which the
/// outcomes of several data items combine: deny &gt; refer-to-counsel &gt; permit &gt; must-comply.
/// </summary>
public enum Outcome { Deny, ReferToCounsel, Permit, MustComply }

/// <summary>What a rule says about the act at its own layer.</summary>
public enum Effect { Must, Permit, Deny, Refer, Floor }

public enum Flag
{
    Fed1373Conflict, FedCriminalExposure, FundingRisk, LitigationPending, StateEnforcementRisk, Gap,
    // contract 1.1
    OverDetention, Fed4aDetentionRisk, StatePreemptionConflict, CounselQuestion,
}

/// <summary>
/// primary: written from the text of the law; secondary: from descriptions of it; unconfirmed
/// (contract 1.1): neither the text nor a reliable description of it was seen.
/// </summary>
public enum SourceGrade { Primary, Secondary, Unconfirmed }
