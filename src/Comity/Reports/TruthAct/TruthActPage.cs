using System.Globalization;
using Comity.Reports.Formats;

namespace Comity.Reports.TruthAct;

/// <summary>
/// <c>report.html</c> of R1 (reports.md section 4, "Packaging"): cover, summary, legal framing with
/// "what the City never does", T1 to T11 with G1 to G4 beside their tables, methods and the data
/// dictionary, then the appendix of offence codes. Every number is taken from the copy's own CSV
/// files, so the page never shows what a file withholds; each chart carries its text alternative.
/// </summary>
public static class TruthActPage
{
    /// <summary>The charts of R1: file, the table it draws, and where it goes.</summary>
    public static readonly (string File, string Table)[] Charts =
    [
        ("g1_month_by_month.svg", "t7_month_by_month.csv"),
        ("g2_disposition_funnel.svg", "t2_disposition_funnel.csv"),
        ("g3_offence_categories.svg", "t5_offence_categories.csv"),
        ("g4_year_over_year.svg", "t8_year_over_year.csv"),
    ];

    /// <summary>Draws G1 to G4 from the copy's tables.</summary>
    public static Dictionary<string, string> DrawCharts(IReadOnlyDictionary<string, byte[]> files, int year) => new(StringComparer.Ordinal)
    {
        ["g1_month_by_month.svg"] = TruthActCharts.MonthByMonth("g1", Csv.Read(files["t7_month_by_month.csv"]), year),
        ["g2_disposition_funnel.svg"] = TruthActCharts.Funnel("g2", Csv.Read(files["t2_disposition_funnel.csv"]), year),
        ["g3_offence_categories.svg"] = TruthActCharts.OffenceCategories("g3", Csv.Read(files["t5_offence_categories.csv"]), year),
        ["g4_year_over_year.svg"] = TruthActCharts.YearOverYear("g4", Csv.Read(files["t8_year_over_year.csv"])),
    };

    public static byte[] Write(TruthActTables tables, IReadOnlyDictionary<string, byte[]> files, IReadOnlyDictionary<string, string> charts,
        ReportMapping mapping, ReportManifest manifest, string version, string publicKey, string? certifiedZero, TruthActChanges? changes = null,
        IReadOnlyList<Forum.ForumPolicy>? policies = null)
    {
        var year = tables.Year;
        var body = mapping.GoverningBody;
        var copy = manifest.Copy == ReportMaker.Public ? "public copy (small counts withheld)" : "internal copy (exact; not for publication)";
        // An agency's own report names the agency in its title; the governing body's names the body.
        var agency = tables.Agency.Agency;
        var page = new HtmlPage($"TRUTH Act report {year}: {agency?.Name ?? body}", manifest.Draft ? "Draft: not published" : null);

        page.Heading(1, agency is null
            ? $"ICE access in {year}: data for the TRUTH Act community forum"
            : $"ICE access in {year} at {agency.Name}: data for the TRUTH Act community forum");
        var forWhom = agency is null
            ? $"{body} (Cal. Gov. Code 7283.1(d)): every law-enforcement and jail unit"
            : $"{agency.Name} ({agency.Unit}) and the units within it, for the {body}'s forum (Cal. Gov. Code 7283.1(d))";
        page.Raw("<dl>" +
            $"<dt>For</dt><dd>{HtmlPage.E(forWhom)}</dd>" +
            $"<dt>Period</dt><dd>{HtmlPage.E(tables.Tally.First.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture))} to {HtmlPage.E(tables.Tally.Last.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture))}</dd>" +
            $"<dt>Version</dt><dd>{HtmlPage.E(version)}, {HtmlPage.E(copy)}</dd>" +
            $"<dt>Data as of</dt><dd>ledger checkpoint {manifest.TreeSize.ToString(CultureInfo.InvariantCulture)}, root hash <code>{HtmlPage.E(manifest.RootHash)}</code></dd>" +
            $"<dt>Signing key</dt><dd><code>{HtmlPage.E(publicKey)}</code></dd></dl>");

        page.Heading(2, "Summary", "summary");
        var t = tables.Tally;
        page.List([
            $"Requests received: {t.Requests.ToString(CultureInfo.InvariantCulture)} (requests)",
            $"Individuals: {t.Persons.Count.ToString(CultureInfo.InvariantCulture)} (people)",
            $"Individuals given access: {t.PersonsGivenAccess.Count.ToString(CultureInfo.InvariantCulture)} (people)",
            $"People transferred: {t.PersonsTransferred.Count.ToString(CultureInfo.InvariantCulture)} (people)",
        ]);
        if (certifiedZero is not null)
            page.Paragraph(certifiedZero.Split("\n\n")[0]);
        else if (t.AccessGiven > 0)
            page.Paragraph(agency is null
                ? $"ICE access was provided in {year}: the {body} must hold at least one community forum in {year + 1} (Gov. Code 7283.1(d))."
                : $"ICE access was provided by {agency.Name} in {year}: the {body} must hold at least one community forum in {year + 1} (Gov. Code 7283.1(d)).");
        else
            page.Paragraph($"Requests were received in {year}, but no access as Gov. Code 7283(d) defines it was given.");

        page.Heading(2, "Legal framing", "law");
        page.Paragraph("The California Values Act (SB 54, Gov. Code 7284 to 7284.12), the TRUST Act (Gov. Code 7282, 7282.5) and the TRUTH Act (Gov. Code 7283 to 7283.2) limit what local agencies may do for federal immigration authorities and require this accounting. " +
            "The rules below are the deny rules of the law in force, read from the stack that decides requests, with their citations.");
        page.Heading(3, "What the City never does");
        page.Raw("<ul>\n" + string.Concat(mapping.NeverDo.Select(n => $"<li>{HtmlPage.E(n.Text)} <span class=\"note\">({HtmlPage.E(n.Citation)})</span></li>\n")) + "</ul>");

        page.Heading(2, "Tables and charts", "tables");
        var period = year.ToString(CultureInfo.InvariantCulture);
        foreach (var table in tables.Tables.Where(x => x.File != "t5_offence_codes.csv"))
        {
            page.Heading(3, table.Title, table.Id);
            var note = table.TotalsOnly && manifest.Copy == ReportMaker.Public ? ReportTable.TotalsOnlyNote : null;
            page.Table($"{table.Title}, {period} [{table.Unit}]", Csv.Read(files[table.File]), table.Id + "-table", note);
            // The table's own notes: where earlier years come from (T8), a missing denominator (T9), the cost method (T10).
            foreach (var n in table.Notes.Where(n => n != ReportTable.TotalsOnlyNote))
                page.Paragraph(n, "note");
            foreach (var (chart, source) in Charts.Where(c => c.Table == table.File))
                page.Raw($"<figure>\n{charts[chart]}<figcaption>{HtmlPage.E($"{table.Title}, {period} [{table.Unit}]. Source: Comity ledger checkpoint {manifest.TreeSize}; units covered: the {mapping.Stack} law-enforcement and jail units of T11. The table above holds the values drawn.")}</figcaption>\n</figure>");
        }

        page.Heading(2, "Methods and definitions", "methods");
        page.Paragraph("Every count is derived from ledger entries; none is typed in. A request is one recorded decision, one act asked of one unit; individuals are distinct people by a keyed hash of their identifiers, never their identity. " +
            "A request belongs to the period holding the local date it was received; its disposition is its state at the end of the period, from every entry up to the checkpoint above.");
        page.Paragraph("Markers: 1-10 is a count of people or of requests about people from 1 to 10; c is a count of 11 or more withheld so that another count cannot be worked out; x is a figure resting on a withheld count; an empty cell is not applicable. " +
            "Total requests received, total individuals, individuals given access and people transferred are always exact.");
        if (tables.Tally.Excluded.Count > 0)
            page.List(tables.Tally.Excluded.Select(e => $"Left out ({e.Key}): {(manifest.Copy == ReportMaker.Public && e.Value is >= 1 and <= 10 ? "1-10" : e.Value.ToString(CultureInfo.InvariantCulture))} requests"));
        page.Table("Data dictionary [columns]", Csv.Read(files["data_dictionary.csv"]), "dictionary");

        if (changes is not null)
        {
            // C7: what changed since the version before, as the copy shows it (a public copy's diff holds markers, never a withheld value).
            var previous = changes.PreviousVersion.ToString(CultureInfo.InvariantCulture);
            page.Heading(2, "Changes from the previous version", "changes");
            page.Paragraph($"This {version} replaces version {previous}, which reflected the ledger at tree size {changes.PreviousTreeSize.ToString(CultureInfo.InvariantCulture)}; version {previous} stays published, marked superseded. " +
                (changes.Reason is { Length: > 0 } why ? $"Why: {why}" : "The reason is recorded with the publication."));
            var changed = Csv.Read(changes.ChangesCsv);
            if (changed.Count > 1)
                page.Table($"Cells changed since version {previous} [cells] (changes.csv)", changed, "changes-table");
            else
                page.Paragraph($"No published cell changed since version {previous}.");
            var corrected = Csv.Read(changes.CorrectionsCsv);
            if (corrected.Count > 1)
                page.Table($"Corrections, voids and late entries since version {previous} [ledger entries] (corrections.csv)", corrected, "corrections-table");
            else
                page.Paragraph($"No correction or void was recorded since version {previous}.");
        }

        page.Heading(2, "Appendix: offence codes by category", "appendix");
        page.Table($"Offence codes in each category [codes]", Csv.Read(files["t5_offence_codes.csv"]), "t5-codes");

        // The units' policies named in the forum file, each with its SHA-256: the document a resident is handed can be checked against the signed report.
        page.Heading(2, "Appendix: unit policies", "policies");
        if (policies is { Count: > 0 })
        {
            var names = mapping.Units.ToDictionary(u => u.Unit, u => u.Name, StringComparer.Ordinal);
            page.Table("Unit policies named in the forum file [documents]",
                [["unit", "unit_name", "policy", "sha256"], .. policies.Select(p => new[] { p.Unit, names.GetValueOrDefault(p.Unit, ""), p.Title, p.Sha256 })], "policies-table",
                "SHA-256 of each document as named in the forum file: a copy whose SHA-256 differs is not the document this report names.");
        }
        else
            page.Paragraph("No unit policy is named: the forum file (--forum) lists them, with their SHA-256, and none was given for this report.");
        return page.Write();
    }
}

/// <summary>What a version says about the one before it (C7): its number and tree size, the publisher's reason, and the two files.</summary>
public sealed record TruthActChanges(int PreviousVersion, long PreviousTreeSize, string? Reason, byte[] ChangesCsv, byte[] CorrectionsCsv);
