using Comity.Reports.Publishing;

namespace Comity.Server.Hosting;

/// <summary>
/// Keeps the reports' projection in step with the ledger (reports.md section 10): every
/// <see cref="ServerSettings.ReportsKeep"/> (default a minute), when the ledger has grown since
/// the last pass, catches each jurisdiction's kept file up to the latest checkpoint
/// (<see cref="ReportDesk.KeepProjection"/>), and the index of published versions. It runs on its own task after entries are committed,
/// never in a recording's path, so a decision waits for none of it; a report then reads the kept
/// file and applies only the entries of the last minute. A failing pass is logged and the next
/// one tries again (a report still checks the file and replays when it cannot trust it).
/// </summary>
public sealed class ReportProjectionKeeper(ReportDesk desk, ServerSettings settings, ILogger<ReportProjectionKeeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var kept = -1L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.ReportsKeep, stoppingToken);
                var size = desk.Ledger.Checkpoint().Size;
                if (size == kept)
                    continue;
                await Task.Run(() =>
                {
                    foreach (var jurisdiction in desk.Jurisdictions())
                    {
                        var outcome = desk.KeepProjection(jurisdiction);
                        if (outcome.Replayed || outcome.AppliedEntries > 0)
                            log.LogInformation("Reports' projection of {Jurisdiction}: {How}", jurisdiction, outcome.How);
                    }
                    desk.Published(); // keeps the index of published versions in step too (PublishedIndex)
                }, stoppingToken);
                kept = size;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Keeping the reports' projection failed; the next pass tries again");
            }
        }
    }
}
