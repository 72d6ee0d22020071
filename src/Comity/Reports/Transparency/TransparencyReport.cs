using System.Globalization;
using System.Text;
using Comity.Contract;
using Comity.Reports.Counting;
using Comity.Reports.Formats;
using Comity.Reports.Privacy;
using Comity.Reports.Publishing;

namespace Comity.Reports.Transparency;

/// <summary>
/// R3, the public transparency page (reports.md section 6): the headline counts of the last complete
/// year and each complete quarter since, people transferred by legal basis, requests that concern
/// no person one row each, "what the City never does" from the stack in force, every published
/// version of R1, R2 and R3 with the corrections log, and "data as of" the signed checkpoint.
/// Everything is a public copy: P1 to P6 apply, the quarters of a year being a line whose total is
/// the year's cell. G1 and G4 are copied from the year's latest published R1, never recomputed.
/// </summary>
public static class TransparencyReport
{
    public const string Name = "transparency";
    public static readonly string[] HeadlineHeader = ["period", "requests_received", "access_given", "people_transferred", "interviews_held"];
    public static readonly string[] BasisHeader = ["period", "legal_basis", "people_transferred"];
    public static readonly string[] NonPersonHeader = ["request_ref", "month", "unit", "requesting_agency", "request_type", "decision", "legal_basis"];
    public static readonly string[] NeverDoHeader = ["rule", "citation", "text"];
    public static readonly string[] ReportsHeader = ["report", "period", "version", "status", "checkpoint_tree_size", "checkpoint_root_hash", "manifest_sha256"];
    public static readonly string[] Bases = ["judicial-warrant", "judicial-probable-cause", "gov-7282.5"];
    private const int InterviewHeld = 8;

    /// <summary>What the page needs besides the projection: the store of published versions, the ledger's key, and each request's cited law.</summary>
    public sealed record Sources(ReportStore Store, string PublicKey, string CheckpointNote, Func<long, string> CitationsOf);

    public static ReportBuild Build(ReportProjection projection, TransparencyPeriod period, Sources sources, ReportManifest manifest)
    {
        var mapping = projection.Mapping;
        var system = new CellSystem();
        const string headline = "r3_headline";
        const string basis = "r3_transfers_by_basis";
        var periods = new List<(string Name, Tally Tally, bool Year)> { (period.Year.ToString("D4", CultureInfo.InvariantCulture), Count(projection, period.First, new DateOnly(period.Year, 12, 31)), true) };
        foreach (var (y, q) in period.Quarters)
            periods.Add(($"{y:D4}-Q{q}", Count(projection, TransparencyPeriod.Start(y, q), TransparencyPeriod.End(y, q)), false));

        var cells = new List<(string Period, Cell[] Values)>();
        foreach (var (name, t, year) in periods)
            cells.Add((name,
            [
                // P6: the year's requests received and people transferred are exact; every breakdown is protected.
                system.Add(headline, t.Requests, person: true, invariant: year, totalRow: year),
                system.Add(headline, t.AccessGiven, person: true, totalRow: year),
                system.Add(headline, t.PersonsTransferred.Count, person: true, invariant: year, totalRow: year),
                system.Add(headline, t.Interview[InterviewHeld], person: true, totalRow: year),
            ]));
        if (period.QuartersMakeTheYear)
            foreach (var column in new[] { 0, 1, 3 }) // people are not a sum of quarters: individuals enter no line
                system.Line(headline, cells.Skip(1).Select(c => c.Values[column]), cells[0].Values[column]);

        var basisCells = new List<(string Period, string Basis, Cell Cell)>();
        foreach (var (name, t, year) in periods)
        {
            foreach (var b in Bases)
                basisCells.Add((name, b == "gov-7282.5" ? projection.Mapping.OtherTransferBasis : b, system.Add(basis, TransferredBy(projection, t, b), person: true, totalRow: year)));
        }

        var audit = Suppressor.Run(system);
        manifest.AuditPassed = audit.Passed;
        manifest.WithheldCells = system.Cells.Count(c => c.Withheld);
        manifest.TotalsOnly.AddRange(audit.TotalsOnly);
        if (!audit.Passed)
            return ReportBuild.Failed(ReportStatus.PrivacyAuditFailed, $"the privacy audit failed, so no public copy is written: {audit.Failure}", manifest);

        var build = new ReportBuild { Manifest = manifest, Corrections = projection.Corrections };
        var headlineRows = cells.Where(c => c.Values.Any(v => v.Mark != CellMark.Hidden)).Select(c => (string[])[c.Period, .. c.Values.Select(v => v.Text)]).ToList();
        build.Files["r3_headline.csv"] = Csv.Write(HeadlineHeader, headlineRows);
        var basisRows = basisCells.Where(c => c.Cell.Mark != CellMark.Hidden).Select(c => new[] { c.Period, c.Basis, c.Cell.Text }).ToList();
        build.Files["r3_transfers_by_basis.csv"] = Csv.Write(BasisHeader, basisRows);
        var nonPerson = NonPersonRows(projection, period, sources.CitationsOf);
        build.Files["r3_non_person_requests.csv"] = Csv.Write(NonPersonHeader, nonPerson);
        var neverDo = mapping.NeverDo.Select(n => new[] { n.Rule, n.Citation, n.Text }).ToList();
        build.Files["r3_never_do.csv"] = Csv.Write(NeverDoHeader, neverDo);
        // Where state law mandates cooperation (Texas), the page also says what the City must do.
        if (mapping.MustDo.Count > 0)
            build.Files["r3_must_do.csv"] = Csv.Write(NeverDoHeader, mapping.MustDo.Select(n => new[] { n.Rule, n.Citation, n.Text }));
        var published = projection.Published.Where(p => p.Copy == ReportMaker.Public && p.Jurisdiction == mapping.Stack).ToList();
        var reportRows = ReportRows(published, sources.Store);
        build.Files["r3_reports.csv"] = Csv.Write(ReportsHeader, reportRows);
        build.Files["data_dictionary.csv"] = DataDictionary.For([
            ("r3_headline.csv", HeadlineHeader), ("r3_transfers_by_basis.csv", BasisHeader), ("r3_non_person_requests.csv", NonPersonHeader),
            ("r3_never_do.csv", NeverDoHeader), .. (mapping.MustDo.Count > 0 ? new[] { ("r3_must_do.csv", NeverDoHeader) } : []), ("r3_reports.csv", ReportsHeader)]);
        build.Files["index.html"] = Page(projection, period, sources, manifest, build.Files, published);
        return build;
    }

    private static Tally Count(ReportProjection projection, DateOnly first, DateOnly last) =>
        Tally.Count(projection.Rows, projection.Mapping, first, last, lawEnforcementOnly: false);

    /// <summary>People transferred in the tally's period whose transfer rested on <paramref name="basis"/>.</summary>
    private static long TransferredBy(ReportProjection projection, Tally t, string basis)
    {
        var people = new HashSet<ulong>();
        foreach (var row in projection.Rows)
        {
            var day = DateOnly.FromDayNumber(row.LocalDay);
            if (day < t.First || day > t.Last || Scope.Excluded(row, lawEnforcementOnly: false) is not null || Scope.DispositionAt(row, t.End) != Disposition.Transferred)
                continue;
            var b = projection.Transfers.TryGetValue(row.Ledger, out var detail) ? detail.LegalBasis : "gov-7282.5";
            if (b == basis)
                people.Add(Scope.Person(row));
        }
        return people.Count;
    }

    /// <summary>Section 6, item 3: requests that concern no person, one row each, numbered within the file (never case ids).</summary>
    private static List<string[]> NonPersonRows(ReportProjection projection, TransparencyPeriod period, Func<long, string> citationsOf)
    {
        var mapping = projection.Mapping;
        var rows = new List<string[]>();
        static bool Counts(in RequestRow row, TransparencyPeriod period)
        {
            var day = DateOnly.FromDayNumber(row.LocalDay);
            return day >= period.First && day <= period.Last && Scope.Excluded(row, lawEnforcementOnly: false) is null
                && RequestTypes.Of((Act)row.Act) is { } type && !RequestTypes.ConcernsPerson(type);
        }
        foreach (var row in projection.Rows.Where(r => Counts(r, period)).OrderBy(r => r.LocalDay).ThenBy(r => r.Ledger))
        {
            var day = DateOnly.FromDayNumber(row.LocalDay);
            var type = RequestTypes.Of((Act)row.Act)!.Value;
            var effective = row.ReviewOutcome != RequestRow.None ? (Outcome)row.ReviewOutcome : (Outcome)row.Decided;
            rows.Add([
                $"N-{rows.Count + 1:D4}", day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                row.Unit >= 0 ? mapping.Units[row.Unit].Unit : "", Vocabularies.Agencies.Name((Agency)row.Agency),
                RequestTypes.Names.Name(type), Vocabularies.Outcomes.Name(effective), citationsOf(row.Ledger),
            ]);
        }
        return rows;
    }

    private static List<string[]> ReportRows(List<PublishedReport> published, ReportStore store)
    {
        var rows = new List<string[]>();
        foreach (var p in published.OrderBy(p => p.Report, StringComparer.Ordinal).ThenBy(p => p.Period, StringComparer.Ordinal).ThenBy(p => p.Version))
        {
            var superseded = published.Any(o => o.Report == p.Report && o.Period == p.Period && o.Version > p.Version);
            var manifest = store.ReadFile(p.Jurisdiction, p.Report, p.Period, p.Copy, p.Version, "manifest.json");
            var (size, root) = manifest is null ? ("", "") : Checkpoint(manifest);
            rows.Add([p.Report, p.Period, p.Version.ToString(CultureInfo.InvariantCulture), superseded ? "superseded" : "published", size, root, p.ManifestSha256]);
        }
        return rows;
    }

    private static (string Size, string Root) Checkpoint(byte[] manifest)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(manifest);
        var c = doc.RootElement.GetProperty("checkpoint");
        return (c.GetProperty("treeSize").GetInt64().ToString(CultureInfo.InvariantCulture), c.GetProperty("rootHash").GetString() ?? "");
    }

    /// <summary>The page's address of a published file.</summary>
    public static string FileUrl(string jurisdiction, string report, string period, int version, string file) =>
        $"/transparency/{ReportStore.Slug(jurisdiction)}/{report}/{period}/v{version.ToString(CultureInfo.InvariantCulture)}/{file}";

    private static byte[] Page(ReportProjection projection, TransparencyPeriod period, Sources sources, ReportManifest manifest,
        IReadOnlyDictionary<string, byte[]> files, List<PublishedReport> published)
    {
        var mapping = projection.Mapping;
        var place = mapping.GoverningBody.Replace(" City Council", "", StringComparison.Ordinal);
        var page = new HtmlPage($"Immigration enforcement requests: transparency, {place}", manifest.Draft ? "Draft: not published" : null);
        page.Heading(1, $"Requests from federal immigration authorities: {place}");
        page.Paragraph($"What {place}'s agencies were asked by federal immigration authorities and what they did, from {period.First:MMMM yyyy} through {period.Last:MMMM yyyy}. " +
            "Every number is derived from the City's tamper-evident ledger and published as a signed snapshot; this page computes nothing when it is visited. " +
            "Counts from 1 to 10 of people or requests about people are shown as 1-10, and a count withheld so that another cannot be worked out as c.");

        page.Heading(2, "Headline", "headline");
        page.Table($"Headline counts, {period.Year} and each quarter since [requests; people_transferred: people]", Csv.Read(files["r3_headline.csv"]), "r3-headline");
        page.Table("People transferred to immigration authorities, by legal basis [people]", Csv.Read(files["r3_transfers_by_basis.csv"]), "r3-basis");

        // The charts are the TRUTH Act report's (Cal. Gov. Code 7283.1(d)); a place whose law asks for none (Texas) shows none.
        if (mapping.Reports.Contains("truth-act"))
        {
            page.Heading(2, $"Month by month and year over year ({period.Year})", "charts");
            Charts(page, mapping.Stack, period.Year, published, sources.Store);
        }

        page.Heading(2, "What the City never does", "never-do");
        page.Paragraph("Read from the law in force (the stack's deny rules named in its report mapping), so the list cannot drift from the rules that decide.", "note");
        page.Raw("<ul>\n" + string.Concat(Csv.Read(files["r3_never_do.csv"]).Skip(1).Select(r => $"<li>{HtmlPage.E(r[2])} <span class=\"note\">({HtmlPage.E(r[1])})</span></li>\n")) + "</ul>");
        if (files.TryGetValue("r3_must_do.csv", out var mustDo))
        {
            page.Heading(2, "What the City must do", "must-do");
            page.Paragraph("Duties state law imposes, read from the law in force (the stack's must rules named in its report mapping); the City may not limit them.", "note");
            page.Raw("<ul>\n" + string.Concat(Csv.Read(mustDo).Skip(1).Select(r => $"<li>{HtmlPage.E(r[2])} <span class=\"note\">({HtmlPage.E(r[1])})</span></li>\n")) + "</ul>");
        }

        page.Heading(2, "Requests that concern no person", "non-person");
        page.Table("Requests that concern no person, one row each [requests]", Csv.Read(files["r3_non_person_requests.csv"]), "r3-non-person",
            "Requests about a person appear only in the counts above.");

        page.Heading(2, "Published reports and corrections", "reports");
        var links = new StringBuilder("<table id=\"r3-reports\">\n<caption>Every published version [versions]</caption>\n<thead><tr><th scope=\"col\">report</th><th scope=\"col\">period</th><th scope=\"col\">version</th><th scope=\"col\">status</th><th scope=\"col\">checkpoint</th><th scope=\"col\">manifest SHA-256</th><th scope=\"col\">files</th></tr></thead>\n<tbody>\n");
        var rows = Csv.Read(files["r3_reports.csv"]).Skip(1).ToList();
        foreach (var r in rows)
        {
            var version = int.Parse(r[2], CultureInfo.InvariantCulture);
            var stored = sources.Store.Read(mapping.Stack, r[0], r[1], ReportMaker.Public, version);
            var fileLinks = stored is null ? "not in this store" : string.Join(", ", stored.Keys.Select(f => $"<a href=\"{HtmlPage.E(FileUrl(mapping.Stack, r[0], r[1], version, f))}\">{HtmlPage.E(f)}</a>"));
            links.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{HtmlPage.E(r[0])}</th><td>{HtmlPage.E(r[1])}</td><td class=\"n\">{HtmlPage.E(r[2])}</td><td>{HtmlPage.E(r[3])}</td><td>{HtmlPage.E(r[4])}</td><td><code>{HtmlPage.E(r[6])}</code></td><td>{fileLinks}</td></tr>\n");
        }
        if (rows.Count == 0)
            links.Append("<tr><td colspan=\"7\">No report has been published yet.</td></tr>\n");
        links.Append("</tbody>\n</table>");
        page.Raw(links.ToString());
        page.Heading(3, "Corrections log");
        var log = rows.Where(r => r[2] != "1").ToList();
        if (log.Count == 0)
            page.Paragraph("No published report has been corrected.");
        foreach (var r in log)
        {
            var version = int.Parse(r[2], CultureInfo.InvariantCulture);
            var stored = sources.Store.Read(mapping.Stack, r[0], r[1], ReportMaker.Public, version);
            if (stored is null)
                continue;
            var reason = published.FirstOrDefault(p => p.Report == r[0] && p.Period == r[1] && p.Version == version)?.Reason ?? "";
            page.Paragraph($"{r[0]} {r[1]} version {r[2]}: {reason}");
            if (stored.TryGetValue("changes.csv", out var changes))
                page.Table($"Changes in {r[0]} {r[1]} version {r[2]} [cells]", Csv.Read(changes));
            if (stored.TryGetValue("corrections.csv", out var corrections))
                page.Table($"Corrections and voids recorded before {r[0]} {r[1]} version {r[2]} [ledger entries]", Csv.Read(corrections));
        }

        page.Heading(2, "Data as of", "data-as-of");
        page.Paragraph($"Ledger checkpoint: tree size {manifest.TreeSize}, root hash {manifest.RootHash}. The signed checkpoint note and the public key below can be checked with any C2SP checkpoint tool.");
        page.Raw($"<pre>{HtmlPage.E(sources.CheckpointNote)}</pre>\n<p>Public key: <code>{HtmlPage.E(sources.PublicKey)}</code></p>");
        page.Heading(2, "Downloads", "downloads");
        page.List(files.Keys.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).Select(f => f + " (in this page's published version, with manifest.json and manifest.sig)"));
        return page.Write();
    }

    /// <summary>G1 and G4 with their tables, from the year's latest published public R1.</summary>
    private static void Charts(HtmlPage page, string jurisdiction, int year, List<PublishedReport> published, ReportStore store)
    {
        var r1 = published.Where(p => p.Report == "truth-act" && p.Period == year.ToString("D4", CultureInfo.InvariantCulture)).MaxBy(p => p.Version);
        var files = r1 is null ? null : store.Read(jurisdiction, r1.Report, r1.Period, r1.Copy, r1.Version);
        if (files is null || !files.ContainsKey("t7_month_by_month.csv") || !files.ContainsKey("t8_year_over_year.csv"))
        {
            page.Paragraph($"No TRUTH Act report for {year} is published yet; its charts appear here once it is.");
            return;
        }
        var t7 = Csv.Read(files["t7_month_by_month.csv"]);
        var t8 = Csv.Read(files["t8_year_over_year.csv"]);
        page.Raw("<figure>\n" + TruthAct.TruthActCharts.MonthByMonth("g1", t7, year) + $"<figcaption>Requests received and access given by month, {year} [requests]. Source: TRUTH Act report {year}, version {r1!.Version}.</figcaption>\n</figure>");
        page.Table($"Month by month, {year} [requests]", t7);
        page.Raw("<figure>\n" + TruthAct.TruthActCharts.YearOverYear("g4", t8) + $"<figcaption>Requests received and access given by year [requests]. Source: TRUTH Act report {year}, version {r1.Version}.</figcaption>\n</figure>");
        page.Table("Year over year [per column]", t8);
    }
}
