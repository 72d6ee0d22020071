using System.Text;
using System.Text.Json.Nodes;
using Comity.Contract;
using static Comity.Tests.Contract.RequestJson;

namespace Comity.Tests.Contract;

/// <summary>
/// RequestReader holds a request to contract v1: each refusal names the JSON path and what was
/// expected there, every error of a request is reported at once, and what the contract leaves
/// optional gets its documented default.
/// </summary>
public sealed class RequestReaderTests
{
    private const string ActsExpected =
        "one of hold, notify-release, transfer, interview, disclose, bulk-disclose, alpr-search, facility-access, property-use, "
        + "operational-assistance, civil-arrest, task-force, agreement-287g, office-space, detention-contract, interpreter, grant-certification, own-arrest";

    private const string ReceivedAtExpected = "an ISO 8601 date (2025-03-14) or date-time (2025-03-14T09:30:00-07:00)";

    // ---- requests that read --------------------------------------------------------------------

    [Fact]
    public void The_contract_example_request_reads_with_every_fact_it_states()
    {
        var r = AssertOk(RequestReader.Read(ContractExample));

        Assert.Equal("LAPD-2025-000123", r.Id);
        Assert.Equal("2025-03-14T09:30:00-07:00", r.ReceivedAt);
        Assert.Equal(new DateOnly(2025, 3, 14), r.ReceivedOn);
        Assert.Equal("us/ca/los-angeles", r.Jurisdiction);
        Assert.Equal(new Actor("lapd", ActorKind.LawEnforcement), r.Actor);
        Assert.Equal(new Requester(Agency.IceEro, "Los Angeles Field Office", "J. Doe"), r.Requester);
        Assert.Equal(Act.NotifyRelease, r.Act);
        Assert.Equal(Purpose.CivilImmigration, r.Purpose);
        Assert.Equal(new Document { Type = DocumentType.I247a, NamesSubject = true }, r.Document);
        Assert.Equal([DataItem.ReleaseDate], r.Data);
        Assert.Empty(r.DataPublic);
        Assert.Null(r.Place);
        Assert.Null(r.TaskForce);
        Assert.True(r.Subject.InCustody);
        var c = Assert.Single(r.Subject.Convictions);
        Assert.Equal("PC 211", c.Code);
        Assert.Equal(ConvictionLevel.Felony, c.Level);
        Assert.Equal(new DateOnly(2016, 5, 1), c.Date);
        Assert.Equal(ConvictionJurisdiction.Ca, c.Jurisdiction);
        Assert.Null(c.Wobbler);
        Assert.False(c.ReducedByProp47);
        Assert.Empty(c.Classes);
        Assert.False(r.Subject.SexArsonRegistrant);
        Assert.False(r.Subject.FederalFelonyWarrant);
        Assert.Empty(r.Subject.MagistrateProbableCause);
        Assert.False(r.Subject.ReentryAfterAggravatedFelony);
        Assert.False(r.Subject.HateCrimeVictimOrWitnessNotCharged);
    }

    [Fact]
    public void A_request_with_every_property_at_every_level_reads_each_value()
    {
        var r = AssertOk(Read(Full()));

        Assert.Equal("REF-1", r.Id);
        Assert.Equal("demo", r.Jurisdiction);
        Assert.Equal(new Actor("lapd", ActorKind.Jail) { Role = ActorRole.BookingClerk, Agreement287g = Agreement287g.WarrantServiceOfficer }, r.Actor);
        Assert.Equal(new Requester(Agency.IceEro, "Los Angeles Field Office", "J. Doe") { FederalParticipation = false }, r.Requester);
        Assert.Equal(Act.Hold, r.Act);
        Assert.Equal(new Document
        {
            Type = DocumentType.JudicialWarrant, IssuedByFederalJudge = true, FederalCriminalImmigrationLaw = true, NamesSubject = true, CoversPlace = true,
            AdministrativeWarrantAttached = false, ServedOnSubject = true, Court = Court.Federal,
        }, r.Document);
        Assert.Equal([DataItem.ReleaseDate, DataItem.HomeAddress], r.Data);
        Assert.Equal([DataItem.ReleaseDate], r.DataPublic);
        Assert.Equal([DataItem.HomeAddress], r.DataHeld);
        Assert.Equal(Place.Office, r.Place);
        Assert.Equal(PlaceArea.NonPublic, r.PlaceArea);
        Assert.Equal(new Custody { EligibleForReleaseAt = "2025-03-12T08:00:00-07:00", HeldSince = "2025-03-01T22:15:00-08:00" }, r.Subject.Custody);
        Assert.False(r.Subject.CitizenshipProof);
        Assert.Equal(SubjectRole.Arrestee, r.Subject.Role);
        Assert.Equal(new InterviewConsent { FormServed = true, Language = "es", Consented = false, AttorneyPresent = true }, r.Subject.InterviewConsent);
        Assert.Equal(new SubjectIdentity
        {
            Name = "Ana Example", DateOfBirth = new DateOnly(1990, 2, 28), BookingNumber = "B-123", CiiNumber = "A12345678", FbiNumber = "123456AB7",
            ANumber = "A012345678", Language = "es-MX", Gender = "female", RaceEthnicity = "hispanic", CountryOfBirth = "MX",
            Attorney = new Attorney { Name = "R. Counsel", Contact = "213 555 0100" },
        }, r.Subject.Identity);
        Assert.False(r.Subject.Convictions.Single().Juvenile);
        Assert.Equal(new TaskForce(true, false, true, false), r.TaskForce);
        Assert.True(r.Subject.InCustody && r.Subject.SexArsonRegistrant && r.Subject.FederalFelonyWarrant
            && r.Subject.ReentryAfterAggravatedFelony && r.Subject.HateCrimeVictimOrWitnessNotCharged);
        var c = Assert.Single(r.Subject.Convictions);
        Assert.True(c.Wobbler);
        Assert.True(c.ReducedByProp47);
        Assert.Equal(ConvictionJurisdiction.Federal, c.Jurisdiction);
        Assert.Equal([OffenceClass.SeriousFelony, OffenceClass.DuiFelony], c.Classes);
        var charge = Assert.Single(r.Subject.MagistrateProbableCause);
        Assert.Equal("PC 245(a)(1)", charge.Code);
        Assert.Equal([OffenceClass.ViolentFelony], charge.Classes);
    }

    [Fact]
    public void Optional_facts_left_out_take_their_defaults_booleans_false_and_no_subject_needed()
    {
        var r = AssertOk(Read(Minimal()));

        Assert.Null(r.Id);
        Assert.Null(r.Jurisdiction);
        Assert.Null(r.Requester.Office);
        Assert.Null(r.Requester.Officer);
        Assert.False(r.Document.IssuedByFederalJudge);
        Assert.False(r.Document.FederalCriminalImmigrationLaw);
        Assert.False(r.Document.NamesSubject);
        Assert.False(r.Document.CoversPlace);
        Assert.Empty(r.Data);
        Assert.Empty(r.DataPublic);
        Assert.Null(r.Place);
        Assert.Null(r.TaskForce);
        Assert.NotNull(r.Subject);
        Assert.False(r.Subject.InCustody);
        Assert.Empty(r.Subject.Convictions);
        Assert.False(r.Subject.SexArsonRegistrant);
        Assert.False(r.Subject.FederalFelonyWarrant);
        Assert.Empty(r.Subject.MagistrateProbableCause);
        Assert.False(r.Subject.ReentryAfterAggravatedFelony);
        Assert.False(r.Subject.HateCrimeVictimOrWitnessNotCharged);
    }

    [Fact]
    public void An_empty_subject_object_reads_with_every_default()
    {
        var r = AssertOk(Read(Minimal().With("subject", new JsonObject())));

        Assert.False(r.Subject.InCustody);
        Assert.Empty(r.Subject.Convictions);
        Assert.Empty(r.Subject.MagistrateProbableCause);
    }

    [Fact]
    public void A_conviction_without_jurisdiction_is_a_california_conviction_its_wobbler_mark_not_given_not_reduced()
    {
        var request = Minimal().With("subject", new JsonObject
        {
            ["convictions"] = new JsonArray(new JsonObject { ["code"] = "PC 459", ["level"] = "misdemeanor", ["date"] = "2020-01-31" }),
        });

        var c = Assert.Single(AssertOk(Read(request)).Subject.Convictions);

        Assert.Equal(ConvictionJurisdiction.Ca, c.Jurisdiction);
        Assert.Equal(ConvictionLevel.Misdemeanor, c.Level);
        Assert.Equal(new DateOnly(2020, 1, 31), c.Date);
        // The contract sets no default for the mark: not given is unknown, not false.
        Assert.Null(c.Wobbler);
        Assert.False(c.ReducedByProp47);
        Assert.Empty(c.Classes);
    }

    [Fact]
    public void A_magistrate_charge_without_classes_reads_with_no_classes()
    {
        var request = Minimal().With("subject", new JsonObject
        {
            ["magistrateProbableCause"] = new JsonArray(new JsonObject { ["code"] = "PC 211" }),
        });

        var charge = Assert.Single(AssertOk(Read(request)).Subject.MagistrateProbableCause);

        Assert.Equal("PC 211", charge.Code);
        Assert.Empty(charge.Classes);
    }

    [Fact]
    public void Escaped_property_names_and_enumeration_values_read_like_plain_ones()
    {
        var json = Minimal().ToJsonString()
            .Replace("\"act\":\"notify-release\"", "\"\\u0061ct\":\"notify\\u002drelease\"", StringComparison.Ordinal);
        Assert.Contains("\\u0061ct", json, StringComparison.Ordinal);

        var r = AssertOk(RequestReader.Read(json));

        Assert.Equal(Act.NotifyRelease, r.Act);
    }

    [Fact]
    public void Whitespace_and_a_final_newline_around_the_request_are_allowed()
    {
        AssertOk(RequestReader.Read("\n  " + Minimal().ToJsonString() + " \r\n\t\n"));
    }

    [Fact]
    public void A_place_given_for_an_act_that_does_not_need_one_is_kept()
    {
        var r = AssertOk(Read(Minimal().With("place", "park")));

        Assert.Equal(Place.Park, r.Place);
    }

    // ---- unknown and repeated properties -------------------------------------------------------

    [Fact]
    public void An_unknown_property_at_the_root_is_refused_and_the_known_names_are_listed()
    {
        var result = Read(Minimal().With("jursidiction", "demo"));

        AssertRefused(result, "$.jursidiction",
            "unknown property; expected one of id, receivedAt, jurisdiction, actor, requester, act, purpose, document, data, dataPublic, dataHeld, place, placeArea, taskForce, subject");
    }

    [Fact]
    public void A_typo_in_a_nested_property_is_refused_with_its_full_path()
    {
        var result = Read(Minimal().With("document.issuedByFederaljudge", true));

        AssertRefused(result, "$.document.issuedByFederaljudge",
            "unknown property; expected one of type, issuedByFederalJudge, federalCriminalImmigrationLaw, namesSubject, coversPlace, administrativeWarrantAttached, servedOnSubject, court");
    }

    [Theory]
    [InlineData("actor.unitId", "$.actor.unitId", "unit, kind, role, agreement287g")]
    [InlineData("requester.agent", "$.requester.agent", "agency, office, officer, federalParticipation")]
    [InlineData("taskForce.purpose", "$.taskForce.purpose", "primaryPurposeImmigration, dutiesPrimarilyImmigration, dedicatedResources, federalMembers")]
    [InlineData("subject.incustody", "$.subject.incustody",
        "inCustody, convictions, sexArsonRegistrant, federalFelonyWarrant, magistrateProbableCause, reentryAfterAggravatedFelony, hateCrimeVictimOrWitnessNotCharged, "
        + "custody, citizenshipProof, role, interviewConsent, identity")]
    [InlineData("subject.convictions[0].county", "$.subject.convictions[0].county", "code, level, wobbler, date, jurisdiction, classes, reducedByProp47, juvenile")]
    [InlineData("subject.magistrateProbableCause[0].level", "$.subject.magistrateProbableCause[0].level", "code, classes")]
    public void An_unknown_property_in_a_nested_object_is_refused_with_its_path_and_the_names_of_that_object(string property, string path, string names)
    {
        var result = Read(Full().With(property, true));

        AssertRefused(result, path, $"unknown property; expected one of {names}");
    }

    [Fact]
    public void Property_names_are_case_sensitive()
    {
        var request = Minimal().Without("receivedAt").With("ReceivedAt", "2025-03-14");

        var result = Read(request);

        Assert.False(result.Ok);
        Assert.Equal(["$.ReceivedAt", "$.receivedAt"], result.Errors.Select(e => e.Path));
        Assert.StartsWith("unknown property", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("required property is missing", result.Errors[1].Message);
    }

    [Fact]
    public void A_property_given_twice_at_the_root_is_refused_even_with_the_same_value()
    {
        var json = Minimal().ToJsonString().Replace("\"act\":\"notify-release\"", "\"act\":\"notify-release\",\"act\":\"notify-release\"", StringComparison.Ordinal);

        AssertRefused(RequestReader.Read(json), "$.act", "appears twice");
    }

    [Fact]
    public void A_property_given_twice_in_a_nested_object_is_refused_with_its_path()
    {
        var json = Minimal().ToJsonString().Replace("\"kind\":\"law-enforcement\"", "\"kind\":\"law-enforcement\",\"kind\":\"jail\"", StringComparison.Ordinal);

        AssertRefused(RequestReader.Read(json), "$.actor.kind", "appears twice");
    }

    // ---- wrong types ---------------------------------------------------------------------------

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { "document.namesSubject", "\"true\"", "expected true or false, found a string" },
        { "subject.inCustody", "1", "expected true or false, found a number" },
        { "taskForce.federalMembers", "null", "expected true or false, found null" },
        { "subject.convictions[0].wobbler", "\"no\"", "expected true or false, found a string" },
        { "id", "123", "expected a string, found a number" },
        { "id", "null", "expected a string, found null" },
        { "receivedAt", "20250314", "expected a string, found a number" },
        { "jurisdiction", "[\"demo\"]", "expected a string, found an array" },
        { "actor.unit", "5", "expected a string, found a number" },
        { "requester.office", "false", "expected a string, found a boolean" },
        { "subject.convictions[0].code", "211", "expected a string, found a number" },
        { "subject.convictions[0].date", "{}", "expected a string, found an object" },
        { "act", "3", $"expected a string, {ActsExpected}, found a number" },
        { "place", "null", $"expected a string, {Vocabularies.Places.Expected}, found null" },
        { "data", "{}", $"expected an array of strings, each {Vocabularies.DataItems.Expected}, found an object" },
        { "dataPublic", "\"release-date\"", $"expected an array of strings, each {Vocabularies.DataItems.Expected}, found a string" },
        { "subject.convictions[0].classes", "\"serious-felony\"", $"expected an array of strings, each {Vocabularies.OffenceClasses.Expected}, found a string" },
        { "subject.convictions", "{}", "expected an array of objects, found an object" },
        { "subject.magistrateProbableCause", "\"PC 211\"", "expected an array of objects, found a string" },
        { "actor", "[]", "expected an object, found an array" },
        { "document", "\"i-247a\"", "expected an object, found a string" },
        { "taskForce", "true", "expected an object, found a boolean" },
        { "subject", "null", "expected an object, found null" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void A_value_of_the_wrong_type_is_refused_with_its_path_and_the_type_expected(string property, string value, string message)
    {
        var result = Read(Full().With(property, JsonNode.Parse(value)));

        AssertRefused(result, "$." + property, message);
    }

    [Fact]
    public void A_wrong_type_inside_an_array_names_the_element()
    {
        var result = Read(Minimal().With("data", new JsonArray("release-date", 7)));

        AssertRefused(result, "$.data[1]", $"expected a string, {Vocabularies.DataItems.Expected}, found a number");
    }

    [Fact]
    public void A_conviction_that_is_not_an_object_names_its_index()
    {
        var result = Read(Minimal().With("subject", new JsonObject { ["convictions"] = new JsonArray("PC 211") }));

        AssertRefused(result, "$.subject.convictions[0]", "expected an object, found a string");
    }

    // ---- wrong enumeration values --------------------------------------------------------------

    [Fact]
    public void An_unknown_act_is_refused_and_the_message_lists_every_act_of_the_contract()
    {
        var result = Read(Minimal().With("act", "notify_release"));

        AssertRefused(result, "$.act", $"\"notify_release\" is not a known act; expected {ActsExpected}");
    }

    public static TheoryData<string, string, string> WrongEnums => new()
    {
        { "actor.kind", "police", $"\"police\" is not a known actor kind; expected {Vocabularies.ActorKinds.Expected}" },
        { "requester.agency", "ice", $"\"ice\" is not a known requesting agency; expected {Vocabularies.Agencies.Expected}" },
        { "act", "Hold", $"\"Hold\" is not a known act; expected {ActsExpected}" },
        { "purpose", "immigration", $"\"immigration\" is not a known purpose; expected {Vocabularies.Purposes.Expected}" },
        { "document.type", "I-247A", $"\"I-247A\" is not a known document type; expected {Vocabularies.DocumentTypes.Expected}" },
        { "place", "courtroom", $"\"courtroom\" is not a known place; expected {Vocabularies.Places.Expected}" },
        { "subject.convictions[0].level", "infraction", $"\"infraction\" is not a known conviction level; expected one of felony, misdemeanor" },
        { "subject.convictions[0].jurisdiction", "california", $"\"california\" is not a known conviction jurisdiction; expected one of ca, federal, other-state" },
    };

    [Theory]
    [MemberData(nameof(WrongEnums))]
    public void A_value_outside_its_enumeration_is_refused_and_the_message_lists_the_expected_values(string property, string value, string message)
    {
        var result = Read(Full().With(property, value));

        AssertRefused(result, "$." + property, message);
    }

    [Theory]
    [InlineData("data", "$.data[1]", "ssn", "data item")]
    [InlineData("dataPublic", "$.dataPublic[1]", "ssn", "data item")]
    [InlineData("subject.convictions[0].classes", "$.subject.convictions[0].classes[1]", "felony", "offence class")]
    [InlineData("subject.magistrateProbableCause[0].classes", "$.subject.magistrateProbableCause[0].classes[1]", "felony", "offence class")]
    public void An_unknown_value_in_an_enumerated_array_names_its_index(string property, string path, string value, string what)
    {
        var first = property.StartsWith("data", StringComparison.Ordinal) ? "release-date" : "serious-felony";
        var expected = property.StartsWith("data", StringComparison.Ordinal) ? Vocabularies.DataItems.Expected : Vocabularies.OffenceClasses.Expected;

        var result = Read(Full().With(property, new JsonArray(first, value)));

        AssertRefused(result, path, $"\"{value}\" is not a known {what}; expected {expected}");
    }

    // ---- missing required facts ----------------------------------------------------------------

    [Theory]
    [InlineData("receivedAt")]
    [InlineData("actor")]
    [InlineData("actor.unit")]
    [InlineData("actor.kind")]
    [InlineData("requester")]
    [InlineData("requester.agency")]
    [InlineData("act")]
    [InlineData("purpose")]
    [InlineData("document")]
    [InlineData("document.type")]
    [InlineData("subject.convictions[0].code")]
    [InlineData("subject.convictions[0].level")]
    [InlineData("subject.convictions[0].date")]
    [InlineData("subject.magistrateProbableCause[0].code")]
    [InlineData("taskForce.primaryPurposeImmigration")]
    [InlineData("taskForce.dutiesPrimarilyImmigration")]
    [InlineData("taskForce.dedicatedResources")]
    [InlineData("taskForce.federalMembers")]
    public void A_missing_required_fact_is_refused_with_its_path(string property)
    {
        var result = Read(Full().Without(property));

        AssertRefused(result, "$." + property, "required property is missing");
    }

    [Fact]
    public void An_empty_object_is_refused_with_every_required_root_fact_named()
    {
        var result = RequestReader.Read("{}");

        Assert.False(result.Ok);
        Assert.All(result.Errors, e => Assert.Equal("required property is missing", e.Message));
        Assert.Equal(["$.receivedAt", "$.actor", "$.requester", "$.act", "$.purpose", "$.document"], result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void An_empty_unit_is_refused()
    {
        var result = Read(Minimal().With("actor.unit", ""));

        AssertRefused(result, "$.actor.unit", "expected the receiving unit's id, found an empty string");
    }

    [Theory]
    [InlineData("subject.convictions[0].code", "")]
    [InlineData("subject.convictions[0].code", "   ")]
    [InlineData("subject.magistrateProbableCause[0].code", "")]
    public void An_empty_offence_code_is_refused(string property, string code)
    {
        var result = Read(Full().With(property, code));

        AssertRefused(result, "$." + property, "expected an offence code such as \"PC 211\", found an empty string");
    }

    // ---- receivedAt and dates ------------------------------------------------------------------

    [Theory]
    [InlineData("2025-03-14", "2025-03-14")]
    [InlineData("2024-02-29", "2024-02-29")]
    [InlineData("2025-03-14T09:30:00Z", "2025-03-14")]
    [InlineData("2025-03-14T09:30Z", "2025-03-14")]
    [InlineData("2025-03-14T09:30:00-07:00", "2025-03-14")]
    [InlineData("2025-03-14T09:30:00+05:30", "2025-03-14")]
    [InlineData("2025-03-14T09:30:00.5Z", "2025-03-14")]
    [InlineData("2025-03-14T09:30:00.123-07:00", "2025-03-14")]
    [InlineData("2025-03-14T09:30:00.1234567+00:00", "2025-03-14")]
    [InlineData("2025-03-14T09:30:00", "2025-03-14")]
    // The day is the calendar day as written, in the sender's own offset, not the UTC day.
    [InlineData("2025-03-14T23:30:00-07:00", "2025-03-14")]
    [InlineData("2025-03-15T01:00:00+09:00", "2025-03-15")]
    [InlineData("2025-01-01T00:00:00+14:00", "2025-01-01")]
    public void ReceivedAt_as_a_date_or_date_time_gives_the_local_day_as_written_and_is_kept_verbatim(string receivedAt, string day)
    {
        var r = AssertOk(Read(Minimal().With("receivedAt", receivedAt)));

        Assert.Equal(DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.ReceivedOn);
        Assert.Equal(receivedAt, r.ReceivedAt);
    }

    /// <summary>
    /// ISO 8601 (and RFC 3339) put no limit on the digits of a fraction of a second; Java's
    /// Instant.toString() and Go's RFC3339Nano write nine. The reader stops at seven (.NET ticks).
    /// </summary>
    [Fact]
    public void ReceivedAt_with_nanosecond_fractional_seconds_is_accepted()
    {
        var r = AssertOk(Read(Minimal().With("receivedAt", "2025-03-14T09:30:00.123456789Z")));

        Assert.Equal(new DateOnly(2025, 3, 14), r.ReceivedOn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2025-3-14")]
    [InlineData("14/03/2025")]
    [InlineData("2025/03/14")]
    [InlineData("20250314")]
    [InlineData("2025-02-29")]
    [InlineData("2025-13-01")]
    [InlineData("2025-03-32")]
    [InlineData("2025-03-14Z")]
    [InlineData("2025-03-14T")]
    [InlineData("2025-03-14T09Z")]
    [InlineData("2025-03-14T9:30:00Z")]
    [InlineData("2025-03-14T25:00:00Z")]
    [InlineData("2025-03-14T09:61:00Z")]
    [InlineData("2025-03-14 09:30:00Z")]
    [InlineData("2025-03-14T09:30:00 -07:00")]
    [InlineData("2025-03-14T09:30:00-07:00 ")]
    [InlineData(" 2025-03-14")]
    [InlineData("2025-03-14t09:30:00z")]
    public void ReceivedAt_that_is_not_an_ISO_8601_date_or_date_time_is_refused(string receivedAt)
    {
        var result = Read(Minimal().With("receivedAt", receivedAt));

        AssertRefused(result, "$.receivedAt", $"\"{receivedAt}\" is not {ReceivedAtExpected}");
    }

    [Theory]
    [InlineData("2016-5-1")]
    [InlineData("2016-05-01T00:00:00Z")]
    [InlineData("2016-02-30")]
    [InlineData("01/05/2016")]
    public void A_conviction_date_that_is_not_YYYY_MM_DD_is_refused(string date)
    {
        var result = Read(Full().With("subject.convictions[0].date", date));

        AssertRefused(result, "$.subject.convictions[0].date", $"\"{date}\" is not a date; expected YYYY-MM-DD");
    }

    // ---- impossible combinations ---------------------------------------------------------------

    [Theory]
    [InlineData("disclose")]
    [InlineData("bulk-disclose")]
    public void Disclosure_without_data_is_refused(string act)
    {
        var result = Read(Minimal().With("act", act));

        AssertRefused(result, "$.data", $"required for act {act}: list the data items asked for");
    }

    [Fact]
    public void Disclosure_with_an_empty_data_list_is_refused()
    {
        var result = Read(Minimal().With("act", "disclose").With("data", new JsonArray()));

        AssertRefused(result, "$.data", "required for act disclose: list the data items asked for");
    }

    [Fact]
    public void Disclosure_with_data_reads()
    {
        var r = AssertOk(Read(Minimal().With("act", "disclose").With("data", new JsonArray("home-address", "contact"))));

        Assert.Equal([DataItem.HomeAddress, DataItem.Contact], r.Data);
    }

    [Theory]
    [InlineData("facility-access")]
    [InlineData("property-use")]
    public void Facility_access_or_property_use_without_place_is_refused(string act)
    {
        var result = Read(Minimal().With("act", act));

        AssertRefused(result, "$.place", $"required for act {act}; expected {Vocabularies.Places.Expected}");
    }

    [Fact]
    public void Facility_access_with_a_place_reads()
    {
        var r = AssertOk(Read(Minimal().With("act", "facility-access").With("place", "non-public-area")));

        Assert.Equal(Place.NonPublicArea, r.Place);
    }

    [Fact]
    public void A_task_force_act_without_taskForce_is_refused()
    {
        var result = Read(Minimal().With("act", "task-force"));

        AssertRefused(result, "$.taskForce",
            "required for act task-force: an object with primaryPurposeImmigration, dutiesPrimarilyImmigration, dedicatedResources, federalMembers");
    }

    [Fact]
    public void A_dataPublic_item_not_asked_for_in_data_is_refused_with_its_index()
    {
        var request = Minimal().With("act", "disclose")
            .With("data", new JsonArray("release-date"))
            .With("dataPublic", new JsonArray("release-date", "home-address"));

        AssertRefused(Read(request), "$.dataPublic[1]", "home-address is not one of the items asked for in data");
    }

    [Fact]
    public void A_data_item_listed_twice_is_refused_at_its_second_place()
    {
        var request = Minimal().With("act", "disclose").With("data", new JsonArray("release-date", "home-address", "release-date"));

        AssertRefused(Read(request), "$.data[2]", "release-date is listed twice");
    }

    [Fact]
    public void A_conviction_dated_after_receivedAt_is_refused()
    {
        var request = Full().With("receivedAt", "2025-03-14")
            .With("subject.convictions", new JsonArray(
                new JsonObject { ["code"] = "PC 211", ["level"] = "felony", ["date"] = "2016-05-01" },
                new JsonObject { ["code"] = "PC 459", ["level"] = "felony", ["date"] = "2025-03-15" }));

        AssertRefused(Read(request), "$.subject.convictions[1].date", "is after receivedAt: a conviction cannot postdate the request");
    }

    [Fact]
    public void A_conviction_on_the_day_of_the_request_is_accepted()
    {
        AssertOk(Read(Full().With("receivedAt", "2025-03-14").With("subject.convictions[0].date", "2025-03-14")));
    }

    [Fact]
    public void A_conviction_is_compared_with_the_local_day_of_receivedAt_not_the_UTC_day()
    {
        // 23:30 in Los Angeles on the 14th is already the 15th in UTC; a conviction of the 15th postdates it.
        var late = Full().With("receivedAt", "2025-03-14T23:30:00-07:00").With("subject.convictions[0].date", "2025-03-15");

        AssertRefused(Read(late), "$.subject.convictions[0].date", "is after receivedAt: a conviction cannot postdate the request");
    }

    [Fact]
    public void Several_impossible_combinations_are_reported_together()
    {
        var request = Minimal().With("act", "disclose").With("dataPublic", new JsonArray("release-date"));

        var result = Read(request);

        Assert.False(result.Ok);
        Assert.Equal(["$.data", "$.dataPublic[0]"], result.Errors.Select(e => e.Path));
    }

    // ---- text that is not a request ------------------------------------------------------------

    [Fact]
    public void Malformed_JSON_is_refused_with_the_line_and_column_of_the_fault()
    {
        const string json = "{\n  \"act\": \"hold\"\n  \"purpose\": \"criminal\"\n}";

        var error = SingleError(RequestReader.Read(json));

        Assert.Equal("$", error.Path);
        Assert.StartsWith("not valid JSON at line 3, column 3: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_UTF8_is_refused_with_the_line_and_column_of_the_bad_byte()
    {
        // "unit": "x" followed by 0xC3 '(' (a lead byte without its continuation), on line 3.
        var json = Encoding.UTF8.GetBytes("{\n  \"act\": \"hold\",\n  \"actor\": {\"unit\": \"x")
            .Concat(new byte[] { 0xC3, (byte)'(' })
            .Concat(Encoding.UTF8.GetBytes("\", \"kind\": \"jail\"}\n}"))
            .ToArray();

        var error = SingleError(RequestReader.Read(json));

        Assert.Equal("$", error.Path);
        Assert.Equal("not valid UTF-8 at line 3, column 23: byte 0xC3; a request is UTF-8 JSON", error.Message);
    }

    [Fact]
    public void A_broken_literal_deep_in_the_text_is_located_by_line_and_column()
    {
        const string json = "{\n  \"receivedAt\": \"2025-03-14\",\n  \"document\": { \"type\": \"none\", \"namesSubject\": tru }\n}";

        var error = SingleError(RequestReader.Read(json));

        Assert.Equal("$", error.Path);
        Assert.Matches(@"^not valid JSON at line 3, column \d+: ", error.Message);
    }

    [Theory]
    [InlineData("{\"act\": \"hold\",}")]
    [InlineData("{\"act\": 'hold'}")]
    [InlineData("{act: \"hold\"}")]
    [InlineData("{\"act\": \"hold\" // comment\n}")]
    [InlineData("{\"act\": \"hold\"")]
    public void Text_that_is_not_strict_JSON_is_refused_as_not_valid_JSON(string json)
    {
        var error = SingleError(RequestReader.Read(json));

        Assert.Equal("$", error.Path);
        Assert.Matches(@"^not valid JSON at line \d+, column \d+: \S", error.Message);
    }

    [Theory]
    [InlineData(" {}")]
    [InlineData(" x")]
    [InlineData(" \"more\"")]
    public void Content_after_the_request_object_is_refused(string trailing)
    {
        var request = Minimal().ToJsonString();

        var error = SingleError(RequestReader.Read(request + trailing));

        Assert.Equal("$", error.Path);
        Assert.StartsWith($"not valid JSON at line 1, column {request.Length + 2}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\n")]
    public void Empty_input_is_refused(string text)
    {
        var error = SingleError(RequestReader.Read(text));

        Assert.Equal("$", error.Path);
        Assert.StartsWith("not valid JSON at line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_as_bytes_is_refused()
    {
        var error = SingleError(RequestReader.Read(ReadOnlySpan<byte>.Empty));

        Assert.Equal("$", error.Path);
        Assert.Contains("JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "expected an object, found an array")]
    [InlineData("null", "expected an object, found null")]
    [InlineData("\"request\"", "expected an object, found a string")]
    [InlineData("42", "expected an object, found a number")]
    public void A_request_that_is_not_a_JSON_object_is_refused(string json, string message)
    {
        AssertRefused(RequestReader.Read(json), "$", message);
    }

    // ---- all errors at once --------------------------------------------------------------------

    [Fact]
    public void Several_errors_in_one_request_are_all_reported_in_document_order()
    {
        const string json = """
            {
              "receivedAt": "soon",
              "actor": { "unit": "lapd" },
              "requester": { "agency": "ice" },
              "act": "hold",
              "act": "hold",
              "purpose": "civil-immigration",
              "document": { "type": "i-247a", "namesSubject": "yes" },
              "data": ["release-date", "ssn"],
              "subject": { "convictions": [ { "code": "PC 211", "level": "felony", "date": "2016-13-01" } ] },
              "extra": 1
            }
            """;

        var result = RequestReader.Read(json);

        Assert.False(result.Ok);
        Assert.Null(result.Request);
        Assert.Equal(
            [
                "$.receivedAt: \"soon\" is not " + ReceivedAtExpected,
                "$.actor.kind: required property is missing",
                $"$.requester.agency: \"ice\" is not a known requesting agency; expected {Vocabularies.Agencies.Expected}",
                "$.act: appears twice",
                "$.document.namesSubject: expected true or false, found a string",
                $"$.data[1]: \"ssn\" is not a known data item; expected {Vocabularies.DataItems.Expected}",
                "$.subject.convictions[0].date: \"2016-13-01\" is not a date; expected YYYY-MM-DD",
                "$.extra: unknown property; expected one of id, receivedAt, jurisdiction, actor, requester, act, purpose, document, data, dataPublic, dataHeld, place, placeArea, taskForce, subject",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Errors_in_two_conviction_entries_are_each_reported_with_their_index()
    {
        var request = Full().With("subject.convictions", new JsonArray(
            new JsonObject { ["code"] = "PC 211", ["level"] = "felony" },
            new JsonObject { ["code"] = "PC 459", ["level"] = "petty", ["date"] = "2010-01-01" }));

        var result = Read(request);

        Assert.Equal(["$.subject.convictions[0].date", "$.subject.convictions[1].level"], result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Reading_the_same_text_twice_gives_the_same_request()
    {
        var text = Full().ToJsonString();

        var first = AssertOk(RequestReader.Read(text));
        var second = AssertOk(RequestReader.Read(System.Text.Encoding.UTF8.GetBytes(text)));

        Assert.Equal(first.ReceivedOn, second.ReceivedOn);
        Assert.Equal(first.Actor, second.Actor);
        Assert.Equal(first.Document, second.Document);
        Assert.Equal(first.Data, second.Data);
        Assert.Equal(first.Subject.Convictions.Single(), second.Subject.Convictions.Single(), ConvictionComparer.Instance);
    }

    private sealed class ConvictionComparer : IEqualityComparer<Conviction>
    {
        public static readonly ConvictionComparer Instance = new();

        public bool Equals(Conviction? x, Conviction? y) =>
            x is not null && y is not null && x.Code == y.Code && x.Level == y.Level && x.Wobbler == y.Wobbler && x.Date == y.Date
            && x.Jurisdiction == y.Jurisdiction && x.ReducedByProp47 == y.ReducedByProp47 && x.Classes.SequenceEqual(y.Classes);

        public int GetHashCode(Conviction obj) => obj.Code.GetHashCode(StringComparison.Ordinal);
    }
}
