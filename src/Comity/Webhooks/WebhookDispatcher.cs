using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;
using Comity.Recording.Entries;
using Comity.Reports;

namespace Comity.Webhooks;

/// <summary>
/// The webhooks' use case, which the server's delivery worker runs and the API's door calls:
/// registering endpoints; a pass that reads what happened (the ledger's new entries; open duties
/// by their due time) and queues one message per endpoint and event; and sending what is due,
/// signed (<see cref="WebhookSignature"/>), again after each failure on the back-off schedule
/// until delivered or out of attempts, each attempt recorded. Time is <paramref name="time"/>'s.
/// </summary>
/// <remarks>
/// The ledger is the source of events, so what the command line records (a report published,
/// a decision with <c>--record</c>) is told as well as what the server does. A case's events carry
/// the case's number, unit, act and outcome, never the person's identity unless the endpoint is
/// allowed it; a review's justification and a referral's note stay out (free text may name the person).
/// </remarks>
public sealed class WebhookDispatcher(WebhookStore store, CaseStore cases, TransparencyLog ledger, TimeProvider time, IReadOnlyList<TimeSpan>? retryDelays = null)
{
    /// <summary>
    /// After the first attempt, the waits before each next one: the schedule the Standard Webhooks
    /// specification gives as an example (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h): eight attempts over about a day.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
        [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)];

    public const int DefaultDutyHours = 24;
    public const int MaxDutyHours = 24 * 30;
    public const int MaxDescriptionLength = 200;

    /// <summary>How long a ledger entry may wait for its case row (written just after the entry) before it is passed over as unreadable.</summary>
    private static readonly TimeSpan CaseRowGrace = TimeSpan.FromMinutes(5);

    private const int BatchSize = 50;
    private const int MaxErrorLength = 300;

    private readonly IReadOnlyList<TimeSpan> _delays = retryDelays ?? DefaultRetryDelays;

    public WebhookStore Store => store;

    /// <summary>The most attempts a delivery gets.</summary>
    public int MaxAttempts => _delays.Count + 1;

    /// <summary>Registers an endpoint; its secret is in the answer (shown once). The error names the field at fault.</summary>
    public (WebhookEndpoint? Endpoint, string? Error, string? Field) Register(NewWebhookEndpoint request, string createdBy)
    {
        if (!Uri.TryCreate(request.Url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            return (null, "give the endpoint as an absolute https:// (or http://) URL", "url");
        if (url.UserInfo.Length > 0)
            return (null, "the URL must not carry a user name or password: deliveries are authenticated by their signature", "url");
        if (request.Events is not { Count: > 0 })
            return (null, "name at least one event: " + WebhookEvents.Names.Expected, "events");
        var events = new List<WebhookEventType>();
        for (var i = 0; i < request.Events.Count; i++)
        {
            if (!WebhookEvents.Names.TryParse(request.Events[i] ?? "", out var type))
                return (null, $"expected {WebhookEvents.Names.Expected}", $"events[{i}]");
            if (!events.Contains(type))
                events.Add(type);
        }
        var hours = request.DutyHours ?? DefaultDutyHours;
        if (hours is < 1 or > MaxDutyHours)
            return (null, $"dutyHours is a number of hours from 1 to {MaxDutyHours}", "dutyHours");
        var description = request.Description?.Trim() ?? "";
        if (description.Length > MaxDescriptionLength || description.Any(char.IsControl))
            return (null, $"the description is one line of at most {MaxDescriptionLength} characters", "description");
        var endpoint = store.AddEndpoint(url, description, events, WebhookSignature.NewSecret(), hours, request.IncludeIdentity,
            ledger.Size, createdBy, time.GetUtcNow());
        return (endpoint, null, null);
    }

    /// <summary>One pass: queue what happened since the last, then send what is due.</summary>
    public async Task<WebhookPass> RunAsync(IWebhookTransport transport, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var queued = Queue(problems);
        var (attempted, delivered) = await SendDueAsync(transport, cancellationToken).ConfigureAwait(false);
        return new WebhookPass(queued, attempted, delivered, problems);
    }

    /// <summary>Queues a message for each live endpoint that wants an event that happened: new ledger entries, and duties due.</summary>
    public int Queue(List<string> problems)
    {
        var now = time.GetUtcNow();
        var endpoints = store.Endpoints().Where(e => e.DisabledAt is null).ToList();
        var size = ledger.Size;
        if (endpoints.Count == 0)
        {
            // Nothing to tell: whoever registers next hears only of what follows.
            if (store.Cursor() != size)
                store.SetCursor(size);
            return 0;
        }
        var queued = 0;
        var cursor = store.Cursor() ?? endpoints.Min(e => e.FromLedgerIndex);
        for (; cursor < size; cursor++)
        {
            var entry = ledger.Read(cursor);
            var told = TellEntry(entry, endpoints, now, problems);
            if (told is null)
                break; // its case row is not written yet: read it again next pass
            queued += told.Value;
        }
        if (store.Cursor() != cursor)
            store.SetCursor(cursor);
        queued += TellDuties(endpoints, now);
        return queued;
    }

    /// <summary>Sends every delivery that is due; returns how many were attempted and delivered.</summary>
    public async Task<(int Attempted, int Delivered)> SendDueAsync(IWebhookTransport transport, CancellationToken cancellationToken)
    {
        var attempted = 0;
        var delivered = 0;
        foreach (var d in store.Due(time.GetUtcNow(), BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var endpoint = store.FindEndpoint(d.EndpointId);
            if (endpoint is null || endpoint.DisabledAt is not null)
                continue; // disabling marks its pending deliveries failed
            var at = time.GetUtcNow();
            var timestamp = at.ToUnixTimeSeconds();
            var body = Encoding.UTF8.GetBytes(d.Body);
            var message = new WebhookMessage(endpoint.Url, d.MessageId, timestamp, WebhookSignature.Sign(endpoint.Secret, d.MessageId, timestamp, body), body);
            WebhookAnswer answer;
            try
            {
                answer = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                answer = new WebhookAnswer(null, e.Message);
            }
            answer = answer with { Error = Shorten(answer.Error ?? (answer.Delivered ? null : $"the receiver answered HTTP {answer.Status}")) };
            var attempts = d.Attempts + 1;
            attempted++;
            if (answer.Delivered)
            {
                delivered++;
                store.RecordAttempt(d.Id, WebhookDeliveryStatus.Delivered, answer, at, null);
            }
            else if (attempts >= MaxAttempts)
                store.RecordAttempt(d.Id, WebhookDeliveryStatus.Failed, answer, at, null);
            else
                store.RecordAttempt(d.Id, WebhookDeliveryStatus.Pending, answer, at, at + _delays[attempts - 1]);
        }
        return (attempted, delivered);
    }

    /// <summary>Queues the event an entry makes, for each endpoint that wants it; null when its case is not in the case database yet.</summary>
    private int? TellEntry(RecordedEntry entry, List<WebhookEndpoint> endpoints, DateTimeOffset now, List<string> problems)
    {
        var wanting = new Func<WebhookEventType, List<WebhookEndpoint>>(type => endpoints.Where(e => e.Wants(type) && e.FromLedgerIndex <= entry.Index).ToList());
        try
        {
            switch (entry.Kind)
            {
                case ReportEntryKind:
                {
                    var to = wanting(WebhookEventType.ReportPublished);
                    if (to.Count == 0)
                        return 0;
                    var report = PublishedReport.Read(entry);
                    return QueueAll(to, WebhookEventType.ReportPublished, entry, now, _ => Body(WebhookEventType.ReportPublished, entry.RecordedAt, w =>
                    {
                        w.WriteString("report", report.Report);
                        w.WriteString("period", report.Period);
                        w.WriteNumber("version", report.Version);
                        w.WriteString("copy", report.Copy);
                        w.WriteString("manifestSha256", report.ManifestSha256);
                        w.WriteNumber("ledgerIndex", entry.Index);
                    }));
                }
                case CaseEventKinds.Decision or CaseEventKinds.Correction or CaseEventKinds.Referral:
                {
                    var needsCounsel = entry.Kind == CaseEventKinds.Referral || AnswerOutcome(entry.Body) == "refer-to-counsel";
                    var to = needsCounsel ? wanting(WebhookEventType.CaseNeedsCounsel) : new List<WebhookEndpoint>();
                    return to.Count == 0 ? 0 : TellCase(entry, to, WebhookEventType.CaseNeedsCounsel, now, problems, null);
                }
                case CaseEventKinds.Review:
                {
                    var review = ReviewEntry.Read(entry.Body);
                    var to = review.Verdict == ReviewVerdict.Override ? wanting(WebhookEventType.DecisionOverridden) : new List<WebhookEndpoint>();
                    return to.Count == 0 ? 0 : TellCase(entry, to, WebhookEventType.DecisionOverridden, now, problems, review);
                }
                default:
                    return 0;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add($"ledger entry {entry.Index} ({entry.Kind}) cannot be read for webhooks: {e.Message}");
            return 0;
        }
    }

    private const string ReportEntryKind = PublishedReport.Kind;

    private int? TellCase(RecordedEntry entry, List<WebhookEndpoint> to, WebhookEventType type, DateTimeOffset now, List<string> problems, ReviewEntry? review)
    {
        var decisionIndex = entry.Kind == CaseEventKinds.Decision ? entry.Index : EntryJson.Int64(entry.Body, "decision");
        var c = cases.FindByLedgerIndex(decisionIndex) is { } id ? cases.Find(id) : null;
        if (c is null)
        {
            if (now - entry.RecordedAt < CaseRowGrace)
                return null;
            problems.Add($"ledger entry {entry.Index} ({entry.Kind}) points at a decision without a case; no webhook was sent for it");
            return 0;
        }
        var s = c.Summary;
        return QueueAll(to, type, entry, now, endpoint => Body(type, entry.RecordedAt, w =>
        {
            w.WriteNumber("case", s.Id);
            WriteCase(w, s.Reference, s.Unit, s.Act);
            w.WriteString("agency", s.Agency);
            if (review is not null)
            {
                w.WriteString("decidedOutcome", s.DecidedOutcome);
                w.WriteString("outcome", Contract.Vocabularies.Outcomes.Name(review.Outcome));
                w.WriteString("reviewer", review.RecordedBy);
            }
            else
            {
                w.WriteString("outcome", AnswerOutcome(entry.Body) ?? s.Outcome);
                w.WriteStartArray("referredItems");
                foreach (var item in s.ReferredItems ?? [])
                    w.WriteStringValue(item);
                w.WriteEndArray();
                w.WriteString("recordedBy", EntryActor.Of(entry.Body));
            }
            w.WriteNumber("ledgerIndex", entry.Index);
            WriteIdentity(w, endpoint, c.Identity);
        }));
    }

    /// <summary>Duties due within each endpoint's hours (due soon) or past due (overdue), each told once per endpoint.</summary>
    private int TellDuties(List<WebhookEndpoint> endpoints, DateTimeOffset now)
    {
        var dutyEndpoints = endpoints.Where(e => e.Wants(WebhookEventType.DutyDueSoon) || e.Wants(WebhookEventType.DutyOverdue)).ToList();
        if (dutyEndpoints.Count == 0)
            return 0;
        var queued = 0;
        var horizon = now + TimeSpan.FromHours(dutyEndpoints.Max(e => e.Wants(WebhookEventType.DutyDueSoon) ? e.DutyHours : 0));
        Dictionary<long, CaseIdentity?> identities = [];
        foreach (var duty in store.DutiesDueBy(horizon))
        {
            var overdue = duty.DueAt < now;
            var type = overdue ? WebhookEventType.DutyOverdue : WebhookEventType.DutyDueSoon;
            var key = FormattableString.Invariant($"duty:{duty.CaseId}:{duty.Rule}:{WebhookEvents.Names.Name(type)}");
            foreach (var endpoint in dutyEndpoints)
            {
                if (!endpoint.Wants(type) || (!overdue && duty.DueAt > now + TimeSpan.FromHours(endpoint.DutyHours)))
                    continue;
                if (endpoint.IncludeIdentity && !identities.ContainsKey(duty.CaseId))
                    identities[duty.CaseId] = cases.Find(duty.CaseId)?.Identity;
                var body = Body(type, now, w =>
                {
                    w.WriteNumber("case", duty.CaseId);
                    WriteCase(w, duty.Reference, duty.Unit, duty.Act);
                    w.WriteString("rule", duty.Rule);
                    w.WriteString("text", duty.Text);
                    w.WriteStartArray("to");
                    foreach (var t in duty.To)
                        w.WriteStringValue(t);
                    w.WriteEndArray();
                    w.WriteString("dueAt", duty.DueAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                    WriteIdentity(w, endpoint, endpoint.IncludeIdentity ? identities[duty.CaseId] : null);
                });
                if (store.Queue(endpoint.Id, type, key, NewMessageId(), body, now))
                    queued++;
            }
        }
        return queued;
    }

    private int QueueAll(List<WebhookEndpoint> to, WebhookEventType type, RecordedEntry entry, DateTimeOffset now, Func<WebhookEndpoint, string> body)
    {
        var queued = 0;
        foreach (var endpoint in to)
            if (store.Queue(endpoint.Id, type, FormattableString.Invariant($"ledger:{entry.Index}"), NewMessageId(), body(endpoint), now))
                queued++;
        return queued;
    }

    private static void WriteCase(Utf8JsonWriter w, string? reference, string unit, string act)
    {
        if (reference is not null)
            w.WriteString("reference", reference);
        w.WriteString("unit", unit);
        w.WriteString("act", act);
    }

    /// <summary>The person's identity, only for an endpoint allowed to receive it, and only when the case names the person.</summary>
    private static void WriteIdentity(Utf8JsonWriter w, WebhookEndpoint endpoint, CaseIdentity? identity)
    {
        if (!endpoint.IncludeIdentity || identity is null)
            return;
        w.WritePropertyName("subject");
        w.WriteRawValue(identity.Json);
    }

    /// <summary>The body the Standard Webhooks specification suggests: <c>{"type":..., "timestamp":..., "data":{...}}</c>.</summary>
    private static string Body(WebhookEventType type, DateTimeOffset at, Action<Utf8JsonWriter> data)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("type", WebhookEvents.Names.Name(type));
            w.WriteString("timestamp", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteStartObject("data");
            data(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static string? AnswerOutcome(JsonElement body) =>
        body.TryGetProperty("answer", out var answer) && answer.TryGetProperty("outcome", out var outcome) ? outcome.GetString() : null;

    private static string NewMessageId() => "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string? Shorten(string? error) => error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
}
