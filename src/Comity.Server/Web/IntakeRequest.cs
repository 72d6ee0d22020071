using System.Buffers;
using System.Text.Json;
using Comity.Contract;

namespace Comity.Server.Web;

/// <summary>
/// The intake form as a contract 1.1 request, and the way back from the contract's JSON paths to
/// the form's fields for the messages beside them. The form asks in the desk's words; this writes
/// the contract's values, and leaves out every 1.1 fact not answered (unknown, never false).
/// </summary>
public static class IntakeRequest
{
    /// <summary>The form as a contract request (UTF-8 JSON). Call after <see cref="IntakeForm.Check"/> found nothing.</summary>
    public static byte[] ToJson(IntakeForm f, ServedStacks stacks)
    {
        var (stack, unit) = stacks.Receiver(f.Receiver) ?? throw new InvalidOperationException("the form names no served unit; check it first");
        var zone = stack.ZoneOf(unit.Id);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Indented))
        {
            w.WriteStartObject();
            Text(w, "id", f.Reference);
            var date = f.ReceivedDate?.Trim();
            w.WriteString("receivedAt", string.IsNullOrWhiteSpace(f.ReceivedTime) ? date : UnitTime.WithOffset(date + "T" + f.ReceivedTime.Trim(), zone) ?? date);
            w.WriteString("jurisdiction", stack.Jurisdiction);
            w.WriteStartObject("actor");
            w.WriteString("unit", unit.Id);
            w.WriteString("kind", Vocabularies.ActorKinds.Name(unit.Kind));
            Text(w, "role", f.ActorRole);
            Text(w, "agreement287g", f.Agreement287g);
            w.WriteEndObject();

            w.WriteStartObject("requester");
            w.WriteString("agency", f.Agency);
            Text(w, "office", f.Office);
            Text(w, "officer", f.Officer);
            Tri(w, "federalParticipation", f.FederalParticipation);
            w.WriteEndObject();
            w.WriteString("act", f.Act);
            w.WriteString("purpose", f.Purpose);

            w.WriteStartObject("document");
            w.WriteString("type", f.DocumentType);
            True(w, "issuedByFederalJudge", f.IssuedByFederalJudge);
            True(w, "federalCriminalImmigrationLaw", f.FederalCriminalImmigrationLaw);
            True(w, "namesSubject", f.NamesSubject);
            True(w, "coversPlace", IntakeForm.NeedsPlace(f.Act) && f.CoversPlace);
            Tri(w, "administrativeWarrantAttached", f.AdministrativeWarrantAttached);
            Tri(w, "servedOnSubject", f.ServedOnSubject);
            Text(w, "court", f.Court);
            w.WriteEndObject();

            if (IntakeForm.NeedsData(f.Act))
            {
                Strings(w, "data", f.Data);
                if (f.DataPublic.Any(f.Data.Contains))
                    Strings(w, "dataPublic", f.DataPublic.Where(f.Data.Contains));
                if (f.DataHeldKnown == "yes")
                    Strings(w, "dataHeld", f.DataHeld.Where(f.Data.Contains));
            }
            else if (IntakeForm.IsNotification(f.Act) && f.ReleaseDatePublic)
            {
                // A notification asks for the release date; said to be public, it is an item of its own (7284.6(a)(1)(C)).
                Strings(w, "data", ["release-date"]);
                Strings(w, "dataPublic", ["release-date"]);
            }
            if (IntakeForm.NeedsPlace(f.Act))
            {
                w.WriteString("place", f.Place);
                Text(w, "placeArea", f.PlaceArea);
            }
            if (IntakeForm.NeedsTaskForce(f.Act))
            {
                w.WriteStartObject("taskForce");
                w.WriteBoolean("primaryPurposeImmigration", f.TaskForcePrimaryPurposeImmigration);
                w.WriteBoolean("dutiesPrimarilyImmigration", f.TaskForceDutiesPrimarilyImmigration);
                w.WriteBoolean("dedicatedResources", f.TaskForceDedicatedResources);
                w.WriteBoolean("federalMembers", f.TaskForceFederalMembers);
                w.WriteEndObject();
            }
            WriteSubject(w, f, zone);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSubject(Utf8JsonWriter w, IntakeForm f, TimeZoneInfo zone)
    {
        w.WriteStartObject("subject");
        True(w, "inCustody", f.InCustody);
        var rows = f.Convictions.Where(c => !c.IsBlank).ToArray();
        if (rows.Length > 0)
        {
            w.WriteStartArray("convictions");
            foreach (var c in rows)
            {
                w.WriteStartObject();
                w.WriteString("code", c.Code?.Trim());
                w.WriteString("level", c.Level);
                Tri(w, "wobbler", c.Wobbler);
                w.WriteString("date", c.Date?.Trim());
                w.WriteString("jurisdiction", string.IsNullOrEmpty(c.Jurisdiction) ? "ca" : c.Jurisdiction);
                if (c.Classes.Count > 0)
                    Strings(w, "classes", c.Classes);
                True(w, "reducedByProp47", c.ReducedByProp47);
                if (c.Juvenile)
                    w.WriteBoolean("juvenile", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        True(w, "sexArsonRegistrant", f.SexArsonRegistrant);
        True(w, "federalFelonyWarrant", f.FederalFelonyWarrant);
        var charges = (f.ProbableCauseCodes ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (charges.Length > 0)
        {
            w.WriteStartArray("magistrateProbableCause");
            foreach (var code in charges)
            {
                w.WriteStartObject();
                w.WriteString("code", code);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        True(w, "reentryAfterAggravatedFelony", f.ReentryAfterAggravatedFelony);
        True(w, "hateCrimeVictimOrWitnessNotCharged", f.HateCrimeVictimOrWitnessNotCharged);
        if (!string.IsNullOrWhiteSpace(f.EligibleForReleaseAt) || !string.IsNullOrWhiteSpace(f.HeldSince))
        {
            w.WriteStartObject("custody");
            if (UnitTime.WithOffset(f.EligibleForReleaseAt, zone) is { } release)
                w.WriteString("eligibleForReleaseAt", release);
            if (UnitTime.WithOffset(f.HeldSince, zone) is { } held)
                w.WriteString("heldSince", held);
            w.WriteEndObject();
        }
        Tri(w, "citizenshipProof", f.CitizenshipProof);
        Text(w, "role", f.SubjectRole);
        if (f.HasConsent)
        {
            w.WriteStartObject("interviewConsent");
            Tri(w, "formServed", f.ConsentFormServed);
            Text(w, "language", f.ConsentLanguage);
            Tri(w, "consented", f.Consented);
            Tri(w, "attorneyPresent", f.AttorneyPresent);
            w.WriteEndObject();
        }
        if (f.HasIdentity)
        {
            w.WriteStartObject("identity");
            Text(w, "name", f.Name);
            Text(w, "dateOfBirth", f.DateOfBirth);
            Text(w, "bookingNumber", f.BookingNumber);
            Text(w, "ciiNumber", f.CiiNumber);
            Text(w, "fbiNumber", f.FbiNumber);
            Text(w, "aNumber", f.ANumber);
            Text(w, "language", f.Language);
            Text(w, "gender", f.Gender);
            Text(w, "raceEthnicity", f.RaceEthnicity);
            Text(w, "countryOfBirth", f.CountryOfBirth?.Trim().ToUpperInvariant());
            if (!string.IsNullOrWhiteSpace(f.AttorneyName) || !string.IsNullOrWhiteSpace(f.AttorneyContact))
            {
                w.WriteStartObject("attorney");
                Text(w, "name", f.AttorneyName);
                Text(w, "contact", f.AttorneyContact);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>The form field a contract error belongs to (a JSON path such as <c>$.subject.convictions[1].date</c>), or "" for none.</summary>
    public static string FieldFor(string path)
    {
        if (path.StartsWith("$.subject.convictions[", StringComparison.Ordinal))
        {
            var close = path.IndexOf(']', StringComparison.Ordinal);
            var index = path["$.subject.convictions[".Length..close];
            var rest = path[(close + 1)..].TrimStart('.');
            var property = rest.Length == 0 ? "Code" : char.ToUpperInvariant(rest[0]) + rest[1..].Split('.', '[')[0];
            return $"Convictions[{index}].{(property is "Code" or "Level" or "Date" or "Jurisdiction" ? property : "Code")}";
        }
        var parts = path.Split('.', '[');
        var head = string.Join('.', parts.Skip(1).Take(2));
        return head switch
        {
            "id" => "Reference",
            "receivedAt" => "ReceivedDate",
            "jurisdiction" or "actor" or "actor.unit" or "actor.kind" => "Receiver",
            "actor.role" => "ActorRole",
            "actor.agreement287g" => "Agreement287g",
            "requester.agency" or "requester" => "Agency",
            "requester.office" => "Office",
            "requester.officer" => "Officer",
            "requester.federalParticipation" => "FederalParticipation",
            "act" => "Act",
            "purpose" => "Purpose",
            "document.issuedByFederalJudge" => "IssuedByFederalJudge",
            "document.federalCriminalImmigrationLaw" => "FederalCriminalImmigrationLaw",
            "document.court" => "Court",
            "document.administrativeWarrantAttached" => "AdministrativeWarrantAttached",
            "document.servedOnSubject" => "ServedOnSubject",
            _ when head.StartsWith("document", StringComparison.Ordinal) => "DocumentType",
            _ when head.StartsWith("dataPublic", StringComparison.Ordinal) => "DataPublic",
            _ when head.StartsWith("dataHeld", StringComparison.Ordinal) => "DataHeld",
            _ when head.StartsWith("data", StringComparison.Ordinal) => "Data",
            "place" => "Place",
            "placeArea" => "PlaceArea",
            _ when head.StartsWith("taskForce", StringComparison.Ordinal) => "TaskForce",
            _ when head.StartsWith("subject.magistrateProbableCause", StringComparison.Ordinal) => "ProbableCauseCodes",
            "subject.custody" => parts.Length > 3 && parts[3] == "heldSince" ? "HeldSince" : "EligibleForReleaseAt",
            "subject.citizenshipProof" => "CitizenshipProof",
            "subject.role" => "SubjectRole",
            "subject.interviewConsent" => parts.Length > 3 ? parts[3] switch
            {
                "language" => "ConsentLanguage",
                "consented" => "Consented",
                "attorneyPresent" => "AttorneyPresent",
                _ => "ConsentFormServed",
            } : "ConsentFormServed",
            "subject.identity" => parts.Length > 3 ? parts[3] switch
            {
                "name" => "Name",
                "dateOfBirth" => "DateOfBirth",
                "bookingNumber" => "BookingNumber",
                "ciiNumber" => "CiiNumber",
                "fbiNumber" => "FbiNumber",
                "aNumber" => "ANumber",
                "language" => "Language",
                "gender" => "Gender",
                "raceEthnicity" => "RaceEthnicity",
                "countryOfBirth" => "CountryOfBirth",
                "attorney" => parts.Length > 4 && parts[4] == "contact" ? "AttorneyContact" : "AttorneyName",
                _ => "Name",
            } : "Name",
            _ => "",
        };
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            w.WriteString(name, value.Trim());
    }

    private static void True(Utf8JsonWriter w, string name, bool value)
    {
        if (value)
            w.WriteBoolean(name, true);
    }

    private static void Tri(Utf8JsonWriter w, string name, string? answer)
    {
        if (IntakeForm.Tri(answer) is { } value)
            w.WriteBoolean(name, value);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
