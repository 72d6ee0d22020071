using Comity.Contract;

namespace Comity.Webhooks;

/// <summary>What an endpoint can be told about.</summary>
public enum WebhookEventType
{
    /// <summary>A case waits for counsel: it was referred, or decided <c>refer-to-counsel</c>.</summary>
    CaseNeedsCounsel,
    /// <summary>A case duty (a notice to serve) falls due within the endpoint's hours.</summary>
    DutyDueSoon,
    /// <summary>A case duty is past its due time and not served.</summary>
    DutyOverdue,
    /// <summary>Counsel overrode a decision.</summary>
    DecisionOverridden,
    /// <summary>A report version was published (a <c>report</c> entry in the ledger).</summary>
    ReportPublished,
}

/// <summary>The events' names, as deliveries' <c>type</c> and registrations' <c>events</c> spell them.</summary>
public static class WebhookEvents
{
    public static readonly Vocabulary<WebhookEventType> Names = new("webhook event",
        "case.needs-counsel", "duty.due-soon", "duty.overdue", "decision.overridden", "report.published");

    /// <summary>A delivery's state: <c>pending</c> (to be sent, or sent again), <c>delivered</c> (a 2xx answer), <c>failed</c> (out of attempts).</summary>
    public static readonly Vocabulary<WebhookDeliveryStatus> Statuses = new("delivery status", "pending", "delivered", "failed");
}

public enum WebhookDeliveryStatus { Pending, Delivered, Failed }
