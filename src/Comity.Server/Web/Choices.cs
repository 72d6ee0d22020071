using Comity.Contract;

namespace Comity.Server.Web;

/// <summary>A choice on a form: the contract's value, the words staff read, and a hint that teaches.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null);

/// <summary>
/// The words the web app uses for the contract's values. The form asks in the desk's language
/// ("keep the person past release") and sends the contract's (<c>hold</c>).
/// </summary>
public static class Choices
{
    public static readonly (string Group, Choice[] Items)[] Acts =
    [
        ("About a person in your custody", [
            new("hold", "Keep the person past their release", "A detainer (such as Form I-247A) asks you to hold someone after they would otherwise go free."),
            new("notify-release", "Tell them when the person is released", "A request for the release date or time."),
            new("transfer", "Hand the person over", "Transfer custody directly to the requesting agency."),
            new("interview", "Let them interview the person", "Access to speak with someone in your custody."),
        ]),
        ("Information", [
            new("disclose", "Give records about a named person", "Status, address, criminal history and the like: you will say which items."),
            new("bulk-disclose", "Give lists, rosters or exports", "Information about many people at once."),
            new("alpr-search", "Search licence-plate-reader data", "Automated licence-plate reader (ALPR) records."),
        ]),
        ("Places and operations", [
            new("facility-access", "Enter a city place", "A library, clinic, shelter, jail or other city site: you will say which kind of place."),
            new("property-use", "Use city property as a base", "Staging or processing on city property."),
            new("operational-assistance", "Help with an operation", "Traffic control, a perimeter, crowd control or backup."),
            new("civil-arrest", "Arrest someone on a civil immigration warrant", "Including an NCIC civil immigration entry."),
            new("task-force", "Join or act in a joint task force", "You will answer questions about the task force."),
        ]),
        ("Agreements and resources", [
            new("agreement-287g", "A 287(g) agreement or deputisation", "Officers acting under federal immigration supervision."),
            new("office-space", "Office space for immigration authorities"),
            new("detention-contract", "A contract to hold federal detainees"),
            new("interpreter", "Use immigration officers as interpreters"),
            new("grant-certification", "Certify compliance for a federal grant"),
        ]),
        ("Your own action", [
            new("own-arrest", "Arrest or detain someone yourself for illegal entry or re-entry",
                "Not a request from outside: your own probable cause of a federal immigration crime (8 U.S.C. 1325, 1326), found during other police work. A hold or an arrest on an ICE warrant is never this."),
        ]),
    ];

    public static readonly Choice[] Purposes =
    [
        new("civil-immigration", "Civil immigration enforcement", "Deportation, removal, status: most ICE requests. Choose this when the request gives no other purpose."),
        new("criminal-immigration", "A federal immigration crime", "Illegal entry or re-entry (8 U.S.C. 1325, 1326) and related crimes."),
        new("criminal", "A crime unrelated to immigration", "Drugs, violence, fraud and the like."),
        new("victim-certification", "Certifying a crime victim (T or U visa)"),
        new("firearm-check", "A firearm background check (18 U.S.C. 922(d)(5))"),
        new("public-safety-emergency", "A public-safety emergency"),
        new("unknown", "Not stated, or not sure", "Comity then treats the purpose as unknown, which usually means counsel decides."),
        new("city-service", "Providing a city service to the person"),
        new("benefit-verification", "Checking status for a benefit that depends on it"),
    ];

    public static readonly Choice[] Agencies =
    [
        new("ice-ero", "ICE Enforcement and Removal Operations (ERO)"),
        new("ice-hsi", "ICE Homeland Security Investigations (HSI)"),
        new("cbp", "Customs and Border Protection (CBP)"),
        new("uscis", "U.S. Citizenship and Immigration Services (USCIS)"),
        new("usms", "U.S. Marshals Service"),
        new("fbi", "FBI"),
        new("dea", "DEA"),
        new("atf", "ATF"),
        new("doj", "Department of Justice (other)"),
        new("other-federal", "Another federal agency"),
        new("california-agency", "A California state agency"),
        new("california-local", "A California city or county agency"),
        new("out-of-state", "An agency of another state"),
        new("private", "A private person or company"),
    ];

    public static readonly (string Group, Choice[] Items)[] Documents =
    [
        ("Signed by a judge", [
            new("judicial-warrant", "Judicial warrant", "Names a court and is signed by a judge or magistrate judge."),
            new("judicial-probable-cause", "Judicial probable-cause determination", "A judge's finding of probable cause."),
            new("court-order", "Court order", "An order of a court, signed by a judge."),
            new("grand-jury-subpoena", "Grand-jury subpoena"),
        ]),
        ("Signed by an immigration officer (administrative)", [
            new("i-247a", "Form I-247A, Immigration Detainer", "Asks you to hold or notify. Not signed by a judge."),
            new("i-200", "Form I-200, Warrant for Arrest of Alien", "Called a warrant, but signed by an ICE officer, not a judge."),
            new("i-205", "Form I-205, Warrant of Removal/Deportation", "Called a warrant, but signed by an ICE officer, not a judge."),
            new("i-247d", "Form I-247D (older detainer form)"),
            new("i-247n", "Form I-247N (older notification request)"),
            new("i-247x", "Form I-247X (older transfer request)"),
            new("administrative-subpoena", "Administrative subpoena", "Issued by an agency, not a court."),
            new("ncic-civil-entry", "NCIC civil immigration entry", "A database hit, not a warrant."),
        ]),
        ("Nothing formal", [
            new("letter", "A letter, e-mail or fax"),
            new("none", "No document: a phone call or a visit in person"),
        ]),
    ];

    public static readonly Choice[] DataItems =
    [
        new("immigration-status", "Immigration status"),
        new("citizenship-status", "Citizenship status"),
        new("place-of-birth", "Place of birth"),
        new("release-date", "Release date or time"),
        new("home-address", "Home address"),
        new("work-address", "Work address"),
        new("contact", "Phone, e-mail or other contact details"),
        new("personal-info", "Other personal information"),
        new("criminal-history", "Criminal history (CLETS) of this person"),
        new("probation-checkin", "Probation or parole check-in times"),
        new("booking-record", "Booking record"),
        new("alpr", "Licence-plate-reader data"),
        new("roster", "A roster or list of people"),
        new("biometrics", "Fingerprints or photographs"),
        new("video", "Video (body-worn or fixed cameras)"),
        new("court-date", "Court dates"),
    ];

    public static readonly Choice[] Places =
    [
        new("public-area", "A public area (lobby, waiting room)"),
        new("non-public-area", "A non-public area (offices, back rooms)"),
        new("jail", "A jail"),
        new("library", "A library"),
        new("health-facility", "A health facility"),
        new("shelter", "A shelter"),
        new("park", "A park"),
        new("parking-lot", "A parking lot"),
        new("office", "A city office"),
        new("place-of-worship", "A place of worship"),
        new("school", "A school"),
        new("courthouse", "A courthouse"),
        new("street", "A street or other public way"),
    ];

    /// <summary>Who in the unit acts (contract 1.1 <c>actor.role</c>); "" leaves it unsaid.</summary>
    public static readonly Choice[] ActorRoles =
    [
        new("", "Not stated"),
        new("peace-officer", "A peace officer"),
        new("corrections-officer", "A corrections officer"),
        new("booking-clerk", "A booking clerk"),
        new("magistrate", "A magistrate"),
        new("prosecutor", "A prosecutor"),
        new("elected-official", "An elected official"),
        new("appointed-official", "An appointed official"),
        new("other-employee", "Another employee"),
    ];

    /// <summary>The unit's 287(g) agreement (contract 1.1 <c>actor.agreement287g</c>); "" leaves it unsaid, which is not "none".</summary>
    public static readonly Choice[] Agreements287g =
    [
        new("", "Not stated"),
        new("jail-enforcement", "A jail enforcement agreement"),
        new("warrant-service-officer", "A warrant service officer agreement"),
        new("task-force", "A task force agreement"),
    ];

    /// <summary>The court that issued a judicial document (contract 1.1 <c>document.court</c>).</summary>
    public static readonly Choice[] Courts =
    [
        new("", "Not stated"),
        new("federal", "A federal court"),
        new("state", "A state court"),
    ];

    /// <summary>Which part of the place (contract 1.1 <c>placeArea</c>).</summary>
    public static readonly Choice[] PlaceAreas =
    [
        new("", "Not stated"),
        new("public", "A part open to the public"),
        new("non-public", "A part not open to the public"),
    ];

    /// <summary>The person's part in the matter (contract 1.1 <c>subject.role</c>).</summary>
    public static readonly Choice[] SubjectRoles =
    [
        new("", "Not stated"),
        new("arrestee", "Arrested"),
        new("suspect", "A suspect"),
        new("victim", "A victim of a crime"),
        new("witness", "A witness"),
        new("reporter", "Reporting a crime"),
    ];

    /// <summary>The classes a court record may assert beyond what the stack derives from the code.</summary>
    public static readonly Choice[] OffenceClasses =
    [
        new("serious-felony", "Serious felony"),
        new("violent-felony", "Violent felony"),
        new("state-prison-felony", "State-prison felony"),
        new("aggravated-felony", "Aggravated felony (immigration law)"),
        new("dui-felony", "Felony DUI"),
    ];

    /// <summary>Yes, no, or not known: a 1.1 fact left unanswered is unknown, never false.</summary>
    public static readonly Choice[] YesNoUnknown = [new("yes", "Yes"), new("no", "No"), new("", "Not known")];

    /// <summary>Why a case is corrected or voided (reports.md section 1).</summary>
    public static readonly Choice[] CorrectionReasons =
    [
        new("data-entry-error", "A mistake in what was entered", "A wrong date, conviction, tick or answer."),
        new("late-recorded", "The request was recorded late", "Entered after the day it was received."),
        new("reclassified-act", "The wrong kind of request was entered", "Such as a transfer entered as a notification."),
        new("duplicate", "The request was entered twice"),
        new("opened-by-mistake", "The case was opened by mistake"),
    ];

    /// <summary>What the unit did on a case.</summary>
    public static readonly Choice[] Actions =
    [
        new("notified", "Gave the release date or time", "Told the requester when the person is released."),
        new("information-given", "Gave the information asked for"),
        new("transferred", "Handed the person over", "Name the agency that took custody."),
        new("interview-held", "Let the interview take place"),
        new("declined", "Declined the request"),
        new("released", "Released the person before anything was done"),
    ];

    public static readonly Choice[] Levels = [new("felony", "Felony"), new("misdemeanor", "Misdemeanor")];

    public static readonly Choice[] ConvictionJurisdictions = [new("ca", "California"), new("federal", "Federal"), new("other-state", "Another state")];

    public static string OutcomeWord(string outcome) => outcome switch
    {
        "deny" => "Deny",
        "permit" => "Permitted",
        "must-comply" => "Must comply",
        "refer-to-counsel" => "Refer to counsel",
        _ => outcome,
    };

    public static string OutcomeMeaning(string outcome) => outcome switch
    {
        "deny" => "The law forbids this. Do not do what is asked.",
        "permit" => "You may do this, but you do not have to.",
        "must-comply" => "The law or a court requires this. You must do it.",
        "refer-to-counsel" => "Do not act yet: a lawyer must decide.",
        _ => "",
    };

    /// <summary>An outcome with a symbol, so that it is never told by colour alone.</summary>
    public static string OutcomeSymbol(string outcome) => outcome switch
    {
        "deny" => "✕",
        "permit" => "✓",
        "must-comply" => "!",
        "refer-to-counsel" => "?",
        _ => "",
    };

    public static string ActLabel(string act) => Acts.SelectMany(g => g.Items).FirstOrDefault(c => c.Value == act)?.Label ?? act;

    public static string DocumentLabel(string document) => Documents.SelectMany(g => g.Items).FirstOrDefault(c => c.Value == document)?.Label ?? document;

    public static string AgencyLabel(string agency) => Agencies.FirstOrDefault(c => c.Value == agency)?.Label ?? agency;

    public static string DataItemLabel(string item) => DataItems.FirstOrDefault(c => c.Value == item)?.Label ?? item;

    public static string PurposeLabel(string purpose) => Purposes.FirstOrDefault(c => c.Value == purpose)?.Label ?? purpose;

    public static string PlaceLabel(string place) => Places.FirstOrDefault(c => c.Value == place)?.Label ?? place;

    /// <summary>The label of <paramref name="value"/> among <paramref name="choices"/>, or the value itself.</summary>
    public static string Label(IEnumerable<Choice> choices, string? value) => choices.FirstOrDefault(c => c.Value == (value ?? ""))?.Label ?? value ?? "";

    public static string StatusLabel(string status) => status switch
    {
        "open" => "Decided",
        "awaiting-counsel" => "Waiting for counsel",
        "reviewed" => "Reviewed by counsel",
        "void" => "Void (entered by mistake)",
        _ => status,
    };

    /// <summary>Checks that every contract value has words here, so that a new act or agency cannot go missing from the form.</summary>
    internal static IEnumerable<string> Missing()
    {
        foreach (var a in Vocabularies.Acts.Names.Where(n => Acts.SelectMany(g => g.Items).All(c => c.Value != n)))
            yield return "act " + a;
        foreach (var a in Vocabularies.Agencies.Names.Where(n => Agencies.All(c => c.Value != n)))
            yield return "agency " + a;
        foreach (var a in Vocabularies.DocumentTypes.Names.Where(n => Documents.SelectMany(g => g.Items).All(c => c.Value != n)))
            yield return "document " + a;
        foreach (var a in Vocabularies.Purposes.Names.Where(n => Purposes.All(c => c.Value != n)))
            yield return "purpose " + a;
        foreach (var a in Vocabularies.DataItems.Names.Where(n => DataItems.All(c => c.Value != n)))
            yield return "data item " + a;
        foreach (var a in Vocabularies.Places.Names.Where(n => Places.All(c => c.Value != n)))
            yield return "place " + a;
        foreach (var a in Vocabularies.ActorRoles.Names.Where(n => ActorRoles.All(c => c.Value != n)))
            yield return "actor role " + a;
        foreach (var a in Vocabularies.Agreements287g.Names.Where(n => Agreements287g.All(c => c.Value != n)))
            yield return "287(g) agreement " + a;
        foreach (var a in Vocabularies.Courts.Names.Where(n => Courts.All(c => c.Value != n)))
            yield return "court " + a;
        foreach (var a in Vocabularies.PlaceAreas.Names.Where(n => PlaceAreas.All(c => c.Value != n)))
            yield return "place area " + a;
        foreach (var a in Vocabularies.SubjectRoles.Names.Where(n => SubjectRoles.All(c => c.Value != n)))
            yield return "subject role " + a;
        foreach (var a in Vocabularies.OffenceClasses.Names.Where(n => OffenceClasses.All(c => c.Value != n)))
            yield return "offence class " + a;
    }
}
