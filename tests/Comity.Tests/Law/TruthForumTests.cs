using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Tests.Support;

namespace Comity.Tests.Law;

/// <summary>
/// Gov. Code 7283.1(d) (issue 16 defect 4): "Beginning January 1, 2018, the local governing body ...
/// in which a local law enforcement agency has provided ICE access to an individual during the last
/// year shall hold at least one community forum during the following year": access given in 2017
/// counts for the first forum, in 2018. No request the Los Angeles stack decides in 2017 gives civil
/// ICE access on its own (the TRUST Act's 2014 version refers holds, notifications and transfers;
/// data and interviews before Executive Directive 20 meet no rule, and ED 20 denies them after), so
/// no scenario can show the count: access given in 2017 is access counsel allowed. These tests show
/// it where it arises, in the duties of a 2017 request once counsel settles it as permitted.
/// </summary>
public class TruthForumTests
{
    private static readonly DecisionEngine LosAngeles = DecisionEngine.Compile(StackLoader.Load(RepoRoot.Combine("stacks/us/ca/los-angeles")));

    private const string Forum = "ca.7283-1.d";

    private static DecisionRequest Request(string act, string receivedAt, string unit = "lapd") => Req.Read($$$"""
        {"receivedAt": "{{{receivedAt}}}", "jurisdiction": "us/ca/los-angeles", "actor": {"unit": "{{{unit}}}", "kind": "law-enforcement"},
         "requester": {"agency": "ice-ero"}, "act": "{{{act}}}", "purpose": "civil-immigration", "document": {"type": "i-247a"},
         "subject": {"inCustody": true, "convictions": [{"code": "PC 211", "level": "felony", "date": "2010-05-01"}]}}
        """);

    [Theory]
    [InlineData("notify-release", "2017-02-01", "port-police")]
    [InlineData("transfer", "2017-03-01", "port-police")]
    [InlineData("interview", "2017-02-15", "lapd")]
    public void Access_given_in_2017_once_counsel_permits_it_counts_for_the_2018_forum(string act, string receivedAt, string unit)
    {
        var request = Request(act, receivedAt, unit);
        var answer = LosAngeles.Decide(request);
        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.DoesNotContain(answer.Obligations, o => o.Rule == Forum);

        var permitted = LosAngeles.DutiesUnder(request, Outcome.Permit, []);

        Assert.Contains(permitted, o => o.Rule == Forum);
        Assert.DoesNotContain(LosAngeles.DutiesUnder(request, Outcome.Deny, []), o => o.Rule == Forum);
    }

    [Fact]
    public void Access_given_in_2016_is_before_the_act_and_counts_for_no_forum()
    {
        var request = Request("notify-release", "2016-12-30", "port-police");

        Assert.DoesNotContain(LosAngeles.DutiesUnder(request, Outcome.Permit, []), o => o.Rule == Forum);
    }
}
