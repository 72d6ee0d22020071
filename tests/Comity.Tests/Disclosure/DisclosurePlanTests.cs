using Comity.Contract;
using Comity.Disclosure;
using Comity.Tests.Support;
using static Comity.Tests.Disclosure.Cuts;

namespace Comity.Tests.Disclosure;

/// <summary>From a decision to what happens to each field: fail closed.</summary>
public class DisclosurePlanTests
{
    private static IReadOnlyList<string> Errors(DecisionRequest request, SubjectKey? subject = null, DataCatalog? catalog = null) =>
        Assert.Throws<DisclosureException>(() => Plan(request, catalog, subject)).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void Each_field_gets_its_items_outcome_and_the_rules_that_decided_it()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.must", "must", when: "item is criminal-history")
            + LawText.Rule("r.permit", "permit", when: "item is personal-info")
            + LawText.Rule("r.deny", "deny", when: "item is home-address")
            + LawText.Rule("r.refer", "refer", when: "item is contact"));
        var catalog = Catalog("""
            { "system": "s", "jurisdiction": "test", "subject": ["id"],
              "fields": { "id": "none", "cii": "criminal-history", "name": "personal-info", "home": "home-address", "phone": "contact", "born": "place-of-birth" } }
            """);
        var plan = Plan(Bulk("criminal-history", "personal-info", "home-address", "contact"), catalog, engine: engine);

        Assert.Equal(("cii", (DataItem?)DataItem.CriminalHistory, FieldBasis.MustComply, "r.must"), Show(plan.Decide("cii")));
        Assert.Equal(("name", (DataItem?)DataItem.PersonalInfo, FieldBasis.Permit, "r.permit"), Show(plan.Decide("name")));
        Assert.Equal(("home", (DataItem?)DataItem.HomeAddress, FieldBasis.Deny, "r.deny"), Show(plan.Decide("home")));
        Assert.Equal(("phone", (DataItem?)DataItem.Contact, FieldBasis.ReferToCounsel, "r.refer"), Show(plan.Decide("phone")));
        Assert.Equal(("born", (DataItem?)DataItem.PlaceOfBirth, FieldBasis.NotRequested, ""), Show(plan.Decide("born")));
        Assert.Equal(("id", (DataItem?)null, FieldBasis.CatalogNone, ""), Show(plan.Decide("id")));
        Assert.Equal(("Id", (DataItem?)null, FieldBasis.Unmapped, ""), Show(plan.Decide("Id")));
        Assert.Equal([true, true, false, false, false, false, false], new[] { "cii", "name", "home", "phone", "born", "id", "Id" }.Select(f => plan.Decide(f).Kept));
    }

    private static (string, DataItem?, FieldBasis, string) Show(FieldDecision d) => (d.Field, d.Item, d.Basis, string.Join(", ", d.Rules));

    [Fact]
    public void A_request_that_asks_for_no_records_is_refused()
    {
        Assert.Equal(["request.json: act hold asks for no records; the firewall cuts exports for disclose (a named person) and bulk-disclose (rosters, lists, exports)"],
            Errors(Req.With()));
    }

    [Fact]
    public void A_request_about_a_named_person_needs_the_persons_subject_fields()
    {
        var request = Req.Disclose(["personal-info"]);

        Assert.Equal(["request.json: act disclose is about a named person: give the person's id (the subject fields of catalog people); without them no row is released"],
            Errors(request));
        Assert.Equal(
        [
            "request.json: subject field \"name\" is not a subject field of catalog people; expected id",
            "request.json: subject field \"id\" is missing: catalog people identifies a person by id",
        ], Errors(request, Subject(("name", "Doe"))));
        Assert.Equal(["request.json: subject field \"id\" is given more than once"], Errors(request, Subject(("id", "1"), ("id", "2"))));
    }

    [Fact]
    public void A_bulk_request_takes_no_subject()
    {
        Assert.Equal(["request.json: act bulk-disclose asks for whole exports, not one person's rows: no subject is taken (a request about a named person is act disclose)"],
            Errors(Bulk(), Subject(("id", "1"))));
    }

    [Fact]
    public void A_catalog_of_another_jurisdiction_is_refused()
    {
        var catalog = Catalog(CatalogJson.Replace("\"jurisdiction\": \"test\"", "\"jurisdiction\": \"us/ca/los-angeles\"", StringComparison.Ordinal));

        Assert.Equal(["catalog.json: the catalog serves us/ca/los-angeles, but the request was decided under test"], Errors(Bulk(), catalog: catalog));
    }

    [Fact]
    public void Items_under_a_federal_floor_are_known_with_their_floor_rules()
    {
        var engine = TempStack.Compile(
            ("federal", LawText.Rule("f.1373", "floor", when: "item is immigration-status")),
            ("city", LawText.Rule("c.status", "deny", when: "item is immigration-status") + LawText.Rule("c.other", "permit", when: "item is home-address")));
        var plan = Plan(Bulk("immigration-status", "home-address"), engine: engine);

        var status = plan.Items.Single(i => i.Item == DataItem.ImmigrationStatus);
        Assert.Equal(Outcome.ReferToCounsel, status.Outcome);
        Assert.Equal(["f.1373"], status.FloorRules);
        Assert.True(status.UnderFloor);
        Assert.False(plan.Items.Single(i => i.Item == DataItem.HomeAddress).UnderFloor);
    }
}
