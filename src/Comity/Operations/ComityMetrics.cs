using System.Diagnostics.Metrics;
using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Operations;

/// <summary>
/// What operators watch (docs/operations.md), as .NET metrics that OpenTelemetry exports:
/// decisions recorded by outcome and how long recording one took, the ledger's size, and the
/// referrals waiting for counsel. Counts only: nothing here names a person or a case.
/// </summary>
public static class ComityMetrics
{
    public const string MeterName = "Comity";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "comity.decisions.recorded", unit: "{decision}", description: "Decisions recorded in the ledger, by outcome");

    private static readonly Histogram<double> RecordDuration = Meter.CreateHistogram<double>(
        "comity.decision.duration", unit: "s", description: "Time to validate, decide, record (durable and signed) and keep the case of one request");

    /// <summary>Counts one recorded decision and the time it took from request bytes to receipt.</summary>
    public static void Recorded(Outcome outcome, TimeSpan took)
    {
        var tag = new KeyValuePair<string, object?>("outcome", Vocabularies.Outcomes.Name(outcome));
        Decisions.Add(1, tag);
        RecordDuration.Record(took.TotalSeconds, tag);
    }

    /// <summary>
    /// The gauges read at each collection from the stores a server has open. Called once per
    /// process; the returned instruments live as long as the meter.
    /// </summary>
    public static void Observe(TransparencyLog ledger, CaseStore cases)
    {
        Meter.CreateObservableGauge("comity.ledger.entries", () => ledger.Size, unit: "{entry}", description: "Entries in the ledger");
        Meter.CreateObservableGauge("comity.referrals.waiting",
            () => cases.List(new CaseQuery { Status = CaseStatus.AwaitingCounsel, PageSize = 1 }).Total,
            unit: "{case}", description: "Cases waiting for counsel");
    }
}
