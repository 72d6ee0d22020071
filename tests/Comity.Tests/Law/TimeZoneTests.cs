using Comity.Law;
using Comity.Tests.Support;

namespace Comity.Tests.Law;

/// <summary>
/// stack.law names the time zone people read the stack's times in, for the stack and optionally
/// per unit; a unit keeps its own, else the nearest enclosing unit's, else the stack's, else UTC.
/// </summary>
public class TimeZoneTests
{
    private static TempStack Stack(string header, string units = "") => TempStack.Files(
        ("stack.law", $"stack {TempStack.DefaultId}\n  title \"Test stack\"\n  layers city\n{header}{units}"),
        ("city/rules.law", LawText.Rule("city.r", "deny")));

    private const string Units = """

        unit police
          kind law-enforcement

        unit jail
          kind jail
          within police

        unit harbour-office
          kind other-department
          time-zone "Pacific/Honolulu"

        unit harbour-desk
          kind other-department
          within harbour-office

        """;

    [Fact]
    public void A_unit_keeps_its_own_zone_else_its_parents_else_the_stacks()
    {
        using var stack = Stack("  time-zone \"America/Chicago\"\n", Units);
        var loaded = stack.Load();

        Assert.Equal("America/Chicago", loaded.TimeZone);
        Assert.Equal("America/Chicago", loaded.TimeZoneIdOf("jail"));
        Assert.Equal("Pacific/Honolulu", loaded.TimeZoneIdOf("harbour-office"));
        Assert.Equal("Pacific/Honolulu", loaded.TimeZoneIdOf("harbour-desk"));
        Assert.Equal("America/Chicago", loaded.TimeZoneIdOf("not-declared"));
        Assert.Equal("America/Chicago", loaded.TimeZoneIdOf(null));
        // Chicago keeps daylight time: 1 July 2025 is UTC-5, 1 January UTC-6.
        Assert.Equal(TimeSpan.FromHours(-5), loaded.TimeZoneOf("jail").GetUtcOffset(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(-6), loaded.TimeZoneOf("jail").GetUtcOffset(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_stack_that_names_no_zone_keeps_utc()
    {
        using var stack = Stack("", Units);
        var loaded = stack.Load();

        Assert.Null(loaded.TimeZone);
        Assert.Equal("UTC", loaded.TimeZoneIdOf("jail"));
        Assert.Equal("Pacific/Honolulu", loaded.TimeZoneIdOf("harbour-desk"));
        Assert.Equal(TimeSpan.Zero, loaded.TimeZoneOf("police").BaseUtcOffset);
    }

    [Theory]
    [InlineData("America/Los_Angles")]
    [InlineData("Pacific Standard Time")]
    [InlineData("../../../etc/passwd")]
    [InlineData("")]
    public void A_zone_that_is_no_iana_id_is_refused_at_its_place(string zone)
    {
        using var stack = Stack($"  time-zone \"{zone}\"\n");

        var error = Assert.Single(stack.Errors());

        Assert.Equal($"stack.law:4:13: \"{zone}\" is not an IANA time-zone id (Area/Location, such as \"America/Los_Angeles\", \"America/Chicago\" or \"UTC\")", stack.Relative(error));
    }

    [Fact]
    public void A_units_zone_is_checked_too_and_must_be_quoted()
    {
        using var stack = Stack("", "\nunit police\n  kind law-enforcement\n  time-zone \"Mars/Olympus\"\n\nunit jail\n  kind jail\n  time-zone America/Chicago\n");

        var errors = stack.Errors().Select(stack.Relative).ToList();

        Assert.Equal(
            [
                "stack.law:7:13: \"Mars/Olympus\" is not an IANA time-zone id (Area/Location, such as \"America/Los_Angeles\", \"America/Chicago\" or \"UTC\")",
                "stack.law:11:13: expected the unit's time zone in quotes, an IANA id such as \"America/Los_Angeles\", found \"America/Chicago\"",
            ],
            errors);
    }

    [Theory]
    [InlineData("stacks/us/ca/los-angeles", "lapd-jail-division", "America/Los_Angeles")]
    [InlineData("stacks/us/tx/austin", "apd", "America/Chicago")]
    public void The_two_cities_keep_their_own_zones(string folder, string unit, string zone)
    {
        var stack = StackLoader.Load(RepoRoot.Combine(folder));

        Assert.Equal(zone, stack.TimeZone);
        Assert.Equal(zone, stack.TimeZoneIdOf(unit));
    }
}
