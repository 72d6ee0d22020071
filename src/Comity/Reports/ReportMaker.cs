using System.Globalization;
using System.Text;
using Comity.Contract;
using Comity.Law;
using Comity.Ledger;
using Comity.Reports.Privacy;
using Comity.Reports.TruthAct;
using Comity.Reports.TruthAct.Forum;

namespace Comity.Reports;

/// <summary>
/// The reports' use case, the one entry point the CLI and the server call: builds the projection
/// of the ledger at a checkpoint, counts, protects and writes a report's files. Drafts are
/// unsigned; <see cref="Publishing.ReportPublisher"/> signs and records a published version.
/// </summary>
public sealed class ReportMaker(TransparencyLog ledger, Stack stack, ReportMapping mapping, PersonKeys keys, Func<string, SubjectIdentity?> identityOf)
{
    public const string Public = "public";
    public const string Internal = "internal";

    /// <summary>Set when the report is made to be published: its pages then carry no "Draft: not published" mark.</summary>
    public bool ForPublishing { get; init; }

    /// <summary>The forum an R1 announces (<c>--forum</c>): with it, R1 writes notice_en.html and notice_es.html.</summary>
    public ForumRequest? Forum { get; init; }

    /// <summary>Where published versions are kept: with it, a report whose earlier version is published shows what changed since (C7).</summary>
    public Publishing.ReportStore? Store { get; init; }

    /// <summary>Why this version is published, shown in its changes section (required from version 2 on by the publisher).</summary>
    public string? Reason { get; init; }
    /// <summary>
    /// The data folder that keeps the projection (<see cref="KeptProjection"/>), caught up before
    /// each report; null replays the ledger for every report.
    /// </summary>
    public string? ProjectionFolder { get; init; }

    /// <summary>How the last report got its projection (kept, caught up, or replayed, and why).</summary>
    public string? ProjectionNote { get; private set; }

    public Stack Stack => stack;
    public ReportMapping Mapping => mapping;
    public TransparencyLog Ledger => ledger;

    /// <summary>The projection of the ledger up to <paramref name="treeSize"/> entries (default: the latest signed checkpoint).</summary>
    public ReportProjection Project(long? treeSize = null)
    {
        var checkpoint = ledger.Checkpoint();
        var size = treeSize ?? checkpoint.Size;
        if (size < 0 || size > checkpoint.Size)
            throw new ReportException($"--checkpoint {size}: the latest signed checkpoint covers {checkpoint.Size} entries");
        if (ProjectionFolder is null)
            return ReportProjection.Build(ledger, size, mapping, stack, keys, identityOf);
        var kept = KeptProjection.At(ledger, size, ProjectionFolder, mapping, stack, keys, identityOf);
        ProjectionNote = kept.How;
        return kept.Projection;
    }

    public ReportManifest ManifestFor(ReportProjection projection, string report, string period, string copy)
    {
        var checkpoint = ledger.Checkpoint();
        var m = new ReportManifest
        {
            Jurisdiction = mapping.Stack,
            Report = report,
            Period = period,
            Copy = copy,
            Origin = ledger.Origin,
            TreeSize = projection.TreeSize,
            RootHash = Convert.ToBase64String(projection.RootHash),
            // The signed note of the checkpoint the report reflects; a rebuild of an earlier size cites the latest, of which it is a prefix.
            CheckpointNote = checkpoint.Note,
            StackDigest = stack.Digest,
            MappingDigest = mapping.Digest,
            Draft = !ForPublishing,
        };
        return m;
    }

    /// <summary>R1 for <paramref name="year"/>: the T files, the dictionary, and the certified zero when it applies.</summary>
    /// <param name="unit">One law-enforcement or jail unit whose own report this is (it and the units within it; its period key is <c>2025-lapd</c>); null: the governing body's, over every unit.</param>
    /// <exception cref="ReportRequestException">when <paramref name="unit"/> is not a law-enforcement or jail unit of the mapping.</exception>
    public ReportBuild TruthAct(int year, string copy, long? treeSize = null, string? unit = null)
    {
        var agency = AgencyScope.Of(mapping, unit);
        var projection = Project(treeSize);
        var manifest = ManifestFor(projection, "truth-act", agency.PeriodKey(year), copy);
        if (projection.Problems.Count > 0)
            return ReportBuild.Failed(ReportStatus.NotVerified, "the projection is not verified: " + string.Join("; ", projection.Problems), manifest);
        if (!projection.RootHash.AsSpan().SequenceEqual(ledger.RootHash(projection.TreeSize)))
            return ReportBuild.Failed(ReportStatus.NotVerified, $"the projection's root hash does not match the ledger's at tree size {projection.TreeSize}", manifest);
        var inputs = new ReportInputs(projection, stack);
        TruthActTables tables;
        try
        {
            tables = TruthActBuilder.Build(projection, year, inputs, suppress: copy == Public, agency, PublishedYears(projection, agency, year, copy));
        }
        catch (ReportException e) when (e is not ReportRequestException)
        {
            return ReportBuild.Failed(ReportStatus.NotVerified, e.Message, manifest);
        }
        catch (InvalidOperationException e)
        {
            return ReportBuild.Failed(ReportStatus.CheckFailed, $"a C8 check failed (a bug, not data to publish): {e.Message}", manifest);
        }
        manifest.Inputs.AddRange(projection.Inputs.Select(i => i.Index));
        manifest.Attestations.AddRange(projection.Attestations.Select(a => a.Index));
        manifest.AuditPassed = tables.Suppression.Passed;
        manifest.WithheldCells = tables.Cells.Cells.Count(c => c.Withheld);
        manifest.TotalsOnly.AddRange(tables.Suppression.TotalsOnly);
        if (!tables.Suppression.Passed)
            return ReportBuild.Failed(ReportStatus.PrivacyAuditFailed, $"the privacy audit failed, so no public copy is written: {tables.Suppression.Failure}", manifest);

        var build = new ReportBuild { Manifest = manifest, Corrections = projection.Corrections };
        var exact = copy == Internal;
        foreach (var table in tables.Tables)
            build.Files[table.File] = Csv.Write(table, exact);
        string? zero = null;
        if (tables.CertifiedZero)
            build.Files["certified_zero.txt"] = Encoding.UTF8.GetBytes(zero = CertifiedZero(tables, projection, inputs));
        build.Files["data_dictionary.csv"] = DataDictionary.For(tables.Tables.Select(t => (t.File, t.Header)));
        var charts = TruthActPage.DrawCharts(build.Files, year);
        foreach (var (name, svg) in charts)
            build.Files[name] = Csv.Utf8.GetBytes(svg);
        // The versions published before the projection's tree size (a draft rebuilt at a past
        // checkpoint sees those published before it), from the projection: reading them from the
        // ledger read every entry, most of R1's time over a million decisions (docs/benchmarks.md).
        var published = projection.Published
            .Where(p => p.Jurisdiction == mapping.Stack && p.Report == manifest.Report && p.Period == manifest.Period && p.Copy == copy)
            .OrderBy(p => p.Version).ToList();
        int? number = ForPublishing ? published.Count + 1 : null;
        var version = number is { } n ? "version " + n.ToString(CultureInfo.InvariantCulture) : "draft";
        var changes = Changes(build, published, projection);
        build.Files["report.html"] = TruthActPage.Write(tables, build.Files, charts, mapping, manifest, version, ledger.Verifier.Encoded, zero, changes, Forum?.Details.Policies);
        if (Forum is not null)
        {
            var (notices, warnings) = ForumNotice.Write(Forum, year, agency, manifest, number);
            foreach (var (name, bytes) in notices)
                build.Files[name] = bytes;
            build.Messages.AddRange(warnings);
        }
        return build;
    }

    /// <summary>
    /// The earlier years of this agency's R1 (same copy) published before the projection's tree
    /// size, each as its latest version shows it, for T8 to copy (reports.md section 4). Without a
    /// store (a maker that keeps no published files) every year is counted.
    /// </summary>
    /// <exception cref="ReportException">when a published version is missing from the store or altered.</exception>
    private Dictionary<int, PublishedYear> PublishedYears(ReportProjection projection, AgencyScope agency, int year, string copy)
    {
        var years = new Dictionary<int, PublishedYear>();
        if (Store is null)
            return years;
        foreach (var latest in projection.Published
            .Where(p => p.Jurisdiction == mapping.Stack && p.Report == "truth-act" && p.Copy == copy)
            .GroupBy(p => p.Period, StringComparer.Ordinal)
            .Select(g => g.MaxBy(p => p.Version)!))
        {
            if (AgencyScope.ParseKey(latest.Period) is var (y, unit) && y < year && unit == agency.Agency?.Unit)
                years[y] = PublishedYear.Read(Store, latest, y);
        }
        return years;
    }

    /// <summary>
    /// C7 from version 2 on: when the store holds the latest published version of this report,
    /// period and copy, <c>changes.csv</c> (every cell that changed, as the copy shows it) and
    /// <c>corrections.csv</c> (the corrections and voids since its checkpoint), for the page's
    /// "Changes from the previous version". The publisher writes the same two files.
    /// </summary>
    private TruthActChanges? Changes(ReportBuild build, List<PublishedReport> published, ReportProjection projection)
    {
        if (Store is null || published.Count == 0)
            return null;
        var last = published[^1];
        var m = build.Manifest;
        if (Store.Read(m.Jurisdiction, m.Report, m.Period, m.Copy, last.Version) is not { } previous || !previous.TryGetValue("manifest.json", out var previousManifest))
            return null; // the publisher refuses a missing version, naming it
        var from = Publishing.ReportStore.TreeSizeOf(previousManifest);
        build.Files["changes.csv"] = Publishing.ReportChanges.Changes(previous, build.Files);
        build.Files["corrections.csv"] = Publishing.ReportChanges.Corrections(projection.Corrections, from, projection.TreeSize);
        return new TruthActChanges(last.Version, from, Reason, build.Files["changes.csv"], build.Files["corrections.csv"]);
    }

    /// <summary>R2 for <paramref name="year"/>: exact, no personal data; checked against R1's funnel (C8) before it is written.</summary>
    public ReportBuild Sb54(int year, long? treeSize = null)
    {
        var projection = Project(treeSize);
        var manifest = ManifestFor(projection, "sb54", year.ToString("D4", CultureInfo.InvariantCulture), Internal);
        if (projection.Problems.Count > 0)
            return ReportBuild.Failed(ReportStatus.NotVerified, "the projection is not verified: " + string.Join("; ", projection.Problems), manifest);
        var inputs = new ReportInputs(projection, stack);
        var (files, byUnit) = Reports.Sb54.Sb54Exports.Build(projection, inputs, year);
        manifest.Inputs.AddRange(projection.Inputs.Where(i => i.Type == "task-force-return").Select(i => i.Index));
        manifest.AuditPassed = true;
        var build = new ReportBuild { Manifest = manifest, Corrections = projection.Corrections };
        foreach (var (name, bytes) in files)
            build.Files[name] = bytes;
        // C8: E2's transfer events against T2's transferred, the cross-year difference explained.
        var events = byUnit.Values.Sum(u => u.Events);
        var r1 = TruthActBuilder.Build(projection, year, inputs, suppress: false);
        var transferredRequests = projection.Rows.Count(r => r.TransferredAt != 0 && Counting.Scope.Excluded(r, true) is null
            && DateOnly.FromDayNumber(r.LocalDay).Year == year && Counting.Scope.DispositionAt(r, r1.Tally.End) == Counting.Disposition.Transferred);
        var fromEarlier = events - projection.Rows.Count(r => r.TransferredAt != 0 && Counting.Scope.Excluded(r, true) is null
            && DateOnly.FromDayNumber(r.LocalDay).Year == year && TimeZoneInfo.ConvertTime(RowTime.At(r.TransferredAt), mapping.TimeZone).Year == year);
        if (fromEarlier != 0 || events != transferredRequests)
            build.Messages.Add(string.Create(CultureInfo.InvariantCulture,
                $"reconciliation: {events} transfer events in {year}; {transferredRequests} requests received in {year} were transferred; {fromEarlier} transfers in {year} answered requests received in an earlier year"));
        return build;
    }

    /// <summary>R3 through a quarter: the public transparency page and its files (always a public copy).</summary>
    public ReportBuild Transparency(string through, Publishing.ReportStore store, long? treeSize = null)
    {
        var period = Reports.Transparency.TransparencyPeriod.Parse(through);
        var projection = Project(treeSize);
        var manifest = ManifestFor(projection, Reports.Transparency.TransparencyReport.Name, period.Name, Public);
        if (projection.Problems.Count > 0)
            return ReportBuild.Failed(ReportStatus.NotVerified, "the projection is not verified: " + string.Join("; ", projection.Problems), manifest);
        var sources = new Reports.Transparency.TransparencyReport.Sources(store, ledger.Verifier.Encoded, ledger.Checkpoint().Note, index => CitationsOf(projection, index));
        return Reports.Transparency.TransparencyReport.Build(projection, period, sources, manifest);
    }

    /// <summary>The citations of the rules that decided a request, as last recorded (a correction re-decides it).</summary>
    private string CitationsOf(ReportProjection projection, long decision)
    {
        var entry = ledger.Read(projection.LatestEntryOf(decision));
        var answer = entry.Kind == Recording.Entries.CorrectionEntry.Kind
            ? Recording.Entries.CorrectionEntry.Read(entry.Body).Answer
            : Recording.Entries.DecisionEntry.Read(entry.Body).Answer;
        return ReportProjection.DecidingCitations(answer);
    }

    /// <summary>The statement of C5, with each unit head's attestation or its absence.</summary>
    public string CertifiedZero(TruthActTables tables, ReportProjection projection, ReportInputs inputs)
    {
        var units = mapping.Units.Where((u, i) => u.Kind is "law-enforcement" or "jail" && tables.Agency.Covers(i)).ToList();
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture,
            $"Comity recorded no requests from federal immigration authorities to {string.Join(", ", units.Select(u => u.Name))} between {tables.Tally.First:yyyy-MM-dd} and {tables.Tally.Last:yyyy-MM-dd}. ");
        b.Append(CultureInfo.InvariantCulture, $"Derived from ledger checkpoint {projection.TreeSize} {Convert.ToBase64String(projection.RootHash)}.\n\n");
        foreach (var u in units)
            b.Append(CultureInfo.InvariantCulture, $"{u.Unit} ({u.Name}): {(inputs.Attested(u.Unit, tables.Tally.First, tables.Tally.Last) ? "the unit head's attestation is recorded" : "no attestation recorded")}\n");
        return b.ToString();
    }
}
