using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Contract;

/// <summary>The request writer writes what the strict reader reads back unchanged, leaving out defaults.</summary>
public sealed class RequestWriterTests
{
    [Fact]
    public void A_full_request_round_trips_through_the_reader()
    {
        var json = Req.Json("""
            {
              "id": "X-1", "jurisdiction": "us/ca/los-angeles",
              "requester": { "agency": "ice-hsi", "office": "LA", "officer": "J. Doe" },
              "act": "disclose", "purpose": "criminal-immigration",
              "document": { "type": "judicial-warrant", "issuedByFederalJudge": true, "federalCriminalImmigrationLaw": true, "namesSubject": true, "coversPlace": true },
              "data": ["release-date", "home-address"], "dataPublic": ["home-address"], "place": "jail",
              "taskForce": { "primaryPurposeImmigration": false, "dutiesPrimarilyImmigration": true, "dedicatedResources": false, "federalMembers": true },
              "subject": {
                "inCustody": true, "sexArsonRegistrant": true, "federalFelonyWarrant": true, "reentryAfterAggravatedFelony": true,
                "hateCrimeVictimOrWitnessNotCharged": true,
                "convictions": [{ "code": "PC 211", "level": "felony", "wobbler": true, "date": "2019-04-10", "jurisdiction": "federal",
                                  "classes": ["serious-felony", "aggravated-felony"], "reducedByProp47": true }],
                "magistrateProbableCause": [{ "code": "PC 187", "classes": ["violent-felony"] }]
              }
            }
            """);
        var request = Req.Read(json);

        var written = RequestWriter.ToJson(request);

        Assert.Equal(RequestWriter.ToJson(Req.Read(written)), written);
        var again = Req.Read(written);
        Assert.Equal(request.Subject.Convictions[0], again.Subject.Convictions[0] with { Classes = request.Subject.Convictions[0].Classes });
        Assert.Equal(request.Subject.Convictions[0].Classes, again.Subject.Convictions[0].Classes);
        Assert.Equal(request.Document, again.Document);
        Assert.Equal(request.TaskForce, again.TaskForce);
        Assert.Equal(request.Data, again.Data);
        Assert.Equal(request.DataPublic, again.DataPublic);
    }

    [Fact]
    public void Defaults_are_left_out()
    {
        var written = RequestWriter.ToJson(Req.With());

        Assert.Equal("""{"receivedAt":"2025-03-14","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"}}""", written);
    }

    [Fact]
    public void Every_1_1_property_round_trips_through_the_reader_in_the_contract_order()
    {
        var text = RequestJson.Full().ToJsonString();
        var request = Req.Read(text);

        var written = RequestWriter.ToJson(request);

        // Full() lists every property in the contract's order with no default value, so the writer gives back its text.
        Assert.Equal(text, written);
    }

    [Fact]
    public void Given_false_1_1_booleans_are_written_and_unknown_ones_left_out()
    {
        var written = RequestWriter.ToJson(Req.With("""{ "requester": { "federalParticipation": false }, "subject": { "citizenshipProof": false } }"""));

        Assert.Contains("\"federalParticipation\":false", written, StringComparison.Ordinal);
        Assert.Contains("\"citizenshipProof\":false", written, StringComparison.Ordinal);
        Assert.DoesNotContain("servedOnSubject", written, StringComparison.Ordinal);
    }

    /// <summary>
    /// A conviction's wobbler mark has no default in the contract: false is a fact the caller gave,
    /// kept through the writer (the ledger records a request as written), and a mark not given stays
    /// not given, so that a stack that tells them apart decides a recorded request as it was asked.
    /// </summary>
    [Fact]
    public void A_wobbler_mark_given_false_is_written_and_one_not_given_is_left_out()
    {
        var request = Req.With("""{ "subject": { "convictions": [ { "code": "PC 245(a)(1)", "level": "misdemeanor", "date": "2016-05-01", "wobbler": false }, { "code": "PC 242", "level": "misdemeanor", "date": "2016-05-01" } ] } }""");

        var again = Req.Read(RequestWriter.ToJson(request));

        Assert.Equal(new bool?[] { false, null }, again.Subject.Convictions.Select(c => c.Wobbler));
    }

    [Fact]
    public void The_request_written_without_identity_has_everything_but_the_identity()
    {
        var request = Req.Read(RequestJson.Full().ToJsonString());

        var written = RequestWriter.ToJsonWithoutIdentity(request);

        Assert.DoesNotContain("identity", written, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana Example", written, StringComparison.Ordinal);
        Assert.DoesNotContain("R. Counsel", written, StringComparison.Ordinal);
        var expected = RequestJson.Full();
        expected["subject"]!.AsObject().Remove("identity");
        Assert.Equal(expected.ToJsonString(), written);
        Assert.Equal(written, RequestWriter.ToJson(request.WithoutIdentity()));
    }

    [Fact]
    public void A_subject_with_only_an_identity_is_left_out_entirely_without_it()
    {
        var request = Req.With("""{ "subject": { "identity": { "name": "Ana Example" } } }""");

        Assert.Equal(RequestWriter.ToJson(Req.With()), RequestWriter.ToJsonWithoutIdentity(request));
    }
}
