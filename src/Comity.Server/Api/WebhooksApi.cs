using Comity.Server.Auth;
using Comity.Server.Hosting;
using Comity.Webhooks;

namespace Comity.Server.Api;

/// <summary>Webhook endpoints and their deliveries, for administrators (auditors may read). Deliveries themselves go out from the server's worker.</summary>
public static class WebhooksApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/webhooks", List)
            .WithName("ListWebhooks")
            .WithSummary("Webhook endpoints: where, which events, whether they receive the person's identity (never the secret)")
            .Produces<IReadOnlyList<WebhookEndpointView>>()
            .Allow(Permission.ReadWebhooks);
        api.MapPost("/webhooks", Register)
            .WithName("RegisterWebhook")
            .WithSummary("Register an endpoint for events; the answer carries the signing secret, shown once")
            .Accepts<WebhookEndpointBody>("application/json")
            .Produces<NewWebhookEndpointView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Allow(Permission.ManageWebhooks);
        api.MapDelete("/webhooks/{id:long}", Disable)
            .WithName("DisableWebhook")
            .WithSummary("Disable an endpoint: nothing more is sent to it, and what was waiting is marked failed")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ManageWebhooks);
        api.MapGet("/webhooks/{id:long}/deliveries", Deliveries)
            .WithName("ListWebhookDeliveries")
            .WithSummary("An endpoint's deliveries, newest first: status, attempts, the receiver's last answer")
            .Produces<IReadOnlyList<WebhookDeliveryView>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Allow(Permission.ReadWebhooks);
    }

    private static IResult List(WebhookDispatcher webhooks) => TypedResults.Ok(webhooks.Store.Endpoints().Select(WebhookEndpointView.From).ToArray());

    private static async Task<IResult> Register(HttpContext context, WebhookDispatcher webhooks, WebhookWorker worker)
    {
        var (body, problem) = await ApiBody.Read<WebhookEndpointBody>(context.Request);
        if (problem is not null)
            return problem;
        var (endpoint, error, field) = webhooks.Register(
            new NewWebhookEndpoint(body!.Url, body.Events, body.Description, body.DutyHours, body.IncludeIdentity), context.User.Name());
        if (error is not null)
            return Problems.BadRequest(error, "$." + field);
        worker.Nudge();
        return TypedResults.Created($"{ApiRoutes.Prefix}/webhooks/{endpoint!.Id}", new NewWebhookEndpointView(WebhookEndpointView.From(endpoint), endpoint.Secret));
    }

    private static IResult Disable(WebhookDispatcher webhooks, TimeProvider time, long id) =>
        webhooks.Store.DisableEndpoint(id, time.GetUtcNow()) ? TypedResults.NoContent() : Problems.NotFound($"there is no live webhook endpoint {id}");

    private static IResult Deliveries(WebhookDispatcher webhooks, long id) =>
        webhooks.Store.FindEndpoint(id) is null
            ? Problems.NotFound($"there is no webhook endpoint {id}")
            : TypedResults.Ok(webhooks.Store.Deliveries(id).Select(WebhookDeliveryView.From).ToArray());
}

/// <summary>POST /webhooks: where to send, which events; <c>dutyHours</c>: how far ahead a duty is due soon (default 24); <c>includeIdentity</c>: whether case events carry the person's identity (default false).</summary>
public sealed record WebhookEndpointBody(
    string Url,
    [property: OneOf(typeof(WebhookEvents), nameof(WebhookEvents.Names))] IReadOnlyList<string> Events,
    string? Description = null, int? DutyHours = null, bool IncludeIdentity = false);

/// <summary>A registered endpoint (its secret is shown only when registered).</summary>
public sealed record WebhookEndpointView(long Id, string Url, string Description,
    [property: OneOf(typeof(WebhookEvents), nameof(WebhookEvents.Names))] IReadOnlyList<string> Events,
    int DutyHours, bool IncludeIdentity, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt)
{
    public static WebhookEndpointView From(WebhookEndpoint e) => new(e.Id, e.Url.AbsoluteUri, e.Description, e.Events.Select(WebhookEvents.Names.Name).ToArray(),
        e.DutyHours, e.IncludeIdentity, e.CreatedBy, e.CreatedAt, e.DisabledAt);
}

/// <summary>The endpoint just registered and its signing secret (<c>whsec_...</c>, Standard Webhooks), shown this once.</summary>
public sealed record NewWebhookEndpointView(WebhookEndpointView Endpoint, string Secret);

/// <summary>One delivery: its message id (the webhook-id header), event, status, attempts and the receiver's last answer.</summary>
public sealed record WebhookDeliveryView(long Id, string MessageId,
    [property: OneOf(typeof(WebhookEvents), nameof(WebhookEvents.Names))] string Type,
    [property: OneOf(typeof(WebhookEvents), nameof(WebhookEvents.Statuses))] string Status,
    int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt)
{
    public static WebhookDeliveryView From(WebhookDelivery d) => new(d.Id, d.MessageId, WebhookEvents.Names.Name(d.Type), WebhookEvents.Statuses.Name(d.Status),
        d.Attempts, d.NextAttemptAt, d.LastAttemptAt, d.LastStatus, d.LastError, d.CreatedAt, d.DeliveredAt);
}
