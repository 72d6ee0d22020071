namespace Comity.Webhooks;

/// <summary>
/// An endpoint an administrator registered: where to send, which events, the secret deliveries are
/// signed with, how many hours ahead a duty counts as due soon, and whether it may receive the
/// person's identity (name, date of birth, numbers) with a case's events; without that, it never does.
/// </summary>
public sealed record WebhookEndpoint(
    long Id,
    Uri Url,
    string Description,
    IReadOnlyList<WebhookEventType> Events,
    string Secret,
    int DutyHours,
    bool IncludeIdentity,
    long FromLedgerIndex,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt)
{
    public bool Wants(WebhookEventType type) => DisabledAt is null && Events.Contains(type);
}

/// <summary>What an administrator asks for when registering an endpoint.</summary>
public sealed record NewWebhookEndpoint(string Url, IReadOnlyList<string> Events, string? Description = null, int? DutyHours = null, bool IncludeIdentity = false);

/// <summary>One message to one endpoint, and what became of it.</summary>
public sealed record WebhookDelivery(
    long Id,
    long EndpointId,
    string MessageId,
    WebhookEventType Type,
    string EventKey,
    string Body,
    WebhookDeliveryStatus Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatus,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);

/// <summary>A signed message as it goes out: the URL, the three Standard Webhooks headers and the body.</summary>
public sealed record WebhookMessage(Uri Url, string Id, long Timestamp, string Signature, byte[] Body);

/// <summary>What the receiver answered: its HTTP status, or why it could not be reached (status null).</summary>
public sealed record WebhookAnswer(int? Status, string? Error)
{
    public bool Delivered => Status is >= 200 and < 300;
}

/// <summary>
/// Sends a signed message and says what came back. The core does no network; the server gives an
/// HTTP implementation, a test may give its own.
/// </summary>
public interface IWebhookTransport
{
    Task<WebhookAnswer> SendAsync(WebhookMessage message, CancellationToken cancellationToken);
}

/// <summary>What one pass found and did: deliveries queued, attempts made, entries it could not read.</summary>
public sealed record WebhookPass(int Queued, int Attempted, int Delivered, IReadOnlyList<string> Problems);
