using System.Text;
using Comity.Contract;
using Comity.Disclosure;
using Comity.Tests.Support;

namespace Comity.Tests.Disclosure;

/// <summary>A catalog the city edits: read strictly, every error with file:line:column.</summary>
public class CatalogReaderTests
{
    private static DataCatalog Read(string json) => CatalogReader.Read(Encoding.UTF8.GetBytes(json), "catalog.json");

    private static IReadOnlyList<string> Errors(string json) =>
        Assert.Throws<DisclosureException>(() => Read(json)).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void Reads_fields_items_none_and_subject_with_comments()
    {
        var catalog = Read("""
            // The booking system.
            {
              "system": "bookings",
              "jurisdiction": "us/ca/los-angeles",
              "title": "Bookings",
              "subject": ["cii"], /* the state's index number */
              "fields": { "cii": "criminal-history", "home": "home-address", "ssn": "none" }
            }
            """);

        Assert.Equal("bookings", catalog.System);
        Assert.Equal("us/ca/los-angeles", catalog.Jurisdiction);
        Assert.Equal(["cii"], catalog.Subject);
        Assert.Equal(DataItem.CriminalHistory, catalog.Find("cii")!.Item);
        Assert.Equal(DataItem.HomeAddress, catalog.Find("home")!.Item);
        Assert.Null(catalog.Find("ssn")!.Item);
        Assert.NotNull(catalog.Find("ssn"));
        Assert.Null(catalog.Find("SSN")); // names are exact: another spelling is unmapped
        Assert.StartsWith("sha256:", catalog.Digest, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_item_is_refused_where_it_stands_with_the_items_expected()
    {
        var errors = Errors("""
            {
              "system": "bookings", "jurisdiction": "test", "subject": ["id"],
              "fields": {
                "id": "personal-info",
                "home": "home-adress"
              }
            }
            """);

        var error = Assert.Single(errors);
        Assert.StartsWith("catalog.json:5:13: field \"home\": \"home-adress\" is not a data item; expected one of immigration-status, ", error, StringComparison.Ordinal);
        Assert.EndsWith("or \"none\" (never released)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        var errors = Errors("""
            {
              "system": "Bookings!",
              "jurisdiction": "test",
              "subject": ["person"],
              "colour": "blue",
              "fields": { "id": "personal-info", "id": "none", "x": 3 }
            }
            """);

        Assert.Equal(
        [
            "catalog.json:2:13: \"system\": \"Bookings!\" is not an id; expected the record system's id, such as lapd-booking-records (lower-case letters, digits, - and /)",
            "catalog.json:5:3: unknown property \"colour\"; expected system, jurisdiction, title, subject or fields",
            "catalog.json:6:38: field \"id\" is mapped twice",
            "catalog.json:6:57: field \"x\": expected a data item name or \"none\"",
            "catalog.json:4:14: subject field \"person\" is not among the catalog's fields",
        ], errors);
    }

    [Fact]
    public void Required_properties_are_named()
    {
        var errors = Errors("""{ "title": "no system" }""");

        Assert.Equal(
        [
            "catalog.json:1:1: \"system\" is required",
            "catalog.json:1:1: \"jurisdiction\" is required",
            "catalog.json:1:1: \"fields\" is required: an object mapping each field name to a data item or \"none\"",
        ], errors);
    }

    [Fact]
    public void Text_that_is_not_json_is_refused_with_its_line_and_column()
    {
        var error = Assert.Single(Errors("{\n  \"system\": \"x\",\n  \"fields\": { \"a\" \"none\" }\n}"));

        Assert.StartsWith("catalog.json:3:19: not valid JSON:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_subject_is_refused()
    {
        var error = Assert.Single(Errors("""{ "system": "s", "jurisdiction": "test", "subject": [], "fields": {} }"""));

        Assert.Equal("catalog.json:1:53: \"subject\": expected an array of the field names that together identify the person a row is about; it is empty", error);
    }

    [Fact]
    public void Every_catalog_of_every_stack_loads_and_serves_its_stack()
    {
        var catalogs = Directory.GetFiles(RepoRoot.Combine("stacks"), "*.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "catalog")
            .ToList();

        Assert.NotEmpty(catalogs);
        foreach (var file in catalogs)
        {
            var catalog = CatalogReader.Load(file);
            var stackFolder = Path.GetDirectoryName(Path.GetDirectoryName(file))!;
            Assert.Equal(Path.GetRelativePath(RepoRoot.Combine("stacks"), stackFolder).Replace('\\', '/'), catalog.Jurisdiction);
            Assert.NotEmpty(catalog.Subject);
        }
    }

    [Fact]
    public void The_los_angeles_catalogs_cover_booking_records_the_jail_roster_alpr_reads_and_case_files()
    {
        var systems = Directory.GetFiles(RepoRoot.Combine("stacks/us/ca/los-angeles/catalog"), "*.json")
            .Select(f => CatalogReader.Load(f).System).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["lapd-alpr-reads", "lapd-booking-records", "lapd-case-files", "lapd-jail-roster"], systems);
    }
}
