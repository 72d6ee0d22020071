using System.Globalization;

namespace Comity.Reports.Publishing;

/// <summary>
/// What version n+1 says about version n (C7): <c>changes.csv</c>, every cell of every table that
/// changed, as the copy shows it (so a public copy's diff shows markers, never a withheld value),
/// and <c>corrections.csv</c>, the corrections and voids recorded between the two checkpoints.
/// </summary>
public static class ReportChanges
{
    public static readonly string[] ChangesHeader = ["table", "row", "column", "previous_value", "new_value"];
    public static readonly string[] CorrectionsHeader = ["ledger_index", "kind", "reason_code", "public_note"];

    /// <summary>
    /// The changed cells of the tables (<c>.csv</c> files other than the dictionary and these two)
    /// two versions share or either has. A row is named by its first column when that names each
    /// row once (a request type, a month), else by its number.
    /// </summary>
    public static byte[] Changes(IReadOnlyDictionary<string, byte[]> previous, IReadOnlyDictionary<string, byte[]> current)
    {
        var rows = new List<string[]>();
        var tables = previous.Keys.Concat(current.Keys).Where(IsTable).Distinct().Order(StringComparer.Ordinal);
        foreach (var file in tables)
        {
            var before = previous.TryGetValue(file, out var b) ? Csv.Read(b) : [];
            var after = current.TryGetValue(file, out var a) ? Csv.Read(a) : [];
            var header = after.Count > 0 ? after[0] : before.Count > 0 ? before[0] : [];
            var oldRows = Keyed(before);
            var newRows = Keyed(after);
            var table = Path.GetFileNameWithoutExtension(file);
            foreach (var key in oldRows.Keys.Concat(newRows.Keys).Distinct())
            {
                oldRows.TryGetValue(key, out var o);
                newRows.TryGetValue(key, out var n);
                for (var c = 1; c < header.Length; c++)
                {
                    var was = o is not null && c < o.Length ? o[c] : "";
                    var now = n is not null && c < n.Length ? n[c] : "";
                    if (was != now)
                        rows.Add([table, key, header[c], was, now]);
                }
            }
        }
        return Csv.Write(ChangesHeader, rows);
    }

    /// <summary>The corrections and voids with ledger index from <paramref name="from"/> (the previous version's tree size) to before <paramref name="to"/>.</summary>
    public static byte[] Corrections(IEnumerable<(long Index, string Kind, string Reason, string Note, DateTimeOffset At)> corrections, long from, long to) =>
        Csv.Write(CorrectionsHeader, corrections.Where(c => c.Index >= from && c.Index < to).OrderBy(c => c.Index)
            .Select(c => new[] { c.Index.ToString(CultureInfo.InvariantCulture), c.Kind, c.Reason, c.Note }));

    private static bool IsTable(string file) =>
        file.EndsWith(".csv", StringComparison.Ordinal) && file is not ("data_dictionary.csv" or "changes.csv" or "corrections.csv");

    /// <summary>Rows in order, by key; the header is left out.</summary>
    private static Dictionary<string, string[]> Keyed(List<string[]> records)
    {
        var body = records.Skip(1).Where(r => r.Length > 0 && !(r.Length == 1 && r[0].Length == 0)).ToList();
        var unique = body.Select(r => r[0]).Distinct().Count() == body.Count;
        var keyed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < body.Count; i++)
            keyed[unique ? body[i][0] : "row " + (i + 1).ToString(CultureInfo.InvariantCulture)] = body[i];
        return keyed;
    }
}
