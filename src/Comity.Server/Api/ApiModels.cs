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

/// <summary>POST /cases/{id}/reviews: <c>confirm</c> or <c>override</c>; an override names the outcome that replaces the decision's.</summary>
public sealed record ReviewBody(
    [property: OneOf(typeof(CaseVocabularies), nameof(CaseVocabularies.Verdicts))] string Verdict,
    string Justification,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.Outcomes))] string? Outcome = null);

/// <summary>POST /cases/{id}/obligations/{rule}/served: when (ISO 8601 with offset) and by whom the notice was served.</summary>
public sealed record ServedBody(string ServedAt, string ServedBy);

/// <summary>POST /users.</summary>
public sealed record NewUserBody(string Name, [property: OneOf(typeof(Comity.Cases.Roles), nameof(Comity.Cases.Roles.Names))] IReadOnlyList<string> Roles, string? DisplayName = null);

/// <summary>POST /users/{name}/tokens.</summary>
public sealed record NewTokenBody(string Label);

public sealed record CaseSummaryView(
    long Id, string? Reference, string ReceivedAt, string Unit,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.Agencies))] string Agency,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.Acts))] string Act,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.DocumentTypes))] string Document,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.Outcomes))] string DecidedOutcome,
    [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.Outcomes))] string Outcome,
    [property: OneOf(typeof(CaseVocabularies), nameof(CaseVocabularies.Statuses))] string Status,
    string RecordedBy, DateTimeOffset RecordedAt, long LedgerIndex)
{
    public static CaseSummaryView From(CaseSummary s) => new(s.Id, s.Reference, s.ReceivedAt, s.Unit, s.Agency, s.Act, s.DocumentType,
        s.DecidedOutcome, s.Outcome, CaseVocabularies.Statuses.Name(s.Status), s.RecordedBy, s.RecordedAt, s.LedgerIndex);
}

public sealed record CaseListView(IReadOnlyList<CaseSummaryView> Items, long Total, int Page, int PageSize);

public sealed record ObligationView(string Rule, string Text, IReadOnlyList<string> Citations, string? ServedAt, string? ServedBy, long? LedgerIndex);

/// <summary>One ledger entry of a case: its kind, who recorded it and when, the entry's body and its receipt.</summary>
public sealed record CaseEventView(long LedgerIndex, string Kind, string RecordedBy, DateTimeOffset RecordedAt, JsonElement Entry,
    [property: DocumentedAs(typeof(ContractShapes.Receipt))] JsonElement Receipt)
{
    public static CaseEventView From(CaseEvent e) =>
        new(e.LedgerIndex, e.Kind, e.RecordedBy, e.RecordedAt, JsonDocument.Parse(e.BodyJson).RootElement, JsonDocument.Parse(e.ReceiptJson).RootElement);
}

/// <summary>A case: where it stands, the request and the answer as sent (receipt included), its obligations and its history in ledger order.</summary>
public sealed record CaseView(
    CaseSummaryView Case,
    [property: DocumentedAs(typeof(ContractShapes.DecisionRequest))] JsonNode? Request,
    [property: DocumentedAs(typeof(ContractShapes.RecordedDecisionAnswer))] JsonNode? Answer,
    IReadOnlyList<ObligationView> Obligations, IReadOnlyList<CaseEventView> History)
{
    public static CaseView From(CaseDetail d)
    {
        var entry = JsonNode.Parse(d.Decision.BodyJson)!;
        var answer = entry["answer"]!.DeepClone();
        answer["receipt"] = JsonNode.Parse(d.Decision.ReceiptJson);
        return new CaseView(CaseSummaryView.From(d.Summary), entry["request"]!.DeepClone(), answer,
            d.Obligations.Select(o => new ObligationView(o.Rule, o.Text, o.Citations, o.ServedAt, o.ServedBy, o.ServedLedgerIndex)).ToArray(),
            [CaseEventView.From(d.Decision), .. d.Events.Select(CaseEventView.From)]);
    }
}

public sealed record TokenView(long Id, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record UserView(string Name, string DisplayName, [property: OneOf(typeof(Comity.Cases.Roles), nameof(Comity.Cases.Roles.Names))] IReadOnlyList<string> Roles, bool Disabled, bool MustChangePassword, DateTimeOffset CreatedAt, IReadOnlyList<TokenView> Tokens);

public sealed record NewUserView(string Name, [property: OneOf(typeof(Comity.Cases.Roles), nameof(Comity.Cases.Roles.Names))] IReadOnlyList<string> Roles, string OneTimePassword);

public sealed record NewTokenView(long Id, string Label, string Token);
