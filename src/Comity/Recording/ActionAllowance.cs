using Comity.Cases;
using Comity.Contract;

namespace Comity.Recording;

/// <summary>
/// Whether the decision in force allowed what the unit did (reports.md C3 and the compliance
/// report's c4): giving access (a notification, information, a transfer, an interview) needs an
/// outcome of <c>permit</c> or <c>must-comply</c> for a request of that kind; declining goes against
/// a <c>must-comply</c>; releasing the person is always allowed. An action against the decision
/// is still recorded (it is what happened) and is shown as such on the case and the dashboard.
/// </summary>
public static class ActionAllowance
{
    /// <summary>Null when the decision allowed <paramref name="action"/>; otherwise why not, in a sentence.</summary>
    public static string? AgainstDecision(CaseActionKind action, Act act, Outcome outcomeInForce, InterviewConsent? consent)
    {
        var outcome = Vocabularies.Outcomes.Name(outcomeInForce);
        switch (action)
        {
            case CaseActionKind.Released:
                return null;
            case CaseActionKind.Declined:
                return outcomeInForce == Outcome.MustComply
                    ? "the decision in force is must-comply: the law requires the unit to honour this request"
                    : null;
        }
        if (outcomeInForce == Outcome.Deny)
            return $"the decision in force is deny: the unit may not give this access";
        if (outcomeInForce == Outcome.ReferToCounsel)
            return "the decision in force refers the request to counsel, who has not settled it";
        var answers = action switch
        {
            CaseActionKind.Notified => act == Act.NotifyRelease,
            CaseActionKind.InformationGiven => act is Act.Disclose or Act.BulkDisclose or Act.AlprSearch,
            CaseActionKind.Transferred => act == Act.Transfer,
            CaseActionKind.InterviewHeld => act == Act.Interview,
            _ => false,
        };
        if (!answers)
            return $"a {CaseVocabularies.Actions.Name(action)} action does not answer a {Vocabularies.Acts.Name(act)} request: the decision ({outcome}) did not cover it";
        if (action == CaseActionKind.InterviewHeld && consent?.Consented == false)
            return "the request records that the person did not consent to the interview (Cal. Gov. Code 7283.1(a))";
        return null;
    }
}
