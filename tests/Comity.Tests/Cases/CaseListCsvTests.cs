using System.Text;
using Comity.Cases;
using Comity.Contract;
using Comity.Tests.Cli.Support;
using Comity.Tests.Recording.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Cases;

/// <summary>
/// The case list as CSV, as a spreadsheet program reads it: UTF-8 with a byte-order mark, RFC 4180
/// (CRLF, quoted when needed, quotes doubled), the list's filters applied across every page, and
/// the person's identity only when the caller may take it.
/// </summary>
public abstract class CaseListCsvTests(StoreProvider provider)
{
    [Fact]
    public async Task The_export_is_utf8_with_a_bom_crlf_quoted_as_rfc_4180_says()
    {
        using var site = new RecordingSite(provider);
        await site.DecideExample(id: "REF, with a comma and \"quotes\"");

        var bytes = Write(site, new CaseQuery(), withIdentity: false);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n");
        Assert.Equal("", lines[^1]); // every record ends with CRLF, the last too
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.Equal(string.Join(',', CaseListCsv.Columns), lines[0]);
        Assert.StartsWith("1,\"REF, with a comma and \"\"quotes\"\"\",", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("name", lines[0].Split(','));
    }

    [Fact]
    public async Task Filters_apply_to_every_page_and_identity_is_only_for_those_allowed()
    {
        using var site = new RecordingSite(provider);
        for (var i = 0; i < CaseQuery.MaxPageSize + 5; i++)
            await site.DecideExample(id: $"R-{i}", by: i % 2 == 0 ? "clerk" : "clerk");
        var person = Encoding.UTF8.GetBytes(CliExamples.ExampleLine("WITH-PERSON", r =>
            r["subject"]!.AsObject()["identity"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "=Nguyễn Văn Ánh", ["aNumber"] = "A123456789" }));
        Assert.Null((await site.Recorder.DecideAsync(person, "clerk")).Error);

        var all = Lines(Write(site, new CaseQuery(), withIdentity: false));
        Assert.Equal(CaseQuery.MaxPageSize + 6 + 1, all.Length);

        var found = Lines(Write(site, new CaseQuery { Text = "nguyễn" }, withIdentity: true));
        Assert.Equal(2, found.Length);
        Assert.EndsWith(",name,date_of_birth,booking_number,a_number", found[0], StringComparison.Ordinal);
        // A cell a spreadsheet would evaluate is written as text.
        Assert.EndsWith(",'=Nguyễn Văn Ánh,,,A123456789", found[1], StringComparison.Ordinal);

        var without = Lines(Write(site, new CaseQuery { Text = "nguyễn" }, withIdentity: false));
        Assert.DoesNotContain("Nguyễn", without[1], StringComparison.Ordinal);
        Assert.DoesNotContain("A123456789", without[1], StringComparison.Ordinal);

        Assert.Single(Lines(Write(site, new CaseQuery { Outcome = Outcome.MustComply }, withIdentity: false)));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"no\"", "\"say \"\"no\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("+1 213 555 0100", "'+1 213 555 0100")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData(null, "")]
    public void A_field_is_quoted_when_it_must_be_and_never_read_as_a_formula(string? value, string expected) =>
        Assert.Equal(expected, CaseListCsv.Field(value));

    private static byte[] Write(RecordingSite site, CaseQuery query, bool withIdentity)
    {
        using var output = new MemoryStream();
        CaseListCsv.Write(site.Cases, query, withIdentity, output);
        return output.ToArray();
    }

    private static string[] Lines(byte[] csv) => Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
}

public sealed class CaseListCsvTestsOnSqlite() : CaseListCsvTests(StoreProvider.Sqlite);

public sealed class CaseListCsvTestsOnPostgres() : CaseListCsvTests(StoreProvider.Postgres);
