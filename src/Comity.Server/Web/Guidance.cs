namespace Comity.Server.Web;

/// <summary>"What to do now": the outcome turned into plain steps for the person at the desk.</summary>
public static class Guidance
{
    public static IReadOnlyList<string> Steps(string outcome, string act, bool hasObligations, bool reviewed)
    {
        var doing = Doing(act);
        var steps = new List<string>();
        switch (outcome)
        {
            case "deny":
                steps.Add($"Do not {doing}.");
                steps.Add("Tell the requester that the city declines. You do not need to give reasons; the reasons below are recorded.");
                break;
            case "permit":
                steps.Add($"You may {doing}, but nothing requires it.");
                steps.Add("Follow your unit's policy; if you are unsure, ask your supervisor before you act.");
                break;
            case "must-comply":
                steps.Add($"{char.ToUpperInvariant(doing[0])}{doing[1..]}: the law or a court requires it.");
                steps.Add("Do only what the document covers.");
                break;
            default:
                steps.Add($"Do not {doing} until counsel answers.");
                steps.Add(reviewed ? "Counsel has reviewed this case: see the review below." : "The case is waiting in counsel's review queue; this page will show counsel's answer.");
                break;
        }
        if (hasObligations)
            steps.Add("Complete each obligation in the checklist below and record when it was served.");
        return steps;
    }

    private static string Doing(string act) => act switch
    {
        "hold" => "hold the person past their release",
        "notify-release" => "give the release date or time",
        "transfer" => "hand the person over",
        "interview" => "allow the interview",
        "disclose" => "give the information asked for",
        "bulk-disclose" => "give the lists or exports",
        "alpr-search" => "search or share licence-plate-reader data",
        "facility-access" => "let them into the place",
        "property-use" => "let them use city property",
        "operational-assistance" => "help with the operation",
        "civil-arrest" => "make or join the arrest",
        "task-force" => "take part in the task force",
        "agreement-287g" => "enter the agreement",
        "office-space" => "provide the office space",
        "detention-contract" => "enter the contract",
        "interpreter" => "use immigration officers as interpreters",
        "grant-certification" => "sign the certification",
        _ => "do what is asked",
    };
}
