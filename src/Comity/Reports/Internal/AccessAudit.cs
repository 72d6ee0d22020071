using System.Globalization;
using Comity.Ledger;
using Comity.Recording;

namespace Comity.Reports.Internal;

/// <summary>
/// The access audit (reports.md P8; roles auditor and admin), read from the ledger's <c>access</c>
/// entries (<see cref="AccessRecorder"/>): every staff read of a case, search of the case list,
/// export, disclosure read, report fetch and read of the audit itself in a range of UTC days
/// (<c>a1_access_log.csv</c>), and per user their counts with flags (<c>a2_access_by_user.csv</c>).
/// A search shows the parameters it used, never their values (the entry holds only their salted
/// commitment), and cases are named by id.
/// </summary>
public static class AccessAudit
{
    public const string Name = "access-audit";

    public static readonly string[] A1 = ["at", "user", "role", "action", "target", "case_id", "purpose", "records"];
    public static readonly string[] A2 = ["user", "role", "case_reads", "identity_searches", "exports", "reads_without_purpose", "flags"];

    /// <summary>Distinct cases one user read in a day above which the day is flagged <c>bulk-read</c>.</summary>
    public const int BulkReadsPerDay = 100;

    /// <summary>What a1's <c>target</c> says: the route read, and for a search the parameters it used (<c>/api/v1/cases fields=q;status</c>).</summary>
    public static string Target(Comity.Recording.Entries.AccessEntry e) =>
        e.Fields.Count == 0 ? e.Route : $"{e.Route} fields={string.Join(';', e.Fields)}";

    /// <summary>What a1's <c>purpose</c> says: the purpose, and its note after a colon (<c>other: training</c>); empty when none was given.</summary>
    public static string Purpose(Comity.Recording.Entries.AccessEntry e) =>
        e.Purpose is not { } p ? "" : AccessPurposes.Names.Name(p) + (e.Note is null ? "" : ": " + e.Note);

    /// <summary>The audit of the reads from <paramref name="from"/> to <paramref name="to"/> (whole days, UTC, inclusive).</summary>
    public static SortedDictionary<string, byte[]> Build(TransparencyLog ledger, DateOnly from, DateOnly to)
    {
        if (to < from)
            throw new ReportRequestException("to", $"the range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
        var reads = AccessRecorder.Between(ledger, from, to);
        static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
        var a1 = reads.Select(r => new[]
        {
            r.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), r.Entry.RecordedBy, string.Join(';', r.Entry.Roles),
            r.Entry.Action, Target(r.Entry), r.Entry.Case is { } c ? Count(c) : "", Purpose(r.Entry), r.Entry.Records is { } n ? Count(n) : "",
        });
        var a2 = reads.GroupBy(r => r.Entry.RecordedBy, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var caseReads = g.Count(r => r.Entry.Action == AccessActions.CaseRead);
            var searches = g.Count(r => r.Entry.Action == AccessActions.IdentitySearch);
            var exports = g.Count(r => r.Entry.Action == AccessActions.Export);
            var flags = new List<string>();
            if (g.Where(r => r.Entry.Case is not null).GroupBy(r => DateOnly.FromDateTime(r.At.UtcDateTime)).Any(day => day.Select(r => r.Entry.Case).Distinct().Count() > BulkReadsPerDay))
                flags.Add("bulk-read");
            if (searches > 0)
                flags.Add("identity-search");
            if (exports > 0)
                flags.Add("export");
            // The purpose is required for identity searches and exports (P8); the server refuses them
            // without one, so this flags an entry that came another way.
            if (g.Any(r => AccessActions.NeedsPurpose(r.Entry.Action) && r.Entry.Purpose is null))
                flags.Add("no-purpose");
            return new[]
            {
                g.Key, string.Join(';', g.SelectMany(r => r.Entry.Roles).Distinct().Order(StringComparer.Ordinal)), Count(caseReads), Count(searches), Count(exports),
                Count(g.Count(r => r.Entry.Purpose is null)), string.Join(';', flags),
            };
        });
        return new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["a1_access_log.csv"] = Csv.Write(A1, a1),
            ["a2_access_by_user.csv"] = Csv.Write(A2, a2),
        };
    }
}
