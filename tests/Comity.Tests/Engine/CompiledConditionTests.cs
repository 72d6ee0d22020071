using Comity.Anchors.Corpus;
using Comity.Conditions;
using Comity.Contract;
using Comity.Engine;
using Comity.Engine.Internal;
using Comity.Law;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>
/// A provision's condition starts as a tree of delegates and is compiled to IL once it is used
/// often (CompiledProvision.CompileAfter). Both forms must say the same for every request, and
/// an engine must answer the same bytes before and after its conditions are compiled.
/// </summary>
public class CompiledConditionTests
{
    /// <summary>Every kind of test the law language has, on requests and on their records.</summary>
    private const string EveryTest = """
        rule t.enums
          cites "T"
          source primary
          effective from 2000-01-01
          binds all
          when act is one of hold, disclose and (purpose is civil-immigration or requester.agency is one of ice-ero, cbp)
           and not document.type is judicial-warrant and (item is home-address or place is jail or actor.unit is one of lapd, lasd)
          effect deny
          text "T."

        rule t.records
          cites "T"
          source primary
          effective from 2000-01-01
          binds all
          when any conviction (code is one of "PC 245", "PC 211" and level is felony and jurisdiction is one of ca, federal)
            or any conviction (not reducedByProp47 and wobbler and within 6 months)
            or any conviction (within 30 days or dated before 2014-11-05 or (dated from 2020-01-01 and within 3 years))
            or any probable-cause-charge (class violent-felony or code is "PC 187")
            or (subject.inCustody and not subject.federalFelonyWarrant)
          effect refer
          text "T."
        """;

    [Fact]
    public void Compiled_conditions_agree_with_their_trees_on_every_kind_of_test()
    {
        using var temp = TempStack.Layers(("only", EveryTest));
        var requests = new List<DecisionRequest>();
        string[] convictions =
        [
            """{ "code": "PC 245(a)(1)", "level": "felony", "date": "2016-05-01" }""",
            """{ "code": "pc 211", "level": "felony", "date": "2016-05-01", "jurisdiction": "other-state" }""",
            """{ "code": "PC 459", "level": "misdemeanor", "wobbler": true, "date": "2025-01-20" }""",
            """{ "code": "PC 459", "level": "misdemeanor", "wobbler": true, "date": "2025-01-20", "reducedByProp47": true }""",
            """{ "code": "PC 10", "level": "misdemeanor", "date": "2025-03-01" }""",
            """{ "code": "PC 10", "level": "misdemeanor", "date": "2014-11-04" }""",
            """{ "code": "PC 10", "level": "misdemeanor", "date": "2023-01-01" }""",
        ];
        string[] charges = ["""{ "code": "PC 187" }""", """{ "code": "PC 1", "classes": ["violent-felony"] }""", """{ "code": "PC 1" }"""];
        foreach (var act in new[] { "hold", "disclose", "transfer" })
            foreach (var unit in new[] { "lapd", "lahsa" })
                foreach (var conviction in convictions)
                    foreach (var charge in charges)
                        requests.Add(Req.With($$"""
                            {
                              "act": "{{act}}", "actor": { "unit": "{{unit}}", "kind": "law-enforcement" },
                              {{(act == "disclose" ? "\"data\": [\"home-address\", \"release-date\"]," : "")}}
                              "subject": { "inCustody": {{(unit == "lapd" ? "true" : "false")}}, "convictions": [{{conviction}}], "magistrateProbableCause": [{{charge}}] }
                            }
                            """));
        AssertAgree(temp.Load(), requests, expectBoth: true);
    }

    [Fact]
    public void Compiled_conditions_agree_with_their_trees_on_the_Los_Angeles_corpus()
    {
        var requests = LaCorpus.Generate(3000).Select(Req.Read).ToList();
        AssertAgree(StackLoader.Load(RepoRoot.Combine("stacks/us/ca/los-angeles")), requests, expectBoth: false);
    }

    [Fact]
    public void An_engine_answers_the_same_before_and_after_its_conditions_are_compiled()
    {
        var lines = LaCorpus.Generate(2000).ToList();
        var stack = StackLoader.Load(RepoRoot.Combine("stacks/us/ca/los-angeles"));
        var fresh = lines.Select(l => AnswerWriter.ToJson(DecisionEngine.Compile(stack).Decide(Req.Read(l)))).ToList();
        var engine = DecisionEngine.Compile(stack);
        for (var pass = 0; pass < 2; pass++)
            Assert.Equal(fresh, lines.Select(l => AnswerWriter.ToJson(engine.Decide(Req.Read(l)))).ToList());
    }

    private static void AssertAgree(Stack stack, List<DecisionRequest> requests, bool expectBoth)
    {
        var offences = new OffenceIndex(stack.Tables);
        var tree = new ConditionTree(offences);
        var compiler = new ConditionCompiler(offences);
        var facts = new RequestFacts();
        foreach (var provision in stack.Provisions)
        {
            var slow = tree.Build(provision.When);
            var fast = compiler.Compile(provision.When);
            var seen = new HashSet<bool>();
            foreach (var r in requests)
            {
                FactsBuilder.Build(r, offences, facts);
                foreach (var item in r.Data.Count == 0 ? [null] : r.Data.Select(d => (DataItem?)d))
                {
                    FactsBuilder.SetItem(facts, r, item);
                    var expected = slow(facts);
                    Assert.True(expected == fast(facts), $"{provision.Id} on {r.Id ?? "a request"} ({item}): the tree says {expected}");
                    seen.Add(expected);
                }
            }
            if (expectBoth)
                Assert.Equal(2, seen.Count);
        }
    }
}
