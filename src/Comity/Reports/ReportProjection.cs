using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Conditions;
using Comity.Ledger;
using Comity.Law;
using Comity.Recording.Entries;

namespace Comity.Reports;

/// <summary>A transfer's legal basis and offences, kept beside its row for the SB 54 export (E2).</summary>
public sealed record TransferDetail(long Ledger, string LegalBasis, string LegalCitation, IReadOnlyList<(string Code, string Level)> Offences, string StackDigest);

/// <summary>
/// The reports' view of the ledger (reports.md section 10): one <see cref="RequestRow"/> per
/// recorded decision, brought to its effective state by every later entry that points at it
/// (reviews, referrals, obligations served; corrections, voids and actions as their kinds land),
/// and the reports' own inputs. Built by replaying the ledger up to a tree size, or caught up from
/// a kept copy (<see cref="KeptProjection"/>) by applying only the newer entries, and stamped with
/// that size and its root hash so that a report can check it against the checkpoint it cites.
/// Identity never enters: <paramref name="identityOf"/> gives the identity the case keeps under
/// the commitment a decision or correction entry holds, and only the person key and demographic
/// codes are kept.
/// </summary>
public sealed class ReportProjection
{
    private readonly ReportMapping mapping;
    private readonly Func<string, SubjectIdentity?> identityOf;
    private readonly PersonKeys keys;
    private readonly OffenceIndex offences;
    private readonly ulong[] categoryMasks;
    private readonly Dictionary<string, short> unitIndex;
    private readonly List<string> problems = [];
    private readonly Dictionary<long, long> latestCorrection = [];

    /// <summary>
    /// Rows whose entry commits to an identity the case store did not hold when the row was
    /// filled (by ledger index, the commitment): a kept copy asks again when it is loaded, as a
    /// replay at that moment would.
    /// </summary>
    private readonly Dictionary<long, string> unresolved = [];

    public ReportProjection(ReportMapping mapping, Stack stack, PersonKeys keys, Func<string, SubjectIdentity?> identityOf)
    {
        this.mapping = mapping;
        this.keys = keys;
        this.identityOf = identityOf;
        StackDigest = stack.Digest;
        offences = new OffenceIndex(stack.Tables);
        categoryMasks = [.. mapping.OffenceCategories.Select(c => c.Tables.Aggregate(0UL, (m, t) => m | offences.Bits[t]))];
        unitIndex = mapping.Units.Select((u, i) => (u.Unit, (short)i)).ToDictionary(x => x.Unit, x => x.Item2);
    }

    public List<RequestRow> Rows { get; } = [];
    public Dictionary<long, TransferDetail> Transfers { get; } = [];
    public List<ReportInput> Inputs { get; } = [];
    public List<Attestation> Attestations { get; } = [];
    public List<PublishedReport> Published { get; } = [];

    /// <summary>Corrections, voids and late entries, for <c>corrections.csv</c>: ledger index, kind, reason code, public note.</summary>
    public List<(long Index, string Kind, string Reason, string Note, DateTimeOffset At)> Corrections { get; } = [];

    /// <summary>Entries that could not be read (each said in a sentence); a report with any is not verified (exit 5).</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>The tree size and root hash the projection reflects.</summary>
    public long TreeSize { get; internal set; }
    public byte[] RootHash { get; internal set; } = Merkle.EmptyRoot();

    internal List<string> ProblemList => problems;
    internal Dictionary<long, long> LatestCorrections => latestCorrection;
    internal Dictionary<long, string> Unresolved => unresolved;

    /// <summary>
    /// Every entry that points at a decision (review, referral, obligation served, action,
    /// correction, void), by its ledger index and the decision's, in ledger order: the compliance
    /// report reads only these and the decisions in its range from the ledger
    /// (<see cref="Internal.ComplianceReport.Candidates"/>), not every entry.
    /// </summary>
    internal List<(long Entry, long Decision)> FollowUps { get; } = [];

    public ReportMapping Mapping => mapping;

    /// <summary>The digest of the stack whose offence tables classified the rows.</summary>
    public string StackDigest { get; }

    /// <summary>Replays entries 0 to <paramref name="treeSize"/> - 1 of <paramref name="ledger"/>.</summary>
    public static ReportProjection Build(TransparencyLog ledger, long treeSize, ReportMapping mapping, Stack stack, PersonKeys keys, Func<string, SubjectIdentity?> identityOf)
    {
        var p = new ReportProjection(mapping, stack, keys, identityOf);
        p.CatchUp(ledger, treeSize);
        return p;
    }

    /// <summary>
    /// Applies entries <see cref="TreeSize"/> to <paramref name="treeSize"/> - 1 and stamps the
    /// projection with the new size and its root. The caller has checked that the stamp it starts
    /// from is the ledger's (<see cref="KeptProjection"/>): the ledger only grows, so the entries
    /// before it are the ones already applied.
    /// </summary>
    public void CatchUp(TransparencyLog ledger, long treeSize)
    {
        if (treeSize < TreeSize)
            throw new ArgumentOutOfRangeException(nameof(treeSize), $"a projection at tree size {TreeSize} cannot go back to {treeSize}");
        // At most one row per new entry: room made once, exactly, as doubling a list of millions of rows would hold two copies at once.
        var room = Rows.Count + (int)Math.Min(treeSize - TreeSize, Array.MaxLength - Rows.Count);
        if (Rows.Capacity < room)
            Rows.Capacity = room;
        if (treeSize > TreeSize)
            foreach (var entry in ledger.ReadFrom(TreeSize))
            {
                if (entry.Index >= treeSize)
                    break;
                Apply(entry);
            }
        TreeSize = treeSize;
        RootHash = ledger.RootHash(treeSize);
    }

    /// <summary>Asks the case store again for the identities it did not hold when their rows were filled (a kept copy, just loaded).</summary>
    internal void ResolveIdentities()
    {
        foreach (var (ledgerIndex, commitment) in unresolved.ToList())
        {
            if (identityOf(commitment) is not { } identity || FindRow(ledgerIndex) is not { } i)
                continue;
            var row = Rows[i];
            var key = keys.Of(identity);
            row.Set(RowFlags.HasIdentity, key is not null);
            row.PersonKey = key ?? 0;
            Demographics.Fill(ref row, identity, DateOnly.FromDayNumber(row.LocalDay));
            Rows[i] = row;
            unresolved.Remove(ledgerIndex);
        }
    }

    /// <summary>The position of the row of decision <paramref name="ledgerIndex"/>: rows are appended in ledger order, so a binary search finds it.</summary>
    private int? FindRow(long ledgerIndex)
    {
        var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Rows);
        int lo = 0, hi = rows.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var at = rows[mid].Ledger;
            if (at == ledgerIndex)
                return mid;
            if (at < ledgerIndex)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return null;
    }

    public void Apply(RecordedEntry entry)
    {
        try
        {
            switch (entry.Kind)
            {
                case DecisionEntry.Kind: Decision(entry); break;
                case ReviewEntry.Kind: Review(entry); break;
                case ReferralEntry.Kind: Referral(entry); break;
                case ObligationEntry.Kind: Obligation(entry); break;
                case ActionEntry.Kind: Action(entry); break;
                case CorrectionEntry.Kind: Correction(entry); break;
                case VoidEntry.Kind: Void(entry); break;
                case ReportInput.Kind: Inputs.Add(ReportInput.Read(entry)); break;
                case Attestation.Kind: Attestations.Add(Attestation.Read(entry)); break;
                case PublishedReport.Kind: Published.Add(PublishedReport.Read(entry)); break;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add($"ledger entry {entry.Index} ({entry.Kind}) cannot be read for the reports: {e.Message}");
        }
    }

    private void Decision(RecordedEntry entry)
    {
        var decision = DecisionEntry.Read(entry.Body);
        var read = RequestReader.Read(decision.RequestJson);
        if (!read.Ok)
        {
            problems.Add($"ledger entry {entry.Index} is a decision whose request no longer reads: {string.Join("; ", read.Errors)}");
            return;
        }
        var row = new RequestRow { Ledger = entry.Index };
        Fill(ref row, read.Request!, decision, entry.Index);
        Rows.Add(row);
    }

    /// <summary>The row's facts from a request and the answer to it (a decision, or a correction that re-decided it).</summary>
    private void Fill(ref RequestRow row, DecisionRequest request, DecisionEntry decision, long index)
    {
        var answer = decision.Answer;
        row.Unit = unitIndex.TryGetValue(request.Actor.Unit, out var u) ? u : (short)-1;
        if (row.Unit < 0)
            throw new FormatException($"the unit \"{request.Actor.Unit}\" is not one of the stack's units");
        row.UnitKind = (byte)request.Actor.Kind;
        row.Act = (byte)request.Act;
        row.Agency = (byte)request.Requester.Agency;
        row.Purpose = (byte)request.Purpose;
        row.Set(RowFlags.FederalParticipation, request.Requester.FederalParticipation == true);
        var (at, day) = Received(request.ReceivedAt);
        row.ReceivedAt = at;
        row.LocalDay = day.DayNumber;
        row.Decided = (byte)decision.Outcome;
        row.StateOutcome = RequestRow.None;
        var afterState = false;
        var lowerDenies = false;
        foreach (var layer in answer.GetProperty("layers").EnumerateArray())
        {
            var name = layer.GetProperty("layer").GetString();
            var outcome = layer.TryGetProperty("outcome", out var o) && o.ValueKind == JsonValueKind.String && Vocabularies.Outcomes.TryParse(o.GetString()!, out var lo) ? lo : (Outcome?)null;
            if (name == mapping.StateLayer)
            {
                row.StateOutcome = outcome is { } so ? (byte)so : RequestRow.None;
                afterState = true;
            }
            else if (afterState && outcome == Outcome.Deny)
                lowerDenies = true;
        }
        row.Set(RowFlags.LowerLayerDenies, lowerDenies);
        var consent = request.Subject.InterviewConsent;
        byte flags = 0;
        if (consent?.FormServed is { } served) flags |= (byte)(ConsentFlags.FormServedKnown | (served ? ConsentFlags.FormServed : 0));
        if (consent?.Consented is { } yes) flags |= (byte)(ConsentFlags.ConsentedKnown | (yes ? ConsentFlags.Consented : 0));
        if (consent?.AttorneyPresent == true) flags |= (byte)ConsentFlags.AttorneyPresent;
        row.ConsentFlags = flags;
        row.FormLanguage = consent?.FormServed == true ? Demographics.Language(consent.Language) : RequestRow.None;

        var codes = request.Subject.Convictions.Select(c => (c.Code, c.Classes, Level: Vocabularies.Levels.Name(c.Level), Day: c.Date))
            .Concat(request.Subject.MagistrateProbableCause.Select(c => (c.Code, c.Classes, Level: "", Day: request.ReceivedOn))).ToList();
        row.OffenceCategory = RequestRow.NoOffence;
        if (codes.Count > 0)
        {
            row.OffenceCategory = RequestRow.OtherCategory;
            var masks = codes.Select(c => offences.Classify(c.Code, c.Classes, c.Day)).Aggregate(0UL, (a, b) => a | b);
            for (var i = 0; i < categoryMasks.Length; i++)
                if ((masks & categoryMasks[i]) != 0)
                {
                    row.OffenceCategory = (byte)i;
                    break;
                }
        }
        byte due = 0;
        var obligations = decision.Obligations.Select(o => o.Rule).ToHashSet();
        for (var i = 0; i < mapping.Notices.Count && i < 8; i++)
            if (obligations.Contains(mapping.Notices[i].Rule))
                due |= (byte)(1 << i);
        row.NoticesDue = due;

        var identity = decision.Identity is { } commitment ? identityOf(commitment) : null;
        if (decision.Identity is not null && identity is null)
            unresolved[index] = decision.Identity;
        else
            unresolved.Remove(index);
        var key = keys.Of(identity);
        row.Set(RowFlags.HasIdentity, key is not null);
        row.PersonKey = key ?? 0;
        Demographics.Fill(ref row, identity, day);

        if (request.Act == Act.Transfer)
        {
            var basis = request.Document.Type switch
            {
                DocumentType.JudicialWarrant => "judicial-warrant",
                DocumentType.JudicialProbableCause => "judicial-probable-cause",
                _ => "gov-7282.5",
            };
            var citation = DecidingCitations(answer);
            Transfers[index] = new TransferDetail(index, basis, citation, [.. codes.Select(c => (c.Code, c.Level))], decision.StackDigest);
        }
    }

    /// <summary>The citations of the rules that decided an answer, joined by "; ".</summary>
    public static string DecidingCitations(JsonElement answer)
    {
        var deciding = answer.TryGetProperty("decidedBy", out var by) ? by.EnumerateArray().Select(b => b.GetString()!).ToHashSet() : [];
        return answer.TryGetProperty("reasons", out var reasons)
            ? string.Join("; ", reasons.EnumerateArray()
                .Where(r => deciding.Contains(r.GetProperty("rule").GetString()!))
                .SelectMany(r => r.GetProperty("citations").EnumerateArray().Select(c => c.GetString()!)).Distinct())
            : "";
    }

    /// <summary>When a request was received, in minutes, and the local day it belongs to in the mapping's time zone.</summary>
    internal (int At, DateOnly Day) Received(string receivedAt)
    {
        if (!ReceivedAt.TryParse(receivedAt, out var m))
            throw new FormatException($"receivedAt \"{receivedAt}\" does not read");
        if (m.Offset is { } offset)
        {
            var instant = new DateTimeOffset(m.Clock, offset);
            var local = TimeZoneInfo.ConvertTime(instant, mapping.TimeZone);
            return (RowTime.Of(instant), DateOnly.FromDateTime(local.DateTime));
        }
        // No offset: the clock on the desk, in the units' zone.
        var clock = m.Clock;
        var utcOffset = mapping.TimeZone.GetUtcOffset(clock);
        return (RowTime.Of(new DateTimeOffset(clock, utcOffset)), m.Day);
    }

    private int? RowFor(JsonElement body, RecordedEntry entry)
    {
        var decision = EntryJson.Int64(body, "decision");
        FollowUps.Add((entry.Index, decision));
        if (FindRow(decision) is { } i)
            return i;
        problems.Add($"ledger entry {entry.Index} ({entry.Kind}) points at {decision}, which is not a decision");
        return null;
    }

    private void Review(RecordedEntry entry)
    {
        var review = ReviewEntry.Read(entry.Body);
        if (RowFor(entry.Body, entry) is not { } i)
            return;
        var row = Rows[i];
        row.ReviewOutcome = (byte)review.Outcome;
        row.ReviewedAt = RowTime.Of(entry.RecordedAt);
        Rows[i] = row;
    }

    /// <summary>A correction replaces the request's facts and its decision; what happened since (reviews, actions, notices served) stays.</summary>
    private void Correction(RecordedEntry entry)
    {
        var correction = CorrectionEntry.Read(entry.Body);
        if (RowFor(entry.Body, entry) is not { } i)
            return;
        var read = RequestReader.Read(correction.RequestJson);
        if (!read.Ok)
        {
            problems.Add($"ledger entry {entry.Index} is a correction whose request no longer reads: {string.Join("; ", read.Errors)}");
            return;
        }
        var row = Rows[i];
        var kept = row;
        Transfers.Remove(row.Ledger);
        Fill(ref row, read.Request!, correction.AsDecision, row.Ledger);
        // What the unit did and counsel said is not a fact of the request: it survives the correction.
        row.Flags = (byte)((row.Flags & ~(byte)(RowFlags.Voided | RowFlags.Referred | RowFlags.InterviewWithAttorney | RowFlags.Disclosed))
            | (kept.Flags & (byte)(RowFlags.Voided | RowFlags.Referred | RowFlags.InterviewWithAttorney | RowFlags.Disclosed)));
        row.ReviewOutcome = kept.ReviewOutcome;
        row.ReviewedAt = kept.ReviewedAt;
        row.TransferredAt = kept.TransferredAt;
        row.ReceivingAgency = kept.ReceivingAgency;
        row.InterviewAt = kept.InterviewAt;
        row.RespondedAt = kept.RespondedAt;
        row.NotifiedAt = kept.NotifiedAt;
        row.DeclinedAt = kept.DeclinedAt;
        row.ReleasedAt = kept.ReleasedAt;
        row.Served0 = kept.Served0;
        row.Served1 = kept.Served1;
        row.Served2 = kept.Served2;
        Rows[i] = row;
        latestCorrection[row.Ledger] = entry.Index;
        Corrections.Add((entry.Index, "correction", CaseVocabularies.Reasons.Name(correction.Reason), correction.Note, entry.RecordedAt));
    }

    private void Void(RecordedEntry entry)
    {
        var v = VoidEntry.Read(entry.Body);
        if (RowFor(entry.Body, entry) is not { } i)
            return;
        var row = Rows[i];
        row.Set(RowFlags.Voided);
        Rows[i] = row;
        Corrections.Add((entry.Index, "void", CaseVocabularies.Reasons.Name(v.Reason), v.Note, entry.RecordedAt));
    }

    /// <summary>What the unit did, at the time staff gave; the first of each kind counts.</summary>
    private void Action(RecordedEntry entry)
    {
        var action = ActionEntry.Read(entry.Body);
        if (RowFor(entry.Body, entry) is not { } i)
            return;
        var row = Rows[i];
        var at = DateTimeOffset.TryParse(action.At, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)
            ? RowTime.Of(t)
            : RowTime.Of(entry.RecordedAt);
        static void First(ref int slot, int at)
        {
            if (slot == 0 || at < slot)
                slot = at;
        }
        switch (action.Action)
        {
            case CaseActionKind.Transferred:
                First(ref row.TransferredAt, at);
                row.ReceivingAgency = action.ReceivingAgency is { } agency && Vocabularies.Agencies.TryParse(agency, out var a) ? (byte)a : RequestRow.None;
                break;
            case CaseActionKind.InterviewHeld:
                First(ref row.InterviewAt, at);
                row.Set(RowFlags.InterviewWithAttorney, action.AttorneyPresent == true);
                break;
            case CaseActionKind.Notified:
                First(ref row.NotifiedAt, at);
                First(ref row.RespondedAt, at);
                break;
            case CaseActionKind.InformationGiven:
                First(ref row.RespondedAt, at);
                break;
            case CaseActionKind.Declined:
                First(ref row.DeclinedAt, at);
                break;
            case CaseActionKind.Released:
                First(ref row.ReleasedAt, at);
                break;
        }
        Rows[i] = row;
    }

    /// <summary>The entry holding a decision's request as last recorded: its latest correction, or the decision itself.</summary>
    public long LatestEntryOf(long decision) => latestCorrection.GetValueOrDefault(decision, decision);

    private void Referral(RecordedEntry entry)
    {
        ReferralEntry.Read(entry.Body);
        if (RowFor(entry.Body, entry) is not { } i)
            return;
        var row = Rows[i];
        row.Set(RowFlags.Referred);
        Rows[i] = row;
    }

    private void Obligation(RecordedEntry entry)
    {
        var served = ObligationEntry.Read(entry.Body);
        if (RowFor(entry.Body, entry) is not { } i)
            return;
        var row = Rows[i];
        var at = DateTimeOffset.TryParse(served.ServedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)
            ? RowTime.Of(t)
            : RowTime.Of(entry.RecordedAt);
        for (var n = 0; n < mapping.Notices.Count && n < 3; n++)
            if (mapping.Notices[n].Rule == served.Rule && row.Served(n) == 0)
                row.SetServed(n, at);
        Rows[i] = row;
    }
}
