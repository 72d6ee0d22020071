using Comity.Analysis;
using Comity.Law;
using Comity.Tests.Support;

namespace Comity.Tests.Analysis;

/// <summary>
/// Los Angeles and Austin read one federal layer (stacks/us/federal, issue 22): the same files, so
/// that an amendment is made once and <c>comity diff</c> of the two stacks' federal layers is empty.
/// Each stack adds its own circuit's precedent from a sub-folder (ninth-circuit, fifth-circuit):
/// those rules, and only those, are where the two federal layers differ.
/// </summary>
public sealed class SharedFederalLayerTests
{
    private static readonly Lazy<Stack> LosAngeles = new(() => StackLoader.Load(RepoRoot.Combine("stacks/us/ca/los-angeles")));
    private static readonly Lazy<Stack> Austin = new(() => StackLoader.Load(RepoRoot.Combine("stacks/us/tx/austin")));
    private static readonly string SharedFolder = Path.GetFullPath(RepoRoot.Combine("stacks/us/federal"));

    private static bool InSharedFolder(Provision p) => Path.GetDirectoryName(Path.GetFullPath(p.At.File)) == SharedFolder;

    /// <summary>The stack with only its federal layer (all of it, or only the files of the shared folder).</summary>
    private static Stack FederalOnly(Stack stack, bool sharedFolderOnly)
    {
        var federal = Assert.Single(stack.Layers, l => l.Name == "federal");
        return stack with
        {
            Layers = [new Layer("federal", federal.Provisions.Where(p => !sharedFolderOnly || InSharedFolder(p)).ToList())],
            Tables = [],
        };
    }

    [Fact]
    public void Both_stacks_read_the_same_shared_federal_files()
    {
        var la = FederalOnly(LosAngeles.Value, sharedFolderOnly: true).Provisions.Select(p => (p.Id, p.At)).ToList();
        var austin = FederalOnly(Austin.Value, sharedFolderOnly: true).Provisions.Select(p => (p.Id, p.At)).ToList();

        Assert.NotEmpty(la);
        Assert.Equal(la, austin);
    }

    [Fact]
    public void A_diff_of_the_two_stacks_shared_federal_layer_is_empty()
    {
        var report = StackDiffer.Diff(FederalOnly(LosAngeles.Value, true), "stacks/us/ca/los-angeles", FederalOnly(Austin.Value, true), "stacks/us/tx/austin");

        Assert.True(report.Classes > 0);
        Assert.Empty(report.Changes);
    }

    [Fact]
    public void The_two_federal_layers_differ_only_by_their_circuit_precedent()
    {
        var report = StackDiffer.Diff(FederalOnly(LosAngeles.Value, false), "stacks/us/ca/los-angeles", FederalOnly(Austin.Value, false), "stacks/us/tx/austin");
        var circuit = LosAngeles.Value.Provisions.Concat(Austin.Value.Provisions).Where(p => p.Layer == "federal" && !InSharedFolder(p)).Select(p => p.Id).ToHashSet();

        Assert.NotEmpty(report.Changes);
        Assert.All(report.Changes.SelectMany(c => c.Rules), r => Assert.Contains(r.Id, circuit));
    }
    /// <summary>
    /// The shared folder is read by every stack, so its texts may say what a federal order does but
    /// not which jurisdiction it has listed or an injunction protects, nor which refusals carry the
    /// funding orders' risk: a refusal that state law compels (Texas: a victim's status under art.
    /// 2A.059) is not a limit the city chose (texas-brief s. 5.7). So the shared folder raises no
    /// funding risk, Los Angeles says its own (los-angeles/federal-funding.law) and Austin's come
    /// from Austin's rules. Before, the shared risks flagged every refusal in Austin, and earlier
    /// still told Austin's answers that Los Angeles was listed and enjoined.
    /// </summary>
    [Fact]
    public void The_shared_layer_raises_no_funding_risk_and_each_city_says_its_own()
    {
        var shared = FederalOnly(Austin.Value, sharedFolderOnly: true).Provisions;
        Assert.DoesNotContain(shared, p => p.Flags.Contains(Comity.Contract.Flag.FundingRisk));

        Assert.DoesNotContain(Austin.Value.Provisions, p => p.Id.StartsWith("la.", StringComparison.Ordinal));
        var losAngeles = LosAngeles.Value.Provisions.Where(p => p.Flags.Contains(Comity.Contract.Flag.FundingRisk)).ToList();
        Assert.Equal(["la.funding.eo-14159", "la.funding.eo-14287", "la.funding.sanctuary-list"], losAngeles.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.All(losAngeles, p => Assert.Equal("los-angeles", p.Layer));
        Assert.Contains("listed the City of Los Angeles", losAngeles.Single(p => p.Id == "la.funding.sanctuary-list").Text, StringComparison.Ordinal);
        Assert.All(Austin.Value.Provisions.Where(p => p.Flags.Contains(Comity.Contract.Flag.FundingRisk)), p => Assert.Equal("austin", p.Layer));
    }
}
