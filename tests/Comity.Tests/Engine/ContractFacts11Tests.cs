using Comity.Contract;
using Comity.Conditions;
using Comity.Law;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>
/// The facts of contract 1.1, as rules read them: each new name parses and holds exactly when the
/// request says so; a 1.1 fact left out is told apart from false in the engine's facts (and
/// read as unknown: <see cref="UnknownFactTests"/>); and the engine never
/// reads <c>subject.identity</c> nor writes it into an answer.
/// </summary>
public class ContractFacts11Tests
{
    private static readonly Comity.Engine.DecisionEngine Engine = TempStack.Compile(
        LawText.Rule("r.own-arrest", "deny", when: "act is own-arrest")
        + LawText.Rule("r.city-service", "deny", when: "purpose is one of city-service, benefit-verification")
        + LawText.Rule("r.admin-warrant", "deny", when: "document.administrativeWarrantAttached")
        + LawText.Rule("r.served", "deny", when: "document.servedOnSubject")
        + LawText.Rule("r.federal-court", "deny", when: "document.court is federal")
        + LawText.Rule("r.participation", "deny", when: "requester.federalParticipation")
        + LawText.Rule("r.held", "deny", when: "item.held")
        + LawText.Rule("r.new-items", "deny", when: "item is one of biometrics, video, court-date")
        + LawText.Rule("r.new-places", "deny", when: "place is one of place-of-worship, school, courthouse, street")
        + LawText.Rule("r.area", "deny", when: "placeArea is non-public")
        + LawText.Rule("r.role", "deny", when: "actor.role is booking-clerk")
        + LawText.Rule("r.287g", "deny", when: "actor.agreement287g is jail-enforcement")
        + LawText.Rule("r.past-release", "deny", when: "subject.custody.pastRelease")
        + LawText.Rule("r.past-48", "deny", when: "subject.custody.past48Hours")
        + LawText.Rule("r.proof", "deny", when: "subject.citizenshipProof")
        + LawText.Rule("r.subject-role", "deny", when: "subject.role is victim")
        + LawText.Rule("r.form", "deny", when: "subject.interviewConsent.formServed")
        + LawText.Rule("r.consented", "deny", when: "subject.interviewConsent.consented")
        + LawText.Rule("r.attorney", "deny", when: "subject.interviewConsent.attorneyPresent")
        + LawText.Rule("r.juvenile", "deny", when: "any conviction (juvenile)"));

    [Fact]
    public void Every_new_fact_name_of_the_language_plan_is_a_fact_rules_can_test()
    {
        string[] names =
        [
            "document.administrativeWarrantAttached", "document.servedOnSubject", "document.court", "requester.federalParticipation", "item.held",
            "placeArea", "actor.role", "actor.agreement287g", "subject.custody.pastRelease", "subject.custody.past48Hours", "subject.citizenshipProof",
            "subject.role", "subject.interviewConsent.formServed", "subject.interviewConsent.consented", "subject.interviewConsent.attorneyPresent", "juvenile",
        ];

        Assert.All(names, n => Assert.True(Facts.Find(n) is { CanBeUnknown: true }, $"{n} is not a 1.1 fact"));
        // Besides them, the one v1 fact the contract gives no default: a conviction's wobbler mark.
        string[] unknowable = [.. names, "wobbler"];
        Assert.All(Facts.All.Where(f => f.CanBeUnknown), f => Assert.Contains(f.Name, unknowable));
    }

    [Fact]
    public void A_v1_request_surely_applies_none_of_the_rules_on_new_facts_but_each_on_a_request_fact_may_apply()
    {
        var answer = Engine.Decide(Req.With("""{ "subject": { "convictions": [ { "code": "PC 211", "level": "felony", "date": "2016-05-01" } ] } }"""));

        // Unknown, not false (semantics.md, "Facts that are not given"): each rule on a fact left out
        // may apply, so the layer refers between denying and saying nothing; a record's juvenile not
        // given is unknown too. With no data asked for, item.held is false.
        Assert.Equal(
            ["r.admin-warrant", "r.served", "r.federal-court", "r.participation", "r.area", "r.role", "r.287g",
             "r.past-release", "r.past-48", "r.proof", "r.subject-role", "r.form", "r.consented", "r.attorney", "r.juvenile"],
            answer.ReasonIds());
        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal([Outcome.Deny], answer.Layers.Single().Possible);
    }

    [Fact]
    public void A_request_giving_every_new_fact_true_applies_every_rule_on_them()
    {
        var request = Req.With("""
            {
              "receivedAt": "2025-03-14T09:30:00-07:00",
              "act": "own-arrest", "purpose": "city-service",
              "actor": { "role": "booking-clerk", "agreement287g": "jail-enforcement" },
              "requester": { "federalParticipation": true },
              "document": { "type": "judicial-warrant", "administrativeWarrantAttached": true, "servedOnSubject": true, "court": "federal" },
              "place": "office", "placeArea": "non-public",
              "subject": {
                "custody": { "eligibleForReleaseAt": "2025-03-10T09:00:00-07:00" },
                "citizenshipProof": true, "role": "victim",
                "interviewConsent": { "formServed": true, "consented": true, "attorneyPresent": true },
                "convictions": [ { "code": "PC 211", "level": "felony", "date": "2016-05-01", "juvenile": true } ]
              }
            }
            """);

        Assert.Equal(
            ["r.own-arrest", "r.city-service", "r.admin-warrant", "r.served", "r.federal-court", "r.participation", "r.area", "r.role", "r.287g",
             "r.past-release", "r.past-48", "r.proof", "r.subject-role", "r.form", "r.consented", "r.attorney", "r.juvenile"],
            Engine.Decide(request).ReasonIds());
    }

    [Fact]
    public void Item_held_holds_for_the_items_in_dataHeld_only()
    {
        var answer = Engine.Decide(Req.With("""{ "act": "disclose", "data": ["video", "home-address"], "dataHeld": ["home-address"] }"""));

        var held = Assert.Single(answer.Reasons, r => r.Rule == "r.held");
        Assert.Equal([DataItem.HomeAddress], held.Items);
        var items = Assert.Single(answer.Reasons, r => r.Rule == "r.new-items");
        Assert.Equal([DataItem.Video], items.Items);
    }

    [Fact]
    public void A_new_place_applies_its_rule()
    {
        var answer = Engine.Decide(Req.With("""{ "act": "facility-access", "place": "place-of-worship" }"""));

        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["r.new-places"], answer.DecidedBy);
    }

    [Fact]
    public void The_engine_facts_tell_a_1_1_fact_not_given_from_one_given_false()
    {
        var stack = Comity.Tests.Support.TempStack.Layers(("only", LawText.Rule("r", "deny")));
        using (stack)
        {
            var offences = new OffenceIndex(stack.Load().Tables);
            var facts = new RequestFacts();

            FactsBuilder.Build(Req.With(), offences, facts);
            FactsBuilder.SetItem(facts, Req.With(), null);
            Assert.Null(facts.Value(FactId.CitizenshipProof));
            Assert.Null(facts.Value(FactId.FederalParticipation));
            Assert.Null(facts.Value(FactId.PastRelease));
            Assert.Equal(RequestFacts.Absent, facts.Enums[(int)FactId.SubjectRole]);
            Assert.False(facts.Value(FactId.InCustody));

            var given = Req.With("""
                { "requester": { "federalParticipation": false }, "subject": { "citizenshipProof": false, "role": "witness",
                  "custody": { "eligibleForReleaseAt": "2025-03-15T00:00:00" } } }
                """);
            FactsBuilder.Build(given, offences, facts);
            Assert.False(facts.Value(FactId.CitizenshipProof));
            Assert.False(facts.Value(FactId.FederalParticipation));
            Assert.False(facts.Value(FactId.PastRelease));
            Assert.Equal((int)SubjectRole.Witness, facts.Enums[(int)FactId.SubjectRole]);

            var disclose = Req.With("""{ "act": "disclose", "data": ["video"] }""");
            FactsBuilder.SetItem(facts, disclose, DataItem.Video);
            Assert.Null(facts.Value(FactId.ItemHeld));
            var none = Req.With("""{ "act": "disclose", "data": ["video"], "dataHeld": [] }""");
            FactsBuilder.SetItem(facts, none, DataItem.Video);
            Assert.False(facts.Value(FactId.ItemHeld));
        }
    }

    [Fact]
    public void The_identity_of_the_subject_never_appears_in_an_answer()
    {
        var request = Req.Read(Comity.Tests.Contract.RequestJson.Full().ToJsonString());
        Assert.NotNull(request.Subject.Identity);

        var answer = Engine.Decide(request);
        var json = Comity.Contract.AnswerWriter.ToJson(answer, indented: true);

        foreach (var value in new[] { "Ana Example", "1990-02-28", "B-123", "A12345678", "123456AB7", "A012345678", "es-MX", "female", "hispanic", "R. Counsel", "213 555 0100" })
            Assert.DoesNotContain(value, json, StringComparison.Ordinal);
        Assert.DoesNotContain("identity", json, StringComparison.Ordinal);
        // The same answer as for the request without it: the engine never reads it.
        Assert.Equal(Comity.Contract.AnswerWriter.ToJson(Engine.Decide(request.WithoutIdentity())), Comity.Contract.AnswerWriter.ToJson(answer));
    }
}
