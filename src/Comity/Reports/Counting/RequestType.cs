using Comity.Contract;

namespace Comity.Reports.Counting;

/// <summary>
/// The request types of C2 (Gov. Code 7283(d), 7283.1(d): "hold, transfer, or notification request
/// or through other means"), in report order. No type mixes acts about a person with acts that
/// concern no person.
/// </summary>
public enum RequestType { Hold, Notification, Transfer, Interview, Information, Alpr, CivilArrest, FacilityAccess, Operations, Other }

public static class RequestTypes
{
    public static readonly Vocabulary<RequestType> Names = new("request type",
        "hold", "notification", "transfer", "interview", "information", "alpr", "civil-arrest", "facility-access", "operations", "other");

    /// <summary>The type of an act; null for <c>own-arrest</c>, which is never counted (C0).</summary>
    public static RequestType? Of(Act act) => act switch
    {
        Act.Hold => RequestType.Hold,
        Act.NotifyRelease => RequestType.Notification,
        Act.Transfer => RequestType.Transfer,
        Act.Interview => RequestType.Interview,
        Act.Disclose or Act.BulkDisclose => RequestType.Information,
        Act.AlprSearch => RequestType.Alpr,
        Act.CivilArrest => RequestType.CivilArrest,
        Act.FacilityAccess or Act.PropertyUse or Act.OfficeSpace => RequestType.FacilityAccess,
        Act.OperationalAssistance or Act.TaskForce => RequestType.Operations,
        Act.Agreement287g or Act.DetentionContract or Act.Interpreter or Act.GrantCertification => RequestType.Other,
        _ => null,
    };

    /// <summary>Acts marked * in C2: requests about a person, whose counts P1 protects.</summary>
    public static bool ConcernsPerson(RequestType type) => type is not (RequestType.FacilityAccess or RequestType.Operations or RequestType.Other);
}
