using System.Globalization;
using System.Text.Json;
using Comity.Reports.Publishing;

namespace Comity.Reports.TruthAct;

/// <summary>
/// An earlier year's figures as its latest published R1 shows them (reports.md section 4: T8
/// "copies earlier years from each year's latest published R1 (frozen, never silently
/// recomputed)"): the year's own row of its T8 and the months of its T7. A later correction of that
/// year reaches the report only through a new version of the year's R1, with its reason (C7).
/// </summary>
/// <param name="Totals">requests_received, individuals, access_given, individuals_given_access, people_transferred, as published (a public copy's markers kept).</param>
/// <param name="MonthRequests">T7 requests_received of January to December, as published.</param>
/// <param name="MonthAccess">T7 access_given of January to December, as published.</param>
public sealed record PublishedYear(int Year, string Period, int Version, long TreeSize, IReadOnlyList<string> Totals, IReadOnlyList<string> MonthRequests, IReadOnlyList<string> MonthAccess)
{
    public const string T7 = "t7_month_by_month.csv";
    public const string T8 = "t8_year_over_year.csv";

    /// <summary>The columns of T8 copied, in its order (the change is computed between the rows).</summary>
    public static readonly string[] Columns = ["requests_received", "individuals", "access_given", "individuals_given_access", "people_transferred"];

    /// <summary>requests_received, exact in every copy (P6), from which the year-over-year change is computed.</summary>
    public long Requests => long.Parse(Totals[0], NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads <paramref name="published"/> from the store, checking its manifest against the SHA-256
    /// its ledger entry recorded and T7 and T8 against the manifest: a report never copies figures
    /// it cannot prove were the ones published.
    /// </summary>
    /// <exception cref="ReportException">when the version is missing from the store, altered, or lacks the year's rows.</exception>
    public static PublishedYear Read(ReportStore store, PublishedReport published, int year)
    {
        var name = $"version {published.Version.ToString(CultureInfo.InvariantCulture)} of truth-act {published.Period} ({published.Copy} copy, ledger entry {published.Index.ToString(CultureInfo.InvariantCulture)})";
        var files = store.Read(published.Jurisdiction, published.Report, published.Period, published.Copy, published.Version)
            ?? throw new ReportException($"{name} is missing from {store.Root}: its figures cannot be copied into T8");
        if (!files.TryGetValue("manifest.json", out var manifest) || ReportPublisher.Sha256(manifest) != published.ManifestSha256)
            throw new ReportException($"the stored manifest of {name} does not match the SHA-256 its ledger entry recorded: the store was altered");
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var doc = JsonDocument.Parse(manifest))
            foreach (var f in doc.RootElement.GetProperty("files").EnumerateArray())
                hashes[f.GetProperty("name").GetString()!] = f.GetProperty("sha256").GetString()!;
        byte[] File(string file) =>
            files.TryGetValue(file, out var bytes) && hashes.TryGetValue(file, out var hash) && ReportPublisher.Sha256(bytes) == hash
                ? bytes
                : throw new ReportException($"{file} of {name} is missing or does not match its manifest: the store was altered");

        var y = year.ToString("D4", CultureInfo.InvariantCulture);
        var t8 = Csv.Read(File(T8));
        var row = t8.Skip(1).FirstOrDefault(r => r[0] == y) ?? throw new ReportException($"{T8} of {name} has no row for {y}");
        var totals = Columns.Select(c => row[Array.IndexOf(t8[0], c)]).ToList();
        if (!long.TryParse(totals[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new ReportException($"{T8} of {name}: requests_received of {y} is \"{totals[0]}\", not a count");
        var t7 = Csv.Read(File(T7));
        var (requests, access) = (Array.IndexOf(t7[0], "requests_received"), Array.IndexOf(t7[0], "access_given"));
        // A public T7 reduced to its total (step 5) published no month: each stays withheld, x.
        var months = Enumerable.Range(1, 12).Select(m => t7.Skip(1).FirstOrDefault(r => r[0] == $"{y}-{m:D2}")).ToList();
        return new PublishedYear(year, published.Period, published.Version, ReportStore.TreeSizeOf(manifest), totals,
            [.. months.Select(r => r?[requests] ?? "x")], [.. months.Select(r => r?[access] ?? "x")]);
    }
}
