using System.Text.Json;

namespace Comity.Contract;

/// <summary>
/// Writes a request as contract 1.1 JSON, leaving out every property that holds its default
/// (false, empty, absent, not given), so that a request built in code (a witness of
/// <c>comity check</c>) reads as short as a person would write it. <see cref="RequestReader"/>
/// reads it back unchanged.
/// </summary>
/// <remarks>
/// <c>subject.identity</c> is personal data kept with the case only: what is written anywhere
/// else (the ledger above all, which is never edited and must never hold it in clear) is written
/// by <see cref="WriteWithoutIdentity"/>.
/// </remarks>
public static class RequestWriter
{
    /// <summary>The whole request, <c>subject.identity</c> included: for the case store only.</summary>
    public static void Write(Utf8JsonWriter w, DecisionRequest r) => Write(w, r, identity: true);

    /// <summary>The request without <c>subject.identity</c>: for the ledger and anything else kept or shown beyond the case.</summary>
    public static void WriteWithoutIdentity(Utf8JsonWriter w, DecisionRequest r) => Write(w, r, identity: false);

    private static void Write(Utf8JsonWriter w, DecisionRequest r, bool identity)
    {
        w.WriteStartObject();
        if (r.Id is not null)
            w.WriteString("id"u8, r.Id);
        w.WriteString("receivedAt"u8, r.ReceivedAt);
        if (r.Jurisdiction is not null)
            w.WriteString("jurisdiction"u8, r.Jurisdiction);
        w.WriteStartObject("actor"u8);
        w.WriteString("unit"u8, r.Actor.Unit);
        w.WriteString("kind"u8, Vocabularies.ActorKinds.Name(r.Actor.Kind));
        Enum(w, "role"u8, r.Actor.Role, Vocabularies.ActorRoles);
        Enum(w, "agreement287g"u8, r.Actor.Agreement287g, Vocabularies.Agreements287g);
        w.WriteEndObject();
        w.WriteStartObject("requester"u8);
        w.WriteString("agency"u8, Vocabularies.Agencies.Name(r.Requester.Agency));
        if (r.Requester.Office is not null)
            w.WriteString("office"u8, r.Requester.Office);
        if (r.Requester.Officer is not null)
            w.WriteString("officer"u8, r.Requester.Officer);
        Given(w, "federalParticipation"u8, r.Requester.FederalParticipation);
        w.WriteEndObject();
        w.WriteString("act"u8, Vocabularies.Acts.Name(r.Act));
        w.WriteString("purpose"u8, Vocabularies.Purposes.Name(r.Purpose));
        w.WriteStartObject("document"u8);
        w.WriteString("type"u8, Vocabularies.DocumentTypes.Name(r.Document.Type));
        True(w, "issuedByFederalJudge"u8, r.Document.IssuedByFederalJudge);
        True(w, "federalCriminalImmigrationLaw"u8, r.Document.FederalCriminalImmigrationLaw);
        True(w, "namesSubject"u8, r.Document.NamesSubject);
        True(w, "coversPlace"u8, r.Document.CoversPlace);
        Given(w, "administrativeWarrantAttached"u8, r.Document.AdministrativeWarrantAttached);
        Given(w, "servedOnSubject"u8, r.Document.ServedOnSubject);
        Enum(w, "court"u8, r.Document.Court, Vocabularies.Courts);
        w.WriteEndObject();
        Items(w, "data"u8, r.Data);
        Items(w, "dataPublic"u8, r.DataPublic);
        // dataHeld is written even when empty: an empty list says "none held", its absence "not given".
        if (r.DataHeld is { } held)
        {
            w.WriteStartArray("dataHeld"u8);
            foreach (var i in held)
                w.WriteStringValue(Vocabularies.DataItems.Name(i));
            w.WriteEndArray();
        }
        Enum(w, "place"u8, r.Place, Vocabularies.Places);
        Enum(w, "placeArea"u8, r.PlaceArea, Vocabularies.PlaceAreas);
        if (r.TaskForce is { } t)
        {
            w.WriteStartObject("taskForce"u8);
            w.WriteBoolean("primaryPurposeImmigration"u8, t.PrimaryPurposeImmigration);
            w.WriteBoolean("dutiesPrimarilyImmigration"u8, t.DutiesPrimarilyImmigration);
            w.WriteBoolean("dedicatedResources"u8, t.DedicatedResources);
            w.WriteBoolean("federalMembers"u8, t.FederalMembers);
            w.WriteEndObject();
        }
        WriteSubject(w, r.Subject, identity);
        w.WriteEndObject();
    }

    /// <summary>The whole request, <c>subject.identity</c> included: for the case store only.</summary>
    public static string ToJson(DecisionRequest r, bool indented = false) => ToJson(r, indented, identity: true);

    /// <summary>The request without <c>subject.identity</c>.</summary>
    public static string ToJsonWithoutIdentity(DecisionRequest r, bool indented = false) => ToJson(r, indented, identity: false);

    private static string ToJson(DecisionRequest r, bool indented, bool identity)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, indented ? AnswerWriter.Indented : AnswerWriter.Compact))
            Write(w, r, identity);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSubject(Utf8JsonWriter w, Subject s, bool identity)
    {
        if (IsEmpty(s, identity))
            return;
        w.WriteStartObject("subject"u8);
        True(w, "inCustody"u8, s.InCustody);
        if (s.Convictions.Count > 0)
        {
            w.WriteStartArray("convictions"u8);
            foreach (var c in s.Convictions)
            {
                w.WriteStartObject();
                w.WriteString("code"u8, c.Code);
                w.WriteString("level"u8, Vocabularies.Levels.Name(c.Level));
                Given(w, "wobbler"u8, c.Wobbler);
                w.WriteString("date"u8, c.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("jurisdiction"u8, Vocabularies.ConvictionJurisdictions.Name(c.Jurisdiction));
                Classes(w, c.Classes);
                True(w, "reducedByProp47"u8, c.ReducedByProp47);
                Given(w, "juvenile"u8, c.Juvenile);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        True(w, "sexArsonRegistrant"u8, s.SexArsonRegistrant);
        True(w, "federalFelonyWarrant"u8, s.FederalFelonyWarrant);
        if (s.MagistrateProbableCause.Count > 0)
        {
            w.WriteStartArray("magistrateProbableCause"u8);
            foreach (var c in s.MagistrateProbableCause)
            {
                w.WriteStartObject();
                w.WriteString("code"u8, c.Code);
                Classes(w, c.Classes);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        True(w, "reentryAfterAggravatedFelony"u8, s.ReentryAfterAggravatedFelony);
        True(w, "hateCrimeVictimOrWitnessNotCharged"u8, s.HateCrimeVictimOrWitnessNotCharged);
        if (s.Custody is { } custody)
        {
            w.WriteStartObject("custody"u8);
            Text(w, "eligibleForReleaseAt"u8, custody.EligibleForReleaseAt);
            Text(w, "heldSince"u8, custody.HeldSince);
            w.WriteEndObject();
        }
        Given(w, "citizenshipProof"u8, s.CitizenshipProof);
        Enum(w, "role"u8, s.Role, Vocabularies.SubjectRoles);
        if (s.InterviewConsent is { } consent)
        {
            w.WriteStartObject("interviewConsent"u8);
            Given(w, "formServed"u8, consent.FormServed);
            Text(w, "language"u8, consent.Language);
            Given(w, "consented"u8, consent.Consented);
            Given(w, "attorneyPresent"u8, consent.AttorneyPresent);
            w.WriteEndObject();
        }
        if (identity && s.Identity is { } id)
        {
            w.WriteStartObject("identity"u8);
            Text(w, "name"u8, id.Name);
            Text(w, "dateOfBirth"u8, id.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            Text(w, "bookingNumber"u8, id.BookingNumber);
            Text(w, "ciiNumber"u8, id.CiiNumber);
            Text(w, "fbiNumber"u8, id.FbiNumber);
            Text(w, "aNumber"u8, id.ANumber);
            Text(w, "language"u8, id.Language);
            Text(w, "gender"u8, id.Gender);
            Text(w, "raceEthnicity"u8, id.RaceEthnicity);
            Text(w, "countryOfBirth"u8, id.CountryOfBirth);
            if (id.Attorney is { } attorney)
            {
                w.WriteStartObject("attorney"u8);
                Text(w, "name"u8, attorney.Name);
                Text(w, "contact"u8, attorney.Contact);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static bool IsEmpty(Subject s, bool identity) =>
        !s.InCustody && !s.SexArsonRegistrant && !s.FederalFelonyWarrant && !s.ReentryAfterAggravatedFelony
        && !s.HateCrimeVictimOrWitnessNotCharged && s.Convictions.Count == 0 && s.MagistrateProbableCause.Count == 0
        && s.Custody is null && s.CitizenshipProof is null && s.Role is null && s.InterviewConsent is null
        && (!identity || s.Identity is null);

    /// <summary>A 1.1 boolean: written when given, true or false; left out when not given.</summary>
    private static void Given(Utf8JsonWriter w, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } v)
            w.WriteBoolean(name, v);
    }

    private static void Text(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }

    private static void Enum<T>(Utf8JsonWriter w, ReadOnlySpan<byte> name, T? value, Vocabulary<T> vocabulary) where T : struct, System.Enum
    {
        if (value is { } v)
            w.WriteString(name, vocabulary.Name(v));
    }

    private static void True(Utf8JsonWriter w, ReadOnlySpan<byte> name, bool value)
    {
        if (value)
            w.WriteBoolean(name, true);
    }

    private static void Items(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<DataItem> items)
    {
        if (items.Count == 0)
            return;
        w.WriteStartArray(name);
        foreach (var i in items)
            w.WriteStringValue(Vocabularies.DataItems.Name(i));
        w.WriteEndArray();
    }

    private static void Classes(Utf8JsonWriter w, IReadOnlyList<OffenceClass> classes)
    {
        if (classes.Count == 0)
            return;
        w.WriteStartArray("classes"u8);
        foreach (var c in classes)
            w.WriteStringValue(Vocabularies.OffenceClasses.Name(c));
        w.WriteEndArray();
    }
}
