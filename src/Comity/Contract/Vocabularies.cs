namespace Comity.Contract;

/// <summary>The contract's spelling of every enumeration value.</summary>
public static class Vocabularies
{
    public static readonly Vocabulary<ActorKind> ActorKinds = new("actor kind",
        "law-enforcement", "jail", "library", "health-facility", "shelter", "school", "courthouse", "other-department", "contractor");

    public static readonly Vocabulary<Agency> Agencies = new("requesting agency",
        "ice-ero", "ice-hsi", "cbp", "uscis", "usms", "fbi", "dea", "atf", "doj", "other-federal",
        "california-agency", "california-local", "out-of-state", "private");

    public static readonly Vocabulary<Act> Acts = new("act",
        "hold", "notify-release", "transfer", "interview", "disclose", "bulk-disclose", "alpr-search", "facility-access",
        "property-use", "operational-assistance", "civil-arrest", "task-force", "agreement-287g", "office-space",
        "detention-contract", "interpreter", "grant-certification", "own-arrest");

    public static readonly Vocabulary<Purpose> Purposes = new("purpose",
        "civil-immigration", "criminal-immigration", "criminal", "victim-certification", "firearm-check",
        "public-safety-emergency", "unknown", "city-service", "benefit-verification");

    public static readonly Vocabulary<DocumentType> DocumentTypes = new("document type",
        "none", "i-247a", "i-247d", "i-247n", "i-247x", "i-200", "i-205", "judicial-warrant", "judicial-probable-cause",
        "court-order", "administrative-subpoena", "grand-jury-subpoena", "letter", "ncic-civil-entry");

    public static readonly Vocabulary<DataItem> DataItems = new("data item",
        "immigration-status", "citizenship-status", "place-of-birth", "release-date", "home-address", "work-address",
        "contact", "personal-info", "criminal-history", "probation-checkin", "booking-record", "alpr", "roster",
        "biometrics", "video", "court-date");

    public static readonly Vocabulary<Place> Places = new("place",
        "public-area", "non-public-area", "jail", "library", "health-facility", "shelter", "park", "parking-lot", "office",
        "place-of-worship", "school", "courthouse", "street");

    public static readonly Vocabulary<PlaceArea> PlaceAreas = new("place area", "public", "non-public");

    public static readonly Vocabulary<Court> Courts = new("court", "federal", "state");

    public static readonly Vocabulary<ActorRole> ActorRoles = new("actor role",
        "peace-officer", "corrections-officer", "booking-clerk", "magistrate", "prosecutor", "elected-official", "appointed-official", "other-employee");

    public static readonly Vocabulary<Agreement287g> Agreements287g = new("287(g) agreement", "jail-enforcement", "warrant-service-officer", "task-force");

    public static readonly Vocabulary<SubjectRole> SubjectRoles = new("subject role", "arrestee", "suspect", "victim", "witness", "reporter");

    public static readonly Vocabulary<ConvictionLevel> Levels = new("conviction level", "felony", "misdemeanor");

    public static readonly Vocabulary<ConvictionJurisdiction> ConvictionJurisdictions = new("conviction jurisdiction",
        "ca", "federal", "other-state");

    public static readonly Vocabulary<OffenceClass> OffenceClasses = new("offence class",
        "serious-felony", "violent-felony", "state-prison-felony", "aggravated-felony", "dui-felony");

    public static readonly Vocabulary<Outcome> Outcomes = new("outcome", "deny", "refer-to-counsel", "permit", "must-comply");

    public static readonly Vocabulary<Effect> Effects = new("effect", "must", "permit", "deny", "refer", "floor");

    public static readonly Vocabulary<Flag> Flags = new("flag",
        "fed-1373-conflict", "fed-criminal-exposure", "funding-risk", "litigation-pending", "state-enforcement-risk", "gap",
        "over-detention", "fed-4a-detention-risk", "state-preemption-conflict", "counsel-question");

    public static readonly Vocabulary<SourceGrade> SourceGrades = new("source grade", "primary", "secondary", "unconfirmed");
}
