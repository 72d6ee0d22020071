using System.Globalization;
using System.Text.Json.Nodes;
using Comity.Contract;

namespace Comity.Server.Web;

/// <summary>
/// A contract request as the intake form would hold it: to fill a correction form with the facts
/// recorded, and to prove that the form says what the API says. <see cref="Unsaid"/> names what
/// the form cannot say, by JSON path: the request the filled form sends is compared with the one
/// given, so nothing is claimed expressible that is not sent back exactly.
/// </summary>
public static class IntakeFromRequest
{
    public static IntakeForm Fill(DecisionRequest r, ServedStacks stacks)
    {
        var jurisdiction = r.Jurisdiction ?? Hosting.ServerSettings.DefaultJurisdiction;
        var zone = stacks.Find(jurisdiction)?.ZoneOf(r.Actor.Unit) ?? TimeZoneInfo.Utc;
        var f = new IntakeForm
        {
            Receiver = ServedStacks.ReceiverValue(jurisdiction, r.Actor.Unit),
            Reference = r.Id,
            ActorRole = Name(r.Actor.Role, Vocabularies.ActorRoles),
            Agreement287g = Name(r.Actor.Agreement287g, Vocabularies.Agreements287g),
            Act = Vocabularies.Acts.Name(r.Act),
            Purpose = Vocabularies.Purposes.Name(r.Purpose),
            Agency = Vocabularies.Agencies.Name(r.Requester.Agency),
            Office = r.Requester.Office,
            Officer = r.Requester.Officer,
            FederalParticipation = IntakeForm.TriValue(r.Requester.FederalParticipation),
            DocumentType = Vocabularies.DocumentTypes.Name(r.Document.Type),
            IssuedByFederalJudge = r.Document.IssuedByFederalJudge,
            FederalCriminalImmigrationLaw = r.Document.FederalCriminalImmigrationLaw,
            NamesSubject = r.Document.NamesSubject,
            CoversPlace = r.Document.CoversPlace,
            Court = Name(r.Document.Court, Vocabularies.Courts),
            AdministrativeWarrantAttached = IntakeForm.TriValue(r.Document.AdministrativeWarrantAttached),
            ServedOnSubject = IntakeForm.TriValue(r.Document.ServedOnSubject),
            Place = Name(r.Place, Vocabularies.Places),
            PlaceArea = Name(r.PlaceArea, Vocabularies.PlaceAreas),
        };
        (f.ReceivedDate, f.ReceivedTime) = DateAndTime(r.ReceivedAt, zone);
        var items = r.Data.Select(Vocabularies.DataItems.Name).ToList();
        if (IntakeForm.IsNotification(f.Act))
            f.ReleaseDatePublic = r.DataPublic.Count > 0;
        else
        {
            f.Data = items;
            f.DataPublic = r.DataPublic.Select(Vocabularies.DataItems.Name).ToList();
            f.DataHeldKnown = r.DataHeld is null ? "" : "yes";
            f.DataHeld = r.DataHeld?.Select(Vocabularies.DataItems.Name).ToList() ?? [];
        }
        if (r.TaskForce is { } t)
        {
            f.TaskForcePrimaryPurposeImmigration = t.PrimaryPurposeImmigration;
            f.TaskForceDutiesPrimarilyImmigration = t.DutiesPrimarilyImmigration;
            f.TaskForceDedicatedResources = t.DedicatedResources;
            f.TaskForceFederalMembers = t.FederalMembers;
        }
        var s = r.Subject;
        f.InCustody = s.InCustody;
        f.Convictions = s.Convictions.Select(c => new ConvictionRow
        {
            Code = c.Code,
            Level = Vocabularies.Levels.Name(c.Level),
            Date = c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Jurisdiction = Vocabularies.ConvictionJurisdictions.Name(c.Jurisdiction),
            Wobbler = IntakeForm.TriValue(c.Wobbler),
            ReducedByProp47 = c.ReducedByProp47,
            Juvenile = c.Juvenile == true,
            Classes = c.Classes.Select(Vocabularies.OffenceClasses.Name).ToList(),
        }).ToList();
        f.ProbableCauseCodes = string.Join(", ", s.MagistrateProbableCause.Select(c => c.Code));
        f.SexArsonRegistrant = s.SexArsonRegistrant;
        f.FederalFelonyWarrant = s.FederalFelonyWarrant;
        f.ReentryAfterAggravatedFelony = s.ReentryAfterAggravatedFelony;
        f.HateCrimeVictimOrWitnessNotCharged = s.HateCrimeVictimOrWitnessNotCharged;
        f.EligibleForReleaseAt = LocalField(s.Custody?.EligibleForReleaseAt, zone);
        f.HeldSince = LocalField(s.Custody?.HeldSince, zone);
        f.CitizenshipProof = IntakeForm.TriValue(s.CitizenshipProof);
        f.SubjectRole = Name(s.Role, Vocabularies.SubjectRoles);
        if (s.InterviewConsent is { } consent)
        {
            f.ConsentFormServed = IntakeForm.TriValue(consent.FormServed);
            f.ConsentLanguage = consent.Language;
            f.Consented = IntakeForm.TriValue(consent.Consented);
            f.AttorneyPresent = IntakeForm.TriValue(consent.AttorneyPresent);
        }
        if (s.Identity is { } id)
        {
            f.Name = id.Name;
            f.DateOfBirth = id.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            f.BookingNumber = id.BookingNumber;
            f.CiiNumber = id.CiiNumber;
            f.FbiNumber = id.FbiNumber;
            f.ANumber = id.ANumber;
            f.Language = id.Language;
            f.Gender = id.Gender;
            f.RaceEthnicity = id.RaceEthnicity;
            f.CountryOfBirth = id.CountryOfBirth;
            f.AttorneyName = id.Attorney?.Name;
            f.AttorneyContact = id.Attorney?.Contact;
        }
        return f;
    }

    /// <summary>
    /// What the form cannot say of <paramref name="r"/>: the JSON paths where the request the
    /// filled form sends differs from <paramref name="r"/> (empty: the form says it all), and
    /// <c>$.receivedAt</c> for a day the form refuses (after <paramref name="today"/>, or before the stack's law). The
    /// caller's reference and the stack's default jurisdiction are not facts and are not compared.
    /// </summary>
    public static IReadOnlyList<string> Unsaid(DecisionRequest r, ServedStacks stacks, DateOnly today)
    {
        var given = r with { Jurisdiction = r.Jurisdiction ?? Hosting.ServerSettings.DefaultJurisdiction };
        var form = Fill(given, stacks);
        if (stacks.Receiver(form.Receiver) is not { } receiver)
            return ["$.actor.unit"];
        var read = RequestReader.Read(IntakeRequest.ToJson(form, stacks));
        if (!read.Ok)
            return read.Errors.Select(e => e.Path).Distinct().ToArray();
        var sent = read.Request!;
        var differences = new List<string>();
        // The form takes the days a desk can receive a request on (IntakeForm.Check).
        if (r.ReceivedOn < IntakeForm.EarliestDay(receiver.Stack) || r.ReceivedOn > today)
            differences.Add("$.receivedAt");
        Compare(JsonNode.Parse(RequestWriter.ToJson(given with { Id = null })), JsonNode.Parse(RequestWriter.ToJson(sent with { Id = null })), "$", differences);
        if (receiver.Unit.Kind != r.Actor.Kind && !differences.Contains("$.actor.kind"))
            differences.Add("$.actor.kind");
        return differences;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> differences)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var name in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
                Compare(oa[name], ob[name], path + "." + name, differences);
        }
        else if (a is JsonArray aa && b is JsonArray ab && aa.Count == ab.Count)
        {
            for (var i = 0; i < aa.Count; i++)
                Compare(aa[i], ab[i], $"{path}[{i}]", differences);
        }
        else if (!JsonNode.DeepEquals(a, b))
            differences.Add(path);
    }

    /// <summary>A contract time as the form's date and optional time fields in the unit's zone.</summary>
    private static (string Date, string Time) DateAndTime(string receivedAt, TimeZoneInfo zone)
    {
        if (receivedAt.Length == 10)
            return (receivedAt, "");
        var local = LocalField(receivedAt, zone) ?? receivedAt;
        return (local[..10], local.Length > 11 ? local[11..] : "");
    }

    private static string? LocalField(string? contractTime, TimeZoneInfo zone)
    {
        if (contractTime is null)
            return null;
        if (UnitTime.HasOffset(contractTime) && DateTimeOffset.TryParse(contractTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return UnitTime.ToLocalField(at, zone);
        // Without an offset the time is already local: kept as written, to the minute.
        return DateTime.TryParse(contractTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? local.ToString(UnitTime.LocalFormat, CultureInfo.InvariantCulture)
            : contractTime;
    }

    private static string Name<T>(T? value, Vocabulary<T> vocabulary) where T : struct, Enum => value is { } v ? vocabulary.Name(v) : "";
}
