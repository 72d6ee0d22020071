using Comity.Disclosure;
using Comity.Tests.Support;
using static Comity.Tests.Disclosure.Cuts;

namespace Comity.Tests.Disclosure;

/// <summary>Cutting JSON Lines exports: top-level properties are the fields.</summary>
public class JsonLinesRedactionTests
{
    private const string Export =
        """{"id":1,"name":"Doe, Jane","home":{"street":"1 Main St","city":"LA"},"cii":"A1","eyes":"brown"}""" + "\n" +
        """{ "id" : "2", "name" : "Roe \"RR\"", "cii" : ["A2", "A3"], "ssn": "222" }""" + "\r\n" +
        """{"home":"3 Elm St","ssn":"333"}""" + "\n" +
        """{"id":1,"cii":null}""";

    private static (string Output, RedactionResult Result) Cut(DisclosurePlan plan, string input, RedactionLimits? limits = null) =>
        Run(plan, input, RecordFormat.JsonLines, limits);

    [Fact]
    public void Keeps_permitted_properties_byte_for_byte_and_drops_rows_with_nothing_kept()
    {
        var (output, result) = Cut(Plan(), Export);

        Assert.Equal(
            """{"id":1,"name":"Doe, Jane","cii":"A1"}""" + "\n" +
            """{"id" : "2","name" : "Roe \"RR\"","cii" : ["A2", "A3"]}""" + "\n" +
            """{"id":1,"cii":null}""" + "\n", output);
        Assert.Equal(4, result.RowsRead);
        Assert.Equal(3, result.RowsWritten);
        Assert.Equal(
        [
            ("id", FieldBasis.Permit), ("name", FieldBasis.Permit), ("home", FieldBasis.Deny),
            ("cii", FieldBasis.Permit), ("eyes", FieldBasis.Unmapped), ("ssn", FieldBasis.CatalogNone),
        ], result.Fields.Select(f => (f.Field, f.Basis)));
    }

    [Fact]
    public void Every_line_is_valid_json_after_the_cut()
    {
        var (output, result) = Cut(Plan(), Export);

        // Every row the cut says it wrote is there (an empty output must not pass), each one a JSON object on its own line.
        var lines = output.Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.Equal(result.RowsWritten, lines.Length - 1);
        Assert.True(result.RowsWritten > 0);
        foreach (var line in lines[..^1])
        {
            using var row = System.Text.Json.JsonDocument.Parse(line);
            Assert.Equal(System.Text.Json.JsonValueKind.Object, row.RootElement.ValueKind);
        }
    }

    [Fact]
    public void For_a_named_person_keeps_rows_whose_subject_is_that_string_or_number()
    {
        var request = Req.With("""{ "act": "disclose", "data": ["criminal-history"] }""");

        Assert.Equal("{\"cii\":\"A1\"}\n{\"cii\":null}\n", Cut(Plan(request, subject: Subject(("id", "1"))), Export).Output);
        Assert.Equal("{\"cii\" : [\"A2\", \"A3\"]}\n", Cut(Plan(request, subject: Subject(("id", "2"))), Export).Output);
        Assert.Equal("", Cut(Plan(request, subject: Subject(("id", "3"))), Export).Output);
    }

    [Fact]
    public void Escaped_names_and_values_are_compared_as_text()
    {
        var request = Req.With("""{ "act": "disclose", "data": ["criminal-history"] }""");
        var input = """{"\u0069d":"\u0031","cii":"A1"}""" + "\n";

        Assert.Equal("{\"cii\":\"A1\"}\n", Cut(Plan(request, subject: Subject(("id", "1"))), input).Output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public void Lines_that_cross_window_boundaries_are_cut_the_same(int window)
    {
        Assert.Equal(Cut(Plan(), Export).Output, Cut(Plan(), Export, Tiny(window)).Output);
    }

    [Fact]
    public void A_property_given_twice_is_refused()
    {
        Assert.Equal("in.jsonl:2:10: property \"cii\" is given twice in this record: which one the catalog means cannot be told",
            Error(Plan(), "{\"id\":1}\n{\"cii\":1,\"cii\":2}\n", RecordFormat.JsonLines));
    }

    [Fact]
    public void Invalid_json_is_refused_with_its_line_and_column()
    {
        var error = Error(Plan(), "{\"id\":1}\n{\"id\":2,\"name\":\"Doe}\n", RecordFormat.JsonLines);

        Assert.StartsWith("in.jsonl:2:21: not valid JSON:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_that_is_not_an_object_is_refused()
    {
        Assert.Equal("in.jsonl:2:1: expected a JSON object (one record per line)", Error(Plan(), "{\"id\":1}\n[1,2]\n", RecordFormat.JsonLines));
        Assert.StartsWith("in.jsonl:1:10: not valid JSON:", Error(Plan(), "{\"id\":1} {\"id\":2}\n", RecordFormat.JsonLines), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_line_is_refused()
    {
        Assert.Equal("in.jsonl:2:1: an empty line; expected a JSON object (one record per line)", Error(Plan(), "{\"id\":1}\n\n{\"id\":2}\n", RecordFormat.JsonLines));
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_refused()
    {
        var input = "{\"id\":1}\n{\"name\":\"" + new string('x', 2000) + "\"}\n";

        Assert.Equal("in.jsonl:2:1: a line longer than 1,024 bytes, the longest taken",
            Error(Plan(), input, RecordFormat.JsonLines, new RedactionLimits { InitialBufferBytes = 64, MaxRecordBytes = 1024 }));
    }

    [Fact]
    public void Too_many_distinct_property_names_are_refused_so_memory_stays_bounded()
    {
        var input = string.Concat(Enumerable.Range(0, 20).Select(i => $"{{\"f{i}\":1}}\n"));

        Assert.Equal("in.jsonl:11:2: more than 10 distinct property names in the file; a record export has a fixed set of fields",
            Error(Plan(), input, RecordFormat.JsonLines, new RedactionLimits { MaxDistinctFields = 10 }));
    }
}
