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
/// then R1: every cell of T1, T2, T7 and T11 equals the count this test computes itself from the
/// requests it sent and the answers it got, and the public copy withholds exactly by the markers' rules.
/// </summary>
public sealed class TruthActYearTests
{
    private const int Year = 2025;
    private const int EmptyMonth = 8;

    private sealed class Planned
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
    }

    private static readonly string[] Acts = ["hold", "notify-release", "transfer", "interview", "disclose", "alpr-search", "facility-access"];

    [Fact]
    public async Task Every_cell_of_the_year_equals_the_count_of_the_requests_sent()
    {
        using var site = new ReportSite();
        var random = new Random(Year);
        var planned = new List<Planned>();
        for (var i = 0; i < 140; i++)
        {
            var month = random.Next(1, 12);
            if (month >= EmptyMonth) month++;
            var p = new Planned
            {
                Act = Acts[random.Next(Acts.Length)],
                Day = new DateOnly(i < 120 ? Year : Year - 1, month, random.Next(1, 28)),
                Person = random.Next(10) < 8 ? random.Next(25) : null,
                Unit = random.Next(10) < 7 ? "lapd" : "lapd-jail-division",
            };
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
        }
        foreach (var p in planned.Where((_, i) => i % 19 == 11))
        {
            var voided = await site.Workflow.VoidAsync(p.CaseId, CorrectionReason.Duplicate, "Entered twice.", "clerk");
            Assert.True(voided.Error is null, voided.Error?.Message);
            p.Voided = true;
        }

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
        foreach (var file in new[] { "t1_access_by_type.csv", "t2_disposition_funnel.csv", "t7_month_by_month.csv", "t11_agencies_covered.csv" })
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
    }

    private static void Take(Planned p, DecisionAnswer answer)
    {
        p.Outcome = answer.Outcome;
        p.StateLayer = answer.Layers.FirstOrDefault(l => l.Layer == "california")?.Outcome;
    }

    private static bool Access(Planned p) => Disposition(p) is "transferred" or "interview-with-attorney" or "interview-without-attorney" or "responded";

    /// <summary>C3, from what this test planned and what it was answered.</summary>
    private static string Disposition(Planned p)
    {
        if (p.Action == "transferred") return "transferred";
        if (p.Act == "interview" && p.Action == "interview-held") return p.Attorney ? "interview-with-attorney" : "interview-without-attorney";
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
                ["convictions"] = new JsonArray(new JsonObject { ["code"] = "PC 211", ["level"] = "felony", ["date"] = "2019-04-10", ["jurisdiction"] = "ca" }),
            },
        };
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
            };
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
