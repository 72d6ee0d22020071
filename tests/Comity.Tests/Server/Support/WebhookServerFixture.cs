namespace Comity.Tests.Server.Support;

/// <summary>The server with a webhook worker that looks every tenth of a second and retries after a fifth: five retries, six attempts in all.</summary>
public sealed class WebhookServerFixture : ServerFixture
{
    public const int MaxAttempts = 6;

    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [("Comity:Webhooks:PollSeconds", "0.1"), ("Comity:Webhooks:RetrySeconds", "0.2,0.2,0.2,0.2,0.2")];
}
