using System.Globalization;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Ledger;
using Comity.Recording.Entries;
using Comity.Reports.Formats;

namespace Comity.Reports.Internal;

/// <summary>
/// The compliance report for staff and counsel (reports.md section 7; never public, never
/// published): for the requests received in a date range, as the ledger stood at the end of its
/// last day, the duties not served (c1), the decisions counsel overrode (c2), the referrals still
/// waiting (c3), the actions the decision did not allow and interviews without a served consent
/// form (c4), and the units with no request recorded (c6). Computed on request from the ledger's
/// own entries, with case ids and never a name: a referral's or review's words are not copied, as
/// they may name the person. c5 (the C8 reconciliation) is <see cref="Reconciliation"/>'s.
/// </summary>
public static class ComplianceReport
{
    public const string Name = "compliance";

    public static readonly string[] C1 = ["case_id", "unit", "act", "received_at", "obligation_rule", "notice", "open_since", "hours_open", "over_target"];
    public static readonly string[] C2 = ["case_id", "unit", "act", "received_at", "decided_outcome", "reviewed_outcome", "reviewed_by", "reviewed_at", "deciding_rules"];
    public static readonly string[] C3 = ["case_id", "unit", "act", "received_at", "referred_at", "hours_waiting", "referral_reason"];
    public static readonly string[] C4 = ["case_id", "unit", "act", "effective_outcome", "action", "action_at", "recorded_by"];
    public static readonly string[] C6 = ["unit", "unit_name", "unit_kind", "period", "requests_recorded", "attestation"];

    /// <summary>Hours a duty may stay open before c1 marks it over target (a measure only, not a legal deadline).</summary>
    public const int DefaultTargetHours = 24;

    private sealed class Request
    {
        public long Case;
        public required string Unit;
        public required string Act;
        public required string ReceivedAt;
        public DateTimeOffset Received;
        public required Outcome Decided;
        public Outcome? Reviewed;
        public ReviewVerdict? Verdict;
        public string? ReviewedBy;
        public DateTimeOffset ReviewedAt;
        public DateTimeOffset? ReferredAt;
        public required string DecidingRules;
        public required IReadOnlyList<Obligation> Obligations;
        public readonly HashSet<string> Served = new(StringComparer.Ordinal);
        public bool? FormServed;
        public bool Void;
        public readonly List<(CaseActionKind Action, string At, string By)> Actions = [];
        public Outcome Effective => Reviewed ?? Decided;
    }

    /// <summary>
    /// The entries the report can depend on, from a kept projection at its tree size
    /// (<see cref="ReportProjection.FollowUps"/>), in ledger order: the decisions received within a
    /// day of the range (the projection's local day, a day either side for a clock without an offset)
    /// or ever corrected (a correction may have moved the day the projection shows), every entry
    /// pointing at one of them, and the attestations. Every other decision falls outside the range
    /// and every other entry points at none of these, so <see cref="Build"/> over these alone writes
    /// the files it writes over the whole ledger. Null when the projection has problems (an entry it
    /// could not read may still count here): then the whole ledger is read.
    /// </summary>
    public static List<long>? Candidates(ReportProjection projection, DateOnly from, DateOnly to)
    {
        if (projection.Problems.Count > 0)
            return null;
        var (low, high) = (from.DayNumber - 1, to.DayNumber + 1);
        var decisions = new HashSet<long>();
        foreach (ref readonly var row in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(projection.Rows))
            if ((row.LocalDay >= low && row.LocalDay <= high) || projection.LatestCorrections.ContainsKey(row.Ledger))
                decisions.Add(row.Ledger);
        var entries = new List<long>(decisions);
        foreach (var (entry, decision) in projection.FollowUps)
            if (decisions.Contains(decision))
                entries.Add(entry);
        entries.AddRange(projection.Attestations.Select(a => a.Index));
        entries.RemoveAll(i => i >= projection.TreeSize);
        entries.Sort();
        return [.. entries.Distinct()];
    }

    /// <param name="caseOf">The case id of a decision's ledger index (the case store's), or null when the store does not hold it.</param>
    /// <param name="only">The entries to read, in ledger order (<see cref="Candidates"/>); null reads every entry up to <paramref name="treeSize"/>.</param>
    public static SortedDictionary<string, byte[]> Build(TransparencyLog ledger, long treeSize, ReportMapping mapping, DateOnly from, DateOnly to,
        Func<long, long?> caseOf, int targetHours = DefaultTargetHours, IReadOnlyList<long>? only = null)
    {
        if (to < from)
            throw new ReportRequestException("to", $"the range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
        var zone = mapping.TimeZone;
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var requests = new Dictionary<long, Request>();
        var attested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in only is null ? ledger.ReadFrom(0) : only.Select(ledger.Read))
        {
            if (entry.Index >= treeSize)
                break;
            if (entry.RecordedAt >= end)
                continue; // as the ledger stood at the end of the range
            switch (entry.Kind)
            {
                case DecisionEntry.Kind:
                    if (Read(DecisionEntry.Read(entry.Body), zone) is { } decided && From(decided, zone) is var day && day >= from && day <= to)
                    {
                        decided.Case = caseOf(entry.Index) ?? 0;
                        requests[entry.Index] = decided;
                    }
                    break;
                case CorrectionEntry.Kind:
                    {
                        var c = CorrectionEntry.Read(entry.Body);
                        if (requests.TryGetValue(c.Decision, out var old) && Read(c.AsDecision, zone) is { } r)
                        {
                            r.Case = old.Case;
                            r.Reviewed = old.Reviewed;
                            r.Verdict = old.Verdict;
                            r.ReviewedBy = old.ReviewedBy;
                            r.ReviewedAt = old.ReviewedAt;
                            r.ReferredAt = old.ReferredAt;
                            r.Served.UnionWith(old.Served);
                            r.Actions.AddRange(old.Actions);
                            requests[c.Decision] = r;
                        }
                        break;
                    }
                case ReferralEntry.Kind:
                    {
                        var referral = ReferralEntry.Read(entry.Body);
                        if (requests.TryGetValue(referral.Decision, out var r))
                        {
                            r.ReferredAt = entry.RecordedAt;
                            r.Reviewed = null; // a new referral waits for a new review
                            r.Verdict = null;
                        }
                        break;
                    }
                case ReviewEntry.Kind:
                    {
                        var review = ReviewEntry.Read(entry.Body);
                        if (requests.TryGetValue(review.Decision, out var r))
                        {
                            (r.Reviewed, r.Verdict, r.ReviewedBy, r.ReviewedAt) = (review.Outcome, review.Verdict, review.RecordedBy, entry.RecordedAt);
                            // When the settled outcome changes which duties hold, the review lists them: they replace the decision's.
                            if (review.Obligations is { } settled)
                                requests[review.Decision] = Replace(r, settled);
                        }
                        break;
                    }
                case ObligationEntry.Kind:
                    {
                        var served = ObligationEntry.Read(entry.Body);
                        if (requests.TryGetValue(served.Decision, out var r))
                            r.Served.Add(served.Rule);
                        break;
                    }
                case ActionEntry.Kind:
                    {
                        var action = ActionEntry.Read(entry.Body);
                        if (requests.TryGetValue(action.Decision, out var r))
                            r.Actions.Add((action.Action, action.At, action.RecordedBy));
                        break;
                    }
                case VoidEntry.Kind:
                    {
                        var v = VoidEntry.Read(entry.Body);
                        if (requests.TryGetValue(v.Decision, out var r))
                            r.Void = true;
                        break;
                    }
                case Attestation.Kind:
                    {
                        var a = Attestation.Read(entry);
                        if (a.From <= to && a.To >= from)
                            attested.Add(a.Unit);
                        break;
                    }
            }
        }

        var live = requests.Values.Where(r => !r.Void).OrderBy(r => r.Received).ThenBy(r => r.Case).ToList();
        string Id(Request r) => r.Case == 0 ? "" : r.Case.ToString(CultureInfo.InvariantCulture);
        static string Hours(TimeSpan t) => Math.Max(0, Math.Floor(t.TotalHours)).ToString(CultureInfo.InvariantCulture);
        string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

        var c1 = live.SelectMany(r => r.Obligations.Where(o => !r.Served.Contains(o.Rule)).Select(o =>
        {
            var open = end - r.Received;
            var notice = mapping.Notices.FirstOrDefault(n => n.Rule == o.Rule)?.Notice ?? "";
            return new[] { Id(r), r.Unit, r.Act, r.ReceivedAt, o.Rule, notice, Local(r.Received), Hours(open), open.TotalHours > targetHours ? "yes" : "no" };
        }));
        var c2 = live.Where(r => r.Verdict == ReviewVerdict.Override).Select(r => new[]
        {
            Id(r), r.Unit, r.Act, r.ReceivedAt, Vocabularies.Outcomes.Name(r.Decided), Vocabularies.Outcomes.Name(r.Reviewed!.Value), r.ReviewedBy ?? "", Local(r.ReviewedAt), r.DecidingRules,
        });
        var c3 = live.Where(r => r.Reviewed is null && (r.ReferredAt is not null || r.Decided == Outcome.ReferToCounsel)).Select(r =>
        {
            var since = r.ReferredAt ?? r.Received;
            return new[] { Id(r), r.Unit, r.Act, r.ReceivedAt, Local(since), Hours(end - since), r.ReferredAt is null ? "decision-refers-to-counsel" : "referred-by-staff" };
        });
        var c4 = live.SelectMany(r => r.Actions.Where(a => Against(r, a.Action)).Select(a => new[]
        {
            Id(r), r.Unit, r.Act, Vocabularies.Outcomes.Name(r.Effective), CaseVocabularies.Actions.Name(a.Action), a.At, a.By,
        }));
        var period = $"{from:yyyy-MM-dd}/{to:yyyy-MM-dd}";
        var c6 = mapping.Units.Where(u => live.All(r => r.Unit != u.Unit)).Select(u => new[]
        {
            u.Unit, u.Name, u.Kind, period, "0", attested.Contains(u.Unit) ? "recorded" : "none",
        });
        return new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["c1_overdue_obligations.csv"] = Csv.Write(C1, c1),
            ["c2_counsel_overrides.csv"] = Csv.Write(C2, c2),
            ["c3_referrals_waiting.csv"] = Csv.Write(C3, c3),
            ["c4_actions_against_decision.csv"] = Csv.Write(C4, c4),
            ["c6_units_without_records.csv"] = Csv.Write(C6, c6),
        };
    }

    /// <summary>An action that gave access the effective outcome did not allow, or an interview held without a served consent form (Gov. Code 7283.1(a)).</summary>
    private static bool Against(Request r, CaseActionKind action)
    {
        var givesAccess = action is CaseActionKind.Transferred or CaseActionKind.Notified or CaseActionKind.InformationGiven or CaseActionKind.InterviewHeld;
        if (givesAccess && r.Effective is Outcome.Deny or Outcome.ReferToCounsel)
            return true;
        return action == CaseActionKind.InterviewHeld && r.FormServed != true;
    }

    private static Request Replace(Request r, IReadOnlyList<Obligation> obligations)
    {
        var copy = new Request
        {
            Case = r.Case, Unit = r.Unit, Act = r.Act, ReceivedAt = r.ReceivedAt, Received = r.Received, Decided = r.Decided, Reviewed = r.Reviewed, Verdict = r.Verdict,
            ReviewedBy = r.ReviewedBy, ReviewedAt = r.ReviewedAt, ReferredAt = r.ReferredAt, DecidingRules = r.DecidingRules, Obligations = obligations, FormServed = r.FormServed, Void = r.Void,
        };
        copy.Served.UnionWith(r.Served);
        copy.Actions.AddRange(r.Actions);
        return copy;
    }

    private static Request? Read(DecisionEntry decision, TimeZoneInfo zone)
    {
        var read = RequestReader.Read(decision.RequestJson);
        if (!read.Ok)
            return null;
        var q = read.Request!;
        if (!Contract.ReceivedAt.TryParse(q.ReceivedAt, out var m))
            return null;
        var received = m.Offset is { } offset ? new DateTimeOffset(m.Clock, offset) : new DateTimeOffset(m.Clock, zone.GetUtcOffset(m.Clock));
        var deciding = decision.Answer.TryGetProperty("decidedBy", out var by) && by.ValueKind == JsonValueKind.Array
            ? string.Join(";", by.EnumerateArray().Select(b => b.GetString()))
            : "";
        return new Request
        {
            Unit = q.Actor.Unit,
            Act = Vocabularies.Acts.Name(q.Act),
            ReceivedAt = q.ReceivedAt,
            Received = received,
            Decided = decision.Outcome,
            DecidingRules = deciding,
            Obligations = decision.Obligations,
            FormServed = q.Subject.InterviewConsent?.FormServed,
        };
    }

    private static DateOnly From(Request r, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.Received, zone).DateTime);

    /// <summary>The report's HTML page: each table with its caption, for staff (no script, inline styles).</summary>
    public static byte[] Page(string title, string lead, IReadOnlyDictionary<string, byte[]> files, IReadOnlyDictionary<string, string> captions)
    {
        var page = new HtmlPage(title, "Internal: for staff and counsel, never published");
        page.Heading(1, title);
        page.Paragraph(lead);
        foreach (var (file, bytes) in files.Where(f => f.Key.EndsWith(".csv", StringComparison.Ordinal)))
        {
            var records = Csv.Read(bytes);
            page.Heading(2, captions.GetValueOrDefault(file, file), file.Replace(".csv", "", StringComparison.Ordinal));
            if (records.Count <= 1)
                page.Paragraph("None.");
            else
                page.Table($"{captions.GetValueOrDefault(file, file)} ({file}, {records.Count - 1} rows)", records);
        }
        return page.Write();
    }

    public static readonly IReadOnlyDictionary<string, string> Captions = new Dictionary<string, string>
    {
        ["c1_overdue_obligations.csv"] = "Duties not served",
        ["c2_counsel_overrides.csv"] = "Decisions counsel overrode",
        ["c3_referrals_waiting.csv"] = "Referrals waiting for counsel",
        ["c4_actions_against_decision.csv"] = "Actions the decision did not allow, interviews without a served consent form",
        ["c5_reconciliation.csv"] = "Reconciliation: the consistency checks (C8), and the headline totals against the latest published version",
        ["c6_units_without_records.csv"] = "Units with no request recorded",
        ["a1_access_log.csv"] = "Every staff read, search and export",
        ["a2_access_by_user.csv"] = "Reads per user, with flags",
    };
}
