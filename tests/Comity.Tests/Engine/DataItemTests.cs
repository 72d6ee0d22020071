using Comity.Contract;
using Comity.Tests.Support;

namespace Comity.Tests.Engine;

/// <summary>
/// semantics.md: for disclose and bulk-disclose each requested data item is decided on its own; the
/// outcome is the most restrictive item (deny &gt; refer-to-counsel &gt; permit &gt; must-comply).
/// </summary>
public class DataItemTests
{
    /// <summary>One rule per item, each with a different effect.</summary>
    private static readonly Comity.Engine.DecisionEngine PerItem = TempStack.Compile(
        LawText.Rule("r.address", "deny", when: "item is home-address")
        + LawText.Rule("r.birth", "refer", when: "item is place-of-birth")
        + LawText.Rule("r.release", "permit", when: "item is release-date")
        + LawText.Rule("r.booking", "must", when: "item is booking-record"));

    [Fact]
    public void Each_item_is_decided_on_its_own()
    {
        var answer = PerItem.Decide(Req.Disclose(["release-date", "home-address", "place-of-birth", "booking-record"]));

        Assert.Equal(Outcome.Permit, answer.ItemOutcome(DataItem.ReleaseDate));
        Assert.Equal(Outcome.Deny, answer.ItemOutcome(DataItem.HomeAddress));
        Assert.Equal(Outcome.ReferToCounsel, answer.ItemOutcome(DataItem.PlaceOfBirth));
        Assert.Equal(Outcome.MustComply, answer.ItemOutcome(DataItem.BookingRecord));
        // In the request's order.
        Assert.Equal([DataItem.ReleaseDate, DataItem.HomeAddress, DataItem.PlaceOfBirth, DataItem.BookingRecord], answer.Data.Select(d => d.Item));
    }

    [Theory]
    [InlineData(new[] { "release-date", "home-address" }, Outcome.Deny)]
    [InlineData(new[] { "place-of-birth", "home-address" }, Outcome.Deny)]
    [InlineData(new[] { "release-date", "place-of-birth" }, Outcome.ReferToCounsel)]
    [InlineData(new[] { "booking-record", "place-of-birth" }, Outcome.ReferToCounsel)]
    [InlineData(new[] { "booking-record", "release-date" }, Outcome.Permit)]
    [InlineData(new[] { "release-date", "booking-record" }, Outcome.Permit)]
    [InlineData(new[] { "booking-record" }, Outcome.MustComply)]
    public void Most_restrictive_item_decides_the_outcome(string[] items, Outcome expected)
    {
        Assert.Equal(expected, PerItem.Decide(Req.Disclose(items)).Outcome);
    }

    [Fact]
    public void Item_without_any_rule_is_a_gap_and_refers()
    {
        var answer = PerItem.Decide(Req.Disclose(["release-date", "contact"]));

        Assert.Equal(Outcome.ReferToCounsel, answer.ItemOutcome(DataItem.Contact));
        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Contains(Flag.Gap, answer.Flags);
        Assert.Empty(answer.DecidedBy);
    }

    [Fact]
    public void Decided_by_names_only_the_rules_of_the_items_that_fixed_the_outcome()
    {
        var answer = PerItem.Decide(Req.Disclose(["release-date", "home-address"]));

        Assert.Equal(["r.address"], answer.DecidedBy);
        Assert.Equal(["r.address", "r.release"], answer.ReasonIds());
    }

    [Fact]
    public void Each_reason_lists_the_items_it_applied_to()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.all-data", "deny")
            + LawText.Rule("r.address", "deny", when: "item is home-address"));

        var answer = engine.Decide(Req.Disclose(["release-date", "home-address"]));

        Assert.Equal([DataItem.ReleaseDate, DataItem.HomeAddress], answer.Reason("r.all-data").Items);
        Assert.Equal([DataItem.HomeAddress], answer.Reason("r.address").Items);
    }

    [Fact]
    public void Item_public_holds_only_for_items_listed_in_data_public()
    {
        var engine = TempStack.Compile(
            LawText.Rule("r.default", "deny")
            + LawText.Rule("r.public", "permit", when: "item.public", exceptionTo: "r.default"));

        var answer = engine.Decide(Req.Disclose(["release-date", "home-address"], dataPublic: ["release-date"]));

        Assert.Equal(Outcome.Permit, answer.ItemOutcome(DataItem.ReleaseDate));
        Assert.Equal(Outcome.Deny, answer.ItemOutcome(DataItem.HomeAddress));
        Assert.Equal(Outcome.Deny, answer.Outcome);
        Assert.Equal(["r.public"], answer.Reason("r.default").SetAsideBy);
        Assert.Equal([DataItem.ReleaseDate], answer.Reason("r.public").Items);
    }

    [Fact]
    public void Floor_item_under_a_lower_deny_refers_with_conflict_while_other_items_are_denied()
    {
        var engine = TempStack.Compile(
            ("federal", LawText.Rule("fed.status", "floor", when: "item is one of immigration-status, citizenship-status")),
            ("city", LawText.Rule("city.no-data", "deny", when: "act is one of disclose, bulk-disclose")));

        var statusOnly = engine.Decide(Req.Disclose(["immigration-status"]));
        var mixed = engine.Decide(Req.Disclose(["immigration-status", "home-address"]));

        Assert.Equal(Outcome.ReferToCounsel, statusOnly.Outcome);
        Assert.Equal([Flag.Fed1373Conflict], statusOnly.Flags);
        Assert.Equal(Outcome.ReferToCounsel, mixed.ItemOutcome(DataItem.ImmigrationStatus));
        Assert.Equal(Outcome.Deny, mixed.ItemOutcome(DataItem.HomeAddress));
        Assert.Equal(Outcome.Deny, mixed.Outcome);
        Assert.Equal(["city.no-data"], mixed.DecidedBy);
        Assert.Contains(Flag.Fed1373Conflict, mixed.Flags);
    }

    [Fact]
    public void Bulk_disclose_is_decided_item_by_item_too()
    {
        var answer = PerItem.Decide(Req.With("""{ "act": "bulk-disclose", "data": ["release-date", "place-of-birth"] }"""));

        Assert.Equal(Outcome.Permit, answer.ItemOutcome(DataItem.ReleaseDate));
        Assert.Equal(Outcome.ReferToCounsel, answer.ItemOutcome(DataItem.PlaceOfBirth));
        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Equal(["r.birth"], answer.DecidedBy);
    }

    [Fact]
    public void Layer_outcome_over_several_items_is_the_most_restrictive_it_reached()
    {
        var answer = PerItem.Decide(Req.Disclose(["booking-record", "release-date", "place-of-birth"]));

        Assert.Equal(["refer-to-counsel"], answer.LayerOutcomes());
    }

    [Fact]
    public void Item_test_never_holds_for_an_act_without_data()
    {
        var answer = PerItem.Decide(Req.Act("hold"));

        Assert.Equal(Outcome.ReferToCounsel, answer.Outcome);
        Assert.Empty(answer.Data);
        Assert.Empty(answer.Reasons);
        Assert.Equal([Flag.Gap], answer.Flags);
    }
}
