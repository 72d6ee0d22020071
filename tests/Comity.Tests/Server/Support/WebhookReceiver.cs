using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Comity.Tests.Server.Support;

/// <summary>
/// A county's system receiving Comity's webhooks: a real HTTP server (Kestrel) on a free local
/// port that keeps every request it gets (headers and body as received) and answers 503 to the
/// first <c>failFirst</c> of them, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>One request as received, and the status it was answered with.</summary>
    public sealed record Received(IHeaderDictionary Headers, string Body, int AnsweredWith)
    {
        public string MessageId => Headers["webhook-id"].ToString();
    }

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private int _count;

    private WebhookReceiver(int failFirst, int failStatus)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var status = Interlocked.Increment(ref _count) <= failFirst ? failStatus : StatusCodes.Status200OK;
            _received.Enqueue(new Received(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)), body, status));
            return Results.StatusCode(status);
        });
    }

    /// <summary>Starts a receiver that fails the first <paramref name="failFirst"/> requests with <paramref name="failStatus"/>.</summary>
    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0, int failStatus = StatusCodes.Status503ServiceUnavailable)
    {
        var receiver = new WebhookReceiver(failFirst, failStatus);
        await receiver._app.StartAsync();
        return receiver;
    }

    public string Url => _app.Urls.First() + "/hook";

    public IReadOnlyList<Received> All => [.. _received];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
