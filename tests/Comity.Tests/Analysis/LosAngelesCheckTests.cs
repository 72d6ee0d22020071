using Comity.Analysis;
using Comity.Tests.Analysis.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Analysis;

/// <summary>The stacks of the repository pass <c>comity check</c> (CI runs it too), and every finding's witness shows what it says.</summary>
public sealed class LosAngelesCheckTests
{
    [Fact]
    public void The_los_angeles_stack_has_no_error_and_each_finding_is_shown_by_its_witness()
    {
        var report = LosAngeles.Report;

        Assert.True(report.Errors == 0, string.Join("\n", report.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Message)));
        // The ordinance, ED 20 and Penal Code 422.93 restrict status information that 8 U.S.C. 1373 and
        // 1644 protect; the stack declares each conflict, so each is a warning the engine refers to counsel.
        Assert.Equal(["ca.pc-422-93", "la.ed-20.data", "la.ord-188441.status-confidential"],
            report.Findings.Where(f => f.Type == FindingType.FloorViolation).Select(f => f.Rules[0].Id).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.Type is FindingType.DeadRule or FindingType.Contradiction);
        foreach (var finding in report.Findings)
            WitnessAssert.Shows(LosAngeles.Stack, finding);
    }

    [Fact]
    public void Every_stack_of_the_repository_has_no_error()
    {
        var stacks = Directory.GetFiles(RepoRoot.Combine("stacks"), "stack.law", SearchOption.AllDirectories).Select(Path.GetDirectoryName).ToList();

        Assert.Contains(stacks, s => s!.EndsWith("demo", StringComparison.Ordinal));
        foreach (var folder in stacks.Where(s => !s!.EndsWith("los-angeles", StringComparison.Ordinal)))
        {
            var report = StackChecker.Check(folder!);
            Assert.True(report.Errors == 0, $"{folder}: {string.Join("\n", report.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Message))}");
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures.WithWitnessedFindings), MemberType = typeof(Fixtures))]
    public void Every_finding_of_a_fixture_is_shown_by_its_witness(string fixture)
    {
        var stack = Fixtures.Load(fixture);
        foreach (var finding in Fixtures.Check(fixture).Findings)
            WitnessAssert.Shows(stack, finding);
    }
}
