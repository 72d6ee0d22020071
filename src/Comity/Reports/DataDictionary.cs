namespace Comity.Reports;

/// <summary>
/// <c>data_dictionary.csv</c> (reports.md section 8): every column of every file a report writes,
/// with its type, unit, meaning and allowed values, as California DOJ OpenJustice publishes them.
/// </summary>
public static class DataDictionary
{
    public static readonly string[] Header = ["file", "column", "type", "unit", "description", "allowed_values"];

    private const string Count = "integer, or 1-10 / c / x in public copies (section 3)";

    private static readonly Dictionary<string, (string Type, string Unit, string Description, string Allowed)> Columns = new(StringComparer.Ordinal)
    {
        ["request_type"] = ("code", "", "The kind of request (C2): Gov. Code 7283(d), 7283.1(d)", "hold notification transfer interview information alpr civil-arrest facility-access operations other total"),
        ["requests_received"] = ("count", "requests", "Requests received in the period from federal immigration authorities (C0, C1)", Count),
        ["individuals"] = ("count", "people", "Distinct people (C1 person key); not a sum of rows", Count),
        ["access_given"] = ("count", "requests", "Requests with disposition transferred, interview held or responded (ICE access, Gov. Code 7283(d))", Count),
        ["declined"] = ("count", "requests", "Requests declined by the person, not permitted by state law or declined by local policy (C3)", Count),
        ["released_before_action"] = ("count", "requests", "Requests whose person was released before any action (C3 disposition 8)", Count),
        ["pending_at_period_end"] = ("count", "requests", "Requests awaiting counsel or not yet acted on at the end of the period (C3 7, 9)", Count),
        ["disposition"] = ("code", "", "The disposition of C3, first rule that matches", "transferred responded not-permitted-by-state-law declined-by-local-policy awaiting-counsel released-before-action pending-at-period-end total"),
        ["hold"] = ("count", "requests", "Hold requests", Count),
        ["notification"] = ("count", "requests", "Notification requests", Count),
        ["transfer"] = ("count", "requests", "Transfer requests", Count),
        ["total"] = ("count", "requests", "Row total", Count),
        ["stage"] = ("code", "", "Stage of an interview request (Gov. Code 7283.1(a))", "interview-requested not-permitted-or-declined-by-policy consent-form-not-served consent-form-served consented-with-attorney consented-without-attorney declined-by-person awaiting-answer interview-held"),
        ["requests"] = ("count", "requests", "Requests", Count),
        ["language"] = ("code", "", "Language of the consent form served", "en es zh tl vi ko other total"),
        ["forms_served"] = ("count", "forms", "Consent forms served", Count),
        ["notice"] = ("code", "", "A notice to the person under Gov. Code 7283.1(b)", "copy-of-request-and-intent release-notice-to-person release-notice-to-attorney-or-designee total"),
        ["notices_due"] = ("count", "notices", "Notices the law required", Count),
        ["served"] = ("count", "notices", "Notices recorded as served", Count),
        ["not_served"] = ("count", "notices", "Notices not recorded as served", Count),
        ["median_hours_to_service"] = ("decimal", "hours", "Median hours from receipt (from the notification for release notices) to service; a measure, not a legal deadline", "number, x, empty"),
        ["offence_category"] = ("code", "", "Most serious offence category among the offences that allowed access (the stack's report mapping)", "the mapping's categories, other, no-qualifying-offence, total"),
        ["offence_code"] = ("text", "", "An offence code the stack's table lists", ""),
        ["offence_description"] = ("text", "", "The table or offence described", ""),
        ["attribute"] = ("code", "", "One demographic attribute, never crossed with another (P4)", "gender age-band race-ethnicity country-of-birth"),
        ["category"] = ("code", "", "A category of the attribute", "see reports.md section 4, T6"),
        ["month"] = ("month", "", "Calendar month, local time of the units", "YYYY-MM"),
        ["previous_year_requests_received"] = ("count", "requests", "Requests received in the same month of the year before", Count),
        ["previous_year_access_given"] = ("count", "requests", "Access given in the same month of the year before", Count),
        ["year"] = ("year", "", "Calendar year", "YYYY"),
        ["individuals_given_access"] = ("count", "people", "Distinct people given access (P6: exact)", "integer"),
        ["people_transferred"] = ("count", "people", "Distinct people transferred (P6: exact)", "integer"),
        ["requests_change_pct"] = ("decimal", "percent", "Change in requests received from the year before, one decimal", "number, x, empty"),
        ["measure"] = ("code", "", "What the rate counts", "requests-received access-given people-transferred"),
        ["count"] = ("count", "per measure", "The count the rate divides", Count),
        ["bookings"] = ("integer", "bookings", "Bookings from the denominator inputs (C4)", "integer, empty"),
        ["releases"] = ("integer", "releases", "Releases from the denominator inputs (C4)", "integer, empty"),
        ["per_1000_bookings"] = ("decimal", "per 1,000 bookings", "Rate per 1,000 bookings, two decimals", "number, x, empty"),
        ["per_1000_releases"] = ("decimal", "per 1,000 releases", "Rate per 1,000 releases, two decimals", "number, x, empty"),
        ["activity"] = ("code", "", "A request type, or forum-preparation", "the ten request types, forum-preparation, total"),
        ["minutes_per_request"] = ("decimal", "minutes", "Staff minutes per request, from the cost-basis input", "number, empty"),
        ["staff_hours"] = ("decimal", "hours", "requests x minutes per request / 60", "number, x, empty"),
        ["hourly_cost_usd"] = ("decimal", "US dollars", "Hourly staff cost, from the cost-basis input", "number, empty"),
        ["cost_usd"] = ("decimal", "US dollars", "staff hours x hourly cost", "number, x, empty"),
        ["unit"] = ("code", "", "A unit of the stack", "the stack's unit ids, total"),
        ["unit_name"] = ("text", "", "The unit's name", ""),
        ["unit_kind"] = ("code", "", "The unit's kind", "law-enforcement jail"),
        ["status"] = ("code", "", "reported, certified-zero (a unit head's attestation), no-records-no-attestation; superseded/current for versions", "reported certified-zero no-records-no-attestation current superseded"),
        ["report_year"] = ("year", "", "The year reported", "YYYY"),
        ["agency"] = ("code", "", "The reporting law-enforcement unit", "the stack's unit ids"),
        ["agency_ori"] = ("text", "", "The unit's DOJ ORI code; unknown when the mapping has none", "CAnnnnnnn, unknown"),
        ["transfer_ref"] = ("text", "", "Transfer number within the file, never a case id", "T-0001 ..."),
        ["transfer_month"] = ("month", "", "Month of the transfer (P5: never a date)", "YYYY-MM"),
        ["legal_basis"] = ("code", "", "What allowed the transfer", "judicial-warrant judicial-probable-cause gov-7282.5"),
        ["legal_citation"] = ("text", "", "The deciding rule's citation", ""),
        ["receiving_agency"] = ("code", "", "The agency that received the person", "ice-ero ice-hsi cbp other-federal"),
        ["offence_ref"] = ("integer", "", "Offence number within the transfer", "1, 2, ..."),
        ["offence_level"] = ("code", "", "Felony or misdemeanor, when recorded", "felony misdemeanor, empty"),
        ["transfer_events"] = ("count", "transfers", "Transfer events (P6: exact)", "integer"),
        ["offence_rows"] = ("count", "offence rows", "Rows of e2_transfers.csv (P6: exact)", "integer"),
        ["reporting_agency"] = ("text", "", "The agency reporting the task force", ""),
        ["task_force_name"] = ("text", "", "Name of the task force", ""),
        ["primary_purpose"] = ("text", "", "Its primary purpose", ""),
        ["participating_agencies"] = ("text", "", "Participating agencies, separated by ;", ""),
        ["designated_reporting_agency"] = ("text", "", "The agency designated to report for the task force", ""),
        ["dedicated_resources"] = ("text", "", "Dedicated personnel or resources", ""),
        ["total_arrests"] = ("integer", "arrests", "Arrests made by the task force", "integer, withheld"),
        ["immigration_enforcement_arrests"] = ("integer", "arrests", "Arrests for immigration enforcement", "integer, withheld"),
        ["withheld_fields"] = ("text", "", "Columns withheld because they would endanger a person or an investigation, separated by ;", ""),
        ["period"] = ("text", "", "A year or a quarter", "YYYY, YYYY-Qn"),
        ["interviews_held"] = ("count", "requests", "Interviews held", Count),
        ["request_ref"] = ("text", "", "Row number within the file, never a case id", "N-0001 ..."),
        ["requesting_agency"] = ("code", "", "The requesting agency", "contract agencies"),
        ["decision"] = ("code", "", "The outcome in force, or withheld (Gov. Code 7284.6(c)(3))", "deny permit must-comply refer-to-counsel withheld"),
        ["rule"] = ("code", "", "A deny rule of the stack in force", ""),
        ["citation"] = ("text", "", "Its citations", ""),
        ["text"] = ("text", "", "What the rule says", ""),
        ["report"] = ("code", "", "Report", "truth-act sb54 transparency"),
        ["version"] = ("integer", "", "Version number", "1, 2, ..."),
        ["checkpoint_tree_size"] = ("integer", "entries", "Ledger checkpoint the version reflects", "integer"),
        ["checkpoint_root_hash"] = ("text", "", "Root hash of that checkpoint, base64", ""),
        ["manifest_sha256"] = ("text", "", "SHA-256 of the version's manifest.json, hex", ""),
        ["table"] = ("text", "", "The file whose cell changed", ""),
        ["row"] = ("text", "", "The row's key", ""),
        ["column"] = ("text", "", "The column", ""),
        ["previous_value"] = ("text", "", "The value in the previous version", ""),
        ["new_value"] = ("text", "", "The value in this version", ""),
        ["ledger_index"] = ("integer", "", "The ledger entry", ""),
        ["kind"] = ("code", "", "Kind of entry", "correction void late-entry"),
        ["reason_code"] = ("code", "", "Reason recorded with the entry", "data-entry-error duplicate opened-by-mistake late-recorded reclassified-act"),
        ["public_note"] = ("text", "", "The entry's public note (checked for personal data)", ""),
        ["file"] = ("text", "", "A file of the report", ""),
        ["type"] = ("code", "", "Value type", ""),
        ["description"] = ("text", "", "Meaning", ""),
        ["allowed_values"] = ("text", "", "Allowed values", ""),
    };

    /// <summary>The dictionary of the given files' header lines (and of itself).</summary>
    public static byte[] For(IEnumerable<(string File, IReadOnlyList<string> Header)> files)
    {
        var rows = new List<string[]>();
        foreach (var (file, header) in files.Append(("data_dictionary.csv", Header)))
            foreach (var column in header)
            {
                var (type, unit, description, allowed) = Columns.TryGetValue(column, out var c) ? c : ("text", "", column, "");
                rows.Add([file, column, type, unit, description, allowed]);
            }
        return Csv.Write(Header, rows);
    }

    /// <summary>Whether every column has its own description (a test keeps this true).</summary>
    public static bool Describes(string column) => Columns.ContainsKey(column);
}
