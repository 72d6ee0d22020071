using Comity.Contract;

namespace Comity.Law;

public enum FactType { Enumerated, Boolean, Identifier }

/// <summary>Where a fact can be read: anywhere, only inside <c>any conviction (...)</c>, or only in duties and risks.</summary>
public enum FactScope { Request, Conviction, Consequence }

/// <summary>
/// A fact a condition can test. Names are the contract's property paths (<c>document.type</c>,
/// <c>subject.inCustody</c>) so that a rule and the request it reads use the same words.
/// <see cref="CanBeUnknown"/>: the fact is one of contract 1.1's, unknown when the request does
/// not give it (semantics, "Facts that are not given"), or a conviction's wobbler mark, for which
/// the contract sets no default either; any other v1 fact takes the contract's default (false, or
/// no value) instead.
/// </summary>
public sealed record Fact(FactId Id, string Name, FactType Type, FactScope Scope, IReadOnlyList<string> Values, string Meaning)
{
    public bool CanBeUnknown { get; init; }
}

public enum FactId
{
    Act, Purpose, DocumentType, Agency, ActorKind, ActorUnit, Place, Item,
    IssuedByFederalJudge, FederalCriminalImmigrationLaw, NamesSubject, CoversPlace,
    InCustody, SexArsonRegistrant, FederalFelonyWarrant, ReentryAfterAggravatedFelony, HateCrimeVictimOrWitnessNotCharged,
    PrimaryPurposeImmigration, DutiesPrimarilyImmigration, DedicatedResources, FederalMembers, ItemPublic,
    Outcome,
    Level, ConvictionJurisdiction, Wobbler, ReducedByProp47,
    // Contract 1.1: unknown when not given.
    DocumentCourt, PlaceArea, ActorRole, Agreement287g, SubjectRole,
    AdministrativeWarrantAttached, ServedOnSubject, FederalParticipation, ItemHeld,
    PastRelease, Past48Hours, CitizenshipProof, InterviewFormServed, InterviewConsented, InterviewAttorneyPresent,
    Juvenile,
}

/// <summary>The catalog of facts the law language knows.</summary>
public static class Facts
{
    public static readonly IReadOnlyList<Fact> All =
    [
        Enumerated(FactId.Act, "act", Vocabularies.Acts.Names, "what is asked, classified by the act"),
        Enumerated(FactId.Purpose, "purpose", Vocabularies.Purposes.Names, "the stated purpose of the request"),
        Enumerated(FactId.DocumentType, "document.type", Vocabularies.DocumentTypes.Names, "the document that came with the request"),
        Enumerated(FactId.Agency, "requester.agency", Vocabularies.Agencies.Names, "who asks"),
        Enumerated(FactId.ActorKind, "actor.kind", Vocabularies.ActorKinds.Names, "what kind of unit received the request"),
        new(FactId.ActorUnit, "actor.unit", FactType.Identifier, FactScope.Request, [], "the receiving unit's id in the stack"),
        Enumerated(FactId.Place, "place", Vocabularies.Places.Names, "the city place concerned (facility-access, property-use)"),
        Enumerated(FactId.Item, "item", Vocabularies.DataItems.Names, "the data item being decided (each item of data is decided on its own)"),
        Boolean(FactId.IssuedByFederalJudge, "document.issuedByFederalJudge", "signed by a federal judge or federal magistrate judge"),
        Boolean(FactId.FederalCriminalImmigrationLaw, "document.federalCriminalImmigrationLaw", "the warrant or finding rests on federal criminal immigration law"),
        Boolean(FactId.NamesSubject, "document.namesSubject", "the document names the person"),
        Boolean(FactId.CoversPlace, "document.coversPlace", "a judicial warrant or court order covers the place"),
        Boolean(FactId.InCustody, "subject.inCustody", "the person is in the actor's custody"),
        Boolean(FactId.SexArsonRegistrant, "subject.sexArsonRegistrant", "current registrant on the California Sex and Arson Registry"),
        Boolean(FactId.FederalFelonyWarrant, "subject.federalFelonyWarrant", "identified by ICE as the subject of an outstanding federal felony arrest warrant"),
        Boolean(FactId.ReentryAfterAggravatedFelony, "subject.reentryAfterAggravatedFelony", "8 U.S.C. 1326(a) with the 1326(b)(2) enhancement, detected during unrelated activity"),
        Boolean(FactId.HateCrimeVictimOrWitnessNotCharged, "subject.hateCrimeVictimOrWitnessNotCharged", "victim of or witness to a hate crime, not charged"),
        Boolean(FactId.PrimaryPurposeImmigration, "taskForce.primaryPurposeImmigration", "the task force's primary purpose is immigration enforcement"),
        Boolean(FactId.DutiesPrimarilyImmigration, "taskForce.dutiesPrimarilyImmigration", "the duties are primarily immigration enforcement"),
        Boolean(FactId.DedicatedResources, "taskForce.dedicatedResources", "the agency dedicates personnel or resources on an ongoing basis"),
        Boolean(FactId.FederalMembers, "taskForce.federalMembers", "federal agencies are members of the task force"),
        Boolean(FactId.ItemPublic, "item.public", "the data item being decided is already available to the public"),
        new(FactId.Outcome, "outcome", FactType.Enumerated, FactScope.Consequence, Vocabularies.Outcomes.Names, "the outcome decided (duties and risks only)"),
        new(FactId.Level, "level", FactType.Enumerated, FactScope.Conviction, Vocabularies.Levels.Names, "felony or misdemeanor"),
        new(FactId.ConvictionJurisdiction, "jurisdiction", FactType.Enumerated, FactScope.Conviction, Vocabularies.ConvictionJurisdictions.Names, "where the conviction was entered"),
        // A record's wobbler mark can be left out (the contract sets no default), so "wobbler is given"
        // tells a mark not given from false; the bare test reads a record not marked as not a wobbler,
        // as v1 did, so that a stack written before keeps its answers and recorded decisions reproduce.
        new(FactId.Wobbler, "wobbler", FactType.Boolean, FactScope.Conviction, [], "punishable as either a misdemeanor or a felony") { CanBeUnknown = true },
        new(FactId.ReducedByProp47, "reducedByProp47", FactType.Boolean, FactScope.Conviction, [], "reduced to a misdemeanor under Proposition 47"),
        // Contract 1.1.
        Unknowable(FactId.DocumentCourt, "document.court", Vocabularies.Courts.Names, "the court that issued a judicial warrant, finding or order"),
        Unknowable(FactId.PlaceArea, "placeArea", Vocabularies.PlaceAreas.Names, "the public or non-public area of a library, health facility, shelter, park, parking lot or office"),
        Unknowable(FactId.ActorRole, "actor.role", Vocabularies.ActorRoles.Names, "who in the unit acts"),
        Unknowable(FactId.Agreement287g, "actor.agreement287g", Vocabularies.Agreements287g.Names, "the unit's 287(g) agreement"),
        Unknowable(FactId.SubjectRole, "subject.role", Vocabularies.SubjectRoles.Names, "the person's part in the matter"),
        Unknowable(FactId.AdministrativeWarrantAttached, "document.administrativeWarrantAttached", "an I-200 or I-205 accompanies the detainer"),
        Unknowable(FactId.ServedOnSubject, "document.servedOnSubject", "the detainer was served on the person"),
        Unknowable(FactId.FederalParticipation, "requester.federalParticipation", "a non-federal requester acts with, or for, federal immigration authorities"),
        Unknowable(FactId.ItemHeld, "item.held", "the data item being decided is already in the unit's records (listed in dataHeld)"),
        Unknowable(FactId.PastRelease, "subject.custody.pastRelease", "received after the person would have been released (subject.custody.eligibleForReleaseAt)"),
        Unknowable(FactId.Past48Hours, "subject.custody.past48Hours", "received at least 48 hours after the person would have been released"),
        Unknowable(FactId.CitizenshipProof, "subject.citizenshipProof", "the person has given proof of U.S. citizenship or lawful status"),
        Unknowable(FactId.InterviewFormServed, "subject.interviewConsent.formServed", "the interview consent form was served (Cal. Gov. Code 7283.1(a))"),
        Unknowable(FactId.InterviewConsented, "subject.interviewConsent.consented", "the person consented to the interview"),
        Unknowable(FactId.InterviewAttorneyPresent, "subject.interviewConsent.attorneyPresent", "the person's attorney is present"),
        new(FactId.Juvenile, "juvenile", FactType.Boolean, FactScope.Conviction, [], "a juvenile adjudication, not a conviction") { CanBeUnknown = true },
    ];

    private static readonly Dictionary<string, Fact> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static Fact? Find(string name) => ByName.GetValueOrDefault(name);

    private static Fact Enumerated(FactId id, string name, IReadOnlyList<string> values, string meaning) =>
        new(id, name, FactType.Enumerated, FactScope.Request, values, meaning);

    private static Fact Boolean(FactId id, string name, string meaning) =>
        new(id, name, FactType.Boolean, FactScope.Request, [], meaning);

    private static Fact Unknowable(FactId id, string name, IReadOnlyList<string> values, string meaning) =>
        new(id, name, FactType.Enumerated, FactScope.Request, values, meaning) { CanBeUnknown = true };

    private static Fact Unknowable(FactId id, string name, string meaning) =>
        new(id, name, FactType.Boolean, FactScope.Request, [], meaning) { CanBeUnknown = true };
}
