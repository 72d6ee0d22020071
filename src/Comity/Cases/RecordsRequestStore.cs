using System.Data.Common;
using System.Text;
using System.Text.Json;
using Comity.Cases.Internal;

namespace Comity.Cases;

/// <summary>
/// Records requests in the case database, the working view of their ledger entries: the request
/// (with who asked and what for, kept here only), its extensions and its determination. Rows are
/// added as their entries are recorded, or rebuilt from the ledger.
/// </summary>
public sealed class RecordsRequestStore(CaseDatabase database)
{
    /// <summary>Keeps who asked and what for before the entry that commits them is written (a crash between the two loses nothing).</summary>
    public void KeepParticulars(RecordsParticulars p) => database.Write((db, tx) => Sql.Execute(db, """
        INSERT INTO records_particulars (commitment, salt, particulars_json) VALUES (@c, @salt, @json) ON CONFLICT DO NOTHING
        """, tx, ("@c", p.Commitment), ("@salt", p.Salt), ("@json", Encoding.UTF8.GetString(p.Json))));

    /// <summary>Whether the particulars under <paramref name="commitment"/> are kept.</summary>
    public bool HoldsParticulars(string commitment) => database.Read(db => Sql.Scalar(db,
        "SELECT COUNT(*) FROM records_particulars WHERE commitment = @c", null, ("@c", commitment)) != 0);

    /// <summary>Whether the ledger entry at <paramref name="ledgerIndex"/> is already kept here.</summary>
    public bool Holds(long ledgerIndex) => database.Read(db => Sql.Scalar(db,
        "SELECT (SELECT COUNT(*) FROM records_requests WHERE ledger_index = @i) + (SELECT COUNT(*) FROM records_request_events WHERE ledger_index = @i)",
        null, ("@i", ledgerIndex)) != 0);

    /// <summary>Keeps a newly recorded records request; <paramref name="particulars"/> null when the store no longer keeps them.</summary>
    public void Add(long ledgerIndex, string jurisdiction, string unit, string receivedAt, string? particulars, IReadOnlyList<string> cites,
        DateTimeOffset? dueAt, string recordedBy, DateTimeOffset recordedAt) => database.Write((db, tx) => Sql.Execute(db, """
        INSERT INTO records_requests (ledger_index, jurisdiction, unit, received_at, particulars, cites_json, first_due_at, due_at, recorded_by, recorded_at)
        VALUES (@i, @j, @u, @r, @p, @cites, @due, @due, @by, @at) ON CONFLICT DO NOTHING
        """, tx, ("@i", ledgerIndex), ("@j", jurisdiction), ("@u", unit), ("@r", receivedAt), ("@p", particulars),
        ("@cites", JsonSerializer.Serialize(cites, CasesJson.Default.IReadOnlyListString)), ("@due", dueAt is { } d ? Sql.Time(d) : null),
        ("@by", recordedBy), ("@at", Sql.Time(recordedAt))));

    /// <summary>Keeps an extension: the request is now due at <paramref name="dueAt"/>.</summary>
    public void AddExtension(long request, CaseEvent e, DateTimeOffset dueAt) => database.Write((db, tx) =>
    {
        InsertEvent(db, tx, request, e);
        return Sql.Execute(db, "UPDATE records_requests SET due_at = @due WHERE ledger_index = @i", tx, ("@i", request), ("@due", Sql.Time(dueAt)));
    });

    /// <summary>Keeps a determination: the request is closed.</summary>
    public void AddDetermination(long request, CaseEvent e, RecordsDetermination determination) => database.Write((db, tx) =>
    {
        InsertEvent(db, tx, request, e);
        return Sql.Execute(db, "UPDATE records_requests SET determination = @d WHERE ledger_index = @i", tx,
            ("@i", request), ("@d", RecordsVocabularies.Determinations.Name(determination)));
    });

    private static void InsertEvent(DbConnection db, DbTransaction tx, long request, CaseEvent e) => Sql.Execute(db, """
        INSERT INTO records_request_events (ledger_index, request, kind, recorded_by, recorded_at, body_json, receipt_json)
        VALUES (@i, @r, @k, @by, @at, @body, @receipt)
        """, tx, ("@i", e.LedgerIndex), ("@r", request), ("@k", e.Kind), ("@by", e.RecordedBy), ("@at", Sql.Time(e.RecordedAt)),
        ("@body", e.BodyJson), ("@receipt", e.ReceiptJson));

    private const string Columns = "ledger_index, jurisdiction, unit, received_at, cites_json, first_due_at, due_at, determination, recorded_by, recorded_at";

    /// <summary>
    /// Records requests, open ones first (overdue first, then by due time, then those the law sets
    /// no time for), then the determined ones, newest first; for one unit or all.
    /// </summary>
    public IReadOnlyList<RecordsRequestSummary> List(string? unit, bool openOnly, DateTimeOffset now, int limit = CaseQuery.MaxPageSize)
    {
        var where = new List<string>();
        if (!string.IsNullOrWhiteSpace(unit))
            where.Add("unit = @unit");
        if (openOnly)
            where.Add("determination IS NULL");
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        return database.Read(db => Sql.List(db, $"""
            SELECT {Columns} FROM records_requests {filter}
            ORDER BY CASE WHEN determination IS NOT NULL THEN 3 WHEN due_at IS NULL THEN 2 WHEN due_at < @now THEN 0 ELSE 1 END,
                due_at, ledger_index DESC
            LIMIT @limit
            """, Read, ("@unit", unit?.Trim()), ("@now", Sql.Time(now)), ("@limit", Math.Clamp(limit, 1, CaseQuery.MaxPageSize))));
    }

    /// <summary>One records request with its particulars and entries; null when there is none numbered <paramref name="id"/>.</summary>
    public RecordsRequestDetail? Find(long id) => database.Read(db =>
    {
        RecordsRequestSummary? summary;
        string? json;
        using (var command = Sql.Command(db, $"""
            SELECT {Columns}, (SELECT p.particulars_json FROM records_particulars p WHERE p.commitment = records_requests.particulars)
            FROM records_requests WHERE ledger_index = @i
            """, null, ("@i", id)))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
                return null;
            summary = Read(reader);
            json = reader.NullableString(10);
        }
        string? asked = null, requester = null;
        if (json is not null)
        {
            using var doc = JsonDocument.Parse(json);
            asked = doc.RootElement.GetProperty("asked").GetString();
            requester = doc.RootElement.GetProperty("requester").GetString();
        }
        var events = Sql.List(db, """
            SELECT ledger_index, kind, recorded_by, recorded_at, body_json, receipt_json FROM records_request_events WHERE request = @i ORDER BY ledger_index
            """, r => new CaseEvent(r.GetInt64(0), r.GetString(1), r.GetString(2), Sql.ParseTime(r.GetString(3)), r.GetString(4), r.GetString(5)), ("@i", id));
        return new RecordsRequestDetail(summary, asked, requester, events);
    });

    private static RecordsRequestSummary Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
        r.IsDBNull(5) ? null : Sql.ParseTime(r.GetString(5)), r.IsDBNull(6) ? null : Sql.ParseTime(r.GetString(6)),
        JsonSerializer.Deserialize(r.GetString(4), CasesJson.Default.IReadOnlyListString) ?? [],
        r.NullableString(7), r.GetString(8), Sql.ParseTime(r.GetString(9)));
}
