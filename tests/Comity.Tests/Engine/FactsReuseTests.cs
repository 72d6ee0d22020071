using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>
/// The engine fills one set of facts per thread afresh for each decision instead of allocating
/// it: nothing of one request (a task force, a conviction, a charge, a place) may linger into the
/// next request decided on the same thread.
/// </summary>
public class FactsReuseTests
{
    private static readonly Comity.Engine.DecisionEngine Engine = TempStack.Compile(
        LawText.Rule("r.task-force", "deny", when: "taskForce.primaryPurposeImmigration")
        + LawText.Rule("r.convicted", "deny", when: "any conviction (level is felony)")
        + LawText.Rule("r.charged", "deny", when: "any probable-cause-charge (class violent-felony)")
        + LawText.Rule("r.jail", "deny", when: "place is jail"));

    [Fact]
    public void Facts_of_one_request_do_not_linger_into_the_next()
    {
        var everything = Req.With("""
            {
              "act": "task-force", "place": "jail",
              "taskForce": { "primaryPurposeImmigration": true, "dutiesPrimarilyImmigration": true, "dedicatedResources": true, "federalMembers": true },
              "subject": {
                "convictions": [ { "code": "PC 211", "level": "felony", "date": "2016-05-01" } ],
                "magistrateProbableCause": [ { "code": "PC 245", "classes": ["violent-felony"] } ]
              }
            }
            """);
        var nothing = Req.With();

        var first = Engine.Decide(everything);
        var second = Engine.Decide(nothing);

        Assert.Equal(["r.task-force", "r.convicted", "r.charged", "r.jail"], first.ReasonIds());
        Assert.Empty(second.ReasonIds());
    }
}
