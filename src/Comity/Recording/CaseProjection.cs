using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Ledger;
using Comity.Recording.Entries;

namespace Comity.Recording;

/// <summary>What a catch-up did: the rows it added, and the entries it could not project (each said in a sentence).</summary>
public sealed record ProjectionReport(int Added, IReadOnlyList<string> Problems);

/// <summary>
/// Keeps the case database a faithful view of the ledger: every ledger entry the case database
/// does not yet reflect is projected into it, read by its kind's one reader. A decision that
/// reached the ledger just before a crash (its answer never sent) still gets its case. Run when a
/// data folder is opened for recording (the server at start-up, <c>comity decide --record</c>).
/// </summary>
/// <remarks>With <paramref name="catalog"/>, each duty is read through the duty schedule of the stack version
/// that decided it, as the ledger recorded it (so a rebuilt case keeps the due times it had, whatever
/// law is in force now); when the ledger holds no such version (decisions recorded before versions
/// were kept), through the stack in force; without a catalog (or when no stack loads), duties read as
/// case duties due on receipt.</remarks>
public sealed class CaseProjection(TransparencyLog ledger, CaseStore cases, StackCatalog? catalog = null)
{
    /// <summary>Recorded stack versions already loaded, by digest (null: the ledger holds no such version).</summary>
    private readonly Dictionary<string, Stack?> recordedStacks = new(StringComparer.Ordinal);

    /// <summary>Projects the entries from the last known size to the ledger's end.</summary>
    public ProjectionReport CatchUp()
    {
        var size = ledger.Size;
        var added = 0;
        var problems = new List<string>();
        for (var i = cases.ProjectedLedgerSize(); i < size; i++)
        {
            if (cases.Holds(i))
                continue;
            var entry = ledger.Read(i);
            try
            {
                if (Project(entry, problems))
                    added++;
            }
            catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add($"ledger entry {entry.Index} ({entry.Kind}) cannot be read as a case's: {e.Message}");
            }
        }
        cases.SetProjectedLedgerSize(size);
        return new ProjectionReport(added, problems);
    }

    private bool Project(RecordedEntry entry, List<string> problems)
    {
        if (entry.Kind is RecordsEntryKinds.Request or RecordsEntryKinds.Extension or RecordsEntryKinds.Determination)
            return ProjectRecords(entry, problems);
        var body = entry.Body;
        var receipt = ReceiptJson.Of(ledger.Receipt(entry.Index));
        if (entry.Kind == DecisionEntry.Kind)
        {
            var decision = DecisionEntry.Read(body);
            var read = RequestReader.Read(decision.RequestJson);
            if (!read.Ok)
            {
                problems.Add($"ledger entry {entry.Index} is a decision whose request no longer reads: {string.Join("; ", read.Errors)}");
                return false;
            }
            cases.Add(new NewCase(read.Request!, decision.Outcome, decision.Stack, decision.Obligations,
                Encoding.UTF8.GetBytes(body.GetRawText()), receipt, decision.RecordedBy, entry.RecordedAt, entry.Index,
                KeptIdentity(entry, decision.Identity, problems), Duties(decision.Obligations, read.Request!, decision.StackDigest), CaseDuties.ReferredItems(decision.Answer)));
            return true;
        }
        if (!IsCaseEvent(entry.Kind))
            return false; // other kinds (disclosures, ...) are not cases' business
        var decisionIndex = EntryJson.Int64(body, "decision");
        if (cases.FindByLedgerIndex(decisionIndex) is not { } caseId)
        {
            problems.Add($"ledger entry {entry.Index} ({entry.Kind}) points at a decision without a case");
            return false;
        }
        var e = new CaseEvent(entry.Index, entry.Kind, EntryActor.Of(body), entry.RecordedAt, body.GetRawText(), Encoding.UTF8.GetString(receipt));
        switch (entry.Kind)
        {
            case ReferralEntry.Kind:
                ReferralEntry.Read(body);
                cases.AddReferral(caseId, e);
                break;
            case ReviewEntry.Kind:
                var review = ReviewEntry.Read(body);
                SettledDuties? settled = null;
                if (review.Obligations is { } duties)
                {
                    var settledCase = cases.Find(caseId)!;
                    settled = new SettledDuties(duties, Duties(duties, Internal.CaseRequest.Current(settledCase), Internal.CaseRequest.StackDigest(settledCase)));
                }
                cases.AddReview(caseId, e, review.Verdict, review.Outcome, review.Justification, review.Items, settled);
                break;
            case CorrectionEntry.Kind:
                var correction = CorrectionEntry.Read(body);
                var corrected = RequestReader.Read(correction.RequestJson);
                if (!corrected.Ok)
                {
                    problems.Add($"ledger entry {entry.Index} is a correction whose request no longer reads: {string.Join("; ", corrected.Errors)}");
                    return false;
                }
                var decision = correction.AsDecision;
                cases.AddCorrection(caseId, e, new CorrectedCase(corrected.Request!, decision.Outcome, decision.Stack, decision.Obligations,
                    KeptIdentity(entry, correction.Identity, problems), Duties(decision.Obligations, corrected.Request!, decision.StackDigest), CaseDuties.ReferredItems(decision.Answer)));
                break;
            case VoidEntry.Kind:
                VoidEntry.Read(body);
                cases.AddVoid(caseId, e);
                break;
            case ActionEntry.Kind:
                var action = ActionEntry.Read(body);
                var against = CaseWorkflow.Against(cases.Find(caseId)!, action.Action);
                cases.AddAction(caseId, e, new CaseAction(entry.Index, action.Action, action.At, action.ReceivingAgency, action.AttorneyPresent,
                    against, action.RecordedBy, entry.RecordedAt), Internal.ServedTime.TryParse(action.At, out var takenAt) ? takenAt : null);
                break;
            case NoticeEntry.Kind:
                NoticeEntry.Read(body);
                cases.AddEvent(caseId, e);
                break;
            case DocumentEntry.Kind:
                var document = DocumentEntry.Read(body);
                cases.AddDocument(caseId, e, new CaseDocument(entry.Index, document.Document, document.MediaType, document.Bytes, document.RecordedBy, entry.RecordedAt));
                break;
            default:
                var served = ObligationEntry.Read(body);
                cases.AddObligationServed(caseId, e, served.Rule, served.ServedAt, served.ServedBy);
                break;
        }
        return true;
    }

    private IReadOnlyList<CaseDutyPlan>? Duties(IReadOnlyList<Obligation> obligations, DecisionRequest request, string? stackDigest) =>
        catalog is null ? null : CaseDuties.Plan(obligations, request, StackFor(request, stackDigest));

    /// <summary>
    /// The stack version <paramref name="stackDigest"/> as the ledger recorded it (counsel's
    /// settlement of a case is read under the version that decided the case), or, when the ledger
    /// holds none, the stack in force for the request.
    /// </summary>
    private Stack? StackFor(DecisionRequest request, string? stackDigest)
    {
        var current = CaseDuties.StackOf(catalog!, request);
        if (stackDigest is null || current?.Digest == stackDigest)
            return current;
        if (!recordedStacks.TryGetValue(stackDigest, out var recorded))
        {
            try
            {
                recorded = new StackVersions(ledger, TimeProvider.System).Read(stackDigest).Load();
            }
            catch (Exception e) when (e is LedgerException or LawException)
            {
                recorded = null;
            }
            recordedStacks[stackDigest] = recorded;
        }
        return recorded ?? current;
    }

    /// <summary>A records request, its extension or its determination, as the records request desk keeps it (the due times are the entries' own).</summary>
    private bool ProjectRecords(RecordedEntry entry, List<string> problems)
    {
        var records = cases.RecordsRequests;
        if (records.Holds(entry.Index))
            return false;
        var body = entry.Body;
        if (entry.Kind == RecordsRequestEntry.Kind)
        {
            var r = RecordsRequestEntry.Read(body);
            string? particulars = r.Particulars;
            if (!records.HoldsParticulars(r.Particulars))
            {
                problems.Add($"ledger entry {entry.Index} commits a records request's particulars the case database no longer keeps: the request is rebuilt without them");
                particulars = null;
            }
            records.Add(entry.Index, r.Jurisdiction, r.Unit, r.ReceivedAt, particulars, r.Cites, r.DueAt, r.RecordedBy, entry.RecordedAt);
            return true;
        }
        var request = EntryJson.Int64(body, "request");
        if (records.Find(request) is null)
        {
            problems.Add($"ledger entry {entry.Index} ({entry.Kind}) points at a records request that is not kept");
            return false;
        }
        var e = new CaseEvent(entry.Index, entry.Kind, EntryActor.Of(body), entry.RecordedAt, body.GetRawText(), Encoding.UTF8.GetString(ReceiptJson.Of(ledger.Receipt(entry.Index))));
        if (entry.Kind == RecordsExtensionEntry.Kind)
            records.AddExtension(request, e, RecordsExtensionEntry.Read(body).DueAt);
        else
            records.AddDetermination(request, e, RecordsDeterminationEntry.Read(body).Determination);
        return true;
    }

    private IReadOnlyList<CaseDutyPlan>? Duties(IReadOnlyList<Obligation> obligations, DecisionRequest request) =>
        catalog is null ? null : CaseDuties.Plan(obligations, request, CaseDuties.StackOf(catalog, request));

    /// <summary>The kinds of entry that follow a decision in a case (each names its decision).</summary>
    internal static bool IsCaseEvent(string kind) => kind is ReferralEntry.Kind or ReviewEntry.Kind or ObligationEntry.Kind
        or CorrectionEntry.Kind or VoidEntry.Kind or ActionEntry.Kind or NoticeEntry.Kind or DocumentEntry.Kind;

    /// <summary>The commitment an entry names, when the case database still keeps its identity; otherwise null, said as a problem.</summary>
    private string? KeptIdentity(RecordedEntry entry, string? commitment, List<string> problems)
    {
        if (commitment is null || cases.FindIdentity(commitment) is not null)
            return commitment;
        problems.Add($"ledger entry {entry.Index} commits an identity the case database no longer keeps: the case is rebuilt without it");
        return null;
    }
}
