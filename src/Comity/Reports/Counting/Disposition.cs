namespace Comity.Reports.Counting;

/// <summary>The closed set of C3: each request has exactly one, the first rule that matches, in this order.</summary>
public enum Disposition
{
    Transferred,
    InterviewWithAttorney,
    InterviewWithoutAttorney,
    DeclinedByPerson,
    Responded,
    NotPermittedByStateLaw,
    DeclinedByLocalPolicy,
    AwaitingCounsel,
    ReleasedBeforeAction,
    PendingAtPeriodEnd,
}

/// <summary>The groups of C3: access given (ICE access as Gov. Code 7283(d) defines it), declined, pending, released before action.</summary>
public enum DispositionGroup { AccessGiven, Declined, ReleasedBeforeAction, Pending }

public static class Dispositions
{
    public static readonly Contract.Vocabulary<Disposition> Names = new("disposition",
        "transferred", "interview-with-attorney", "interview-without-attorney", "declined-by-person", "responded",
        "not-permitted-by-state-law", "declined-by-local-policy", "awaiting-counsel", "released-before-action", "pending-at-period-end");

    public static DispositionGroup Group(Disposition d) => d switch
    {
        Disposition.Transferred or Disposition.InterviewWithAttorney or Disposition.InterviewWithoutAttorney or Disposition.Responded => DispositionGroup.AccessGiven,
        Disposition.DeclinedByPerson or Disposition.NotPermittedByStateLaw or Disposition.DeclinedByLocalPolicy => DispositionGroup.Declined,
        Disposition.ReleasedBeforeAction => DispositionGroup.ReleasedBeforeAction,
        _ => DispositionGroup.Pending,
    };
}
