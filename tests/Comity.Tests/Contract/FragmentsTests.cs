using System.Text;
using System.Text.Json;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Tests.Support;

namespace Comity.Tests.Contract;

/// <summary>
/// Shared answer parts are written from pre-encoded JSON in compact answers and in full in
/// indented ones: both must be the same JSON, byte for byte once the indentation is removed.
/// </summary>
public class FragmentsTests
{
    private static readonly DecisionEngine Demo = DecisionEngine.Compile(StackLoader.Load(RepoRoot.Combine("stacks/demo")));

    [Theory]
    [InlineData("hold", "{}")]
    [InlineData("notify-release", """{"data":["release-date"],"subject":{"convictions":[{"code":"PC 211","level":"felony","date":"2016-05-01"}]}}""")]
    [InlineData("disclose", """{"data":["immigration-status","home-address"],"dataPublic":["home-address"]}""")]
    [InlineData("transfer", """{"document":{"type":"judicial-warrant","issuedByFederalJudge":true,"namesSubject":true}}""")]
    public void Compact_answers_equal_indented_answers_without_their_whitespace(string act, string more)
    {
        var answer = Demo.Decide(Req.Act(act, more: more));

        var compact = AnswerWriter.ToJson(answer);
        var indented = AnswerWriter.ToJson(answer, indented: true);

        Assert.Equal(Minify(indented), compact);
    }

    [Fact]
    public void A_policy_whose_text_needs_escaping_is_the_same_compact_and_indented()
    {
        var answer = Demo.Decide(Req.Act("hold")) with { Policy = new PolicyRef("a\"b/§ c", new DateOnly(2025, 3, 4), "sha256:\\x") };

        var compact = AnswerWriter.ToJson(answer);

        Assert.Equal(Minify(AnswerWriter.ToJson(answer, indented: true)), compact);
        Assert.EndsWith(""""policy":{"stack":"a\"b/§ c","asOf":"2025-03-04","digest":"sha256:\\x"}}"""", compact);
    }

    [Fact]
    public void Only_answer_parts_can_be_shared()
    {
        Assert.Throws<ArgumentException>(() => Fragments.Share(new object()));
    }

    private static string Minify(string json)
    {
        using var doc = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Compact))
            doc.WriteTo(w);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
