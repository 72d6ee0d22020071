using System.Text.Json;
using Comity.Contract;

namespace Comity.Server.Web;

/// <summary>One row of the convictions table on the intake form; a row left blank is not sent.</summary>
public sealed class ConvictionRow
{
    public string? Code { get; set; }
    public string? Level { get; set; }
    public string? Date { get; set; }
    public string? Jurisdiction { get; set; } = "ca";
    public bool Wobbler { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(Date);
}

/// <summary>
/// The intake form as posted: the four questions (what is asked, by whom, with what document,
/// about whom) and who received it. It becomes a contract request, which the contract's own
/// reader then checks, so the form and the API hold requests to the same rules; the reader's
/// JSON paths are mapped back to the form's fields for the messages beside them.
/// </summary>
public sealed class IntakeForm
{
    public const int ConvictionRows = 3;
    public const string Prefix = "Form.";

    public string? Act { get; set; }
    public string? Purpose { get; set; }
    public List<string> Data { get; set; } = [];
    public List<string> DataPublic { get; set; } = [];
    public string? Place { get; set; }
    public bool TaskForcePrimaryPurposeImmigration { get; set; }
    public bool TaskForceDutiesPrimarilyImmigration { get; set; }
    public bool TaskForceDedicatedResources { get; set; }
    public bool TaskForceFederalMembers { get; set; }

    public string? Agency { get; set; }
    public string? Office { get; set; }
    public string? Officer { get; set; }

    public string? DocumentType { get; set; }
    public bool IssuedByFederalJudge { get; set; }
    public bool FederalCriminalImmigrationLaw { get; set; }
    public bool NamesSubject { get; set; }
    public bool CoversPlace { get; set; }

    public bool InCustody { get; set; }
    public List<ConvictionRow> Convictions { get; set; } = [];
    public string? ProbableCauseCodes { get; set; }
    public bool SexArsonRegistrant { get; set; }
    public bool FederalFelonyWarrant { get; set; }
    public bool ReentryAfterAggravatedFelony { get; set; }
    public bool HateCrimeVictimOrWitnessNotCharged { get; set; }

    public string? Unit { get; set; } = "lapd";
    public string? ReceivedAt { get; set; }
    public string? Reference { get; set; }

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

    /// <summary>The questions left unanswered, in the words of the form, by field; empty when the form can be sent.</summary>
    public List<(string Field, string Message)> Unanswered()
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrEmpty(Act))
            errors.Add(("Act", "Choose what is being asked for."));
        if (string.IsNullOrEmpty(Purpose))
            errors.Add(("Purpose", "Choose what the request is for, or \"Not stated, or not sure\"."));
        if (NeedsData(Act) && Data.Count == 0)
            errors.Add(("Data", "Tick the information asked for."));
        if (NeedsPlace(Act) && string.IsNullOrEmpty(Place))
            errors.Add(("Place", "Choose the kind of place."));
        if (string.IsNullOrEmpty(Agency))
            errors.Add(("Agency", "Choose the agency that is asking."));
        if (string.IsNullOrEmpty(DocumentType))
            errors.Add(("DocumentType", "Choose the document that came with the request, or \"No document\"."));
        for (var i = 0; i < Convictions.Count; i++)
        {
            var c = Convictions[i];
            if (c.IsBlank)
                continue;
            if (string.IsNullOrWhiteSpace(c.Code))
                errors.Add(($"Convictions[{i}].Code", "Enter the offence code, such as PC 211."));
            if (string.IsNullOrEmpty(c.Level))
                errors.Add(($"Convictions[{i}].Level", "Choose felony or misdemeanor."));
            if (string.IsNullOrWhiteSpace(c.Date))
                errors.Add(($"Convictions[{i}].Date", "Enter the date of the conviction."));
        }
        if (string.IsNullOrEmpty(Unit) || !Choices.Units.Any(u => u.Unit.Value == Unit))
            errors.Add(("Unit", "Choose the unit that received the request."));
        if (string.IsNullOrWhiteSpace(ReceivedAt))
            errors.Add(("ReceivedAt", "Enter when the request was received."));
        return errors;
    }

    /// <summary>The form as a contract v1 request (UTF-8 JSON).</summary>
    public byte[] ToRequestJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Indented))
        {
            w.WriteStartObject();
            if (!string.IsNullOrWhiteSpace(Reference))
                w.WriteString("id", Reference.Trim());
            w.WriteString("receivedAt", ReceivedAt?.Trim());
            w.WriteString("jurisdiction", Hosting.ServerSettings.DefaultJurisdiction);
            w.WriteStartObject("actor");
            w.WriteString("unit", Unit);
            w.WriteString("kind", Choices.Units.First(u => u.Unit.Value == Unit).Kind);
            w.WriteEndObject();
            w.WriteStartObject("requester");
            w.WriteString("agency", Agency);
            if (!string.IsNullOrWhiteSpace(Office))
                w.WriteString("office", Office.Trim());
            if (!string.IsNullOrWhiteSpace(Officer))
                w.WriteString("officer", Officer.Trim());
            w.WriteEndObject();
            w.WriteString("act", Act);
            w.WriteString("purpose", Purpose);
            w.WriteStartObject("document");
            w.WriteString("type", DocumentType);
            w.WriteBoolean("issuedByFederalJudge", IssuedByFederalJudge);
            w.WriteBoolean("federalCriminalImmigrationLaw", FederalCriminalImmigrationLaw);
            w.WriteBoolean("namesSubject", NamesSubject);
            w.WriteBoolean("coversPlace", NeedsPlace(Act) && CoversPlace);
            w.WriteEndObject();
            if (NeedsData(Act))
            {
                Strings(w, "data", Data);
                Strings(w, "dataPublic", DataPublic.Where(Data.Contains));
            }
            if (NeedsPlace(Act))
                w.WriteString("place", Place);
            if (NeedsTaskForce(Act))
            {
                w.WriteStartObject("taskForce");
                w.WriteBoolean("primaryPurposeImmigration", TaskForcePrimaryPurposeImmigration);
                w.WriteBoolean("dutiesPrimarilyImmigration", TaskForceDutiesPrimarilyImmigration);
                w.WriteBoolean("dedicatedResources", TaskForceDedicatedResources);
                w.WriteBoolean("federalMembers", TaskForceFederalMembers);
                w.WriteEndObject();
            }
            w.WriteStartObject("subject");
            w.WriteBoolean("inCustody", InCustody);
            w.WriteStartArray("convictions");
            foreach (var c in Convictions.Where(c => !c.IsBlank))
            {
                w.WriteStartObject();
                w.WriteString("code", c.Code?.Trim());
                w.WriteString("level", c.Level);
                if (c.Wobbler)
                    w.WriteBoolean("wobbler", true);
                w.WriteString("date", c.Date?.Trim());
                w.WriteString("jurisdiction", string.IsNullOrEmpty(c.Jurisdiction) ? "ca" : c.Jurisdiction);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("magistrateProbableCause");
            foreach (var code in (ProbableCauseCodes ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                w.WriteStartObject();
                w.WriteString("code", code);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteBoolean("sexArsonRegistrant", SexArsonRegistrant);
            w.WriteBoolean("federalFelonyWarrant", FederalFelonyWarrant);
            w.WriteBoolean("reentryAfterAggravatedFelony", ReentryAfterAggravatedFelony);
            w.WriteBoolean("hateCrimeVictimOrWitnessNotCharged", HateCrimeVictimOrWitnessNotCharged);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
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
        var head = string.Join('.', path.Split('.', '[').Skip(1).Take(2));
        return head switch
        {
            "id" => "Reference",
            "receivedAt" => "ReceivedAt",
            "jurisdiction" or "actor" or "actor.unit" or "actor.kind" => "Unit",
            "requester.agency" or "requester" => "Agency",
            "requester.office" => "Office",
            "requester.officer" => "Officer",
            "act" => "Act",
            "purpose" => "Purpose",
            "document.issuedByFederalJudge" => "IssuedByFederalJudge",
            "document.federalCriminalImmigrationLaw" => "FederalCriminalImmigrationLaw",
            _ when head.StartsWith("document", StringComparison.Ordinal) => "DocumentType",
            _ when head.StartsWith("dataPublic", StringComparison.Ordinal) => "DataPublic",
            _ when head.StartsWith("data", StringComparison.Ordinal) => "Data",
            "place" => "Place",
            _ when head.StartsWith("taskForce", StringComparison.Ordinal) => "TaskForce",
            _ when head.StartsWith("subject.magistrateProbableCause", StringComparison.Ordinal) => "ProbableCauseCodes",
            _ => "",
        };
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
