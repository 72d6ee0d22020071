using System.Globalization;
using Comity.Reports.Counting;
using Comity.Reports.Privacy;

namespace Comity.Reports.TruthAct;

/// <summary>A year of R1 as tables over one cell system, before and after suppression.</summary>
public sealed class TruthActTables
{
    public required int Year { get; init; }

    /// <summary>Whose report: the governing body's (whole) or one agency's.</summary>
    public required AgencyScope Agency { get; init; }
    public required Tally Tally { get; init; }
    public required Tally PreviousYear { get; init; }
    public required CellSystem Cells { get; init; }
    public required IReadOnlyList<ReportTable> Tables { get; init; }
    public required SuppressionResult Suppression { get; init; }

    /// <summary>True when no request was recorded for the year (C5).</summary>
    public bool CertifiedZero => Tally.Requests == 0;

    public ReportTable this[string file] => Tables.First(t => t.File == file);
}

/// <summary>
/// Builds the tables of R1 (reports.md section 4) for one calendar year from the projection: the
/// counts, the cells and lines of section 3 (every row and column that sums, and the identities
/// across tables: T1's hold, notification and transfer rows are T2's columns, T5 and T6 share
/// the total of people given access), then suppression when the copy is public.
/// </summary>
public static class TruthActBuilder
{
    private static readonly string[] T1Header = ["request_type", "requests_received", "individuals", "access_given", "declined", "released_before_action", "pending_at_period_end"];
    private static readonly Disposition[] FunnelRows =
    [
        Disposition.Transferred, Disposition.Responded, Disposition.NotPermittedByStateLaw, Disposition.DeclinedByLocalPolicy,
        Disposition.AwaitingCounsel, Disposition.ReleasedBeforeAction, Disposition.PendingAtPeriodEnd,
    ];
    private static readonly string[] InterviewStages =
    [
        "interview-requested", "not-permitted-or-declined-by-policy", "consent-form-not-served", "consent-form-served",
        "consented-with-attorney", "consented-without-attorney", "declined-by-person", "awaiting-answer", "interview-held",
    ];

    /// <param name="agency">Whose report: the whole jurisdiction (null, the governing body's) or one agency and the units within it.</param>
    /// <param name="published">Earlier years whose R1 is published, as their latest version shows them: T8 (and T7's previous year) copy them instead of counting (section 4).</param>
    public static TruthActTables Build(ReportProjection projection, int year, ReportInputs inputs, bool suppress, AgencyScope? agency = null, IReadOnlyDictionary<int, PublishedYear>? published = null)
    {
        published ??= new Dictionary<int, PublishedYear>();
        var mapping = projection.Mapping;
        agency ??= AgencyScope.Whole(mapping);
        IReadOnlyList<RequestRow> rows = agency.IsWhole ? projection.Rows : [.. projection.Rows.Where(r => agency.Covers(r.Unit))];
        var tally = Tally.Count(rows, mapping, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var previous = Tally.Count(rows, mapping, new DateOnly(year - 1, 1, 1), new DateOnly(year - 1, 12, 31));
        var s = new CellSystem();
        Cell Count(ReportTable t, long v, bool person, bool invariant = false, bool total = false) => s.Add(t.Id, v, person, invariant, total);
        static CountValue V(Cell c) => new(c);
        static TextValue W(string w) => new(w);

        // T1: access by type. Rows: the ten types, then the total; requests_received = the last four columns.
        var t1 = new ReportTable("t1_access_by_type.csv", "ICE access by request type", "requests; individuals: people", T1Header);
        var t1Cells = new Cell[Tally.Types + 1, 6];
        for (var i = 0; i < Tally.Types; i++)
        {
            var person = RequestTypes.ConcernsPerson((RequestType)i);
            t1Cells[i, 0] = Count(t1, tally.TypeRequests[i], person);
            t1Cells[i, 1] = Count(t1, tally.TypePersons[i].Count, person);
            for (var g = 0; g < 4; g++)
                t1Cells[i, 2 + g] = Count(t1, tally.TypeGroup[i, g], person);
        }
        t1Cells[Tally.Types, 0] = Count(t1, tally.Requests, true, invariant: true, total: true);
        t1Cells[Tally.Types, 1] = Count(t1, tally.Persons.Count, true, invariant: true, total: true);
        for (var g = 0; g < 4; g++)
            t1Cells[Tally.Types, 2 + g] = Count(t1, Enumerable.Range(0, Tally.Types).Sum(i => tally.TypeGroup[i, g]), true, total: true);
        for (var i = 0; i <= Tally.Types; i++)
        {
            var values = new TableValue[] { W(i < Tally.Types ? RequestTypes.Names.Names[i] : "total") }.Concat(Enumerable.Range(0, 6).Select(c => V(t1Cells[i, c]))).ToArray();
            if (i < Tally.Types) t1.Add(values); else t1.AddTotal(values);
            s.Line(t1.Id, Enumerable.Range(2, 4).Select(c => t1Cells[i, c]), t1Cells[i, 0]);
        }
        foreach (var c in new[] { 0, 2, 3, 4, 5 })
            s.Line(t1.Id, Enumerable.Range(0, Tally.Types).Select(i => t1Cells[i, c]), t1Cells[Tally.Types, c]);

        // T2: the funnel of hold, notification and transfer requests by disposition; its total row is T1's rows.
        var t2 = new ReportTable("t2_disposition_funnel.csv", "Disposition funnel of hold, notification and transfer requests", "requests",
            "disposition", "hold", "notification", "transfer", "total");
        var t2Cells = new Cell[FunnelRows.Length, 4];
        for (var r = 0; r < FunnelRows.Length; r++)
        {
            for (var c = 0; c < 3; c++)
                t2Cells[r, c] = Count(t2, tally.Funnel[c, (int)FunnelRows[r]], true);
            t2Cells[r, 3] = Count(t2, Enumerable.Range(0, 3).Sum(c => tally.Funnel[c, (int)FunnelRows[r]]), true);
        }
        var t2Total = new Cell[4];
        for (var c = 0; c < 3; c++)
            t2Total[c] = t1Cells[c, 0];
        t2Total[3] = Count(t2, t2Total.Take(3).Sum(x => x.Value), true, total: true);
        for (var r = 0; r < FunnelRows.Length; r++)
        {
            t2.Add([W(Dispositions.Names.Name(FunnelRows[r])), .. Enumerable.Range(0, 4).Select(c => V(t2Cells[r, c]))]);
            s.Line(t2.Id, Enumerable.Range(0, 3).Select(c => t2Cells[r, c]), t2Cells[r, 3]);
        }
        t2.AddTotal([W("total"), .. t2Total.Select(V)]);
        s.Line(t2.Id, t2Total.Take(3), t2Total[3]);
        for (var c = 0; c < 4; c++)
            s.Line(t2.Id, Enumerable.Range(0, FunnelRows.Length).Select(r => t2Cells[r, c]), t2Total[c]);
        // Across tables: T1's groups of each of the three types are sums of T2's rows.
        for (var c = 0; c < 3; c++)
        {
            s.Line(t2.Id, [t2Cells[0, c], t2Cells[1, c]], t1Cells[c, 2]);
            s.Line(t2.Id, [t2Cells[2, c], t2Cells[3, c]], t1Cells[c, 3]);
            s.Line(t2.Id, [t2Cells[5, c]], t1Cells[c, 4]);
            s.Line(t2.Id, [t2Cells[4, c], t2Cells[6, c]], t1Cells[c, 5]);
        }

        // T3: interviews, requests and people; rows 2-4 sum to row 1, rows 5-8 to row 4.
        var t3 = new ReportTable("t3_interviews.csv", "Interview requests and consent (Gov. Code 7283.1(a))", "requests; people", "stage", "requests", "individuals");
        var t3Cells = new Cell[9];
        for (var i = 0; i < 9; i++)
        {
            t3Cells[i] = i == 0 ? t1Cells[(int)RequestType.Interview, 0] : Count(t3, tally.Interview[i], true);
            t3.Add(W(InterviewStages[i]), V(t3Cells[i]), V(Count(t3, tally.InterviewPersons[i].Count, true)));
        }
        s.Line(t3.Id, [t3Cells[1], t3Cells[2], t3Cells[3]], t3Cells[0]);
        s.Line(t3.Id, [t3Cells[4], t3Cells[5], t3Cells[6], t3Cells[7]], t3Cells[3]);

        var t3l = new ReportTable("t3_consent_form_languages.csv", "Consent forms served, by language", "forms", "language", "forms_served");
        var langCells = tally.FormLanguages.Select(n => Count(t3l, n, true)).ToList();
        for (var i = 0; i < langCells.Count; i++)
            t3l.Add(W(Demographics.ConsentLanguages[i]), V(langCells[i]));
        t3l.AddTotal(W("total"), V(t3Cells[3]));
        s.Line(t3l.Id, langCells, t3Cells[3]);

        // T4: 7283.1(b) notices.
        var t4 = new ReportTable("t4_notices_served.csv", "Notices to the person under Gov. Code 7283.1(b)", "notices",
            "notice", "notices_due", "served", "not_served", "median_hours_to_service");
        var t4Cells = new List<Cell[]>();
        for (var n = 0; n < mapping.Notices.Count; n++)
        {
            var due = Count(t4, tally.NoticeDue[n], true);
            var served = Count(t4, tally.NoticeServed[n], true);
            var notServed = Count(t4, tally.NoticeDue[n] - tally.NoticeServed[n], true);
            t4Cells.Add([due, served, notServed]);
            var median = Median(tally.NoticeHours[n]);
            t4.Add(W(mapping.Notices[n].Notice), V(due), V(served), V(notServed),
                new DerivedValue([served], median is { } m ? DerivedValue.Fixed(m, 1) : null, SmallGroup: tally.NoticeServed[n] < Suppressor.CandidateMin));
            s.Line(t4.Id, [served, notServed], due);
        }
        var t4Total = Enumerable.Range(0, 3).Select(c => Count(t4, t4Cells.Sum(r => r[c].Value), true, total: true)).ToArray();
        var allHours = tally.NoticeHours.SelectMany(h => h).ToList();
        t4.AddTotal(W("total"), V(t4Total[0]), V(t4Total[1]), V(t4Total[2]),
            new DerivedValue([t4Total[1]], Median(allHours) is { } am ? DerivedValue.Fixed(am, 1) : null, SmallGroup: allHours.Count < Suppressor.CandidateMin));
        s.Line(t4.Id, [t4Total[1], t4Total[2]], t4Total[0]);
        for (var c = 0; c < 3; c++)
            s.Line(t4.Id, t4Cells.Select(r => r[c]), t4Total[c]);

        // T5: people given access by the most serious offence category; categories under 11 people merge into other (P4).
        var t5 = new ReportTable("t5_offence_categories.csv", "People given access, by most serious offence category", "people given access", "offence_category", "individuals");
        var accessTotal = Count(t5, tally.PersonsGivenAccess.Count, true, invariant: true, total: true);
        var byCategory = new long[mapping.OffenceCategories.Count];
        long other = 0, none = 0;
        foreach (var (category, _, _, _, _) in tally.AccessPeople.Values)
        {
            if (category == RequestRow.NoOffence) none++;
            else if (category == RequestRow.OtherCategory || category >= byCategory.Length) other++;
            else byCategory[category]++;
        }
        var t5Members = new List<Cell>();
        for (var i = 0; i < byCategory.Length; i++)
        {
            if (suppress && byCategory[i] is > 0 and < Suppressor.CandidateMin)
            {
                // Merged into other before P1 (P4): the row says so instead of a count.
                other += byCategory[i];
                t5.Add(W(mapping.OffenceCategories[i].Category), W(""));
                continue;
            }
            var cell = Count(t5, byCategory[i], true);
            t5Members.Add(cell);
            t5.Add(W(mapping.OffenceCategories[i].Category), V(cell));
        }
        var otherCell = Count(t5, other, true);
        var noneCell = Count(t5, none, true);
        t5.Add(W("other"), V(otherCell));
        t5.Add(W("no-qualifying-offence"), V(noneCell));
        t5.AddTotal(W("total"), V(accessTotal));
        s.Line(t5.Id, [.. t5Members, otherCell, noneCell], accessTotal);
        if (suppress && byCategory.Any(n => n is > 0 and < Suppressor.CandidateMin))
            t5.Notes.Add("Categories with fewer than 11 people are counted under other (P4).");

        var t5c = new ReportTable("t5_offence_codes.csv", "Offence codes in each category (appendix)", "codes", "offence_category", "offence_code", "offence_description");
        foreach (var category in mapping.OffenceCategories)
            foreach (var table in category.Tables)
                foreach (var (code, title) in inputs.TableCodes(table))
                    t5c.Add(W(category.Category), W(code), W(title));

        // T6: demographics, one-way, each attribute a line whose total is the people given access (P4).
        var t6 = new ReportTable("t6_demographics.csv", "People given access, by one attribute at a time", "people given access", "attribute", "category", "individuals");
        var people = tally.AccessPeople.Values.ToList();
        void Attribute(string name, IReadOnlyList<string> categories, Func<(byte Category, byte Gender, byte Race, byte Age, ushort Country), string> of)
        {
            var cells = categories.Select(c => (c, Count(t6, people.LongCount(p => of(p) == c), true))).ToList();
            foreach (var (c, cell) in cells)
                t6.Add(W(name), W(c), V(cell));
            t6.Add(W(name), W("total"), V(accessTotal));
            s.Line(t6.Id, cells.Select(x => x.Item2), accessTotal);
        }
        Attribute("gender", Demographics.Genders, p => Demographics.Genders[p.Gender]);
        Attribute("age-band", Demographics.AgeBands, p => Demographics.AgeBands[p.Age]);
        Attribute("race-ethnicity", Demographics.Races, p => Demographics.Races[p.Race]);
        var countries = people.Where(p => p.Country != 0).GroupBy(p => p.Country)
            .Select(g => (Code: Demographics.CountryCode(g.Key), Count: g.Count()))
            .Where(x => x.Count >= Suppressor.CandidateMin).OrderByDescending(x => x.Count).ThenBy(x => x.Code, StringComparer.Ordinal).Take(5)
            .Select(x => x.Code).ToList();
        Attribute("country-of-birth", [.. countries, "other", "not-recorded"], p =>
            p.Country == 0 ? "not-recorded" : countries.Contains(Demographics.CountryCode(p.Country)) ? Demographics.CountryCode(p.Country) : "other");

        // T7: month by month, this year and last.
        var t7 = new ReportTable("t7_month_by_month.csv", "Requests and access given, month by month", "requests",
            "month", "requests_received", "access_given", "previous_year_requests_received", "previous_year_access_given");
        // Last year's columns copy its published R1 when there is one: one year never shows two sets of figures.
        var lastYear = published.GetValueOrDefault(year - 1);
        var t7Cells = new Cell[12, 4];
        for (var m = 0; m < 12; m++)
        {
            t7Cells[m, 0] = Count(t7, tally.MonthRequests[m], true);
            t7Cells[m, 1] = Count(t7, tally.MonthAccess[m], true);
            if (lastYear is null)
            {
                t7Cells[m, 2] = Count(t7, previous.MonthRequests[m], true);
                t7Cells[m, 3] = Count(t7, previous.MonthAccess[m], true);
            }
            t7.Add([W($"{year:D4}-{m + 1:D2}"), V(t7Cells[m, 0]), V(t7Cells[m, 1]),
                lastYear is null ? V(t7Cells[m, 2]) : W(lastYear.MonthRequests[m]), lastYear is null ? V(t7Cells[m, 3]) : W(lastYear.MonthAccess[m])]);
        }
        var t7Total = new[]
        {
            t1Cells[Tally.Types, 0], t1Cells[Tally.Types, 2],
            Count(t7, lastYear?.Requests ?? previous.Requests, true, invariant: true, total: true),
            lastYear is null ? Count(t7, previous.AccessGiven, true, total: true) : null!, // copied as published, no cell of this report
        };
        t7.AddTotal([W("total"), V(t7Total[0]), V(t7Total[1]), V(t7Total[2]), lastYear is null ? V(t7Total[3]) : W(lastYear.Totals[2])]);
        for (var c = 0; c < (lastYear is null ? 4 : 2); c++)
            s.Line(t7.Id, Enumerable.Range(0, 12).Select(m => t7Cells[m, c]), t7Total[c]);

        // T8: year over year. An earlier year whose R1 is published is copied from its latest
        // version, frozen (a correction reaches it only through that year's next version, C7);
        // a year never published is counted from the ledger, and the note says which is which.
        var t8 = new ReportTable("t8_year_over_year.csv", "Year over year", "per column",
            "year", "requests_received", "individuals", "access_given", "individuals_given_access", "people_transferred", "requests_change_pct");
        var firstYear = rows.Count == 0 ? year : Math.Min(year, rows.Min(r => DateOnly.FromDayNumber(r.LocalDay).Year));
        if (published.Count > 0)
            firstYear = Math.Min(firstYear, published.Keys.Min());
        Cell? lastRequests = null;
        var copied = new List<string>();
        var counted = new List<string>();
        for (var y = firstYear; y <= year; y++)
        {
            Cell requests;
            TableValue[] values;
            if (y < year && published.GetValueOrDefault(y) is { } p)
            {
                requests = y == year - 1 ? t7Total[2] : Count(t8, p.Requests, true, invariant: true);
                values = [V(requests), W(p.Totals[1]), W(p.Totals[2]), W(p.Totals[3]), W(p.Totals[4])];
                copied.Add(string.Create(CultureInfo.InvariantCulture, $"{y} from version {p.Version} of its report ({p.Period}, ledger checkpoint {p.TreeSize})"));
            }
            else
            {
                var ty = y == year ? tally : y == year - 1 ? previous : Tally.Count(rows, mapping, new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
                requests = y == year ? t1Cells[Tally.Types, 0] : y == year - 1 ? t7Total[2] : Count(t8, ty.Requests, true, invariant: true);
                var access = y == year ? t1Cells[Tally.Types, 2] : y == year - 1 ? t7Total[3] : Count(t8, ty.AccessGiven, true);
                values = [V(requests), V(y == year ? t1Cells[Tally.Types, 1] : Count(t8, ty.Persons.Count, true, invariant: true)), V(access),
                    V(y == year ? accessTotal : Count(t8, ty.PersonsGivenAccess.Count, true, invariant: true)),
                    V(Count(t8, ty.PersonsTransferred.Count, true, invariant: true))];
                if (y < year)
                    counted.Add(y.ToString("D4", CultureInfo.InvariantCulture));
            }
            var change = lastRequests is { Value: > 0 } before
                ? new DerivedValue([before, requests], DerivedValue.Fixed(100.0 * (requests.Value - before.Value) / before.Value, 1))
                : new DerivedValue([requests], null);
            t8.Add([W(y.ToString("D4", CultureInfo.InvariantCulture)), .. values, change]);
            lastRequests = requests;
        }
        if (copied.Count > 0)
            t8.Notes.Add("Earlier years as published, never recomputed: " + string.Join("; ", copied) + ". A later correction of such a year is published as a new version of that year's report.");
        if (counted.Count > 0)
            t8.Notes.Add($"No report is published for {string.Join(", ", counted)}: counted from the ledger at this report's checkpoint.");
        if (lastYear is not null)
            t7.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"The {year - 1} columns are copied from version {lastYear.Version} of the {year - 1} report, as published."));

        // T9: rates per 1,000 bookings and releases, from the denominator inputs (C4); never estimated.
        var t9 = new ReportTable("t9_rates.csv", "Rates per 1,000 bookings and releases", "per 1,000",
            "measure", "count", "bookings", "releases", "per_1000_bookings", "per_1000_releases");
        var (bookings, releases, complete) = inputs.Denominators(year, mapping, agency.IsWhole ? null : mapping.Units.Where((_, i) => agency.Covers(i)).Select(u => u.Unit).ToHashSet(StringComparer.Ordinal));
        var transferredCell = Count(t9, tally.PersonsTransferred.Count, true, invariant: true);
        foreach (var (measure, cell) in new[] { ("requests-received", t1Cells[Tally.Types, 0]), ("access-given", t1Cells[Tally.Types, 2]), ("people-transferred", transferredCell) })
        {
            string? Rate(long d) => complete && d > 0 ? DerivedValue.Fixed(1000.0 * cell.Value / d, 2) : null;
            t9.Add(W(measure), V(cell), W(complete ? bookings.ToString(CultureInfo.InvariantCulture) : ""), W(complete ? releases.ToString(CultureInfo.InvariantCulture) : ""),
                new DerivedValue([cell], Rate(bookings)), new DerivedValue([cell], Rate(releases)));
        }
        if (!complete)
            t9.Notes.Add("No complete denominator input (bookings and releases of every unit and month) was recorded for the year: the rates are left empty, never estimated (C4).");

        // T10: cost estimate from the cost-basis input.
        var t10 = new ReportTable("t10_cost_estimate.csv", "Estimated staff cost", "US dollars",
            "activity", "requests", "minutes_per_request", "staff_hours", "hourly_cost_usd", "cost_usd");
        var cost = inputs.CostBasis(year);
        var costCells = new List<Cell>();
        double totalCost = 0;
        for (var i = 0; i < Tally.Types; i++)
        {
            var cell = t1Cells[i, 0];
            costCells.Add(cell);
            var minutes = cost?.Minutes(RequestTypes.Names.Names[i]);
            var hours = minutes is { } mm ? cell.Value * mm / 60.0 : (double?)null;
            var usd = hours is { } h && cost is not null ? h * cost.HourlyUsd : (double?)null;
            totalCost += usd ?? 0;
            t10.Add(W(RequestTypes.Names.Names[i]), V(cell), W(minutes is { } x ? DerivedValue.Fixed(x, 0) : ""),
                new DerivedValue([cell], hours is { } hh ? DerivedValue.Fixed(hh, 1) : null),
                W(cost is null ? "" : DerivedValue.Fixed(cost.HourlyUsd, 2)),
                new DerivedValue([cell], usd is { } u ? DerivedValue.Fixed(u, 2) : null));
        }
        var forumHours = cost?.ForumPreparationHours;
        var forumUsd = forumHours is { } fh && cost is not null ? fh * cost.HourlyUsd : (double?)null;
        totalCost += forumUsd ?? 0;
        t10.Add(W("forum-preparation"), W(""), W(""), W(forumHours is { } f ? DerivedValue.Fixed(f, 1) : ""),
            W(cost is null ? "" : DerivedValue.Fixed(cost.HourlyUsd, 2)), W(forumUsd is { } fu ? DerivedValue.Fixed(fu, 2) : ""));
        t10.AddTotal(W("total"), V(t1Cells[Tally.Types, 0]), W(""), W(""), W(""),
            new DerivedValue(costCells, cost is null ? null : DerivedValue.Fixed(totalCost, 2)));
        if (cost is null)
            t10.Notes.Add("No cost-basis input was recorded for the year: no cost is estimated.");
        else
            t10.Notes.Add("Method: staff hours = requests x minutes per request / 60; cost = staff hours x hourly cost; forum preparation hours as recorded (Sonoma's 'Estimated County Staff Costs').");

        // T11: every law-enforcement and jail unit (of an agency's report: the agency and the units within it).
        var t11 = new ReportTable("t11_agencies_covered.csv", "Agencies covered", "requests",
            "unit", "unit_name", "unit_kind", "requests_received", "access_given", "status");
        var unitRows = new List<(Cell Requests, Cell Access)>();
        for (var u = 0; u < mapping.Units.Count; u++)
        {
            var unit = mapping.Units[u];
            if (unit.Kind is not ("law-enforcement" or "jail") || !agency.Covers(u))
                continue;
            var req = Count(t11, tally.UnitRequests[u], true);
            var acc = Count(t11, tally.UnitAccess[u], true);
            unitRows.Add((req, acc));
            var status = tally.UnitRequests[u] > 0 ? "reported"
                : inputs.Attested(unit.Unit, tally.First, tally.Last) ? "certified-zero" : "no-records-no-attestation";
            t11.Add(W(unit.Unit), W(unit.Name), W(unit.Kind), V(req), V(acc), W(status));
        }
        t11.AddTotal(W("total"), W(""), W(""), V(t1Cells[Tally.Types, 0]), V(t1Cells[Tally.Types, 2]), W(""));
        s.Line(t11.Id, unitRows.Select(r => r.Requests), t1Cells[Tally.Types, 0]);
        s.Line(t11.Id, unitRows.Select(r => r.Access), t1Cells[Tally.Types, 2]);

        var tables = new List<ReportTable> { t1, t2, t3, t3l, t4, t5, t5c, t6, t7, t8, t9, t10, t11 };
        var result = suppress ? Suppressor.Run(s) : new SuppressionResult(true, [], [], null);
        foreach (var t in tables)
            if (result.TotalsOnly.Contains(t.Id))
            {
                t.TotalsOnly = true;
                t.Notes.Add(ReportTable.TotalsOnlyNote);
            }
        return new TruthActTables { Year = year, Agency = agency, Tally = tally, PreviousYear = previous, Cells = s, Tables = tables, Suppression = result };
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
            return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
