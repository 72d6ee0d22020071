using Comity.Cases;
using Comity.Cases.Internal;
using System.Data.Common;

namespace Comity.Webhooks;

/// <summary>An open case duty with a known due time, as a webhook tells of it.</summary>
public sealed record DueDuty(long CaseId, string? Reference, string Unit, string Act, string Rule, string Text, IReadOnlyList<string> To, DateTimeOffset DueAt);

/// <summary>
/// Webhook endpoints and deliveries in the case database (<c>0006-webhooks-and-external-sign-in.sql</c>).
/// Deliveries are rows that change as attempts are made; the ledger is not involved: a delivery is
/// a notice about something the ledger already holds, not a record of its own.
/// </summary>
public sealed class WebhookStore(CaseDatabase database)
{
    private const string EndpointColumns = "id, url, description, events, secret, duty_hours, include_identity, from_ledger_index, created_by, created_at, disabled_at";
    private const string DeliveryColumns = "id, endpoint_id, message_id, event_type, event_key, body, status, attempts, next_attempt_at, last_attempt_at, last_status, last_error, created_at, delivered_at";

    public WebhookEndpoint AddEndpoint(Uri url, string description, IReadOnlyList<WebhookEventType> events, string secret, int dutyHours, bool includeIdentity,
        long fromLedgerIndex, string createdBy, DateTimeOffset now)
    {
        var id = database.Write((db, tx) => Sql.Scalar(db, """
            INSERT INTO webhook_endpoints (url, description, events, secret, duty_hours, include_identity, from_ledger_index, created_by, created_at)
            VALUES (@url, @description, @events, @secret, @hours, @identity, @from, @by, @at) RETURNING id
            """, tx, ("@url", url.AbsoluteUri), ("@description", description), ("@events", string.Join(',', events.Select(WebhookEvents.Names.Name))),
            ("@secret", secret), ("@hours", dutyHours), ("@identity", includeIdentity ? 1 : 0), ("@from", fromLedgerIndex), ("@by", createdBy), ("@at", Sql.Time(now))));
        return FindEndpoint(id)!;
    }

    public IReadOnlyList<WebhookEndpoint> Endpoints() => database.Read(db => Sql.List(db, $"SELECT {EndpointColumns} FROM webhook_endpoints ORDER BY id", ReadEndpoint));

    public WebhookEndpoint? FindEndpoint(long id) => database.Read(db =>
        Sql.List(db, $"SELECT {EndpointColumns} FROM webhook_endpoints WHERE id = @id", ReadEndpoint, ("@id", id)).FirstOrDefault());

    /// <summary>Stops an endpoint: nothing more is queued for it, and what is pending is marked failed. False when there is no such live endpoint.</summary>
    public bool DisableEndpoint(long id, DateTimeOffset now) => database.Write((db, tx) =>
    {
        if (Sql.Execute(db, "UPDATE webhook_endpoints SET disabled_at = @at WHERE id = @id AND disabled_at IS NULL", tx, ("@at", Sql.Time(now)), ("@id", id)) == 0)
            return false;
        Sql.Execute(db, "UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = 'the endpoint was disabled' WHERE endpoint_id = @id AND status = 'pending'",
            tx, ("@id", id));
        return true;
    });

    /// <summary>How far the ledger has been read for events; null before the first read.</summary>
    public long? Cursor() => database.Read(db =>
    {
        using var command = Sql.Command(db, "SELECT ledger_size FROM webhook_cursor WHERE id = 1");
        return command.ExecuteScalar() is long size ? size : (long?)null;
    });

    public void SetCursor(long ledgerSize) => database.Write((db, tx) => Sql.Execute(db,
        "INSERT INTO webhook_cursor (id, ledger_size) VALUES (1, @size) ON CONFLICT (id) DO UPDATE SET ledger_size = excluded.ledger_size", tx, ("@size", ledgerSize)));

    /// <summary>Queues a message for an endpoint, to be sent at once; false when that endpoint was already told of <paramref name="eventKey"/>.</summary>
    public bool Queue(long endpointId, WebhookEventType type, string eventKey, string messageId, string body, DateTimeOffset now) => database.Write((db, tx) =>
        Sql.Execute(db, """
            INSERT INTO webhook_deliveries (endpoint_id, message_id, event_type, event_key, body, next_attempt_at, created_at)
            VALUES (@endpoint, @message, @type, @key, @body, @at, @at) ON CONFLICT (endpoint_id, event_key) DO NOTHING
            """, tx, ("@endpoint", endpointId), ("@message", messageId), ("@type", WebhookEvents.Names.Name(type)), ("@key", eventKey),
            ("@body", body), ("@at", Sql.Time(now))) == 1);

    /// <summary>Pending deliveries whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<WebhookDelivery> Due(DateTimeOffset now, int limit) => database.Read(db => Sql.List(db,
        $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit",
        ReadDelivery, ("@now", Sql.Time(now)), ("@limit", limit)));

    /// <summary>Records an attempt: delivered, failed for good, or to be tried again at <paramref name="next"/>.</summary>
    public void RecordAttempt(long deliveryId, WebhookDeliveryStatus status, WebhookAnswer answer, DateTimeOffset at, DateTimeOffset? next) => database.Write((db, tx) =>
        Sql.Execute(db, """
            UPDATE webhook_deliveries SET status = @status, attempts = attempts + 1, last_attempt_at = @at, last_status = @code, last_error = @error,
                next_attempt_at = @next, delivered_at = CASE WHEN @status = 'delivered' THEN @at ELSE NULL END
            WHERE id = @id
            """, tx, ("@status", WebhookEvents.Statuses.Name(status)), ("@at", Sql.Time(at)), ("@code", answer.Status), ("@error", answer.Error),
            ("@next", next is { } n ? Sql.Time(n) : null), ("@id", deliveryId)));

    /// <summary>An endpoint's deliveries, newest first.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries(long endpointId, int limit = 100) => database.Read(db => Sql.List(db,
        $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE endpoint_id = @id ORDER BY id DESC LIMIT @limit", ReadDelivery, ("@id", endpointId), ("@limit", limit)));

    /// <summary>Open case duties (not served, not withdrawn, of cases not void) due at or before <paramref name="until"/>.</summary>
    public IReadOnlyList<DueDuty> DutiesDueBy(DateTimeOffset until) => database.Read(db => Sql.List(db, """
        SELECT c.id, c.reference, c.unit, c.act, o.rule, o.text, o.owed_to, o.due_at
        FROM obligations o JOIN cases c ON c.id = o.case_id
        WHERE o.kind = 'case' AND o.served_at IS NULL AND o.withdrawn_ledger_index IS NULL AND c.status <> 'void'
          AND o.due_at IS NOT NULL AND o.due_at <= @until
        ORDER BY o.due_at, c.id, o.rule
        """, r => new DueDuty(r.GetInt64(0), r.NullableString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            r.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries), Sql.ParseTime(r.GetString(7))), ("@until", Sql.Time(until))));

    private static WebhookEndpoint ReadEndpoint(DbDataReader r) => new(
        r.GetInt64(0), new Uri(r.GetString(1)), r.GetString(2),
        r.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => WebhookEvents.Names.TryParse(n, out var t) ? t
            : throw new CaseStoreException($"unknown webhook event \"{n}\" in the webhook_endpoints table")).ToArray(),
        r.GetString(4), r.GetInt32(5), r.GetInt64(6) != 0, r.GetInt64(7), r.GetString(8), Sql.ParseTime(r.GetString(9)),
        r.IsDBNull(10) ? null : Sql.ParseTime(r.GetString(10)));

    private static WebhookDelivery ReadDelivery(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2),
        WebhookEvents.Names.TryParse(r.GetString(3), out var type) ? type : throw new CaseStoreException($"unknown webhook event \"{r.GetString(3)}\" in the webhook_deliveries table"),
        r.GetString(4), r.GetString(5),
        WebhookEvents.Statuses.TryParse(r.GetString(6), out var status) ? status : throw new CaseStoreException($"unknown delivery status \"{r.GetString(6)}\""),
        r.GetInt32(7), r.IsDBNull(8) ? null : Sql.ParseTime(r.GetString(8)), r.IsDBNull(9) ? null : Sql.ParseTime(r.GetString(9)),
        r.IsDBNull(10) ? null : r.GetInt32(10), r.NullableString(11), Sql.ParseTime(r.GetString(12)), r.IsDBNull(13) ? null : Sql.ParseTime(r.GetString(13)));
}
