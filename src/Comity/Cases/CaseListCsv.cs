using System.Globalization;
using System.Text;

namespace Comity.Cases;

/// <summary>
/// The case list as CSV for auditors and spreadsheets: every case the filters match (all pages),
/// newest first, one row each. RFC 4180 (comma, CRLF, a field quoted when it holds a comma, a quote
/// or a line break, quotes doubled), in UTF-8 with a byte-order mark, which is how spreadsheet
/// programs recognise UTF-8 in a CSV file (without it they read names such as "Nguyễn" in the
/// computer's legacy code page). The person's identity (name, date of birth, booking and A-number)
/// is written only when <c>withIdentity</c>: the door decides who may take it in bulk.
/// </summary>
public static class CaseListCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "case", "reference", "received_at", "unit", "agency", "act", "document", "decided_outcome", "outcome", "status",
        "recorded_by", "recorded_at", "ledger_index", "actions_against_decision", "referred_items",
    ];

    public static readonly IReadOnlyList<string> IdentityColumns = ["name", "date_of_birth", "booking_number", "a_number"];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Writes every case <paramref name="query"/> matches (its page and page size are ignored) to <paramref name="output"/>; returns how many rows it wrote.</summary>
    public static long Write(CaseStore cases, CaseQuery query, bool withIdentity, Stream output)
    {
        long rows = 0;
        using var writer = new StreamWriter(output, Utf8WithBom, 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        writer.Write(Line(withIdentity ? [.. Columns, .. IdentityColumns] : Columns));
        for (var page = 1; ; page++)
        {
            var found = cases.List(query with { Page = page, PageSize = CaseQuery.MaxPageSize });
            foreach (var c in found.Items)
            {
                IEnumerable<string?> row = Row(c);
                if (withIdentity)
                {
                    var i = cases.Find(c.Id)?.Identity?.Identity;
                    row = row.Concat([i?.Name, i?.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i?.BookingNumber, i?.ANumber]);
                }
                writer.Write(Line(row));
                rows++;
            }
            if ((long)page * CaseQuery.MaxPageSize >= found.Total || found.Items.Count == 0)
                break;
        }
        return rows;
    }

    private static string?[] Row(CaseSummary c) =>
    [
        c.Id.ToString(CultureInfo.InvariantCulture), c.Reference, c.ReceivedAt, c.Unit, c.Agency, c.Act, c.DocumentType, c.DecidedOutcome, c.Outcome,
        CaseVocabularies.Statuses.Name(c.Status), c.RecordedBy, c.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        c.LedgerIndex.ToString(CultureInfo.InvariantCulture), c.ActionsAgainstDecision.ToString(CultureInfo.InvariantCulture),
        string.Join(' ', c.ReferredItems ?? []),
    ];

    /// <summary>One record, CRLF-terminated.</summary>
    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    /// <summary>
    /// One field: quoted when it must be (RFC 4180). A text that a spreadsheet would run as a formula
    /// (it begins with =, +, -, @, a tab or a carriage return: a name or reference is anyone's text)
    /// is written after an apostrophe, as OWASP advises, so that it is shown, never evaluated.
    /// </summary>
    public static string Field(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            v = "'" + v;
        return v.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }
}
