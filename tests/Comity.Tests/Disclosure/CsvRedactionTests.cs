using System.Text;
using Comity.Disclosure;
using Comity.Tests.Support;
using static Comity.Tests.Disclosure.Cuts;

namespace Comity.Tests.Disclosure;

/// <summary>Cutting CSV exports: what is kept, byte for byte, and which rows.</summary>
public class CsvRedactionTests
{
    private const string Export =
        "id,name,home,cii,ssn,eyes\n" +
        "1,\"Doe, Jane\",1 Main St,A1,111-11-1111,brown\n" +
        "2,\"Roe \"\"RR\"\" Rick\",\"2 Elm St, Apt 3\",A2,222-22-2222,blue\n" +
        "1,\"Doe, Jane\",\"multi\nline\",A3,111-11-1111,brown\n";

    [Fact]
    public void Keeps_only_permitted_fields_in_their_order_copying_them_byte_for_byte()
    {
        var (output, result) = Run(Plan(), Export);

        Assert.Equal(
            "id,name,cii\n" +
            "1,\"Doe, Jane\",A1\n" +
            "2,\"Roe \"\"RR\"\" Rick\",A2\n" +
            "1,\"Doe, Jane\",A3\n", output);
        Assert.Equal(3, result.RowsRead);
        Assert.Equal(3, result.RowsWritten);
        Assert.Equal(
        [
            ("id", FieldBasis.Permit), ("name", FieldBasis.Permit), ("home", FieldBasis.Deny),
            ("cii", FieldBasis.Permit), ("ssn", FieldBasis.CatalogNone), ("eyes", FieldBasis.Unmapped),
        ], result.Fields.Select(f => (f.Field, f.Basis)));
        Assert.Equal(["r.deny"], result.Fields[2].Rules);
    }

    [Fact]
    public void For_a_named_person_keeps_only_that_persons_rows()
    {
        var request = Req.With("""{ "act": "disclose", "data": ["personal-info", "criminal-history"] }""");
        var (output, result) = Run(Plan(request, subject: Subject(("id", "1"))), Export);

        Assert.Equal("id,name,cii\n1,\"Doe, Jane\",A1\n1,\"Doe, Jane\",A3\n", output);
        Assert.Equal(3, result.RowsRead);
        Assert.Equal(2, result.RowsWritten);
    }

    [Fact]
    public void A_subject_value_is_compared_after_unquoting_and_exactly()
    {
        var catalog = Catalog(CatalogJson.Replace("\"subject\": [\"id\"]", "\"subject\": [\"name\"]", StringComparison.Ordinal));
        var request = Req.With("""{ "act": "disclose", "data": ["criminal-history"] }""");

        Assert.Equal("cii\nA2\n", Run(Plan(request, catalog, Subject(("name", "Roe \"RR\" Rick"))), Export).Output);
        Assert.Equal("cii\n", Run(Plan(request, catalog, Subject(("name", "roe \"RR\" rick"))), Export).Output);
        Assert.Equal("cii\n", Run(Plan(request, catalog, Subject(("name", "Roe \"RR\" Rick "))), Export).Output);
    }

    [Fact]
    public void Keeps_the_exports_line_ends_and_takes_a_last_line_without_one()
    {
        var (output, _) = Run(Plan(), "id,home,cii\r\n1,\"a\r\nb\",A1\r\n2,x,A2");

        Assert.Equal("id,cii\r\n1,A1\r\n2,A2\r\n", output);
    }

    [Fact]
    public void Skips_a_utf8_byte_order_mark_and_keeps_other_characters_as_they_are()
    {
        var (output, result) = Run(Plan(), "\uFEFFname,home\nJosé Ñúñez,Calle 1\n\"李, 小龍\",x\n");

        Assert.Equal("name\nJosé Ñúñez\n\"李, 小龍\"\n", output);
        Assert.Equal(FieldBasis.Permit, result.Fields[0].Basis); // "name", not "\uFEFFname"
    }

    [Fact]
    public void Releases_nothing_when_no_field_is_permitted()
    {
        var (output, result) = Run(Plan(Bulk("home-address")), Export);

        Assert.Equal("", output);
        Assert.Equal(3, result.RowsRead);
        Assert.Equal(0, result.RowsWritten);
        Assert.Equal(0, result.OutputBytes);
    }

    [Fact]
    public void An_export_with_a_header_and_no_rows_is_cut_to_the_header()
    {
        Assert.Equal("id,cii\n", Run(Plan(), "id,home,cii\n").Output);
    }

    [Fact]
    public void Digests_are_the_sha256_of_the_bytes_read_and_written()
    {
        var input = Encoding.UTF8.GetBytes("\uFEFF" + Export);
        var (output, result) = Run(Plan(), input);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(input)), result.InputSha256);
        Assert.Equal(input.Length, result.InputBytes);
        var written = Encoding.UTF8.GetBytes(output);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(written)), result.OutputSha256);
        Assert.Equal(written.Length, result.OutputBytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(64)]
    [InlineData(100)]
    public void Records_that_cross_window_boundaries_are_cut_the_same(int window)
    {
        var expected = Run(Plan(), Export).Output;

        Assert.Equal(expected, Run(Plan(), Export, limits: Tiny(window)).Output);
    }
}
