using System.Globalization;
using Comity.Cases;
using Comity.Contract;

namespace Comity.Server.Web;

/// <summary>One row of the convictions table on the intake form; a row left blank is not sent.</summary>
public sealed class ConvictionRow
{
    public string? Code { get; set; }
    public string? Level { get; set; }
    public string? Date { get; set; }
    public string? Jurisdiction { get; set; } = "ca";
    /// <summary>
    /// Could the crime have been either a felony or a misdemeanor: yes, no or not known (""). The
    /// contract gives the mark no default, so not known is left out of the request: unknown, not false.
    /// </summary>
    public string? Wobbler { get; set; }
    public bool ReducedByProp47 { get; set; }

    /// <summary>Ticked: a juvenile adjudication, not a conviction. Unticked leaves it unsaid (contract 1.1: unknown, not false).</summary>
    public bool Juvenile { get; set; }

    /// <summary>Classes the court record asserts beyond what the stack derives from the code.</summary>
    public List<string> Classes { get; set; } = [];

    public bool IsBlank => string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(Date) && string.IsNullOrEmpty(Level);
}

/// <summary>
/// The intake form as posted: who received the request and when, what is asked, by whom, with
/// what document, and about whom. It says everything contract 1.1 can that a person at a desk
/// can answer (<see cref="IntakeRequest"/> turns it into the contract's JSON, which the
/// contract's own reader then checks, so the form and the API hold requests to the same rules).
/// Questions of contract 1.1 are yes / no / not known: a fact not answered is unknown, never false.
/// </summary>
public sealed class IntakeForm
{
    public const int ConvictionRows = 3;

    /// <summary>The longest text each free-text field takes: a reference is a booking or file number, a name a name.</summary>
    public static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>
    {
        ["Reference"] = 100, ["Office"] = 200, ["Officer"] = 200, ["ProbableCauseCodes"] = 400, ["ConsentLanguage"] = 35,
        ["Name"] = 200, ["BookingNumber"] = 50, ["CiiNumber"] = 50, ["FbiNumber"] = 50, ["ANumber"] = 50, ["Language"] = 35,
        ["Gender"] = 100, ["RaceEthnicity"] = 100, ["CountryOfBirth"] = 2, ["AttorneyName"] = 200, ["AttorneyContact"] = 200,
    };

    public const int MaxCodeLength = 40;

    // A correction of a recorded case (the same questions, answered as they should have been).
    /// <summary>The case this form corrects, or empty for a new request.</summary>
    public string? CorrectsCase { get; set; }
    public string? CorrectionReason { get; set; }
    public string? CorrectionNote { get; set; }

    public const int MaxNoteLength = 1000;

    public bool IsCorrection => !string.IsNullOrEmpty(CorrectsCase);

    // 1. Received by
    /// <summary>The receiving unit and its stack, as the picker sends them: <c>us/ca/los-angeles:lapd</c>.</summary>
    public string? Receiver { get; set; }
    public string? ReceivedDate { get; set; }
    /// <summary>Optional: without it the request is received on a day, not at a time.</summary>
    public string? ReceivedTime { get; set; }
    public string? Reference { get; set; }
    public string? ActorRole { get; set; }
    public string? Agreement287g { get; set; }

    // 2. What is asked
    public string? Act { get; set; }
    public string? Purpose { get; set; }
    public List<string> Data { get; set; } = [];
    public List<string> DataPublic { get; set; } = [];
    /// <summary>"yes": the ticked <see cref="DataHeld"/> are the items already in the unit's records (none ticked: none held); "": not known.</summary>
    public string? DataHeldKnown { get; set; }
    public List<string> DataHeld { get; set; } = [];
    /// <summary>For a release notification: the release date is already public (the public inmate locator and the like).</summary>
    public bool ReleaseDatePublic { get; set; }
    public string? Place { get; set; }
    public string? PlaceArea { get; set; }
    public bool TaskForcePrimaryPurposeImmigration { get; set; }
    public bool TaskForceDutiesPrimarilyImmigration { get; set; }
    public bool TaskForceDedicatedResources { get; set; }
    public bool TaskForceFederalMembers { get; set; }

    // 3. Who asks
    public string? Agency { get; set; }
    public string? Office { get; set; }
    public string? Officer { get; set; }
    public string? FederalParticipation { get; set; }

    // 4. The document
    public string? DocumentType { get; set; }
    public bool IssuedByFederalJudge { get; set; }
    public bool FederalCriminalImmigrationLaw { get; set; }
    public bool NamesSubject { get; set; }
    public bool CoversPlace { get; set; }
    public string? Court { get; set; }
    public string? AdministrativeWarrantAttached { get; set; }
    public string? ServedOnSubject { get; set; }

    // 5. The person
    public string? Name { get; set; }
    public string? DateOfBirth { get; set; }
    public string? BookingNumber { get; set; }
    public string? CiiNumber { get; set; }
    public string? FbiNumber { get; set; }
    public string? ANumber { get; set; }
    public string? Language { get; set; }
    public string? Gender { get; set; }
    public string? RaceEthnicity { get; set; }
    public string? CountryOfBirth { get; set; }
    public string? AttorneyName { get; set; }
    public string? AttorneyContact { get; set; }

    public bool InCustody { get; set; }
    public string? EligibleForReleaseAt { get; set; }
    public string? HeldSince { get; set; }
    public string? SubjectRole { get; set; }
    public string? CitizenshipProof { get; set; }
    public string? ConsentFormServed { get; set; }
    public string? ConsentLanguage { get; set; }
    public string? Consented { get; set; }
    public string? AttorneyPresent { get; set; }

    public List<ConvictionRow> Convictions { get; set; } = [];
    public string? ProbableCauseCodes { get; set; }
    public bool SexArsonRegistrant { get; set; }
    public bool FederalFelonyWarrant { get; set; }
    public bool ReentryAfterAggravatedFelony { get; set; }
    public bool HateCrimeVictimOrWitnessNotCharged { get; set; }

    /// <summary>Pads the convictions table to its rows, for showing the form.</summary>
    public IntakeForm WithRows()
    {
        while (Convictions.Count < ConvictionRows)
            Convictions.Add(new ConvictionRow());
        return this;
    }

    public static bool NeedsData(string? act) => act is "disclose" or "bulk-disclose";
    public static bool NeedsPlace(string? act) => act is "facility-access" or "property-use";
    public static bool NeedsTaskForce(string? act) => act is "task-force";
    public static bool IsNotification(string? act) => act is "notify-release";

    public bool HasIdentity => new[] { Name, DateOfBirth, BookingNumber, CiiNumber, FbiNumber, ANumber, Language, Gender, RaceEthnicity, CountryOfBirth, AttorneyName, AttorneyContact }
        .Any(v => !string.IsNullOrWhiteSpace(v));

    public bool HasConsent => new[] { ConsentFormServed, ConsentLanguage, Consented, AttorneyPresent }.Any(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>
    /// Every question left unanswered or answered out of bounds, in the words of the form, by
    /// field and in the order of the form; empty when the form can be sent to the contract's reader.
    /// </summary>
    public List<(string Field, string Message)> Check(ServedStacks stacks, TimeProvider time)
    {
        var errors = new List<(string, string)>();
        if (IsCorrection)
        {
            if (!long.TryParse(CorrectsCase, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out _))
                errors.Add(("CorrectsCase", "The case to correct is not a case number."));
            if (!CaseVocabularies.Reasons.TryParse(CorrectionReason ?? "", out var reason) || !Recording.CaseWorkflow.CorrectionReasons.Contains(reason))
                errors.Add(("CorrectionReason", "Choose why the case is corrected."));
            if (CorrectionNote is { } note && note.Trim().Length > MaxNoteLength)
                errors.Add(("CorrectionNote", $"The note can be at most {MaxNoteLength} characters (it has {note.Trim().Length})."));
        }
        var receiver = stacks.Receiver(Receiver);
        var zone = receiver?.Stack.ZoneOf(receiver.Value.Unit.Id) ?? TimeZoneInfo.Utc;
        var today = UnitTime.Today(time, zone);
        var earliest = receiver is { } r ? EarliestDay(r.Stack) : new DateOnly(1990, 1, 1);

        if (receiver is null)
            errors.Add(("Receiver", "Choose the unit that received the request."));
        if (string.IsNullOrWhiteSpace(ReceivedDate))
            errors.Add(("ReceivedDate", "Enter the date the request was received."));
        else if (!TryDay(ReceivedDate, out var received))
            errors.Add(("ReceivedDate", "Enter the date the request was received as a real date, such as 2025-06-02."));
        else if (received > today)
            errors.Add(("ReceivedDate", "The date received cannot be after today."));
        else if (received < earliest)
            errors.Add(("ReceivedDate", $"The date received cannot be before {Words(earliest)}: the law this unit keeps does not reach further back."));
        else if (!string.IsNullOrWhiteSpace(ReceivedTime))
        {
            if (!TimeOnly.TryParseExact(ReceivedTime.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                errors.Add(("ReceivedTime", "Enter the time received as hours and minutes, such as 08:30, or leave it blank."));
            else if (UnitTime.WithOffset(ReceivedDate.Trim() + "T" + at.ToString("HH:mm", CultureInfo.InvariantCulture), zone) is { } stamped
                && DateTimeOffset.Parse(stamped, CultureInfo.InvariantCulture) > time.GetUtcNow().AddMinutes(5))
                errors.Add(("ReceivedTime", "The time received cannot be in the future."));
        }
        Length(errors, "Reference", Reference);

        if (string.IsNullOrEmpty(Act))
            errors.Add(("Act", "Choose what is being asked for."));
        if (NeedsData(Act) && Data.Count == 0)
            errors.Add(("Data", "Tick the information asked for."));
        if (NeedsPlace(Act) && string.IsNullOrEmpty(Place))
            errors.Add(("Place", "Choose the kind of place."));
        if (string.IsNullOrEmpty(Purpose))
            errors.Add(("Purpose", "Choose what the request is for, or \"Not stated, or not sure\"."));

        if (string.IsNullOrEmpty(Agency))
            errors.Add(("Agency", "Choose the agency that is asking."));
        Length(errors, "Office", Office);
        Length(errors, "Officer", Officer);

        if (string.IsNullOrEmpty(DocumentType))
            errors.Add(("DocumentType", "Choose the document that came with the request, or \"No document\"."));

        Length(errors, "Name", Name);
        PastDay(errors, "DateOfBirth", DateOfBirth, "date of birth", new DateOnly(1900, 1, 1), today);
        Length(errors, "BookingNumber", BookingNumber);
        Length(errors, "CiiNumber", CiiNumber);
        Length(errors, "FbiNumber", FbiNumber);
        Length(errors, "ANumber", ANumber);
        Length(errors, "Language", Language);
        Length(errors, "Gender", Gender);
        Length(errors, "RaceEthnicity", RaceEthnicity);
        if (!string.IsNullOrWhiteSpace(CountryOfBirth) && !(CountryOfBirth.Trim().Length == 2 && CountryOfBirth.Trim().All(char.IsAsciiLetter)))
            errors.Add(("CountryOfBirth", "Enter the country of birth as its two-letter code, such as MX or SV."));
        Length(errors, "AttorneyName", AttorneyName);
        Length(errors, "AttorneyContact", AttorneyContact);

        LocalTime(errors, "HeldSince", HeldSince, "when the person has been held since", earliest, time.GetUtcNow(), zone);
        LocalTime(errors, "EligibleForReleaseAt", EligibleForReleaseAt, "when the person would be released", earliest, time.GetUtcNow().AddYears(50), zone);
        Length(errors, "ConsentLanguage", ConsentLanguage);

        for (var i = 0; i < Convictions.Count; i++)
        {
            var c = Convictions[i];
            if (c.IsBlank)
                continue;
            if (string.IsNullOrWhiteSpace(c.Code))
                errors.Add(($"Convictions[{i}].Code", $"Enter the offence code of conviction {i + 1}, such as PC 211."));
            else if (c.Code.Trim().Length > MaxCodeLength)
                errors.Add(($"Convictions[{i}].Code", $"The offence code of conviction {i + 1} can be at most {MaxCodeLength} characters."));
            if (string.IsNullOrEmpty(c.Level))
                errors.Add(($"Convictions[{i}].Level", $"Choose felony or misdemeanor for conviction {i + 1}."));
            if (string.IsNullOrWhiteSpace(c.Date))
                errors.Add(($"Convictions[{i}].Date", $"Enter the date of conviction {i + 1}."));
            else
                PastDay(errors, $"Convictions[{i}].Date", c.Date, $"date of conviction {i + 1}", new DateOnly(1900, 1, 1), today);
        }
        Length(errors, "ProbableCauseCodes", ProbableCauseCodes);
        return errors;
    }

    /// <summary>The earliest day a request can be received on: 1 January 1990, or earlier when the stack's law reaches further back.</summary>
    public static DateOnly EarliestDay(ServedStack stack)
    {
        var floor = new DateOnly(1990, 1, 1);
        var oldest = stack.Stack.Provisions.Select(p => p.Period.From).DefaultIfEmpty(floor).Min();
        var earliest = oldest < floor ? oldest : floor;
        return earliest < new DateOnly(1900, 1, 1) ? new DateOnly(1900, 1, 1) : earliest;
    }

    public static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static string Words(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static void Length(List<(string, string)> errors, string field, string? value)
    {
        var max = MaxLengths[field];
        if (value is not null && value.Trim().Length > max)
            errors.Add((field, $"{FieldWords(field)} can be at most {max} characters (it has {value.Trim().Length})."));
    }

    private static void PastDay(List<(string, string)> errors, string field, string? value, string words, DateOnly earliest, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value))
            return;
        if (!TryDay(value, out var day))
            errors.Add((field, $"Enter the {words} as a real date, such as 2016-05-01."));
        else if (day > today)
            errors.Add((field, $"The {words} cannot be after today."));
        else if (day < earliest)
            errors.Add((field, $"The {words} cannot be before {Words(earliest)}."));
    }

    private static void LocalTime(List<(string, string)> errors, string field, string? value, string words, DateOnly earliest, DateTimeOffset latest, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(value))
            return;
        if (UnitTime.WithOffset(value, zone) is not { } stamped)
            errors.Add((field, $"Enter {words} as a date and a time, or leave it blank."));
        else
        {
            var at = DateTimeOffset.Parse(stamped, CultureInfo.InvariantCulture);
            if (DateOnly.FromDateTime(at.DateTime) < earliest)
                errors.Add((field, $"The time {words} cannot be before {Words(earliest)}."));
            else if (at > latest)
                errors.Add((field, $"The time {words} is too far in the future."));
        }
    }

    private static string FieldWords(string field) => field switch
    {
        "Reference" => "Your reference",
        "Office" => "The office",
        "Officer" => "The officer's name",
        "ProbableCauseCodes" => "The charges",
        "ConsentLanguage" => "The language of the consent form",
        "Name" => "The person's name",
        "BookingNumber" => "The booking number",
        "CiiNumber" => "The CII number",
        "FbiNumber" => "The FBI number",
        "ANumber" => "The A-number",
        "Language" => "The person's language",
        "Gender" => "The gender",
        "RaceEthnicity" => "The race or ethnicity",
        "CountryOfBirth" => "The country of birth",
        "AttorneyName" => "The attorney's name",
        "AttorneyContact" => "The attorney's contact details",
        _ => field,
    };

    /// <summary>A yes / no / not known answer as the contract's true, false or absent.</summary>
    public static bool? Tri(string? answer) => answer switch { "yes" => true, "no" => false, _ => null };

    public static string TriValue(bool? value) => value switch { true => "yes", false => "no", null => "" };
}
