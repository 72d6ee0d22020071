using System.Globalization;
using System.Text;
using Comity.Contract;
using Comity.Conditions;
using Comity.Reports.Counting;

namespace Comity.Reports.Sb54;

/// <summary>
/// R2, the SB 54 exports to the DOJ (reports.md section 5): exact, without names or other personal
/// data. E2 counts a transfer in the year of its <c>transferred</c> action (Gov. Code 7284.6(a)(4),
/// (c)(2)), one row per transfer and offence; <c>transfer_ref</c> and <c>offence_ref</c> number rows
/// within the file, never case ids. E3 lists the year's task-force returns.
/// </summary>
public static class Sb54Exports
{
    public static readonly string[] TransfersHeader =
        ["report_year", "agency", "agency_ori", "transfer_ref", "transfer_month", "legal_basis", "legal_citation", "receiving_agency", "offence_ref", "offence_code", "offence_description", "offence_level"];

    public static readonly string[] SummaryHeader = ["report_year", "agency", "agency_ori", "people_transferred", "transfer_events", "offence_rows", "status"];

    public static readonly string[] TaskForcesHeader =
        ["report_year", "reporting_agency", "task_force_name", "primary_purpose", "participating_agencies", "designated_reporting_agency", "dedicated_resources", "total_arrests", "immigration_enforcement_arrests", "withheld_fields"];

    /// <summary>The transfers of <paramref name="year"/> by unit: events, the people transferred, and the offence rows.</summary>
    public sealed record UnitTransfers(int Events, int People, int OffenceRows);

    public static (Dictionary<string, byte[]> Files, Dictionary<string, UnitTransfers> ByUnit) Build(ReportProjection projection, ReportInputs inputs, int year)
    {
        var mapping = projection.Mapping;
        var zone = mapping.TimeZone;
        var offences = new OffenceIndex(inputs.Stack.Tables);
        var rows = new List<string[]>();
        var byUnit = new Dictionary<string, (int Events, HashSet<ulong> People, int Offences)>();
        var number = 0;
        foreach (var row in projection.Rows.Where(r => r.TransferredAt != 0 && Scope.Excluded(r, lawEnforcementOnly: true) is null)
                     .OrderBy(r => r.TransferredAt).ThenBy(r => r.Ledger))
        {
            var local = TimeZoneInfo.ConvertTime(RowTime.At(row.TransferredAt), zone);
            if (local.Year != year)
                continue;
            var unit = mapping.Units[row.Unit];
            var ori = unit.Ori ?? "unknown";
            var reference = $"T-{++number:D4}";
            var detail = projection.Transfers.GetValueOrDefault(row.Ledger);
            var receiving = row.ReceivingAgency == RequestRow.None ? "other-federal"
                : (Agency)row.ReceivingAgency is Agency.IceEro or Agency.IceHsi or Agency.Cbp ? Vocabularies.Agencies.Name((Agency)row.ReceivingAgency) : "other-federal";
            var basis = detail?.LegalBasis ?? "gov-7282.5";
            var citation = detail?.LegalCitation ?? "";
            var month = local.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var offenceRows = detail is { Offences.Count: > 0 }
                ? detail.Offences.Select((o, i) => (Ref: (i + 1).ToString(CultureInfo.InvariantCulture), o.Code, Description: Describe(o.Code, mapping, offences), o.Level)).ToList()
                : [("1", "", basis == "gov-7282.5" ? "a basis that is not an offence (Gov. Code 7282.5)" : basis, "")];
            foreach (var o in offenceRows)
                rows.Add([year.ToString(CultureInfo.InvariantCulture), unit.Unit, ori, reference, month, basis, citation, receiving, o.Ref, o.Code, o.Description, o.Level]);
            var u = byUnit.TryGetValue(unit.Unit, out var known) ? known : (Events: 0, People: new HashSet<ulong>(), Offences: 0);
            u.People.Add(Scope.Person(row));
            byUnit[unit.Unit] = (u.Events + 1, u.People, u.Offences + offenceRows.Count);
        }
        var summary = new List<string[]>();
        var result = new Dictionary<string, UnitTransfers>();
        foreach (var unit in mapping.Units.Where(u => u.Kind is "law-enforcement" or "jail"))
        {
            var u = byUnit.TryGetValue(unit.Unit, out var known) ? known : (Events: 0, People: new HashSet<ulong>(), Offences: 0);
            result[unit.Unit] = new UnitTransfers(u.Events, u.People.Count, u.Offences);
            summary.Add([year.ToString(CultureInfo.InvariantCulture), unit.Unit, unit.Ori ?? "unknown",
                u.People.Count.ToString(CultureInfo.InvariantCulture), u.Events.ToString(CultureInfo.InvariantCulture), u.Offences.ToString(CultureInfo.InvariantCulture),
                u.Events > 0 ? "reported" : "certified-zero"]);
        }
        var taskForces = inputs.TaskForces(year).Select(t => new[]
        {
            year.ToString(CultureInfo.InvariantCulture), t.ReportingAgency, t.Name, t.PrimaryPurpose, string.Join(';', t.ParticipatingAgencies),
            t.DesignatedReportingAgency, t.DedicatedResources,
            t.WithheldFields.Contains("total_arrests") ? "withheld" : t.TotalArrests.ToString(CultureInfo.InvariantCulture),
            t.WithheldFields.Contains("immigration_enforcement_arrests") ? "withheld" : t.ImmigrationEnforcementArrests.ToString(CultureInfo.InvariantCulture),
            string.Join(';', t.WithheldFields),
        });
        var files = new Dictionary<string, byte[]>
        {
            ["e2_transfers.csv"] = Csv.Write(TransfersHeader, rows),
            ["e2_summary.csv"] = Csv.Write(SummaryHeader, summary),
            ["e3_task_forces.csv"] = Csv.Write(TaskForcesHeader, taskForces),
            ["e2_transfers.schema.json"] = Schema("e2_transfers.csv", TransfersHeader, ["report_year", "offence_ref"]),
            ["e3_task_forces.schema.json"] = Schema("e3_task_forces.csv", TaskForcesHeader, ["report_year"]),
        };
        files["data_dictionary.csv"] = DataDictionary.For([("e2_transfers.csv", TransfersHeader), ("e2_summary.csv", SummaryHeader), ("e3_task_forces.csv", TaskForcesHeader)]);
        return (files, result);
    }

    /// <summary>The offence category the mapping gives a code, or the code's first table, as the stack names it.</summary>
    private static string Describe(string code, ReportMapping mapping, OffenceIndex offences)
    {
        var mask = offences.Classify(code, []);
        foreach (var category in mapping.OffenceCategories)
            if (category.Tables.Any(t => (mask & offences.Bits[t]) != 0))
                return category.Title;
        return "not in the stack's offence tables";
    }

    /// <summary>A JSON Schema (2020-12) of one row of a CSV file, every column a string as CSV holds it.</summary>
    private static byte[] Schema(string file, string[] header, string[] integers)
    {
        var b = new StringBuilder();
        b.Append("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n");
        b.Append(CultureInfo.InvariantCulture, $"  \"title\": \"One row of {file}\",\n  \"type\": \"object\",\n  \"additionalProperties\": false,\n");
        b.Append(CultureInfo.InvariantCulture, $"  \"required\": [{string.Join(", ", header.Select(h => $"\"{h}\""))}],\n  \"properties\": {{\n");
        b.Append(string.Join(",\n", header.Select(h => integers.Contains(h)
            ? $"    \"{h}\": {{ \"type\": \"string\", \"pattern\": \"^[0-9]+$\" }}"
            : $"    \"{h}\": {{ \"type\": \"string\" }}")));
        b.Append("\n  }\n}\n");
        return Encoding.UTF8.GetBytes(b.ToString());
    }
}
