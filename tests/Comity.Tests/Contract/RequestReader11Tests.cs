using System.Text;
using System.Text.Json.Nodes;
using Comity.Contract;
using static Comity.Tests.Contract.RequestJson;

namespace Comity.Tests.Contract;

/// <summary>
/// The 1.1 additions of the contract: each new property reads, a 1.1 fact left out is unknown
/// (null) rather than false, and each is refused with its path when wrong. And the reader never
/// throws, whatever the text: lone surrogates, byte-order marks, deep nesting.
/// </summary>
public sealed class RequestReader11Tests
{
    [Fact]
    public void A_v1_request_leaves_every_1_1_fact_unknown()
    {
        var r = AssertOk(Read(Minimal()));

        Assert.Null(r.Actor.Role);
        Assert.Null(r.Actor.Agreement287g);
        Assert.Null(r.Requester.FederalParticipation);
        Assert.Null(r.Document.AdministrativeWarrantAttached);
        Assert.Null(r.Document.ServedOnSubject);
        Assert.Null(r.Document.Court);
        Assert.Null(r.DataHeld);
        Assert.Null(r.PlaceArea);
        Assert.Null(r.Subject.Custody);
        Assert.Null(r.Subject.CitizenshipProof);
        Assert.Null(r.Subject.Role);
        Assert.Null(r.Subject.InterviewConsent);
        Assert.Null(r.Subject.Identity);
    }

    [Fact]
    public void A_conviction_without_juvenile_is_not_known_to_be_a_conviction_of_an_adult()
    {
        var r = AssertOk(Read(Minimal().With("subject", JsonNode.Parse("""{"convictions":[{"code":"PC 211","level":"felony","date":"2016-05-01"}]}"""))));

        Assert.Null(r.Subject.Convictions.Single().Juvenile);
    }

    [Fact]
    public void The_new_act_purposes_data_items_and_places_read()
    {
        var r = AssertOk(Read(Minimal().With("act", "own-arrest").With("purpose", "city-service")));
        Assert.Equal(Act.OwnArrest, r.Act);
        Assert.Equal(Purpose.CityService, r.Purpose);

        var d = AssertOk(Read(Minimal().With("act", "disclose").With("purpose", "benefit-verification")
            .With("data", new JsonArray("biometrics", "video", "court-date")).With("dataHeld", new JsonArray("video"))));
        Assert.Equal(Purpose.BenefitVerification, d.Purpose);
        Assert.Equal([DataItem.Biometrics, DataItem.Video, DataItem.CourtDate], d.Data);
        Assert.Equal([DataItem.Video], d.DataHeld);

        foreach (var place in new[] { "place-of-worship", "school", "courthouse", "street" })
            Assert.Equal(place, Vocabularies.Places.Name(AssertOk(Read(Minimal().With("act", "facility-access").With("place", place))).Place!.Value));
    }

    [Fact]
    public void An_empty_dataHeld_says_nothing_is_held_which_is_not_the_same_as_leaving_it_out()
    {
        var r = AssertOk(Read(Minimal().With("act", "disclose").With("data", new JsonArray("home-address")).With("dataHeld", new JsonArray())));

        Assert.NotNull(r.DataHeld);
        Assert.Empty(r.DataHeld);
    }

    [Fact]
    public void Interview_consent_not_yet_asked_is_left_out_and_reads_as_unknown()
    {
        var r = AssertOk(Read(Minimal().With("subject", JsonNode.Parse("""{"interviewConsent":{"formServed":true,"language":"zh-Hant"}}"""))));

        Assert.Equal(new InterviewConsent { FormServed = true, Language = "zh-Hant" }, r.Subject.InterviewConsent);
        Assert.Null(r.Subject.InterviewConsent!.Consented);
    }

    // ---- refusals, each with its path ----------------------------------------------------------

    public static TheoryData<string, string, string, string> Refused => new()
    {
        { "actor.role", "\"sheriff\"", "$.actor.role", $"\"sheriff\" is not a known actor role; expected {Vocabularies.ActorRoles.Expected}" },
        { "actor.agreement287g", "\"none\"", "$.actor.agreement287g", $"\"none\" is not a known 287(g) agreement; expected {Vocabularies.Agreements287g.Expected}" },
        { "requester.federalParticipation", "\"yes\"", "$.requester.federalParticipation", "expected true or false, found a string" },
        { "requester.federalParticipation", "null", "$.requester.federalParticipation", "expected true or false, found null" },
        { "document.administrativeWarrantAttached", "1", "$.document.administrativeWarrantAttached", "expected true or false, found a number" },
        { "document.servedOnSubject", "[]", "$.document.servedOnSubject", "expected true or false, found an array" },
        { "document.court", "\"county\"", "$.document.court", $"\"county\" is not a known court; expected {Vocabularies.Courts.Expected}" },
        { "dataHeld", "\"video\"", "$.dataHeld", $"expected an array of strings, each {Vocabularies.DataItems.Expected}, found a string" },
        { "dataHeld", "[\"ssn\"]", "$.dataHeld[0]", $"\"ssn\" is not a known data item; expected {Vocabularies.DataItems.Expected}" },
        { "placeArea", "\"private\"", "$.placeArea", $"\"private\" is not a known place area; expected {Vocabularies.PlaceAreas.Expected}" },
        { "subject.custody", "\"2025-03-12\"", "$.subject.custody", "expected an object, found a string" },
        { "subject.custody.eligibleForReleaseAt", "\"2025-03-12\"", "$.subject.custody.eligibleForReleaseAt",
            "\"2025-03-12\" is not an ISO 8601 date-time (2025-03-14T09:30:00-07:00)" },
        { "subject.custody.heldSince", "\"yesterday\"", "$.subject.custody.heldSince", "\"yesterday\" is not an ISO 8601 date-time (2025-03-14T09:30:00-07:00)" },
        { "subject.custody.releasedAt", "\"2025-03-12T08:00:00Z\"", "$.subject.custody.releasedAt", "unknown property; expected one of eligibleForReleaseAt, heldSince" },
        { "subject.citizenshipProof", "\"passport\"", "$.subject.citizenshipProof", "expected true or false, found a string" },
        { "subject.role", "\"defendant\"", "$.subject.role", $"\"defendant\" is not a known subject role; expected {Vocabularies.SubjectRoles.Expected}" },
        { "subject.interviewConsent.consented", "\"no\"", "$.subject.interviewConsent.consented", "expected true or false, found a string" },
        { "subject.interviewConsent.language", "\"Spanish\"", "$.subject.interviewConsent.language",
            "\"Spanish\" is not a language tag; expected a BCP 47 tag such as es, en-US or zh-Hant" },
        { "subject.interviewConsent.witness", "true", "$.subject.interviewConsent.witness",
            "unknown property; expected one of formServed, language, consented, attorneyPresent" },
        { "subject.convictions[0].juvenile", "\"false\"", "$.subject.convictions[0].juvenile", "expected true or false, found a string" },
        { "subject.identity", "\"Ana\"", "$.subject.identity", "expected an object, found a string" },
        { "subject.identity.name", "42", "$.subject.identity.name", "expected a string, found a number" },
        { "subject.identity.dateOfBirth", "\"28/02/1990\"", "$.subject.identity.dateOfBirth", "\"28/02/1990\" is not a date; expected YYYY-MM-DD" },
        { "subject.identity.language", "\"e\"", "$.subject.identity.language", "\"e\" is not a language tag; expected a BCP 47 tag such as es, en-US or zh-Hant" },
        { "subject.identity.countryOfBirth", "\"mx\"", "$.subject.identity.countryOfBirth",
            "\"mx\" is not a country code; expected an ISO 3166-1 alpha-2 code in capitals, such as MX or SV" },
        { "subject.identity.countryOfBirth", "\"XX\"", "$.subject.identity.countryOfBirth",
            "\"XX\" is not a country code; expected an ISO 3166-1 alpha-2 code in capitals, such as MX or SV" },
        { "subject.identity.countryOfBirth", "\"MEX\"", "$.subject.identity.countryOfBirth",
            "\"MEX\" is not a country code; expected an ISO 3166-1 alpha-2 code in capitals, such as MX or SV" },
        { "subject.identity.ssn", "\"000-00-0000\"", "$.subject.identity.ssn",
            "unknown property; expected one of name, dateOfBirth, bookingNumber, ciiNumber, fbiNumber, aNumber, language, gender, raceEthnicity, countryOfBirth, attorney" },
        { "subject.identity.attorney.phone", "\"1\"", "$.subject.identity.attorney.phone", "unknown property; expected one of name, contact" },
        { "subject.identity.attorney.name", "false", "$.subject.identity.attorney.name", "expected a string, found a boolean" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_wrong_1_1_value_is_refused_with_its_path_and_what_was_expected(string property, string value, string path, string message)
    {
        AssertRefused(Read(Full().With(property, JsonNode.Parse(value))), path, message);
    }

    [Theory]
    [InlineData("subject.identity.name")]
    [InlineData("subject.identity.bookingNumber")]
    [InlineData("subject.identity.aNumber")]
    [InlineData("subject.identity.gender")]
    [InlineData("subject.identity.raceEthnicity")]
    [InlineData("subject.identity.attorney.name")]
    [InlineData("subject.identity.attorney.contact")]
    public void A_string_of_the_identity_longer_than_200_characters_is_refused_with_its_path(string property)
    {
        AssertOk(Read(Full().With(property, new string('x', 200))));

        AssertRefused(Read(Full().With(property, new string('x', 201))), "$." + property, "is 201 characters long; at most 200 are allowed");
    }

    [Fact]
    public void A_language_tag_longer_than_200_characters_is_refused_for_its_length()
    {
        AssertRefused(Read(Full().With("subject.interviewConsent.language", "es" + string.Concat(Enumerable.Repeat("-abcdefgh", 23)))),
            "$.subject.interviewConsent.language", "is 209 characters long; at most 200 are allowed");
    }

    [Theory]
    [InlineData("es")]
    [InlineData("en-US")]
    [InlineData("zh-Hant-TW")]
    [InlineData("es-419")]
    [InlineData("yue")]
    public void Well_formed_language_tags_are_accepted(string tag)
    {
        AssertOk(Read(Full().With("subject.identity.language", tag).With("subject.interviewConsent.language", tag)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("es_MX")]
    [InlineData("-es")]
    [InlineData("es-")]
    [InlineData("e1")]
    [InlineData("es-toolongsubtag")]
    public void Malformed_language_tags_are_refused(string tag)
    {
        Assert.Equal("$.subject.identity.language", SingleError(Read(Full().With("subject.identity.language", tag))).Path);
    }

    // ---- combinations --------------------------------------------------------------------------

    [Fact]
    public void A_dataHeld_item_not_asked_for_in_data_is_refused_with_its_index()
    {
        AssertRefused(Read(Full().With("dataHeld", new JsonArray("home-address", "video"))), "$.dataHeld[1]", "video is not one of the items asked for in data");
    }

    [Fact]
    public void A_dataHeld_item_listed_twice_is_refused_at_its_second_place()
    {
        AssertRefused(Read(Full().With("dataHeld", new JsonArray("home-address", "home-address"))), "$.dataHeld[1]", "home-address is listed twice");
    }

    [Theory]
    [InlineData("library")]
    [InlineData("health-facility")]
    [InlineData("shelter")]
    [InlineData("park")]
    [InlineData("parking-lot")]
    [InlineData("office")]
    public void PlaceArea_qualifies_the_places_the_contract_names(string place)
    {
        AssertOk(Read(Full().With("place", place).With("placeArea", "public")));
    }

    [Theory]
    [InlineData("jail", "place is jail")]
    [InlineData("street", "place is street")]
    [InlineData(null, "no place is given")]
    public void PlaceArea_for_another_place_or_none_is_refused(string? place, string found)
    {
        var request = place is null ? Full().Without("place") : Full().With("place", place);

        AssertRefused(Read(request), "$.placeArea", $"qualifies only place library, health-facility, shelter, park, parking-lot, office; {found}");
    }

    [Fact]
    public void A_court_named_for_a_document_no_court_issued_is_refused()
    {
        AssertRefused(Read(Full().With("document.type", "i-247a")), "$.document.court",
            "names the court of a judicial-warrant, judicial-probable-cause, court-order; document.type is i-247a");
    }

    [Fact]
    public void A_date_of_birth_after_receivedAt_is_refused()
    {
        AssertRefused(Read(Full().With("subject.identity.dateOfBirth", "2025-03-15")), "$.subject.identity.dateOfBirth",
            "is after receivedAt: the person was born before the request");
    }

    // ---- text that must never make the reader throw --------------------------------------------

    [Theory]
    [InlineData("id", "$.id")]
    [InlineData("actor.unit", "$.actor.unit")]
    [InlineData("receivedAt", "$.receivedAt")]
    [InlineData("subject.identity.name", "$.subject.identity.name")]
    [InlineData("subject.convictions[0].code", "$.subject.convictions[0].code")]
    [InlineData("act", "$.act")]
    [InlineData("subject.role", "$.subject.role")]
    public void A_lone_surrogate_escape_in_a_string_is_refused_at_its_path(string property, string path)
    {
        var json = Full().With(property, "LONE").ToJsonString().Replace("\"LONE\"", "\"a\\ud800b\"", StringComparison.Ordinal);

        AssertRefused(RequestReader.Read(json), path, "is not valid Unicode text: it contains an escaped lone surrogate (such as \\ud800)");
    }

    [Fact]
    public void A_lone_surrogate_escape_in_an_enumerated_array_names_the_item()
    {
        var json = Full().With("dataHeld", new JsonArray("home-address", "LONE")).ToJsonString().Replace("\"LONE\"", "\"\\udc00\"", StringComparison.Ordinal);

        Assert.Equal("$.dataHeld[1]", SingleError(RequestReader.Read(json)).Path);
    }

    [Fact]
    public void A_lone_surrogate_escape_in_a_property_name_is_an_unknown_property_named_as_written()
    {
        var json = Minimal().ToJsonString().Replace("{\"receivedAt\"", "{\"x\\ud800\":1,\"receivedAt\"", StringComparison.Ordinal);

        var error = SingleError(RequestReader.Read(json));

        Assert.Equal("$.x\\ud800", error.Path);
        Assert.StartsWith("unknown property; expected one of id, receivedAt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_surrogate_pair_escape_is_text_like_any_other()
    {
        var json = Full().With("subject.identity.name", "PAIR").ToJsonString().Replace("\"PAIR\"", "\"\\ud83d\\ude00\"", StringComparison.Ordinal);

        Assert.Equal("\U0001F600", AssertOk(RequestReader.Read(json)).Subject.Identity!.Name);
    }

    [Fact]
    public void One_byte_order_mark_is_ignored_and_two_are_refused_as_not_JSON()
    {
        var request = Encoding.UTF8.GetBytes(Minimal().ToJsonString());
        byte[] bom = [0xEF, 0xBB, 0xBF];

        AssertOk(RequestReader.Read([.. bom, .. request]));
        var error = SingleError(RequestReader.Read([.. bom, .. bom, .. request]));

        Assert.Equal("$", error.Path);
        Assert.StartsWith("not valid JSON at line 1, column ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(100_000)]
    public void JSON_nested_deeper_than_a_request_can_be_is_refused_not_crashed_on(int depth)
    {
        var json = Minimal().ToJsonString().Replace("{\"receivedAt\"", "{\"deep\":" + new string('[', depth) + new string(']', depth) + ",\"receivedAt\"", StringComparison.Ordinal);

        var error = SingleError(RequestReader.Read(json));

        Assert.Equal("$", error.Path);
        Assert.Contains($"depth of {RequestReader.MaxDepth}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_is_read_as_far_as_the_contract_goes()
    {
        var json = Minimal().ToJsonString().Replace("{\"receivedAt\"", "{\"deep\":[[[[[1]]]]],\"receivedAt\"", StringComparison.Ordinal);

        Assert.Equal("$.deep", SingleError(RequestReader.Read(json)).Path);
    }
}
