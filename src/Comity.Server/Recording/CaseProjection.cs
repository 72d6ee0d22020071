using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Server.Recording;

/// <summary>
/// Keeps the case database a faithful view of the ledger. At start-up, every ledger entry the case
/// database does not yet reflect is projected into it: a decision that reached the ledger just
/// before a crash (its answer never sent) still gets its case, and so do decisions recorded by
/// <c>comity decide --record</c> into the same data folder.
/// </summary>
public sealed class CaseProjection(TransparencyLog ledger, CaseStore cases, ILogger<CaseProjection> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var added = CatchUp();
        if (added > 0)
            log.LogWarning("Rebuilt {Count} case record(s) from ledger entries the case database did not hold yet", added);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Projects the entries from the last known size to the ledger's end; returns how many rows it added.</summary>
    public int CatchUp()
    {
        var size = ledger.Size;
        var added = 0;
        for (var i = cases.ProjectedLedgerSize(); i < size; i++)
        {
            if (cases.Holds(i))
                continue;
            var entry = ledger.Read(i);
            if (Project(entry))
                added++;
        }
        cases.SetProjectedLedgerSize(size);
        return added;
    }

    private bool Project(RecordedEntry entry)
    {
        var body = entry.Body;
        var by = body.TryGetProperty("recordedBy", out var b) ? b.GetString() ?? "" : "comity decide --record";
        var receipt = ReceiptJson.Of(ledger.Receipt(entry.Index));
        if (entry.Kind == CaseEventKinds.Decision)
        {
            var read = RequestReader.Read(Encoding.UTF8.GetBytes(body.GetProperty("request").GetRawText()));
            if (!read.Ok)
            {
                log.LogError("Ledger entry {Index} is a decision whose request no longer reads: {Errors}", entry.Index, string.Join("; ", read.Errors));
                return false;
            }
            var answer = body.GetProperty("answer");
            Vocabularies.Outcomes.TryParse(answer.GetProperty("outcome").GetString()!, out var outcome);
            var obligations = answer.GetProperty("obligations").EnumerateArray().Select(o => new Obligation(
                o.GetProperty("rule").GetString()!, o.GetProperty("citations").EnumerateArray().Select(c => c.GetString()!).ToArray(),
                o.GetProperty("text").GetString()!)).ToArray();
            cases.Add(new NewCase(read.Request!, outcome, answer.GetProperty("policy").GetProperty("stack").GetString()!, obligations,
                Encoding.UTF8.GetBytes(body.GetRawText()), receipt, by, entry.RecordedAt, entry.Index));
            return true;
        }
        if (entry.Kind is not (CaseEventKinds.Referral or CaseEventKinds.Review or CaseEventKinds.Obligation))
            return false; // other kinds (disclosures, ...) are not cases' business
        if (cases.FindByLedgerIndex(body.GetProperty("decision").GetInt64()) is not { } caseId)
        {
            log.LogError("Ledger entry {Index} ({Kind}) points at a decision without a case", entry.Index, entry.Kind);
            return false;
        }
        var e = new CaseEvent(entry.Index, entry.Kind, by, entry.RecordedAt, body.GetRawText(), Encoding.UTF8.GetString(receipt));
        switch (entry.Kind)
        {
            case CaseEventKinds.Referral:
                cases.AddReferral(caseId, e);
                break;
            case CaseEventKinds.Review:
                CaseVocabularies.Verdicts.TryParse(body.GetProperty("verdict").GetString()!, out var verdict);
                Vocabularies.Outcomes.TryParse(body.GetProperty("outcome").GetString()!, out var settled);
                cases.AddReview(caseId, e, verdict, settled, body.GetProperty("justification").GetString()!);
                break;
            default:
                cases.AddObligationServed(caseId, e, body.GetProperty("rule").GetString()!, body.GetProperty("servedAt").GetString()!, body.GetProperty("servedBy").GetString()!);
                break;
        }
        return true;
    }
}
