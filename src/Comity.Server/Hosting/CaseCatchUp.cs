using Comity.Recording;

namespace Comity.Server.Hosting;

/// <summary>At start-up, brings the case database up to the ledger (<see cref="CaseProjection"/>) and logs what that did.</summary>
public sealed class CaseCatchUp(CaseProjection projection, ILogger<CaseCatchUp> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var report = projection.CatchUp();
        foreach (var problem in report.Problems)
            log.LogError("{Problem}", problem);
        if (report.Added > 0)
            log.LogWarning("Rebuilt {Count} case record(s) from ledger entries the case database did not hold yet", report.Added);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
