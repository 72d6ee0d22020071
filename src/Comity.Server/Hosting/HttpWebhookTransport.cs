using System.Net.Http.Headers;
using Comity.Webhooks;

namespace Comity.Server.Hosting;

/// <summary>
/// Sends webhook messages over HTTP: a POST of the JSON body with the Standard Webhooks headers
/// (webhook-id, webhook-timestamp, webhook-signature). Redirects are not followed (a receiver
/// that moved is a failure to fix, not a place to send case events to); each attempt has 15 seconds.
/// </summary>
public sealed class HttpWebhookTransport : IWebhookTransport, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(15),
    };

    public async Task<WebhookAnswer> SendAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url);
        request.Content = new ByteArrayContent(message.Body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", message.Id);
        request.Headers.Add("webhook-timestamp", message.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", message.Signature);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Comity-Webhooks", "1"));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new WebhookAnswer((int)response.StatusCode, null);
        }
        catch (HttpRequestException e)
        {
            return new WebhookAnswer(null, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAnswer(null, "the receiver did not answer within 15 seconds");
        }
    }

    public void Dispose() => _http.Dispose();
}
