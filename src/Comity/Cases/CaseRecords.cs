using Comity.Contract;

namespace Comity.Cases;

/// <summary>Where a case stands: decided and closed to counsel, waiting for counsel, or reviewed by counsel.</summary>
public enum CaseStatus { Open, AwaitingCounsel, Reviewed }

/// <summary>What counsel said of a decision: it stands, or another outcome replaces it.</summary>
public enum ReviewVerdict { Confirm, Override }

/// <summary>The kinds of event that follow a decision in a case's history (each a ledger entry of that kind).</summary>
public static class CaseEventKinds
{
    public const string Decision = "decision";
    public const string Referral = "referral";
    public const string Review = "review";
    public const string Obligation = "obligation";
}

/// <summary>The spellings of the cases' own enumerations, as the API and the database write them.</summary>
public static class CaseVocabularies
{
    public static readonly Vocabulary<CaseStatus> Statuses = new("case status", "open", "awaiting-counsel", "reviewed");
    public static readonly Vocabulary<ReviewVerdict> Verdicts = new("review verdict", "confirm", "override");
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
    long LedgerIndex);

/// <summary>One row of the case list.</summary>
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
    long LedgerIndex);

/// <summary>A duty the decision triggered, and when and by whom it was met (null while outstanding).</summary>
public sealed record CaseObligation(string Rule, string Text, IReadOnlyList<string> Citations, string? ServedAt, string? ServedBy, long? ServedLedgerIndex);

/// <summary>An event after the decision, as recorded in the ledger: the entry's body and its receipt as JSON.</summary>
public sealed record CaseEvent(long LedgerIndex, string Kind, string RecordedBy, DateTimeOffset RecordedAt, string BodyJson, string ReceiptJson);

/// <summary>Counsel's verdict on a case.</summary>
public sealed record CaseReview(long LedgerIndex, ReviewVerdict Verdict, string Outcome, string Justification, string Reviewer, DateTimeOffset RecordedAt);

/// <summary>A case with everything that happened to it; <see cref="Decision"/> is its first ledger entry.</summary>
public sealed record CaseDetail(
    CaseSummary Summary,
    CaseEvent Decision,
    IReadOnlyList<CaseObligation> Obligations,
    IReadOnlyList<CaseEvent> Events,
    IReadOnlyList<CaseReview> Reviews);

/// <summary>Filters of the case list; null means any. <see cref="Text"/> matches words of the reference, unit, agency, act, document and officer.</summary>
public sealed record CaseQuery
{
    public CaseStatus? Status { get; init; }
    public Outcome? Outcome { get; init; }
    public Act? Act { get; init; }
    public string? Unit { get; init; }
    public string? Text { get; init; }

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
