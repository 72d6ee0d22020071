using Comity.Webhooks;

namespace Comity.Server.Hosting;

/// <summary>
/// The server's delivery worker: every few seconds (sooner when nudged), one pass of
/// <see cref="WebhookDispatcher"/>: queue what happened, send what is due. A failing pass is
/// logged and the next one tries again; nothing here decides what is sent or when (the core does).
/// </summary>
public sealed class WebhookWorker(WebhookDispatcher dispatcher, IWebhookTransport transport, ServerSettings settings, ILogger<WebhookWorker> log) : BackgroundService
{
    private readonly SemaphoreSlim _nudge = new(0, 1);

    /// <summary>Asks for a pass now rather than at the next tick (a new endpoint, a new case event).</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0)
        {
            try
            {
                _nudge.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already nudged.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pass = await dispatcher.RunAsync(transport, stoppingToken);
                foreach (var problem in pass.Problems)
                    log.LogWarning("{Problem}", problem);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Cases.CaseStoreException or System.Data.Common.DbException or Ledger.LedgerException or IOException)
            {
                log.LogError(e, "webhook pass failed; trying again at the next");
            }
            try
            {
                await _nudge.WaitAsync(settings.WebhookPoll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _nudge.Dispose();
        base.Dispose();
    }
}
