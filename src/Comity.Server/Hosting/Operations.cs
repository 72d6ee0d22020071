using Comity.Cases;
using Comity.Ledger;
using Comity.Operations;
using OpenTelemetry.Metrics;

namespace Comity.Server.Hosting;

/// <summary>
/// What a deployment's operators need from the server (docs/operations.md): liveness at /healthz,
/// readiness at /readyz (the stores answer and the law loads), and metrics through OpenTelemetry,
/// scraped by Prometheus at /metrics and pushed over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
public static class Operations
{
    public static void AddOperations(this IServiceCollection services)
    {
        var metrics = services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(ComityMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
            metrics.WithMetrics(m => m.AddOtlpExporter());
    }

    public static void MapOperations(this WebApplication app)
    {
        ComityMetrics.Observe(app.Services.GetRequiredService<TransparencyLog>(), app.Services.GetRequiredService<CaseStore>());
        app.MapGet("/healthz", () => TypedResults.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", Ready).AllowAnonymous().ExcludeFromDescription();
        // Counts only (see ComityMetrics): open like /healthz, for the scraper on the operators' network.
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
    }

    /// <summary>
    /// Ready when the case database answers a query and the ledger has its signed checkpoint (the
    /// law was loaded before the server started listening; see ServerApp.RunAsync).
    /// </summary>
    private static IResult Ready(CaseStore cases, TransparencyLog ledger)
    {
        try
        {
            cases.List(new CaseQuery { PageSize = 1 });
            return TypedResults.Json(new Readiness("ready", ledger.Checkpoint().Size));
        }
        catch (Exception e) when (e is CaseStoreException or LedgerException or IOException or System.Data.Common.DbException)
        {
            return TypedResults.Problem(title: "not ready", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

public sealed record Readiness(string Status, long LedgerEntries);
