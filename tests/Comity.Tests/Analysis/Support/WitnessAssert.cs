using Comity.Analysis;
using Comity.Contract;
using Comity.Law;
using Comity.Tests.Support;

namespace Comity.Tests.Analysis.Support;

/// <summary>What the real engine must answer to a finding's witness, for each kind of finding of a stack that loads.</summary>
internal static class WitnessAssert
{
    public static void Shows(Stack stack, Finding finding)
    {
        foreach (var c in finding.Classes)
        {
            var answer = Fixtures.Decide(stack, c.Witness);
            var rule = finding.Rules.Count > 0 ? finding.Rules[0].Id : null;
            var context = $"{FindingNames.Of(finding.Type)}: {finding.Message}\n  witness {RequestWriter.ToJson(c.Witness)}";
            Assert.True(c.Contains(Fixtures.AsSent(c.Witness)), $"the witness is not in its own class: {context}");
            switch (finding.Type)
            {
                case FindingType.Gap:
                    Assert.True(answer.Reasons.Count == 0 && answer.Flags.Contains(Flag.Gap), context);
                    break;
                case FindingType.FloorViolation when !finding.Message.Contains("meets both", StringComparison.Ordinal):
                    Assert.True(answer.Outcome == Outcome.ReferToCounsel && answer.Flags.Contains(Flag.Fed1373Conflict) && answer.DecidedBy.Contains(rule!), context);
                    break;
                case FindingType.Contradiction:
                    Assert.True(answer.Reasons.Any(r => r.Rule == rule && r.SetAsideBy.Count == 0)
                        && answer.Reasons.Any(r => r.Effect == Effect.Deny && r.Layer == answer.Reason(rule!).Layer && r.SetAsideBy.Count == 0), context);
                    break;
                case FindingType.DeadRule:
                    Assert.True(answer.Reasons.All(r => r.Rule != rule || r.SetAsideBy.Count > 0 || r.OverriddenBy.Count > 0), context);
                    break;
                case FindingType.RedundantRule:
                    var without = Fixtures.Decide(Fixtures.Without(stack, rule!), c.Witness);
                    Assert.True(answer.Reasons.Any(r => r.Rule == rule), context);
                    Assert.True(answer.Outcome == without.Outcome && answer.Flags.SequenceEqual(without.Flags), context);
                    break;
            }
        }
    }
}
