using System.Globalization;
using Comity.Cases;

namespace Comity.Reports.Internal;

/// <summary>
/// The access audit (reports.md P8; roles auditor and admin): every staff read of a case, search of
/// the case list, export, disclosure, report fetch and read of the log itself in a date range
/// (<c>a1_access_log.csv</c>), and per user their counts with flags (<c>a2_access_by_user.csv</c>).
/// Read from the case store's access log, which keeps every successful read by a signed-in user,
/// page or API. reports.md asks for each to be an <c>access</c> ledger entry with a purpose and the
/// records returned; that entry is not built yet, so the log holds no purpose (the column is
/// empty and every read counts as without one) and a read returns one case or a list (records
/// empty for lists); searches are kept as made, never with their words.
/// </summary>
public static class AccessAudit
{
    public const string Name = "access-audit";

    public static readonly string[] A1 = ["at", "user", "role", "action", "target", "case_id", "purpose", "records"];
    public static readonly string[] A2 = ["user", "role", "case_reads", "identity_searches", "exports", "reads_without_purpose", "flags"];

    /// <summary>Distinct cases one user read in a day above which the day is flagged <c>bulk-read</c>.</summary>
    public const int BulkReadsPerDay = 100;

    /// <summary>What a logged read was, from its route: <c>case-read</c>, <c>identity-search</c>, <c>case-list</c>, <c>export</c>, <c>disclosure-read</c>, <c>report-fetch</c>, <c>audit-read</c>.</summary>
    public static string Action(AccessEntry e)
    {
        var what = e.What.StartsWith("/api/v1", StringComparison.Ordinal) ? e.What["/api/v1".Length..] : e.What;
        if (what == "/cases/export")
            return "export";
        if (what == "/cases")
            return e.Detail.Contains("search", StringComparison.Ordinal) ? "identity-search" : "case-list";
        if (what.StartsWith("/cases/{id}/access-log", StringComparison.Ordinal) || what.StartsWith("/access-log", StringComparison.Ordinal))
            return "audit-read";
        if (e.CaseId is not null)
            return "case-read";
        if (what.StartsWith("/disclosures", StringComparison.Ordinal))
            return what.EndsWith("/export", StringComparison.Ordinal) ? "export" : "disclosure-read";
        if (what.StartsWith("/reports", StringComparison.Ordinal))
            return "report-fetch";
        return "read";
    }

    /// <summary>The audit of the reads from <paramref name="from"/> to <paramref name="to"/> (whole days, UTC, inclusive).</summary>
    public static SortedDictionary<string, byte[]> Build(AccessLog log, DateOnly from, DateOnly to)
    {
        if (to < from)
            throw new ReportRequestException("to", $"the range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
        var reads = log.Between(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        static string RolesOf(AccessEntry e) => string.Join(';', e.Roles.Select(Roles.Names.Name));
        var a1 = reads.Select(e => new[]
        {
            e.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), e.User, RolesOf(e), Action(e),
            (e.What + (e.Detail.Length > 0 ? " " + e.Detail : "")), e.CaseId?.ToString(CultureInfo.InvariantCulture) ?? "", "", e.CaseId is null ? "" : "1",
        });
        var a2 = reads.GroupBy(e => e.User, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var actions = g.Select(Action).ToList();
            var caseReads = actions.Count(a => a == "case-read");
            var searches = actions.Count(a => a == "identity-search");
            var exports = actions.Count(a => a == "export");
            var flags = new List<string>();
            if (g.Where(e => e.CaseId is not null).GroupBy(e => DateOnly.FromDateTime(e.At.UtcDateTime)).Any(day => day.Select(e => e.CaseId).Distinct().Count() > BulkReadsPerDay))
                flags.Add("bulk-read");
            if (searches > 0)
                flags.Add("identity-search");
            if (exports > 0)
                flags.Add("export");
            // A purpose is required for identity searches and exports (P8); the log does not record one yet.
            if (searches + exports > 0)
                flags.Add("no-purpose");
            return new[]
            {
                g.Key, string.Join(';', g.SelectMany(e => e.Roles).Distinct().Order().Select(Roles.Names.Name)), caseReads.ToString(CultureInfo.InvariantCulture),
                searches.ToString(CultureInfo.InvariantCulture), exports.ToString(CultureInfo.InvariantCulture), g.Count().ToString(CultureInfo.InvariantCulture), string.Join(';', flags),
            };
        });
        return new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["a1_access_log.csv"] = Csv.Write(A1, a1),
            ["a2_access_by_user.csv"] = Csv.Write(A2, a2),
        };
    }
}
