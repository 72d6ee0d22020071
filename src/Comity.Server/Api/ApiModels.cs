using System.Text.Json;
using System.Text.Json.Nodes;
using Comity.Cases;
using Comity.Contract;
using Comity.Server.Hosting;

namespace Comity.Server.Api;

// The shapes the API reads and writes besides the decision contract (whose request and answer are
// read and written by the contract's own reader and writer). Enumerations are the contract's
// kebab-case names.

/// <summary>POST /cases/{id}/referrals: why the case goes to counsel (optional).</summary>
public sealed record ReferralBody(string? Note = null);

/// <summary>
/// POST /cases/{id}/reviews: <c>confirm</c> or <c>override</c>. An override names the outcome that
/// replaces the decision's (every data item takes it), or settles data items one by one in
/// <c>items</c> (data item: permit, deny or must-comply; every item referred to counsel among them).
/// </summary>
public sealed record ReviewBody(
    [property: OneOf(typeof(CaseVocabularies), nameof(CaseVocabularies.Verdicts))] string Verdict,
    string Justification,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.Outcomes))] string? Outcome = null,
    IReadOnlyDictionary<string, string>? Items = null);

/// <summary>POST /cases/{id}/obligations/{rule}/served: when (ISO 8601 with offset) and by whom the notice was served.</summary>
public sealed record ServedBody(string ServedAt, string ServedBy);

/// <summary>POST /cases/{id}/corrections: the whole corrected request, a reason code and a public note.</summary>
public sealed record CorrectionBody([property: DocumentedAs(typeof(ContractShapes.DecisionRequest))] JsonElement Request, [property: OneOf(typeof(CaseVocabularies), nameof(CaseVocabularies.Reasons))] string Reason, string? Note = null);

/// <summary>POST /cases/{id}/void: a reason code and a public note.</summary>
public sealed record VoidBody([property: OneOf(typeof(CaseVocabularies), nameof(CaseVocabularies.Reasons))] string Reason, string? Note = null);

/// <summary>POST /cases/{id}/actions: what the unit did and when; a transfer's receiving agency; an interview's attorney.</summary>
public sealed record ActionBody([property: OneOf(typeof(CaseVocabularies), nameof(CaseVocabularies.Actions))] string Action, string At, string? ReceivingAgency = null, bool? AttorneyPresent = null);

/// <summary>POST /users.</summary>
public sealed record NewUserBody(string Name, [property: OneOf(typeof(Comity.Cases.Roles), nameof(Comity.Cases.Roles.Names))] IReadOnlyList<string> Roles, string? DisplayName = null);

/// <summary>POST /users/{name}/tokens.</summary>
public sealed record NewTokenBody(string Label);

/// <summary>One row of the case list; <c>person</c> is the name the case's identity gives, if any.</summary>
public sealed record CaseSummaryView(
    long Id, string? Reference, string ReceivedAt, string Unit,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.Agencies))] string Agency,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.Acts))] string Act,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.DocumentTypes))] string Document,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.Outcomes))] string DecidedOutcome,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.Outcomes))] string Outcome,
    [property: OneOf(typeof(CaseVocabularies), nameof(CaseVocabularies.Statuses))] string Status,
    string RecordedBy, DateTimeOffset RecordedAt, long LedgerIndex,
    string? Person, int ActionsAgainstDecision, IReadOnlyList<string> ReferredItems, DateTimeOffset? WaitingSince)
{
    public static CaseSummaryView From(CaseSummary s) => new(s.Id, s.Reference, s.ReceivedAt, s.Unit, s.Agency, s.Act, s.DocumentType,
        s.DecidedOutcome, s.Outcome, CaseVocabularies.Statuses.Name(s.Status), s.RecordedBy, s.RecordedAt, s.LedgerIndex, s.PersonName, s.ActionsAgainstDecision,
        s.ReferredItems ?? [], s.WaitingSince);
}

/// <summary>One line of the duties dashboard: an open case duty (<c>kind</c> duty), a case waiting for counsel (<c>kind</c> referral), or an open records request (<c>kind</c> records-request: <c>caseId</c> is the request's number, <c>text</c> what is due with its citation).</summary>
public sealed record OpenDutyView(string Kind, long CaseId, string? Reference, string Unit, string Act, string? Rule, string? Text, IReadOnlyList<string> To,
    string? Due, DateTimeOffset? DueAt, DateTimeOffset? WaitingSince, IReadOnlyList<string> ReferredItems, bool Overdue, int ActionsAgainstDecision)
{
    public static OpenDutyView From(OpenDuty d) => new(d.Kind, d.CaseId, d.Reference, d.Unit, d.Act, d.Rule, d.Text, d.To, d.Due, d.DueAt, d.WaitingSince,
        d.ReferredItems, d.Overdue, d.ActionsAgainstDecision);
}

public sealed record DutyListView(IReadOnlyList<OpenDutyView> Items, long Total, int Page, int PageSize, DateTimeOffset At);

/// <summary>What the unit did; <c>againstDecision</c> says why the decision in force did not allow it (null when it did).</summary>
public sealed record ActionView(long LedgerIndex, [property: OneOf(typeof(CaseVocabularies), nameof(CaseVocabularies.Actions))] string Action, string At, string? ReceivingAgency, bool? AttorneyPresent, string? AgainstDecision, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static ActionView From(CaseAction a) => new(a.LedgerIndex, CaseVocabularies.Actions.Name(a.Action), a.TakenAt, a.ReceivingAgency, a.AttorneyPresent,
        a.AgainstDecision, a.RecordedBy, a.RecordedAt);
}

public sealed record CaseListView(IReadOnlyList<CaseSummaryView> Items, long Total, int Page, int PageSize);

/// <summary>A duty of the case: <c>agency</c> duties (reports, forums) are listed but not served on the case; a case duty is served on <c>to</c>, due at <c>dueAt</c> (null: not known yet, or none).</summary>
public sealed record ObligationView(string Rule, string Text, IReadOnlyList<string> Citations, string? ServedAt, string? ServedBy, long? LedgerIndex,
    bool Agency, IReadOnlyList<string> To, string Due, DateTimeOffset? DueAt);

/// <summary>One ledger entry of a case: its kind, who recorded it and when, the entry's body and its receipt.</summary>
public sealed record CaseEventView(long LedgerIndex, string Kind, string RecordedBy, DateTimeOffset RecordedAt, JsonElement Entry,
    [property: DocumentedAs(typeof(ContractShapes.Receipt))] JsonElement Receipt)
{
    public static CaseEventView From(CaseEvent e) =>
        new(e.LedgerIndex, e.Kind, e.RecordedBy, e.RecordedAt, JsonDocument.Parse(e.BodyJson).RootElement, JsonDocument.Parse(e.ReceiptJson).RootElement);
}

/// <summary>
/// A case: where it stands, who it is about (<c>person</c>: subject.identity as kept with the case,
/// never in the ledger), the request and the answer in force as sent (receipt included: the
/// decision's, or the latest correction's), its obligations, what the unit did and its history in ledger order.
/// </summary>
public sealed record CaseView(
    CaseSummaryView Case, JsonNode? Person,
    [property: DocumentedAs(typeof(ContractShapes.DecisionRequest))] JsonNode? Request,
    [property: DocumentedAs(typeof(ContractShapes.RecordedDecisionAnswer))] JsonNode? Answer,
    IReadOnlyList<ObligationView> Obligations, IReadOnlyList<ActionView> Actions, IReadOnlyList<CaseEventView> History)
{
    public static CaseView From(CaseDetail d)
    {
        var entry = JsonNode.Parse(d.Current.BodyJson)!;
        var answer = entry["answer"]!.DeepClone();
        answer["receipt"] = JsonNode.Parse(d.Current.ReceiptJson);
        return new CaseView(CaseSummaryView.From(d.Summary), d.Identity is { } i ? JsonNode.Parse(i.JsonText) : null, entry["request"]!.DeepClone(), answer,
            d.Obligations.Select(o => new ObligationView(o.Rule, o.Text, o.Citations, o.ServedAt, o.ServedBy, o.ServedLedgerIndex, o.Agency, o.To, o.Due, o.DueAt)).ToArray(),
            d.Actions.Select(ActionView.From).ToArray(),
            [CaseEventView.From(d.Decision), .. d.Events.Select(CaseEventView.From)]);
    }
}

/// <summary>An API token: <c>issuedBy</c> names who issued it (null for tokens older than the field).</summary>
public sealed record TokenView(long Id, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? IssuedBy);

/// <summary>A user; <c>lockedAt</c> is set while the account is locked after repeated failed sign-ins.</summary>
public sealed record UserView(string Name, string DisplayName, [property: OneOf(typeof(Comity.Cases.Roles), nameof(Comity.Cases.Roles.Names))] IReadOnlyList<string> Roles, bool Disabled, bool MustChangePassword, DateTimeOffset CreatedAt, IReadOnlyList<TokenView> Tokens,
    DateTimeOffset? LockedAt);

/// <summary>
/// One read of a case (or a search, or a disclosure) in the access log: who (<c>user</c>, as
/// ledger entries name an actor) with which roles, through which door (<c>page</c> or <c>api</c>),
/// what (the route read), when, which case, and the route's other values. Never identity.
/// </summary>
public sealed record AccessEntryView(long Id, DateTimeOffset At, string User, [property: OneOf(typeof(Comity.Cases.Roles), nameof(Comity.Cases.Roles.Names))] IReadOnlyList<string> Roles,
    string Door, string What, long? CaseId, string Detail)
{
    public static AccessEntryView From(AccessEntry e) => new(e.Id, e.At, e.User, e.Roles.Select(Comity.Cases.Roles.Names.Name).ToArray(),
        e.Door == AccessDoor.Api ? "api" : "page", e.What, e.CaseId, e.Detail);
}

/// <summary>A page of the access log, newest first.</summary>
public sealed record AccessLogView(IReadOnlyList<AccessEntryView> Items, long Total, int Page, int PageSize)
{
    public static AccessLogView From(AccessPage p) => new(p.Items.Select(AccessEntryView.From).ToArray(), p.Total, p.Page, p.PageSize);
}

/// <summary>One user's reads in sum: reads, distinct cases, searches of the case list, and the last read.</summary>
public sealed record AccessByUserView(string User, long Reads, long Cases, long Searches, DateTimeOffset LastRead);

public sealed record NewUserView(string Name, [property: OneOf(typeof(Comity.Cases.Roles), nameof(Comity.Cases.Roles.Names))] IReadOnlyList<string> Roles, string OneTimePassword);

public sealed record NewTokenView(long Id, string Label, string Token);
