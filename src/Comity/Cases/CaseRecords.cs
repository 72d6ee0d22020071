using Comity.Contract;

namespace Comity.Cases;

/// <summary>
/// Where a case stands: decided and closed to counsel, waiting for counsel, reviewed by counsel, or
/// void (entered by mistake or twice: it stays in the ledger and the list, and nothing more is done on it).
/// </summary>
public enum CaseStatus { Open, AwaitingCounsel, Reviewed, Void }

/// <summary>What counsel said of a decision: it stands, or another outcome replaces it.</summary>
public enum ReviewVerdict { Confirm, Override }

/// <summary>The kinds of event that follow a decision in a case's history (each a ledger entry of that kind).</summary>
public static class CaseEventKinds
{
    public const string Decision = "decision";
    public const string Referral = "referral";
    public const string Review = "review";
    public const string Obligation = "obligation";
    public const string Correction = "correction";
    public const string Void = "void";
    public const string Action = "action";
    /// <summary>A notice was printed to be handed over (which notice, language and template version).</summary>
    public const string Notice = "notice";
    /// <summary>A document received with the request (the I-247A, the warrant, the letter) was attached.</summary>
    public const string Document = "document";
}

/// <summary>
/// What the unit did on a case (reports.md section 1): gave the release notification, gave
/// information, transferred the person (to a named agency), held the interview (with or without
/// an attorney), declined, or released the person before any action.
/// </summary>
public enum CaseActionKind { Notified, InformationGiven, Transferred, InterviewHeld, Declined, Released }

/// <summary>
/// Why a correction or a void was recorded (reports.md section 1): a typing mistake, a request
/// entered twice, a case opened by mistake, a request recorded late, or an act entered as the wrong one.
/// </summary>
public enum CorrectionReason { DataEntryError, Duplicate, OpenedByMistake, LateRecorded, ReclassifiedAct }

/// <summary>The spellings of the cases' own enumerations, as the API and the database write them.</summary>
public static class CaseVocabularies
{
    public static readonly Vocabulary<CaseStatus> Statuses = new("case status", "open", "awaiting-counsel", "reviewed", "void");
    public static readonly Vocabulary<ReviewVerdict> Verdicts = new("review verdict", "confirm", "override");
    public static readonly Vocabulary<CaseActionKind> Actions = new("action",
        "notified", "information-given", "transferred", "interview-held", "declined", "released");
    public static readonly Vocabulary<CorrectionReason> Reasons = new("reason code",
        "data-entry-error", "duplicate", "opened-by-mistake", "late-recorded", "reclassified-act");
}

/// <summary>
/// A decision recorded in the ledger, to be kept as a new case: the request, and of the answer what
/// the case list needs. The entry's body and its receipt are UTF-8 JSON, stored as text as they are:
/// turning 3 to 6 KB of JSON into a .NET string and back for every case cost more than storing it.
/// </summary>
public sealed record NewCase(
    DecisionRequest Request,
    Outcome Outcome,
    string Stack,
    IReadOnlyList<Obligation> Obligations,
    byte[] EntryJson,
    byte[] ReceiptJson,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    long LedgerIndex,
    string? IdentityCommitment = null,
    IReadOnlyList<CaseDutyPlan>? Duties = null,
    IReadOnlyList<string>? ReferredItems = null);

/// <summary>
/// How a case keeps one duty of its answer: whether it is the agency's (never on the case's
/// checklist), on whom it is served, when it falls due (<c>on-receipt</c>, <c>before-interview</c>,
/// <c>at-release</c>, <c>none</c>) and the due time when it is known (UTC).
/// </summary>
public sealed record CaseDutyPlan(string Rule, bool Agency, IReadOnlyList<string> To, string Due, DateTimeOffset? DueAt);

/// <summary>
/// A correction recorded in the ledger, as the case keeps it: the corrected request, the new
/// decision's outcome, stack and duties, and the identity in force (the correction's, or the one kept).
/// </summary>
public sealed record CorrectedCase(DecisionRequest Request, Outcome Outcome, string Stack, IReadOnlyList<Obligation> Obligations, string? IdentityCommitment,
    IReadOnlyList<CaseDutyPlan>? Duties = null, IReadOnlyList<string>? ReferredItems = null);

/// <summary>One row of the case list. <see cref="PersonName"/> is the name the case's identity gives, if any.</summary>
public sealed record CaseSummary(
    long Id,
    string? Reference,
    string ReceivedAt,
    string Unit,
    string Agency,
    string Act,
    string DocumentType,
    string DecidedOutcome,
    string Outcome,
    CaseStatus Status,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    long LedgerIndex,
    string? PersonName = null,
    int ActionsAgainstDecision = 0,
    IReadOnlyList<string>? ReferredItems = null,
    DateTimeOffset? WaitingSince = null);

/// <summary>
/// A duty the decision triggered, and when and by whom it was met (null while outstanding).
/// <see cref="Agency"/> duties (reports, forums) are listed for the record but are not served on
/// the case; a case duty is served on <see cref="To"/> and falls due at <see cref="DueAt"/> (UTC;
/// null while not known: before the interview, at release) by the rule <see cref="Due"/>.
/// </summary>
public sealed record CaseObligation(string Rule, string Text, IReadOnlyList<string> Citations, string? ServedAt, string? ServedBy, long? ServedLedgerIndex)
{
    public bool Agency { get; init; }
    public IReadOnlyList<string> To { get; init; } = ["person"];
    public string Due { get; init; } = "on-receipt";
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Open and past its due time at <paramref name="now"/>.</summary>
    public bool OverdueAt(DateTimeOffset now) => !Agency && ServedAt is null && DueAt is { } due && due < now;
}

/// <summary>
/// One line of the duties dashboard: an open case duty with its due time, or a case waiting for
/// counsel (<see cref="Kind"/> <c>referral</c>; <see cref="Rule"/> null, <see cref="ReferredItems"/>
/// the data items referred, if the referral is of items) with the time it began waiting, or an
/// open records request (<see cref="Kind"/> <c>records-request</c>: <see cref="CaseId"/> is the
/// request's number, <see cref="Text"/> what is due with its citation, <see cref="Rule"/> null).
/// </summary>
public sealed record OpenDuty(
    string Kind, long CaseId, string? Reference, string Unit, string Act, string? Rule, string? Text, IReadOnlyList<string> To,
    string? Due, DateTimeOffset? DueAt, DateTimeOffset? WaitingSince, IReadOnlyList<string> ReferredItems, bool Overdue, int ActionsAgainstDecision);

/// <summary>A page of the duties dashboard: overdue first, then by due time, then those without one.</summary>
public sealed record DutyPage(IReadOnlyList<OpenDuty> Items, long Total, int Page, int PageSize);

/// <summary>An event after the decision, as recorded in the ledger: the entry's body and its receipt as JSON.</summary>
public sealed record CaseEvent(long LedgerIndex, string Kind, string RecordedBy, DateTimeOffset RecordedAt, string BodyJson, string ReceiptJson);

/// <summary>
/// A document attached to a case, as its document entry records it: the SHA-256 of its bytes
/// (<c>sha256:HEX</c>, also the name it is kept under), its media type by its first bytes, its size.
/// </summary>
public sealed record CaseDocument(long LedgerIndex, string Sha256, string MediaType, long Bytes, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// A disclosure cut in the web app from a case's decided request: its id (where its manifest and
/// export are kept), its ledger entry, who cut it and when, and what its manifest counts.
/// </summary>
public sealed record CaseDisclosure(string Id, long CaseId, long LedgerIndex, string RecordedBy, DateTimeOffset RecordedAt,
    long RowsRead, long RowsWritten, int FieldsKept, int FieldsDropped);

/// <summary>Counsel's verdict on a case; <see cref="Items"/> its outcome per data item, when it settled items one by one.</summary>
public sealed record CaseReview(long LedgerIndex, ReviewVerdict Verdict, string Outcome, string Justification, string Reviewer, DateTimeOffset RecordedAt)
{
    public IReadOnlyList<ItemOutcome>? Items { get; init; }
}

/// <summary>The duties in force after counsel's verdict changed them, and how the case keeps each (case or agency duty, due when).</summary>
public sealed record SettledDuties(IReadOnlyList<Obligation> Obligations, IReadOnlyList<CaseDutyPlan>? Plans);

/// <summary>
/// What the unit did, as an action entry records it, and, when the decision in force at the time
/// did not allow it, why not (<see cref="AgainstDecision"/>; null when it was allowed).
/// </summary>
public sealed record CaseAction(long LedgerIndex, CaseActionKind Action, string TakenAt, string? ReceivingAgency, bool? AttorneyPresent,
    string? AgainstDecision, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// A case with everything that happened to it. <see cref="Decision"/> is its first ledger entry;
/// <see cref="Current"/> is the decision in force: the first entry, or the latest correction
/// (whose body holds the corrected request and its answer). <see cref="Obligations"/> are the
/// duties of the current answer; <see cref="Identity"/> is who the case is about, when given.
/// </summary>
public sealed record CaseDetail(
    CaseSummary Summary,
    CaseEvent Decision,
    IReadOnlyList<CaseObligation> Obligations,
    IReadOnlyList<CaseEvent> Events,
    IReadOnlyList<CaseReview> Reviews,
    CaseIdentity? Identity,
    IReadOnlyList<CaseAction> Actions)
{
    public CaseEvent Current => Events.LastOrDefault(e => e.Kind == CaseEventKinds.Correction) ?? Decision;

    /// <summary>The documents attached to the case, in ledger order.</summary>
    public IReadOnlyList<CaseDocument> Documents { get; init; } = [];

    public bool IsVoid => Summary.Status == CaseStatus.Void;
}

/// <summary>
/// Filters of the case list; null means any. <see cref="Text"/> matches words of the reference,
/// unit, agency, act, document and officer, and of the person: name, date of birth, booking, A-,
/// CII and FBI numbers (numbers also without their punctuation).
/// </summary>
public sealed record CaseQuery
{
    public CaseStatus? Status { get; init; }
    public Outcome? Outcome { get; init; }
    public Act? Act { get; init; }
    public string? Unit { get; init; }
    public string? Text { get; init; }

    /// <summary>Only cases with an open case duty due before this time (the case list's "overdue" filter).</summary>
    public DateTimeOffset? OverdueAt { get; init; }

    /// <summary>Oldest first (a queue) instead of newest first (a list).</summary>
    public bool OldestFirst { get; init; }

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;
}

/// <summary>One page of the case list, newest first, and how many cases match in all.</summary>
public sealed record CasePage(IReadOnlyList<CaseSummary> Items, long Total, int Page, int PageSize);
