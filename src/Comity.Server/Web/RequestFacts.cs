using System.Globalization;
using Comity.Contract;

namespace Comity.Server.Web;

/// <summary>One answer of a request in a clerk's words; <see cref="Field"/> is the intake form's field to change it.</summary>
public sealed record FactRow(string Question, string Answer, string Field);

/// <summary>A group of answers under the form's own heading.</summary>
public sealed record FactSection(string Title, IReadOnlyList<FactRow> Rows);

/// <summary>
/// Every fact of a request in the words of the intake form: the check-your-answers step shows
/// them before anything is recorded, and the case page shows them after, so counsel and staff
/// see what was entered (never a contract code). A 1.1 fact not given is shown as not known.
/// </summary>
public static class RequestFacts
{
    public static IReadOnlyList<FactSection> Of(DecisionRequest r, ServedStack? stack)
    {
        var zone = stack?.ZoneOf(r.Actor.Unit) ?? TimeZoneInfo.Utc;
        var sections = new List<FactSection>();

        var received = new List<FactRow>
        {
            new("Received by", (stack?.UnitTitle(r.Actor.Unit) ?? r.Actor.Unit) + (stack is null ? "" : $" ({stack.Name})"), "Receiver"),
            new("Received on", UnitTime.ShowContractTime(r.ReceivedAt, zone), "ReceivedDate"),
            // The API takes a reference of any length: shown short, so that no reference breaks a page.
            new("Your reference", r.Id is { } reference ? (reference.Length <= 100 ? reference : reference[..100] + "…") : "None given", "Reference"),
        };
        if (r.Actor.Role is { } role)
            received.Add(new("Who in the unit acts", Choices.Label(Choices.ActorRoles, Vocabularies.ActorRoles.Name(role)), "ActorRole"));
        if (r.Actor.Agreement287g is { } agreement)
            received.Add(new("The unit's 287(g) agreement", Choices.Label(Choices.Agreements287g, Vocabularies.Agreements287g.Name(agreement)), "Agreement287g"));
        sections.Add(new("Received", received));

        var asked = new List<FactRow>
        {
            new("What is asked", Choices.ActLabel(Vocabularies.Acts.Name(r.Act)), "Act"),
            new("What it is for", Choices.PurposeLabel(Vocabularies.Purposes.Name(r.Purpose)), "Purpose"),
        };
        if (r.Data.Count > 0)
            asked.Add(new("Information asked for", List(r.Data.Select(d => Choices.DataItemLabel(Vocabularies.DataItems.Name(d)))), "Data"));
        if (r.DataPublic.Count > 0)
            asked.Add(new("Already public", List(r.DataPublic.Select(d => Choices.DataItemLabel(Vocabularies.DataItems.Name(d)))), r.Act == Act.NotifyRelease ? "ReleaseDatePublic" : "DataPublic"));
        if (r.DataHeld is { } held)
            asked.Add(new("Already in our records", held.Count == 0 ? "None of it" : List(held.Select(d => Choices.DataItemLabel(Vocabularies.DataItems.Name(d)))), "DataHeld"));
        if (r.Place is { } place)
            asked.Add(new("Place", Choices.PlaceLabel(Vocabularies.Places.Name(place)) + (r.PlaceArea is { } area ? ", " + Choices.Label(Choices.PlaceAreas, Vocabularies.PlaceAreas.Name(area)).ToLowerInvariant() : ""), "Place"));
        if (r.TaskForce is { } t)
            asked.Add(new("The task force", List(new[]
            {
                t.PrimaryPurposeImmigration ? "its main purpose is immigration enforcement" : "its main purpose is not immigration enforcement",
                t.DutiesPrimarilyImmigration ? "your duties would mainly be immigration enforcement" : "your duties would not mainly be immigration enforcement",
                t.DedicatedResources ? "you would dedicate staff or resources" : "no dedicated staff or resources",
                t.FederalMembers ? "federal agencies are members" : "no federal members",
            }), "TaskForce"));
        sections.Add(new("What is asked", asked));

        var who = new List<FactRow> { new("Agency", Choices.AgencyLabel(Vocabularies.Agencies.Name(r.Requester.Agency)), "Agency") };
        if (r.Requester.Office is { } office)
            who.Add(new("Office", office, "Office"));
        if (r.Requester.Officer is { } officer)
            who.Add(new("Officer", officer, "Officer"));
        if (r.Requester.FederalParticipation is { } fp)
            who.Add(new("Acts with or for federal immigration authorities", YesNo(fp), "FederalParticipation"));
        sections.Add(new("Who is asking", who));

        var d = r.Document;
        var document = new List<FactRow>
        {
            new("Document", Choices.DocumentLabel(Vocabularies.DocumentTypes.Name(d.Type)), "DocumentType"),
            new("Signed by a federal judge or magistrate judge", YesNo(d.IssuedByFederalJudge), "IssuedByFederalJudge"),
            new("Based on a federal immigration crime", YesNo(d.FederalCriminalImmigrationLaw), "FederalCriminalImmigrationLaw"),
            new("Names the person", YesNo(d.NamesSubject), "NamesSubject"),
        };
        if (r.Place is not null)
            document.Add(new("A judicial warrant or court order covers the place", YesNo(d.CoversPlace), "CoversPlace"));
        if (d.Court is { } court)
            document.Add(new("Issuing court", Choices.Label(Choices.Courts, Vocabularies.Courts.Name(court)), "Court"));
        if (d.AdministrativeWarrantAttached is { } attached)
            document.Add(new("An I-200 or I-205 came with it", YesNo(attached), "AdministrativeWarrantAttached"));
        if (d.ServedOnSubject is { } served)
            document.Add(new("Served on the person", YesNo(served), "ServedOnSubject"));
        sections.Add(new("The document", document));

        var s = r.Subject;
        var person = new List<FactRow>();
        if (s.Identity is { } id)
        {
            Add(person, "Name", id.Name, "Name");
            Add(person, "Date of birth", id.DateOfBirth?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), "DateOfBirth");
            Add(person, "Booking number", id.BookingNumber, "BookingNumber");
            Add(person, "CII number", id.CiiNumber, "CiiNumber");
            Add(person, "FBI number", id.FbiNumber, "FbiNumber");
            Add(person, "A-number", id.ANumber, "ANumber");
            Add(person, "Language", id.Language, "Language");
            Add(person, "Gender", id.Gender, "Gender");
            Add(person, "Race or ethnicity", id.RaceEthnicity, "RaceEthnicity");
            Add(person, "Country of birth", id.CountryOfBirth, "CountryOfBirth");
            Add(person, "Attorney", id.Attorney is { } a ? string.Join(", ", new[] { a.Name, a.Contact }.Where(x => !string.IsNullOrWhiteSpace(x))) : null, "AttorneyName");
        }
        else
            person.Add(new("Who the person is", "Not given", "Name"));
        person.Add(new("In our custody", YesNo(s.InCustody), "InCustody"));
        if (s.Custody?.HeldSince is { } since)
            person.Add(new("Held since", UnitTime.ShowContractTime(since, zone), "HeldSince"));
        if (s.Custody?.EligibleForReleaseAt is { } release)
            person.Add(new("Would be released", UnitTime.ShowContractTime(release, zone), "EligibleForReleaseAt"));
        if (s.Role is { } subjectRole)
            person.Add(new("The person's part", Choices.Label(Choices.SubjectRoles, Vocabularies.SubjectRoles.Name(subjectRole)), "SubjectRole"));
        if (s.CitizenshipProof is { } proof)
            person.Add(new("Has given proof of citizenship or lawful status", YesNo(proof), "CitizenshipProof"));
        if (s.InterviewConsent is { } consent)
            person.Add(new("Interview consent form", List(new[]
            {
                consent.FormServed is { } fs ? (fs ? "served" : "not served") : null,
                consent.Language is { } lang ? "in language " + lang : null,
                consent.Consented is { } c ? (c ? "the person consented" : "the person declined") : "not yet asked",
                consent.AttorneyPresent is { } ap ? (ap ? "with an attorney" : "without an attorney") : null,
            }.OfType<string>()), "ConsentFormServed"));
        sections.Add(new("The person", person));

        var record = new List<FactRow>();
        if (s.Convictions.Count == 0)
            record.Add(new("Convictions", "None given", "Convictions[0].Code"));
        for (var i = 0; i < s.Convictions.Count; i++)
        {
            var c = s.Convictions[i];
            var words = new List<string>
            {
                c.Code,
                Vocabularies.Levels.Name(c.Level),
                "on " + c.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
                "in " + Choices.Label(Choices.ConvictionJurisdictions, Vocabularies.ConvictionJurisdictions.Name(c.Jurisdiction)) + " court",
            };
            if (c.Wobbler == true)
                words.Add("could have been either felony or misdemeanor");
            else if (c.Wobbler == false)
                words.Add("could not have been a felony");
            if (c.ReducedByProp47)
                words.Add("reduced under Proposition 47");
            if (c.Juvenile == true)
                words.Add("a juvenile adjudication");
            words.AddRange(c.Classes.Select(k => Choices.Label(Choices.OffenceClasses, Vocabularies.OffenceClasses.Name(k)).ToLowerInvariant()));
            record.Add(new($"Conviction {i + 1}", string.Join(", ", words), $"Convictions[{i}].Code"));
        }
        if (s.MagistrateProbableCause.Count > 0)
            record.Add(new("Probable cause found on", string.Join(", ", s.MagistrateProbableCause.Select(c => c.Code)), "ProbableCauseCodes"));
        var other = new[]
        {
            s.SexArsonRegistrant ? "registered on the Sex and Arson Registry" : null,
            s.FederalFelonyWarrant ? "an outstanding federal felony arrest warrant, as ICE says" : null,
            s.ReentryAfterAggravatedFelony ? "re-entered after deportation for an aggravated felony" : null,
            s.HateCrimeVictimOrWitnessNotCharged ? "a hate-crime victim or witness, not charged" : null,
        }.OfType<string>().ToArray();
        record.Add(new("Anything else", other.Length == 0 ? "Nothing" : List(other), "SexArsonRegistrant"));
        sections.Add(new("Record", record));
        return sections;
    }

    private static void Add(List<FactRow> rows, string question, string? answer, string field)
    {
        if (!string.IsNullOrWhiteSpace(answer))
            rows.Add(new(question, answer, field));
    }

    private static string YesNo(bool value) => value ? "Yes" : "No";

    private static string List(IEnumerable<string> items) => string.Join("; ", items);
}
