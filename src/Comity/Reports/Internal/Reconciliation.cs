using System.Globalization;
using Comity.Reports.Counting;
using Comity.Reports.TruthAct;

namespace Comity.Reports.Internal;

/// <summary>
/// <c>c5_reconciliation.csv</c> (reports.md section 7, C8), for each calendar year a compliance
/// range touches: R1's identities checked on the exact counts (every row and column to its total,
/// T1's hold, notification and transfer rows against T2, T7, T8 and T11 against T1, R2's transfer
/// events against T2's transferred, the cross-year difference explained), then each headline total
/// against the latest published version of the year's R1, with the corrections since its
/// checkpoint that explain a difference. A check that does not hold is a bug, said as one.
/// </summary>
public static class Reconciliation
{
    public const string File = "c5_reconciliation.csv";
    public static readonly string[] Header = ["check", "left", "left_value", "right", "right_value", "difference", "explanation"];

    private const string Holds = "holds";
    private const string Bug = "does not hold: a bug in the report code (C8), not data to publish";

    /// <param name="projection">The projection at <paramref name="treeSize"/> when the caller holds it already (so it is not loaded twice).</param>
    public static byte[] Build(ReportMaker maker, DateOnly from, DateOnly to, long? treeSize = null, ReportProjection? projection = null)
    {
        projection ??= maker.Project(treeSize);
        var inputs = new ReportInputs(projection, maker.Stack);
        var rows = new List<string[]>();
        // The years the range touches that hold a request or a published R1 (a range may span centuries; an empty year has nothing to reconcile).
        var years = projection.Rows.Select(r => DateOnly.FromDayNumber(r.LocalDay).Year)
            .Concat(projection.Published.Where(p => p.Report == "truth-act" && p.Jurisdiction == maker.Mapping.Stack)
                .Select(p => TruthAct.AgencyScope.ParseKey(p.Period)?.Year ?? 0))
            .Where(y => y >= from.Year && y <= to.Year).Distinct().Order();
        foreach (var year in years)
            Year(rows, maker, projection, inputs, year);
        return Csv.Write(Header, rows);
    }

    private static void Year(List<string[]> rows, ReportMaker maker, ReportProjection projection, ReportInputs inputs, int year)
    {
        var y = year.ToString("D4", CultureInfo.InvariantCulture);
        TruthActTables tables;
        try
        {
            tables = TruthActBuilder.Build(projection, year, inputs, suppress: false);
        }
        catch (InvalidOperationException e)
        {
            rows.Add(["r1-lines", $"truth-act {y}", "", "", "", "", $"{Bug}: {e.Message}"]);
            return;
        }
        var t = tables.Tables.ToDictionary(x => x.File, x => Csv.Read(Csv.Write(x, exact: true)), StringComparer.Ordinal);
        long Cell(string file, string row, string column)
        {
            var records = t[file];
            var c = Array.IndexOf(records[0], column);
            return long.Parse(records.Skip(1).First(r => r[0] == row)[c], CultureInfo.InvariantCulture);
        }
        long Sum(string file, string column, Func<string, bool> rowsWanted)
        {
            var records = t[file];
            var c = Array.IndexOf(records[0], column);
            return records.Skip(1).Where(r => rowsWanted(r[0])).Sum(r => long.Parse(r[c], CultureInfo.InvariantCulture));
        }
        void Check(string check, string left, long l, string right, long r, string? explanation = null) =>
            rows.Add([check, left, N(l), right, N(r), N(r - l), explanation ?? (l == r ? Holds : Bug)]);

        const string T1 = "t1_access_by_type.csv";
        string[] columns = ["requests_received", "access_given", "declined", "released_before_action", "pending_at_period_end"];
        foreach (var column in columns)
            Check("t1-types-sum-to-total", $"{T1} {y} total {column}", Cell(T1, "total", column), $"{T1} {y} sum of the ten request types' {column}", Sum(T1, column, r => r != "total"));
        Check("t1-dispositions-sum-to-requests", $"{T1} {y} total requests_received", Cell(T1, "total", "requests_received"),
            $"{T1} {y} total access_given + declined + released_before_action + pending_at_period_end", columns.Skip(1).Sum(c => Cell(T1, "total", c)));
        foreach (var (type, column) in new[] { ("hold", "hold"), ("notification", "notification"), ("transfer", "transfer") })
            Check("t1-t2", $"{T1} {y} {type} requests_received", Cell(T1, type, "requests_received"), $"t2_disposition_funnel.csv {y} total {column}", Cell("t2_disposition_funnel.csv", "total", column));
        Check("t7-t1", $"{T1} {y} total requests_received", Cell(T1, "total", "requests_received"), $"t7_month_by_month.csv {y} sum of months requests_received", Sum("t7_month_by_month.csv", "requests_received", r => r != "total"));
        Check("t7-t1", $"{T1} {y} total access_given", Cell(T1, "total", "access_given"), $"t7_month_by_month.csv {y} sum of months access_given", Sum("t7_month_by_month.csv", "access_given", r => r != "total"));
        Check("t8-t1", $"{T1} {y} total requests_received", Cell(T1, "total", "requests_received"), $"t8_year_over_year.csv {y} requests_received", Cell("t8_year_over_year.csv", y, "requests_received"));
        Check("t11-t1", $"{T1} {y} total requests_received", Cell(T1, "total", "requests_received"), $"t11_agencies_covered.csv {y} sum of units requests_received", Sum("t11_agencies_covered.csv", "requests_received", r => r != "total"));
        Check("t11-t1", $"{T1} {y} total access_given", Cell(T1, "total", "access_given"), $"t11_agencies_covered.csv {y} sum of units access_given", Sum("t11_agencies_covered.csv", "access_given", r => r != "total"));

        // R2 counts a transfer in the year of its transferred action; T2 counts the requests received in the year.
        var (_, byUnit) = Sb54.Sb54Exports.Build(projection, inputs, year);
        var events = byUnit.Values.Sum(u => (long)u.Events);
        var transferred = Cell("t2_disposition_funnel.csv", "transferred", "total");
        var zone = projection.Mapping.TimeZone;
        var received = projection.Rows.Where(r => r.TransferredAt != 0 && Scope.Excluded(r, true) is null && DateOnly.FromDayNumber(r.LocalDay).Year == year).ToList();
        var sameYear = received.Count(r => TimeZoneInfo.ConvertTime(RowTime.At(r.TransferredAt), zone).Year == year);
        var fromEarlier = events - sameYear;
        var explained = transferred + fromEarlier;
        var why = new List<string>();
        if (fromEarlier != 0)
            why.Add(string.Create(CultureInfo.InvariantCulture, $"{fromEarlier} transfers in {y} answered requests received in an earlier year"));
        if (explained != events)
            why.Add(string.Create(CultureInfo.InvariantCulture, $"{events - explained} more {Bug}"));
        rows.Add(["e2-t2-transferred", $"t2_disposition_funnel.csv {y} total transferred (requests received in {y})", N(transferred),
            $"e2_summary.csv {y} transfer_events (transfers made in {y})", N(events), N(events - transferred), why.Count == 0 ? Holds : string.Join("; ", why)]);

        Previous(rows, maker, projection, tables, y, t);
    }

    /// <summary>The headline totals against the latest published version of the year's governing-body R1 (its internal copy when published, else its public one).</summary>
    private static void Previous(List<string[]> rows, ReportMaker maker, ReportProjection projection, TruthActTables tables, string y, Dictionary<string, List<string[]>> now)
    {
        if (maker.Store is not { } store)
            return;
        // The projection's published versions (those before its tree size): reading them from the ledger read every entry.
        var published = projection.Published
            .Where(p => p.Jurisdiction == maker.Mapping.Stack && p.Report == "truth-act" && p.Period == y && p.Index < projection.TreeSize)
            .OrderBy(p => p.Copy == ReportMaker.Internal ? 1 : 0).ThenBy(p => p.Version).ToList();
        if (published.Count == 0)
            return;
        var last = published[^1];
        if (store.Read(last.Jurisdiction, last.Report, last.Period, last.Copy, last.Version) is not { } files || !files.TryGetValue("manifest.json", out var manifest))
        {
            rows.Add(["previous-version", $"truth-act {y} v{last.Version} ({last.Copy})", "", "", "", "", $"recorded in ledger entry {last.Index} but missing from the store"]);
            return;
        }
        var since = Publishing.ReportStore.TreeSizeOf(manifest);
        var corrections = projection.Corrections.Count(c => c.Index >= since && c.Index < projection.TreeSize);
        var name = $"truth-act {y} v{last.Version.ToString(CultureInfo.InvariantCulture)} ({last.Copy})";
        var ledgerNow = $"the ledger at tree size {projection.TreeSize.ToString(CultureInfo.InvariantCulture)}";
        foreach (var (check, file, row, column) in new[]
        {
            ("previous-requests-received", "t1_access_by_type.csv", "total", "requests_received"),
            ("previous-individuals", "t1_access_by_type.csv", "total", "individuals"),
            ("previous-access-given", "t1_access_by_type.csv", "total", "access_given"),
            ("previous-individuals-given-access", "t5_offence_categories.csv", "total", "individuals"),
            ("previous-people-transferred", "t8_year_over_year.csv", y, "people_transferred"),
        })
        {
            var was = Value(files.TryGetValue(file, out var b) ? Csv.Read(b) : [], row, column);
            var isNow = Value(now[file], row, column);
            var numeric = long.TryParse(was, NumberStyles.None, CultureInfo.InvariantCulture, out var w) & long.TryParse(isNow, NumberStyles.None, CultureInfo.InvariantCulture, out var n);
            var explanation = !numeric
                ? $"version {last.Version} shows {(was.Length == 0 ? "no value" : was)} (withheld in its public copy): compare the internal copies"
                : w == n ? $"unchanged since version {last.Version}"
                : string.Create(CultureInfo.InvariantCulture, $"{corrections} corrections or voids recorded since version {last.Version}'s checkpoint (tree size {since}), and entries recorded late, change it: publish version {last.Version + 1} with its reason (C7)");
            rows.Add([check, $"{name} {file} {row} {column}", was, $"{ledgerNow} {file} {row} {column}", isNow, numeric ? N(n - w) : "", explanation]);
        }
    }

    private static string Value(List<string[]> records, string row, string column)
    {
        if (records.Count == 0)
            return "";
        var c = Array.IndexOf(records[0], column);
        var r = records.Skip(1).FirstOrDefault(x => x[0] == row);
        return c < 0 || r is null || c >= r.Length ? "" : r[c];
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
