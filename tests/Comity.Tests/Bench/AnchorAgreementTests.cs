using System.Text;
using Comity.Anchors.Corpus;
using Comity.Anchors.Encoders;
using Comity.Anchors.Engines;
using Comity.Anchors.Subset;
using Comity.Law;
using Comity.Tests.Support;

namespace Comity.Tests.Bench;

/// <summary>
/// The anchors' encodings of the Los Angeles subset (bench/Comity.Anchors) give Comity's answer:
/// the .NET anchors on a small corpus here (the Node anchors need npm, so they are checked by
/// bench/run on the full corpus), and the checked-in encodings are those of the stack as it is.
/// </summary>
public sealed class AnchorAgreementTests
{
    private const int Requests = 1500;

    private static readonly string StackDir = Path.Combine(RepoRoot.Path, "stacks", "us", "ca", "los-angeles");
    private static readonly Lazy<AnchorSubset> Subset = new(() => AnchorSubset.Build(StackLoader.Load(StackDir), AnchorSubset.LosAngelesActs));
    private static readonly Lazy<OffenceClasses> Offences = new(() => new OffenceClasses(Subset.Value.Stack.Tables));
    private static readonly Lazy<(byte[] Line, string Comity)[]> Corpus = new(() =>
    {
        var comity = new ComityEngine(StackDir);
        return LaCorpus.Generate(Requests).Select(Encoding.UTF8.GetBytes)
            .Select(line => (line, comity.Verdict(comity.Decide(comity.Read(line))).Split(' ')[0])).ToArray();
    });

    [Fact]
    public void The_corpus_asks_questions_Comity_answers_both_ways()
    {
        var permits = Corpus.Value.Count(c => c.Comity == "permit");
        Assert.InRange(permits, Requests / 20, Requests - Requests / 4);
    }

    [Fact]
    public void RulesEngine_gives_Comitys_answer_on_every_request()
    {
        var anchor = new RulesEngineAnchor(AnchorEncodings.Of(Subset.Value)[AnchorEncodings.RulesEngine], Offences.Value);
        Assert.Empty(Disagreements(anchor));
    }

    [Fact]
    public void NRules_gives_Comitys_answer_on_every_request()
    {
        Assert.Empty(Disagreements(new NRulesAnchor(Subset.Value, Offences.Value)));
    }

    [Fact]
    public void An_encoding_that_drops_an_exception_is_caught()
    {
        // 7284.6(b)(2) sets the (a)(1)(D) bar aside for a specific person's criminal history.
        var subset = AnchorSubset.Build(StackLoader.Load(StackDir), AnchorSubset.LosAngelesActs);
        var bar = subset.Rules.Single(r => r.Name == "ca.7284-6.a1D");
        Assert.Equal(1, bar.Exceptors.RemoveAll(e => e.Name == "ca.7284-6.b2"));
        Assert.NotEmpty(Disagreements(new NRulesAnchor(subset, Offences.Value)));
    }

    [Fact]
    public void The_checked_in_encodings_are_those_of_the_stack()
    {
        var dir = Path.Combine(RepoRoot.Path, "bench", "anchors", "encodings");
        foreach (var (name, text) in AnchorEncodings.Of(Subset.Value))
            Assert.True(File.Exists(Path.Combine(dir, name)) && File.ReadAllText(Path.Combine(dir, name)) == text,
                $"bench/anchors/encodings/{name} is not the encoding of the stack as it is: run "
                + "`dotnet run -c Release --project bench/Comity.Benchmarks -- encode stacks/us/ca/los-angeles bench/anchors/encodings`");
    }

    [Fact]
    public void A_stack_with_a_duty_below_the_top_layer_is_refused()
    {
        using var stack = TempStack.Layers(
            ("upper", Rule("up.deny", "deny")),
            ("lower", Rule("low.must", "must")));
        var e = Assert.Throws<NotSupportedException>(() => AnchorSubset.Build(stack.Load(), ["hold"]));
        Assert.Contains("low.must", e.Message);
    }

    private static string Rule(string id, string effect) => $"""
        rule {id}
          cites "Example"
          source primary
          effective from 2020-01-01
          binds all
          when act is hold
          effect {effect}
          text "Example."
        """;

    private static List<string> Disagreements(IAnchorEngine<AnchorRequest, bool> anchor) =>
        Corpus.Value.Where(c => anchor.Verdict(anchor.Decide(anchor.Read(c.Line))) != c.Comity)
            .Select(c => $"{anchor.Name} differs from Comity ({c.Comity}): {Encoding.UTF8.GetString(c.Line)}").ToList();
}
