using System.Text.Json;

namespace Comity.Contract.Internal;

/// <summary>
/// The contract's objects as tables of their properties, in the contract's order (which is the
/// order an unknown property's error lists them in). Each object is read into a draft, a mutable
/// holder of what was read, and built into the contract's immutable model once the whole request
/// has read without error.
/// </summary>
internal static class RequestTables
{
    private static PropertyRule<T> Required<T>(string name, ReadProperty<T> read) => new(name, true, read);

    private static PropertyRule<T> Optional<T>(string name, ReadProperty<T> read) => new(name, false, read);

    public static readonly ObjectTable<ActorDraft> Actor = new(
        Required<ActorDraft>("unit", (r, e, p, d) =>
        {
            d.Unit = r.String(e, p);
            if (d.Unit is { Length: 0 })
                r.Error(p, "expected the receiving unit's id, found an empty string");
        }),
        Required<ActorDraft>("kind", (r, e, p, d) => d.Kind = r.Enum(e, p, Vocabularies.ActorKinds)),
        Optional<ActorDraft>("role", (r, e, p, d) => d.Role = r.Enum(e, p, Vocabularies.ActorRoles)),
        Optional<ActorDraft>("agreement287g", (r, e, p, d) => d.Agreement287g = r.Enum(e, p, Vocabularies.Agreements287g)));

    public static readonly ObjectTable<RequesterDraft> Requester = new(
        Required<RequesterDraft>("agency", (r, e, p, d) => d.Agency = r.Enum(e, p, Vocabularies.Agencies)),
        Optional<RequesterDraft>("office", (r, e, p, d) => d.Office = r.String(e, p)),
        Optional<RequesterDraft>("officer", (r, e, p, d) => d.Officer = r.String(e, p)),
        Optional<RequesterDraft>("federalParticipation", (r, e, p, d) => d.FederalParticipation = r.OptionalBool(e, p)));

    public static readonly ObjectTable<DocumentDraft> Document = new(
        Required<DocumentDraft>("type", (r, e, p, d) => d.Type = r.Enum(e, p, Vocabularies.DocumentTypes)),
        Optional<DocumentDraft>("issuedByFederalJudge", (r, e, p, d) => r.Bool(e, p, out d.IssuedByFederalJudge)),
        Optional<DocumentDraft>("federalCriminalImmigrationLaw", (r, e, p, d) => r.Bool(e, p, out d.FederalCriminalImmigrationLaw)),
        Optional<DocumentDraft>("namesSubject", (r, e, p, d) => r.Bool(e, p, out d.NamesSubject)),
        Optional<DocumentDraft>("coversPlace", (r, e, p, d) => r.Bool(e, p, out d.CoversPlace)),
        Optional<DocumentDraft>("administrativeWarrantAttached", (r, e, p, d) => d.AdministrativeWarrantAttached = r.OptionalBool(e, p)),
        Optional<DocumentDraft>("servedOnSubject", (r, e, p, d) => d.ServedOnSubject = r.OptionalBool(e, p)),
        Optional<DocumentDraft>("court", (r, e, p, d) => d.Court = r.Enum(e, p, Vocabularies.Courts)));

    // Every prong is required: a task force whose purpose is not stated cannot be presumed lawful.
    public static readonly ObjectTable<TaskForceDraft> TaskForce = new(
        Required<TaskForceDraft>("primaryPurposeImmigration", (r, e, p, d) => r.Bool(e, p, out d.PrimaryPurposeImmigration)),
        Required<TaskForceDraft>("dutiesPrimarilyImmigration", (r, e, p, d) => r.Bool(e, p, out d.DutiesPrimarilyImmigration)),
        Required<TaskForceDraft>("dedicatedResources", (r, e, p, d) => r.Bool(e, p, out d.DedicatedResources)),
        Required<TaskForceDraft>("federalMembers", (r, e, p, d) => r.Bool(e, p, out d.FederalMembers)));

    public static readonly ObjectTable<ConvictionDraft> Conviction = new(
        Required<ConvictionDraft>("code", (r, e, p, d) => d.Code = OffenceCode(r, e, p)),
        Required<ConvictionDraft>("level", (r, e, p, d) => d.Level = r.Enum(e, p, Vocabularies.Levels)),
        Optional<ConvictionDraft>("wobbler", (r, e, p, d) => d.Wobbler = r.OptionalBool(e, p)),
        Required<ConvictionDraft>("date", (r, e, p, d) => d.Date = r.Date(e, p)),
        Optional<ConvictionDraft>("jurisdiction", (r, e, p, d) => d.Jurisdiction = r.Enum(e, p, Vocabularies.ConvictionJurisdictions)),
        Optional<ConvictionDraft>("classes", (r, e, p, d) => d.Classes = r.EnumArray(e, p, Vocabularies.OffenceClasses)),
        Optional<ConvictionDraft>("reducedByProp47", (r, e, p, d) => r.Bool(e, p, out d.ReducedByProp47)),
        Optional<ConvictionDraft>("juvenile", (r, e, p, d) => d.Juvenile = r.OptionalBool(e, p)));

    public static readonly ObjectTable<ChargeDraft> Charge = new(
        Required<ChargeDraft>("code", (r, e, p, d) => d.Code = OffenceCode(r, e, p)),
        Optional<ChargeDraft>("classes", (r, e, p, d) => d.Classes = r.EnumArray(e, p, Vocabularies.OffenceClasses)));

    public static readonly ObjectTable<CustodyDraft> Custody = new(
        Optional<CustodyDraft>("eligibleForReleaseAt", (r, e, p, d) => d.EligibleForReleaseAt = DateTimeText(r, e, p)),
        Optional<CustodyDraft>("heldSince", (r, e, p, d) => d.HeldSince = DateTimeText(r, e, p)));

    public static readonly ObjectTable<InterviewConsentDraft> InterviewConsent = new(
        Optional<InterviewConsentDraft>("formServed", (r, e, p, d) => d.FormServed = r.OptionalBool(e, p)),
        Optional<InterviewConsentDraft>("language", (r, e, p, d) => d.Language = LanguageTag(r, e, p)),
        Optional<InterviewConsentDraft>("consented", (r, e, p, d) => d.Consented = r.OptionalBool(e, p)),
        Optional<InterviewConsentDraft>("attorneyPresent", (r, e, p, d) => d.AttorneyPresent = r.OptionalBool(e, p)));

    public static readonly ObjectTable<AttorneyDraft> Attorney = new(
        Optional<AttorneyDraft>("name", (r, e, p, d) => d.Name = r.ShortString(e, p)),
        Optional<AttorneyDraft>("contact", (r, e, p, d) => d.Contact = r.ShortString(e, p)));

    public static readonly ObjectTable<IdentityDraft> Identity = new(
        Optional<IdentityDraft>("name", (r, e, p, d) => d.Name = r.ShortString(e, p)),
        Optional<IdentityDraft>("dateOfBirth", (r, e, p, d) => d.DateOfBirth = r.Date(e, p)),
        Optional<IdentityDraft>("bookingNumber", (r, e, p, d) => d.BookingNumber = r.ShortString(e, p)),
        Optional<IdentityDraft>("ciiNumber", (r, e, p, d) => d.CiiNumber = r.ShortString(e, p)),
        Optional<IdentityDraft>("fbiNumber", (r, e, p, d) => d.FbiNumber = r.ShortString(e, p)),
        Optional<IdentityDraft>("aNumber", (r, e, p, d) => d.ANumber = r.ShortString(e, p)),
        Optional<IdentityDraft>("language", (r, e, p, d) => d.Language = LanguageTag(r, e, p)),
        Optional<IdentityDraft>("gender", (r, e, p, d) => d.Gender = r.ShortString(e, p)),
        Optional<IdentityDraft>("raceEthnicity", (r, e, p, d) => d.RaceEthnicity = r.ShortString(e, p)),
        Optional<IdentityDraft>("countryOfBirth", (r, e, p, d) => d.CountryOfBirth = Country(r, e, p)),
        Optional<IdentityDraft>("attorney", (r, e, p, d) => d.Attorney = r.Object(e, p, Attorney)));

    public static readonly ObjectTable<SubjectDraft> Subject = new(
        Optional<SubjectDraft>("inCustody", (r, e, p, d) => r.Bool(e, p, out d.InCustody)),
        Optional<SubjectDraft>("convictions", (r, e, p, d) => d.Convictions = r.Objects(e, p, Conviction)),
        Optional<SubjectDraft>("sexArsonRegistrant", (r, e, p, d) => r.Bool(e, p, out d.SexArsonRegistrant)),
        Optional<SubjectDraft>("federalFelonyWarrant", (r, e, p, d) => r.Bool(e, p, out d.FederalFelonyWarrant)),
        Optional<SubjectDraft>("magistrateProbableCause", (r, e, p, d) => d.Charges = r.Objects(e, p, Charge)),
        Optional<SubjectDraft>("reentryAfterAggravatedFelony", (r, e, p, d) => r.Bool(e, p, out d.ReentryAfterAggravatedFelony)),
        Optional<SubjectDraft>("hateCrimeVictimOrWitnessNotCharged", (r, e, p, d) => r.Bool(e, p, out d.HateCrimeVictimOrWitnessNotCharged)),
        Optional<SubjectDraft>("custody", (r, e, p, d) => d.Custody = r.Object(e, p, Custody)),
        Optional<SubjectDraft>("citizenshipProof", (r, e, p, d) => d.CitizenshipProof = r.OptionalBool(e, p)),
        Optional<SubjectDraft>("role", (r, e, p, d) => d.Role = r.Enum(e, p, Vocabularies.SubjectRoles)),
        Optional<SubjectDraft>("interviewConsent", (r, e, p, d) => d.InterviewConsent = r.Object(e, p, InterviewConsent)),
        Optional<SubjectDraft>("identity", (r, e, p, d) => d.Identity = r.Object(e, p, Identity)));

    public static readonly ObjectTable<RequestDraft> Root = new(
        Optional<RequestDraft>("id", (r, e, p, d) => d.Id = r.String(e, p)),
        Required<RequestDraft>("receivedAt", (r, e, p, d) =>
        {
            d.ReceivedAt = r.String(e, p);
            if (d.ReceivedAt is null)
                return;
            if (!ReceivedAt.TryParseDay(d.ReceivedAt, out d.ReceivedOn))
                r.Error(p, $"\"{d.ReceivedAt}\" is not {ReceivedAt.Expected}");
            else if (!ContractYears.Contains(d.ReceivedOn))
                r.Error(p, ContractYears.Refusal(d.ReceivedOn));
        }),
        Optional<RequestDraft>("jurisdiction", (r, e, p, d) => d.Jurisdiction = r.String(e, p)),
        Required<RequestDraft>("actor", (r, e, p, d) => d.Actor = r.Object(e, p, Actor)),
        Required<RequestDraft>("requester", (r, e, p, d) => d.Requester = r.Object(e, p, Requester)),
        Required<RequestDraft>("act", (r, e, p, d) => d.Act = r.Enum(e, p, Vocabularies.Acts)),
        Required<RequestDraft>("purpose", (r, e, p, d) => d.Purpose = r.Enum(e, p, Vocabularies.Purposes)),
        Required<RequestDraft>("document", (r, e, p, d) => d.Document = r.Object(e, p, Document)),
        Optional<RequestDraft>("data", (r, e, p, d) => d.Data = r.EnumArray(e, p, Vocabularies.DataItems)),
        Optional<RequestDraft>("dataPublic", (r, e, p, d) => d.DataPublic = r.EnumArray(e, p, Vocabularies.DataItems)),
        Optional<RequestDraft>("dataHeld", (r, e, p, d) => d.DataHeld = r.EnumArray(e, p, Vocabularies.DataItems)),
        Optional<RequestDraft>("place", (r, e, p, d) => d.Place = r.Enum(e, p, Vocabularies.Places)),
        Optional<RequestDraft>("placeArea", (r, e, p, d) => d.PlaceArea = r.Enum(e, p, Vocabularies.PlaceAreas)),
        Optional<RequestDraft>("taskForce", (r, e, p, d) => d.TaskForce = r.Object(e, p, TaskForce)),
        Optional<RequestDraft>("subject", (r, e, p, d) => d.Subject = r.Object(e, p, Subject)));

    private static string? OffenceCode(JsonReading r, JsonElement e, string path)
    {
        var code = r.String(e, path);
        if (code is not null && string.IsNullOrWhiteSpace(code))
            r.Error(path, "expected an offence code such as \"PC 211\", found an empty string");
        return code;
    }

    private const string DateTimeExpected = "an ISO 8601 date-time (2025-03-14T09:30:00-07:00)";

    private static string? DateTimeText(JsonReading r, JsonElement e, string path)
    {
        if (r.String(e, path) is not { } text)
            return null;
        if (ReceivedAt.TryParse(text, out var moment) && moment.Time is not null)
        {
            if (ContractYears.Contains(moment.Day))
                return text;
            r.Error(path, ContractYears.Refusal(moment.Day));
            return null;
        }
        r.Error(path, $"\"{text}\" is not {DateTimeExpected}");
        return null;
    }

    private static string? LanguageTag(JsonReading r, JsonElement e, string path)
    {
        if (r.ShortString(e, path) is not { } text)
            return null;
        if (Codes.IsLanguageTag(text))
            return text;
        r.Error(path, $"\"{text}\" is not a language tag; expected a BCP 47 tag such as es, en-US or zh-Hant");
        return null;
    }

    private static string? Country(JsonReading r, JsonElement e, string path)
    {
        if (r.ShortString(e, path) is not { } text)
            return null;
        if (Codes.IsCountry(text))
            return text;
        r.Error(path, $"\"{text}\" is not a country code; expected an ISO 3166-1 alpha-2 code in capitals, such as MX or SV");
        return null;
    }
}
