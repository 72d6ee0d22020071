using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Contract;
using Comity.Reports;
using Comity.Tests.Reports.Support;

namespace Comity.Tests.Reports;

/// <summary>
/// A year of generated cases with known counts, recorded through the recording part as staff would
/// (decisions, counsel overrides, actions, corrections, voids, an empty month, requests out of scope),
/// then R1: every cell of T1 to T11 equals the count this test computes itself from the requests it
/// sent, the answers it got and the inputs it recorded (never by calling the report code), and the
/// public copy withholds exactly by the markers' rules.
/// </summary>
public sealed class TruthActYearTests
{
    private const int Year = 2025;
    private const int EmptyMonth = 8;

    internal sealed class Planned
    {
        public long CaseId;
        public string Act = "";
        public DateOnly Day;
        public string Unit = "lapd";
        public bool InScope = true;
        public int? Person;
        public Outcome Outcome;
        public Outcome? StateLayer;
        public bool Reviewed;
        public bool Voided;
        public string? Action;
        public bool Attorney;
        public int Index;
        public bool? FormServed;
        public bool? Consented;
        public bool ConsentAttorney;
        public string? FormLanguage;
        public string Offence = "";
        public List<string> Obligations = [];
        public DateTimeOffset? NoticeServedAt;
        public DateTimeOffset? ReleaseNoticeServedAt;
        public DateTimeOffset? NotifiedAt;
        public DateTimeOffset Received => new(Day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(-8));
    }

    private static readonly string[] Acts = ["hold", "notify-release", "transfer", "interview", "disclose", "alpr-search", "facility-access"];

    /// <summary>
    /// Records the generated year through the recording part as staff would: 140 decisions, a
    /// correction into another month, counsel's overrides, actions, voids, notices served, monthly
    /// denominators and a cost basis. Returns what was planned, for the counts to be checked against.
    /// </summary>
    internal static async Task<List<Planned>> RecordYear(ReportSite site)
    {
        var random = new Random(Year);
        var consent = new Random(7283);
        var planned = new List<Planned>();
        for (var i = 0; i < 140; i++)
        {
            var month = random.Next(1, 12);
            if (month >= EmptyMonth) month++;
            var p = new Planned
            {
                Index = i,
                Act = Acts[random.Next(Acts.Length)],
                Day = new DateOnly(i < 120 ? Year : Year - 1, month, random.Next(1, 28)),
                Person = random.Next(10) < 8 ? random.Next(25) : null,
                Unit = random.Next(10) < 7 ? "lapd" : "lapd-jail-division",
            };
            // A third agency of the City, outside the Department, so that the agencies' own reports have something to add up.
            if (i % 11 == 4) p.Unit = "port-police";
            if (p.Act == "interview")
            {
                p.FormServed = consent.Next(4) switch { 0 => null, 1 => false, _ => true };
                p.Consented = consent.Next(4) switch { 0 => null, 1 => false, _ => true };
                p.ConsentAttorney = consent.Next(2) == 0;
                p.FormLanguage = ConsentLanguages[consent.Next(ConsentLanguages.Length)];
            }
            p.Offence = ((p.Person ?? i) % 3) switch { 0 => "PC 211", 1 => "VC 22350", _ => "" };
            var purpose = "civil-immigration";
            if (i % 23 == 5) { purpose = "criminal"; p.InScope = false; }
            if (i % 29 == 7) { p.Unit = "library"; p.InScope = false; }
            planned.Add(p);
            var recorded = await site.Decide(Request(p, purpose, i));
            p.CaseId = recorded.CaseId;
            Take(p, recorded.Answer);
        }
        // A correction moves a request into another month (data-entry-error), re-decided.
        foreach (var p in planned.Where((_, i) => i % 17 == 3).ToList())
        {
            p.Day = new DateOnly(p.Day.Year, p.Day.Month == 1 ? 2 : p.Day.Month - 1, 15);
            if (p.Day.Month == EmptyMonth) p.Day = p.Day.AddMonths(-1);
            var corrected = await site.Workflow.CorrectAsync(p.CaseId, Encoding.UTF8.GetBytes(Request(p, p.InScope ? "civil-immigration" : "criminal", planned.IndexOf(p))),
                CorrectionReason.DataEntryError, "Received date typed wrongly.", "clerk");
            Assert.True(corrected.Error is null, corrected.Error?.Message);
            Take(p, corrected.Value!.Answer);
        }
        // Counsel overrides a third of the denials to permit; the unit then acts on some of them.
        foreach (var p in planned.Where((_, i) => i % 3 == 0))
        {
            if (p.Outcome == Outcome.Permit)
                continue;
            var review = await site.Workflow.ReviewAsync(p.CaseId, ReviewVerdict.Override, Outcome.Permit, "Counsel reads the record as permitting this request.", "counsel");
            Assert.True(review.Error is null, review.Error?.Message);
            p.Outcome = Outcome.Permit;
            p.Reviewed = true;
        }
        foreach (var p in planned.Where((_, i) => i % 2 == 0))
        {
            var (kind, agency, attorney) = p.Act switch
            {
                "transfer" => (CaseActionKind.Transferred, "ice-ero", (bool?)null),
                "notify-release" => (CaseActionKind.Notified, null, null),
                "disclose" => (CaseActionKind.InformationGiven, null, null),
                "interview" => (CaseActionKind.InterviewHeld, null, p.CaseId % 4 == 0),
                "hold" => (CaseActionKind.Released, null, null),
                _ => (CaseActionKind.Declined, null, null),
            };
            var at = p.Day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00:00-08:00";
            var action = await site.Workflow.RecordActionAsync(p.CaseId, kind, at, agency, attorney, "clerk");
            Assert.True(action.Error is null, action.Error?.Message);
            p.Action = CaseVocabularies.Actions.Name(kind);
            p.Attorney = attorney == true;
            if (kind == CaseActionKind.Notified)
                p.NotifiedAt = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
        }
        foreach (var p in planned.Where((_, i) => i % 19 == 11))
        {
            var voided = await site.Workflow.VoidAsync(p.CaseId, CorrectionReason.Duplicate, "Entered twice.", "clerk");
            Assert.True(voided.Error is null, voided.Error?.Message);
            p.Voided = true;
        }

        // 7283.1(b) notices served: the copy of the request on some cases, the release notice on others, a known number of hours after.
        foreach (var p in planned.Where(p => !p.Voided))
        {
            if (p.Obligations.Contains("ca.7283-1.b") && p.Index % 5 == 0)
            {
                p.NoticeServedAt = p.Received.AddHours(p.Index % 7 + 1);
                await Serve(site, p, "ca.7283-1.b", p.NoticeServedAt.Value);
            }
            if (p.Obligations.Contains("ca.7283-1.b.notice") && p.Index % 5 == 1)
            {
                p.ReleaseNoticeServedAt = p.Received.AddHours(30 + p.Index % 4);
                await Serve(site, p, "ca.7283-1.b.notice", p.ReleaseNoticeServedAt.Value);
            }
        }
        // Denominators for every month of the year of both units, and the cost basis (T9, T10), as report-input entries.
        for (var m = 1; m <= 12; m++)
            foreach (var unit in new[] { "lapd", "lapd-jail-division" })
                await Input(site, "denominator", $$"""{"unit":"{{unit}}","month":"{{Year}}-{{m:D2}}","bookings":{{100 + m}},"releases":{{90 + m}}}""");
        await Input(site, "cost-basis", $$$"""{"year":{{{Year}}},"hourlyCostUsd":80.5,"forumPreparationHours":12,"minutesPerRequest":{"hold":30,"notification":15,"transfer":45,"interview":60,"information":20,"alpr":10}}""");
        return planned;
    }

    [Fact]
    public async Task Every_cell_of_the_year_equals_the_count_of_the_requests_sent()
    {
        using var site = new ReportSite();
        var planned = await RecordYear(site);

        var build = site.Maker().TruthAct(Year, ReportMaker.Internal);
        Assert.Equal(ReportStatus.Written, build.Status);
        var counted = planned.Where(p => p.InScope && !p.Voided && p.Day.Year == Year).ToList();
        Assert.NotEmpty(counted);

        // T1, every type and column.
        var t1 = Rows(build, "t1_access_by_type.csv");
        Assert.Equal("request_type,requests_received,individuals,access_given,declined,released_before_action,pending_at_period_end", string.Join(",", t1.Header));
        string[] types = ["hold", "notification", "transfer", "interview", "information", "alpr", "civil-arrest", "facility-access", "operations", "other"];
        foreach (var type in types.Append("total"))
        {
            var of = counted.Where(p => type == "total" || TypeOf(p.Act) == type).ToList();
            var dispositions = of.Select(Disposition).ToList();
            Assert.Equal(
                [type, N(of.Count), N(People(of)), N(dispositions.Count(d => d is "transferred" or "interview-with-attorney" or "interview-without-attorney" or "responded")),
                 N(dispositions.Count(d => d is "declined-by-person" or "not-permitted-by-state-law" or "declined-by-local-policy")),
                 N(dispositions.Count(d => d == "released-before-action")), N(dispositions.Count(d => d is "awaiting-counsel" or "pending-at-period-end"))],
                t1.Row(type));
        }

        // T2, the funnel.
        var t2 = Rows(build, "t2_disposition_funnel.csv");
        foreach (var d in new[] { "transferred", "responded", "not-permitted-by-state-law", "declined-by-local-policy", "awaiting-counsel", "released-before-action", "pending-at-period-end" })
        {
            var hold = counted.Count(p => p.Act == "hold" && Disposition(p) == d);
            var notify = counted.Count(p => p.Act == "notify-release" && Disposition(p) == d);
            var transfer = counted.Count(p => p.Act == "transfer" && Disposition(p) == d);
            Assert.Equal([d, N(hold), N(notify), N(transfer), N(hold + notify + transfer)], t2.Row(d));
        }

        // T7, month by month, the empty month at zero.
        var t7 = Rows(build, "t7_month_by_month.csv");
        for (var m = 1; m <= 12; m++)
        {
            var key = $"{Year}-{m:D2}";
            var these = counted.Where(p => p.Day.Month == m).ToList();
            var last = planned.Where(p => p.InScope && !p.Voided && p.Day.Year == Year - 1 && p.Day.Month == m).ToList();
            Assert.Equal([key, N(these.Count), N(these.Count(Access)), N(last.Count), N(last.Count(Access))], t7.Row(key));
        }
        Assert.Equal(["2025-08", "0", "0", "0", "0"], t7.Row("2025-08"));

        // T11: each unit's counts.
        var t11 = Rows(build, "t11_agencies_covered.csv");
        foreach (var unit in new[] { "lapd", "lapd-jail-division" })
        {
            var these = counted.Where(p => p.Unit == unit).ToList();
            var row = t11.Row(unit);
            Assert.Equal([N(these.Count), N(these.Count(Access)), "reported"], row[3..]);
        }

        CheckInterviews(build, counted);
        CheckNotices(build, counted);
        CheckOffencesAndDemographics(build, counted);
        CheckYearOverYear(build, planned);
        CheckRatesAndCost(build, counted);

        // R2: one event per transferred action of the year, by unit.
        var r2 = site.Maker().Sb54(Year);
        Assert.Equal(ReportStatus.Written, r2.Status);
        var summary = Rows(r2, "e2_summary.csv");
        foreach (var unit in new[] { "lapd", "lapd-jail-division" })
        {
            var transferred = planned.Where(p => p.InScope && !p.Voided && p.Unit == unit && p.Action == "transferred" && p.Day.Year == Year).ToList();
            Assert.Equal(N(transferred.Count), summary.Row(unit)[3]);
            Assert.Equal(N(People(transferred)), summary.Row(unit)[2]);
        }

        // The public copy: each cell shows its exact count, or 1-10 for a count of 1 to 10 of a person type, or c (11 or more).
        var publicBuild = site.Maker().TruthAct(Year, ReportMaker.Public);
        Assert.Equal(ReportStatus.Written, publicBuild.Status);
        foreach (var file in new[] { "t1_access_by_type.csv", "t2_disposition_funnel.csv", "t3_interviews.csv", "t3_consent_form_languages.csv", "t4_notices_served.csv", "t7_month_by_month.csv", "t11_agencies_covered.csv" })
        {
            var exact = Rows(build, file);
            var shown = Rows(publicBuild, file);
            foreach (var (key, values) in exact.Data)
            {
                var publicRow = shown.Data.SingleOrDefault(d => d.Key == key);
                if (publicRow.Values is null)
                {
                    // A totals-only table keeps its total row alone.
                    Assert.NotEqual("total", key);
                    Assert.Single(shown.Data);
                    continue;
                }
                var publicValues = publicRow.Values;
                for (var c = 0; c < values.Length; c++)
                {
                    if (!long.TryParse(values[c], out var n))
                        continue;
                    var personType = file != "t1_access_by_type.csv" || !(key is "facility-access" or "operations" or "other");
                    var protectedCount = personType && n is >= 1 and <= 10;
                    var p = publicValues[c];
                    if (protectedCount)
                        Assert.True(p is "1-10" || p == "", $"{file} {key} column {c}: {n} shown as {p}");
                    else
                        Assert.True(p == values[c] || (p == "c" && n >= 11) || p == "", $"{file} {key} column {c}: {n} shown as {p}");
                }
            }
        }

        CheckAgencies(site, build, publicBuild, counted);
    }

    /// <summary>
    /// Issue 21 point 1, R1 per agency: the agencies with no law-enforcement or jail unit above them
    /// split the jurisdiction, so their own reports' T1 request counts add up to the governing body's
    /// (individuals do not: one person asked of by two agencies is one person in the City's report);
    /// the public copies add up wherever neither side shows a marker. The Jail Division's report
    /// counts its own requests only, names it, and lists it alone in T11.
    /// </summary>
    private static void CheckAgencies(ReportSite site, ReportBuild whole, ReportBuild wholePublic, List<Planned> counted)
    {
        var units = site.Stack.Units.ToDictionary(u => u.Id);
        static bool Agency(Comity.Law.Unit u) => u.Kind is ActorKind.LawEnforcement or ActorKind.Jail;
        var tops = site.Stack.Units.Where(u => Agency(u) && !(u.Within is { } w && units.TryGetValue(w, out var parent) && Agency(parent))).Select(u => u.Id).ToList();
        Assert.Contains("lapd", tops);
        Assert.Contains("port-police", tops);
        Assert.DoesNotContain("lapd-jail-division", tops);
        int[] requestColumns = [1, 3, 4, 5, 6];
        var exact = tops.Select(u => site.Maker().TruthAct(Year, ReportMaker.Internal, unit: u)).ToList();
        var shown = tops.Select(u => site.Maker().TruthAct(Year, ReportMaker.Public, unit: u)).ToList();
        Assert.All(exact.Concat(shown), b => Assert.Equal(ReportStatus.Written, b.Status));
        var wholeT1 = Rows(whole, "t1_access_by_type.csv");
        var wholePublicT1 = Rows(wholePublic, "t1_access_by_type.csv");
        var added = 0;
        foreach (var (type, values) in wholeT1.Data)
        {
            foreach (var c in requestColumns)
                Assert.Equal(long.Parse(values[c - 1], CultureInfo.InvariantCulture), exact.Sum(b => long.Parse(Rows(b, "t1_access_by_type.csv").Row(type)[c], CultureInfo.InvariantCulture)));
            Assert.True(exact.Sum(b => long.Parse(Rows(b, "t1_access_by_type.csv").Row(type)[2], CultureInfo.InvariantCulture)) >= long.Parse(values[1], CultureInfo.InvariantCulture));
            foreach (var c in requestColumns)
            {
                // A totals-only table (the breakdown of a small agency withheld) has no row to add.
                var parts = shown.Select(b => Rows(b, "t1_access_by_type.csv").Data.SingleOrDefault(d => d.Key == type).Values?[c - 1]).ToList();
                var city = wholePublicT1.Data.SingleOrDefault(d => d.Key == type).Values?[c - 1];
                if (!long.TryParse(city, out var total) || parts.Any(v => !long.TryParse(v, out _)))
                    continue;
                Assert.Equal(total, parts.Sum(v => long.Parse(v!, CultureInfo.InvariantCulture)));
                added++;
            }
        }
        Assert.True(added > 0, "no public cell of T1 was shown by every agency and the City alike");

        var jail = site.Maker().TruthAct(Year, ReportMaker.Internal, unit: "lapd-jail-division");
        var jailCounted = counted.Where(p => p.Unit == "lapd-jail-division").ToList();
        Assert.Equal(N(jailCounted.Count), Rows(jail, "t1_access_by_type.csv").Row("total")[1]);
        Assert.Equal(N(jailCounted.Count(Access)), Rows(jail, "t1_access_by_type.csv").Row("total")[3]);
        Assert.Equal(["lapd-jail-division"], Rows(jail, "t11_agencies_covered.csv").Data.Where(d => d.Key != "total").Select(d => d.Key));
        Assert.Equal("2025-lapd-jail-division", jail.Manifest.Period);
        Assert.Contains("<h1>ICE access in 2025 at LAPD Jail Division", Encoding.UTF8.GetString(jail.Files["report.html"]), StringComparison.Ordinal);
        Assert.Equal(N(counted.Count(p => p.Unit is "lapd" or "lapd-jail-division")), Rows(exact[tops.IndexOf("lapd")], "t1_access_by_type.csv").Row("total")[1]);
    }

    // The test's own vocabularies, written from reports.md section 4 (not read from the report code).
    private static readonly string[] ConsentLanguages = ["en", "es", "zh", "tl", "vi", "ko", "fr"];
    private static readonly string[] Races = ["asian", "black", "hispanic-latino", "white", "multiple"];
    private static readonly string[] Genders = ["female", "male", "another-gender", "not-recorded"];
    private static readonly string[] AgeBands = ["under-20", "20-29", "30-39", "40-49", "50-59", "60-and-over", "not-recorded"];
    private static readonly string[] RaceRows = ["asian", "black", "hispanic-latino", "middle-eastern-south-asian", "native-american", "pacific-islander", "white", "multiple", "not-recorded"];

    private static string? Country(int person) => (person % 4) switch { 0 => "MX", 1 => "GT", 2 => "SV", _ => null };

    private static async Task Serve(ReportSite site, Planned p, string rule, DateTimeOffset at)
    {
        var served = await site.Workflow.ServeObligationAsync(p.CaseId, rule, at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), "Officer Diaz", "clerk");
        Assert.True(served.Error is null, served.Error?.Message);
    }

    private static async Task Input(ReportSite site, string type, string data)
    {
        using var json = System.Text.Json.JsonDocument.Parse(data);
        await site.Folder.Ledger.AppendAsync(new Comity.Ledger.LedgerEntry(ReportInput.Kind, ReportInput.Write(type, json.RootElement, "records-officer"), DateTimeOffset.UtcNow));
    }

    /// <summary>Only people count in these tables: the person's number, or the request itself when it names no one.</summary>
    private static object Key(Planned p) => p.Person is { } n ? n : (object)("request " + p.Index);

    private static bool PersonAccess(Planned p) => Access(p) && p.Act != "facility-access";

    private static void CheckInterviews(ReportBuild build, List<Planned> counted)
    {
        var interviews = counted.Where(p => p.Act == "interview").ToList();
        var denied = interviews.Where(p => Disposition(p) is "not-permitted-by-state-law" or "declined-by-local-policy").ToList();
        var rest = interviews.Except(denied).ToList();
        var notServed = rest.Where(p => p.FormServed != true).ToList();
        var served = rest.Where(p => p.FormServed == true).ToList();
        var stages = new (string Stage, List<Planned> Of)[]
        {
            ("interview-requested", interviews),
            ("not-permitted-or-declined-by-policy", denied),
            ("consent-form-not-served", notServed),
            ("consent-form-served", served),
            ("consented-with-attorney", served.Where(p => p.Consented == true && p.ConsentAttorney).ToList()),
            ("consented-without-attorney", served.Where(p => p.Consented == true && !p.ConsentAttorney).ToList()),
            ("declined-by-person", served.Where(p => p.Consented == false).ToList()),
            ("awaiting-answer", served.Where(p => p.Consented is null).ToList()),
            ("interview-held", interviews.Where(p => Disposition(p) is "interview-with-attorney" or "interview-without-attorney").ToList()),
        };
        var t3 = Rows(build, "t3_interviews.csv");
        Assert.Equal("stage,requests,individuals", string.Join(",", t3.Header));
        Assert.Equal(stages.Select(x => x.Stage), t3.Data.Select(d => d.Key));
        foreach (var (stage, of) in stages)
            Assert.Equal([stage, N(of.Count), N(of.Select(Key).Distinct().Count())], t3.Row(stage));
        Assert.True(served.Count >= 3 && denied.Count > 0 && notServed.Count > 0, "the year has interviews at each stage");

        var languages = Rows(build, "t3_consent_form_languages.csv");
        foreach (var language in new[] { "en", "es", "zh", "tl", "vi", "ko", "other" })
            Assert.Equal([language, N(served.Count(p => (p.FormLanguage is "en" or "es" or "zh" or "tl" or "vi" or "ko" ? p.FormLanguage : "other") == language))], languages.Row(language));
        Assert.Equal(["total", N(served.Count)], languages.Row("total"));
    }

    private static void CheckNotices(ReportBuild build, List<Planned> counted)
    {
        var t4 = Rows(build, "t4_notices_served.csv");
        Assert.Equal("notice,notices_due,served,not_served,median_hours_to_service", string.Join(",", t4.Header));
        var rows = new (string Notice, string Rule, Func<Planned, DateTimeOffset?> Served, Func<Planned, DateTimeOffset> From)[]
        {
            ("copy-of-request-and-intent", "ca.7283-1.b", p => p.NoticeServedAt, p => p.Received),
            ("release-notice-to-person", "ca.7283-1.b.notice", p => p.ReleaseNoticeServedAt, p => p.NotifiedAt ?? p.Received),
            ("release-notice-to-attorney-or-designee", "ca.7283-1.b.notice", p => p.ReleaseNoticeServedAt, p => p.NotifiedAt ?? p.Received),
        };
        var allHours = new List<double>();
        var (dueAll, servedAll) = (0, 0);
        foreach (var (notice, rule, servedAt, from) in rows)
        {
            var due = counted.Where(p => p.Obligations.Contains(rule)).ToList();
            var served = due.Where(p => servedAt(p) is not null).ToList();
            var hours = served.Select(p => Math.Max(0, (servedAt(p)!.Value - from(p)).TotalHours)).ToList();
            allHours.AddRange(hours);
            dueAll += due.Count;
            servedAll += served.Count;
            Assert.Equal([notice, N(due.Count), N(served.Count), N(due.Count - served.Count), MedianText(hours)], t4.Row(notice));
        }
        Assert.Equal(["total", N(dueAll), N(servedAll), N(dueAll - servedAll), MedianText(allHours)], t4.Row("total"));
        Assert.True(dueAll > 0 && servedAll > 0, "the year has notices due and served");
    }

    private static string MedianText(List<double> values)
    {
        if (values.Count == 0)
            return "";
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return median.ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static void CheckOffencesAndDemographics(ReportBuild build, List<Planned> counted)
    {
        // People given access, once each, under the most serious offence among the requests that gave it.
        var people = counted.Where(PersonAccess).GroupBy(Key).Select(g => (Key: g.Key, First: g.First(), Offences: g.Select(p => p.Offence).ToList())).ToList();
        static string Category(List<string> offences) =>
            offences.Contains("PC 211") ? "violent-felony" : offences.Any(o => o.Length > 0) ? "other" : "no-qualifying-offence";
        var t5 = Rows(build, "t5_offence_categories.csv");
        Assert.Equal("offence_category,individuals", string.Join(",", t5.Header));
        Assert.Equal(["violent-felony", "serious-felony", "homicide-kidnapping-trafficking", "sexual-offence", "assault-battery-threats", "weapons-public-safety", "gang",
            "theft-fraud", "justice-and-custody", "vehicle-vandalism", "other", "no-qualifying-offence", "total"], t5.Data.Select(d => d.Key));
        foreach (var (key, values) in t5.Data)
            Assert.Equal([key, N(key == "total" ? people.Count : people.Count(x => Category(x.Offences) == key))], [key, .. values]);
        Assert.True(people.Count(x => Category(x.Offences) == "violent-felony") > 0 && people.Count(x => Category(x.Offences) == "other") > 0);

        var t6 = Rows(build, "t6_demographics.csv");
        Assert.Equal("attribute,category,individuals", string.Join(",", t6.Header));
        var shown = t6.Data.Select(d => (Attribute: d.Key, Category: d.Values[0], Count: d.Values[1])).ToList();
        void Attribute(string name, IReadOnlyList<string> categories, Func<Planned, string> of)
        {
            var rows = shown.Where(r => r.Attribute == name).ToList();
            Assert.Equal([.. categories, "total"], rows.Select(r => r.Category));
            foreach (var c in categories)
                Assert.Equal(N(people.Count(x => of(x.First) == c)), rows.Single(r => r.Category == c).Count);
            Assert.Equal(N(people.Count), rows.Single(r => r.Category == "total").Count);
        }
        Attribute("gender", Genders, p => p.Person is { } n ? (n % 2 == 0 ? "female" : "male") : "not-recorded");
        Attribute("age-band", AgeBands, p =>
        {
            if (p.Person is not { } n)
                return "not-recorded";
            var born = new DateOnly(1970 + n, 1 + n % 12, 1 + n % 27);
            var age = p.Day.Year - born.Year - (p.Day < born.AddYears(p.Day.Year - born.Year) ? 1 : 0);
            return age < 20 ? "under-20" : age >= 60 ? "60-and-over" : $"{age / 10 * 10}-{age / 10 * 10 + 9}";
        });
        Attribute("race-ethnicity", RaceRows, p => p.Person is { } n ? Races[n % Races.Length] : "not-recorded");
        // Country of birth: the five most frequent with at least 11 people, then other and not recorded (P4).
        var byCountry = people.Where(x => x.First.Person is { } n && Country(n) is not null).GroupBy(x => Country(x.First.Person!.Value)!)
            .Where(g => g.Count() >= 11).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5).Select(g => g.Key).ToList();
        Attribute("country-of-birth", [.. byCountry, "other", "not-recorded"], p =>
            p.Person is not { } n || Country(n) is not { } c ? "not-recorded" : byCountry.Contains(c) ? c : "other");
    }

    private static void CheckYearOverYear(ReportBuild build, List<Planned> planned)
    {
        var t8 = Rows(build, "t8_year_over_year.csv");
        Assert.Equal("year,requests_received,individuals,access_given,individuals_given_access,people_transferred,requests_change_pct", string.Join(",", t8.Header));
        Assert.Equal([N(Year - 1), N(Year)], t8.Data.Select(d => d.Key));
        int? before = null;
        foreach (var y in new[] { Year - 1, Year })
        {
            var of = planned.Where(p => p.InScope && !p.Voided && p.Day.Year == y).ToList();
            var change = before is { } b && b > 0 ? (100.0 * (of.Count - b) / b).ToString("0.0", CultureInfo.InvariantCulture) : "";
            Assert.Equal([N(y), N(of.Count), N(People(of)), N(of.Count(Access)), N(of.Where(PersonAccess).Select(Key).Distinct().Count()),
                N(of.Where(p => Disposition(p) == "transferred").Select(Key).Distinct().Count()), change], t8.Row(N(y)));
            before = of.Count;
        }
    }

    private static void CheckRatesAndCost(ReportBuild build, List<Planned> counted)
    {
        // The denominators this test recorded: both units, twelve months, bookings 100 + m and releases 90 + m.
        var bookings = 2 * Enumerable.Range(1, 12).Sum(m => 100 + m);
        var releases = 2 * Enumerable.Range(1, 12).Sum(m => 90 + m);
        static string Rate(int count, int per) => (1000.0 * count / per).ToString("0.00", CultureInfo.InvariantCulture);
        var t9 = Rows(build, "t9_rates.csv");
        foreach (var (measure, count) in new[]
        {
            ("requests-received", counted.Count), ("access-given", counted.Count(Access)),
            ("people-transferred", counted.Where(p => Disposition(p) == "transferred").Select(Key).Distinct().Count()),
        })
            Assert.Equal([measure, N(count), N(bookings), N(releases), Rate(count, bookings), Rate(count, releases)], t9.Row(measure));

        var minutes = new Dictionary<string, int> { ["hold"] = 30, ["notification"] = 15, ["transfer"] = 45, ["interview"] = 60, ["information"] = 20, ["alpr"] = 10 };
        const double hourly = 80.5;
        var t10 = Rows(build, "t10_cost_estimate.csv");
        Assert.Equal("activity,requests,minutes_per_request,staff_hours,hourly_cost_usd,cost_usd", string.Join(",", t10.Header));
        var total = 0.0;
        foreach (var type in new[] { "hold", "notification", "transfer", "interview", "information", "alpr", "civil-arrest", "facility-access", "operations", "other" })
        {
            var n = counted.Count(p => TypeOf(p.Act) == type);
            if (minutes.TryGetValue(type, out var m))
            {
                var hours = n * m / 60.0;
                total += hours * hourly;
                Assert.Equal([type, N(n), N(m), hours.ToString("0.0", CultureInfo.InvariantCulture), "80.50", (hours * hourly).ToString("0.00", CultureInfo.InvariantCulture)], t10.Row(type));
            }
            else
                Assert.Equal([type, N(n), "", "", "80.50", ""], t10.Row(type));
        }
        total += 12 * hourly;
        Assert.Equal(["forum-preparation", "", "", "12.0", "80.50", (12 * hourly).ToString("0.00", CultureInfo.InvariantCulture)], t10.Row("forum-preparation"));
        Assert.Equal(["total", N(counted.Count), "", "", "", total.ToString("0.00", CultureInfo.InvariantCulture)], t10.Row("total"));
    }

    private static void Take(Planned p, DecisionAnswer answer)
    {
        p.Obligations = [.. answer.Obligations.Select(o => o.Rule)];
        p.Outcome = answer.Outcome;
        p.StateLayer = answer.Layers.FirstOrDefault(l => l.Layer == "california")?.Outcome;
    }

    private static bool Access(Planned p) => Disposition(p) is "transferred" or "interview-with-attorney" or "interview-without-attorney" or "responded";

    /// <summary>C3, from what this test planned and what it was answered.</summary>
    private static string Disposition(Planned p)
    {
        if (p.Action == "transferred") return "transferred";
        if (p.Act == "interview" && p.Action == "interview-held") return p.Attorney ? "interview-with-attorney" : "interview-without-attorney";
        if (p.Act == "interview" && p.Outcome is Outcome.Permit or Outcome.MustComply && p.Consented == false) return "declined-by-person";
        if (p.Action is "notified" or "information-given") return "responded";
        if (p.Outcome == Outcome.Deny && p.StateLayer == Outcome.Deny) return "not-permitted-by-state-law";
        if (p.Outcome == Outcome.Deny || p.Action == "declined") return "declined-by-local-policy";
        if (p.Outcome == Outcome.ReferToCounsel && !p.Reviewed) return "awaiting-counsel";
        if (p.Action == "released") return "released-before-action";
        return "pending-at-period-end";
    }

    private static int People(List<Planned> of) => of.Where(p => p.Person is not null).Select(p => p.Person).Distinct().Count() + of.Count(p => p.Person is null);

    private static string TypeOf(string act) => act switch
    {
        "hold" => "hold",
        "notify-release" => "notification",
        "transfer" => "transfer",
        "interview" => "interview",
        "disclose" => "information",
        "alpr-search" => "alpr",
        "facility-access" => "facility-access",
        _ => throw new ArgumentException(act),
    };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Request(Planned p, string purpose, int i)
    {
        var kind = p.Unit == "lapd-jail-division" ? "jail" : p.Unit == "library" ? "library" : "law-enforcement";
        var r = new JsonObject
        {
            ["id"] = $"GEN-{i:D4}",
            ["receivedAt"] = p.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T09:00:00-08:00",
            ["jurisdiction"] = "us/ca/los-angeles",
            ["actor"] = new JsonObject { ["unit"] = p.Unit, ["kind"] = kind },
            ["requester"] = new JsonObject { ["agency"] = "ice-ero" },
            ["act"] = p.Act,
            ["purpose"] = purpose,
            ["document"] = new JsonObject { ["type"] = p.Act == "hold" ? "i-247a" : "none" },
            ["subject"] = new JsonObject
            {
                ["inCustody"] = true,
                ["convictions"] = p.Offence.Length == 0 ? new JsonArray()
                    : new JsonArray(new JsonObject { ["code"] = p.Offence, ["level"] = p.Offence.StartsWith("PC", StringComparison.Ordinal) ? "felony" : "misdemeanor", ["date"] = "2019-04-10", ["jurisdiction"] = "ca" }),
            },
        };
        if (p.Act == "interview" && (p.FormServed is not null || p.Consented is not null))
        {
            var consent = new JsonObject();
            if (p.FormServed is { } served) consent["formServed"] = served;
            if (p.Consented is { } yes) consent["consented"] = yes;
            if (p.ConsentAttorney) consent["attorneyPresent"] = true;
            if (p.FormServed == true && p.FormLanguage is { } language) consent["language"] = language;
            r["subject"]!["interviewConsent"] = consent;
        }
        if (p.Act == "disclose")
            r["data"] = new JsonArray("release-date");
        if (p.Act == "facility-access")
        {
            r["place"] = "non-public-area";
            r["subject"] = new JsonObject();
        }
        if (p.Person is { } person && p.Act != "facility-access")
            r["subject"]!["identity"] = new JsonObject
            {
                ["name"] = $"Person Number{person}",
                ["dateOfBirth"] = new DateOnly(1970 + person, 1 + person % 12, 1 + person % 27).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["bookingNumber"] = $"BK-{person:D6}",
                ["gender"] = person % 2 == 0 ? "female" : "male",
                ["raceEthnicity"] = Races[person % Races.Length],
            };
        if (p.Person is { } born && p.Act != "facility-access" && Country(born) is { } country)
            r["subject"]!["identity"]!["countryOfBirth"] = country;
        if (p.Act == "facility-access")
            p.Person = null;
        return r.ToJsonString();
    }

    private sealed record Table(string[] Header, List<(string Key, string[] Values)> Data, bool TotalsOnly)
    {
        public string[] Row(string key) => Data.Single(d => d.Key == key).Values is var v ? [key, .. v] : [];
    }

    private static Table Rows(ReportBuild build, string file)
    {
        var text = Encoding.UTF8.GetString(build.Files[file]);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var rows = lines.Skip(1).Select(l => l.Split(',')).Select(f => file.StartsWith("e2", StringComparison.Ordinal) ? (f[1], f[2..]) : (f[0], f[1..])).ToList();
        return new Table(lines[0].Split(','), rows, false);
    }
}
